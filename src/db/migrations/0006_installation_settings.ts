import { sql, type Kysely } from 'kysely';

/**
 * Installation settings that dated rules read: the time zone that says which day "today" is (EXPL-1 explains a
 * dated action for today there; WL-6's window ends one year after it), and the work-date window an
 * administrator may narrow (WL-6: 2000-01-01 to one year ahead at most; `worklog_days_ahead` null means one
 * calendar year).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_settings
    add column time_zone text not null default 'UTC',
    add column worklog_earliest date not null default '2000-01-01',
    add column worklog_days_ahead int check (worklog_days_ahead between 0 and 366),
    add constraint app_settings_worklog_earliest_ck check (worklog_earliest >= date '2000-01-01')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Timeward migrations are forward-only');
}
