import { sql } from 'kysely';
import type { Database } from '../db/index.js';

/** The installation settings that dated rules read (migration 0006). */
export interface DateSettings {
  timeZone: string;
  /** The work-date window (WL-6), inclusive, as calendar dates. */
  earliest: string;
  latest: string;
  /** Today in the installation's time zone (EXPL-1 explains a dated action for this day when none is given). */
  today: string;
}

/** The calendar date of `at` in the IANA zone `timeZone` (`YYYY-MM-DD`). */
export function calendarDateIn(timeZone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `date` plus `years` calendar years (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Reads the date settings in one query; `db` may be a transaction. */
export async function loadDateSettings(db: Database, at: Date = new Date()): Promise<DateSettings> {
  const row = await db.selectFrom('app_settings')
    .select(['time_zone', sql<string>`to_char(worklog_earliest, 'YYYY-MM-DD')`.as('earliest'), 'worklog_days_ahead'])
    .executeTakeFirstOrThrow();
  const today = calendarDateIn(row.time_zone, at);
  const yearAhead = addYears(today, 1);
  const latest = row.worklog_days_ahead === null ? yearAhead : [addDays(today, row.worklog_days_ahead), yearAhead].sort()[0]!;
  return { timeZone: row.time_zone, earliest: row.earliest, latest, today };
}
