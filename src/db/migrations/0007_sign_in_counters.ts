import { sql, type Kysely } from 'kysely';

/**
 * ID-4 under parallel attempts: one row per login (`login:<lower(login)>`) and per client address
 * (`ip:<address>`) counts the sign-in attempts of its window. A sign-in reserves its attempt by upserting
 * both rows with `on conflict do update … where failures < limit`, which PostgreSQL evaluates on the row's
 * latest committed version under its row lock, so parallel attempts cannot all read the same old count
 * (docs/decisions.md, "Sign-in limit, deletion, headers").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table sign_in_counters (
    key text primary key,
    failures int not null check (failures >= 0),
    window_start timestamptz not null)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
