import { sql, type Kysely } from 'kysely';

/**
 * Shared report links (REP-6): a report (its range, groupings and filters) shared as a link that expires within 90
 * days and can be revoked. Only the SHA-256 of the link's token is stored; every open reads the creator's permissions
 * as they are then, and is counted here and audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table report_links (
    id int generated always as identity primary key,
    creator_id int not null references users(id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    report jsonb not null,
    include_money boolean not null default false,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz,
    opened_count int not null default 0,
    last_opened_at timestamptz)`.execute(db);
  await sql`create index report_links_creator_idx on report_links (creator_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
