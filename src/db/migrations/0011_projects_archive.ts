import { sql, type Kysely } from 'kysely';

/**
 * An archived project (PRJ-1, issue 13) takes no new work logs and no new items, and drops out of the default project
 * list; its data stays readable. `archived_at` is null while the project is active.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table projects add column archived_at timestamptz`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
