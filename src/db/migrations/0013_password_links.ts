import { sql, type Kysely } from 'kysely';

/**
 * One-time set-password links (ID-1, issue 13): an administrator hands a user a link instead of a password. Only the
 * SHA-256 of the link's token is stored, so a database dump opens no account; a link works once (`used_at`), until it
 * expires, and a newer link for the same user revokes the older ones (`revoked_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table password_links (
    id int generated always as identity primary key,
    user_id int not null references users(id) on delete cascade,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz)`.execute(db);
  await sql`create index password_links_user_idx on password_links (user_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
