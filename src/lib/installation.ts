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

/** Today in the installation's time zone, over `app_settings s`. */
const todayExpr = sql`(now() at time zone s.time_zone)::date`;
/** The last work date WL-6 admits, over `app_settings s`: one calendar year after today, or fewer days when narrowed. */
const latestExpr = sql`least((${todayExpr} + interval '1 year')::date, ${todayExpr} + coalesce(s.worklog_days_ahead, 366))`;

/**
 * WL-6 as a condition a write can carry in its own statement: `date` lies in the installation's window. The one
 * definition of the window, which `loadDateSettings` reads too, so a check and a write cannot disagree.
 */
export function inWorkDateWindow(date: string) {
  return sql<boolean>`exists (select 1 from app_settings s where ${date}::date between s.worklog_earliest and ${latestExpr})`;
}

/** Reads the date settings in one query; `db` may be a transaction. */
export async function loadDateSettings(db: Database): Promise<DateSettings> {
  const { rows } = await sql<{ time_zone: string; earliest: string; latest: string; today: string }>`
    select s.time_zone, to_char(s.worklog_earliest, 'YYYY-MM-DD') as earliest, to_char(${latestExpr}, 'YYYY-MM-DD') as latest,
           to_char(${todayExpr}, 'YYYY-MM-DD') as today
    from app_settings s`.execute(db);
  const row = rows[0]!;
  return { timeZone: row.time_zone, earliest: row.earliest, latest: row.latest, today: row.today };
}
