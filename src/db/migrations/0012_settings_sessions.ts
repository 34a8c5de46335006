import { sql, type Kysely } from 'kysely';

/**
 * How long a new session lasts, in hours: 1 hour to 90 days, by default the 14 days sign-in always gave. A session
 * keeps the expiry it was given when it began (see docs/decisions.md), so only sessions begun after a change follow it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_settings
    add column session_hours int not null default 336 check (session_hours between 1 and 2160)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
