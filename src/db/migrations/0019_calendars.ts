import { sql, type Kysely } from 'kysely';

/**
 * Working calendars (issue 16): a person's working time per weekday (seconds, Monday first) and holiday region,
 * effective-dated — a version holds from its first day until the next — and the company's days off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table work_schedules (
    id int generated always as identity primary key,
    user_id int not null references users(id) on delete cascade,
    valid_from date not null,
    day_seconds int[] not null check (cardinality(day_seconds) = 7 and 0 <= all(day_seconds) and 86400 >= all(day_seconds)),
    holiday_region text,
    created_at timestamptz not null default now(),
    unique (user_id, valid_from))`.execute(db);
  await sql`create table company_days_off (day date primary key, name text not null)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
