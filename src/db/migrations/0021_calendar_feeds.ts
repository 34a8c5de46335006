import { sql, type Kysely } from 'kysely';

/**
 * Calendar feeds (issue 16): a personal iCal feed of one's leave, or a team feed of its members' leave, each behind a
 * secret token (only its digest is stored) that its owner revokes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table calendar_feeds (
    id int generated always as identity primary key,
    user_id int not null references users(id) on delete cascade,
    team_id int references teams(id) on delete cascade,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    revoked_at timestamptz)`.execute(db);
  await sql`create index calendar_feeds_user_idx on calendar_feeds (user_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
