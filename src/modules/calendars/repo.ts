import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Calendar, LeaveDay, ScheduleVersion } from './calendar.js';

/** Working calendars' rows: schedule versions per person, the company's days off. */

export interface ScheduleRow {
  user_id: number;
  valid_from: string;
  day_seconds: number[];
  holiday_region: string | null;
}

/** Every schedule version of the users that starts on or before `upTo`, by user and first day. */
export async function findSchedules(db: Database, userIds: readonly number[], upTo: string): Promise<ScheduleRow[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<ScheduleRow>`select user_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, day_seconds,
      holiday_region
    from work_schedules where user_id = any(${[...userIds]}::int[]) and valid_from <= ${upTo}::date
    order by user_id, valid_from`.execute(db);
  return rows;
}

export async function findDaysOff(db: Database, from: string, to: string) {
  const { rows } = await sql<{ day: string; name: string }>`select to_char(day, 'YYYY-MM-DD') as day, name
    from company_days_off where day between ${from}::date and ${to}::date order by day`.execute(db);
  return rows;
}

/** Sets the version that starts on the day (replacing one that starts then); the row before, if any. */
export async function upsertSchedule(trx: Database, userId: number, row: Omit<ScheduleRow, 'user_id'>) {
  const before = await findSchedule(trx, userId, row.valid_from);
  await sql`insert into work_schedules (user_id, valid_from, day_seconds, holiday_region)
    values (${userId}, ${row.valid_from}::date, ${row.day_seconds}::int[], ${row.holiday_region})
    on conflict (user_id, valid_from) do update set day_seconds = excluded.day_seconds,
      holiday_region = excluded.holiday_region`.execute(trx);
  return before;
}

export async function findSchedule(db: Database, userId: number, validFrom: string) {
  const { rows } = await sql<ScheduleRow>`select user_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, day_seconds,
      holiday_region from work_schedules where user_id = ${userId} and valid_from = ${validFrom}::date`.execute(db);
  return rows[0];
}

export async function deleteSchedule(trx: Database, userId: number, validFrom: string) {
  const { rows } = await sql<ScheduleRow>`delete from work_schedules where user_id = ${userId}
    and valid_from = ${validFrom}::date
    returning user_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, day_seconds, holiday_region`.execute(trx);
  return rows[0];
}

/** Adds a day off; false when the day is one already. */
export async function insertDayOff(trx: Database, day: string, name: string): Promise<boolean> {
  const { rows } = await sql`insert into company_days_off (day, name) values (${day}::date, ${name})
    on conflict (day) do nothing returning day`.execute(trx);
  return rows.length > 0;
}

export async function deleteDayOff(trx: Database, day: string) {
  const { rows } = await sql<{ name: string }>`delete from company_days_off where day = ${day}::date
    returning name`.execute(trx);
  return rows[0];
}

/** The days of the users' approved leave in the range (FLOW-4), with the request and whether the day is a half one. */
export async function findLeaveDays(db: Database, userIds: readonly number[], from: string, to: string) {
  if (userIds.length === 0) return [];
  const { rows } = await sql<{ user_id: number; request_id: number; day: string; half: boolean }>`select l.user_id,
      l.id as request_id, to_char(d.day, 'YYYY-MM-DD') as day,
      (d.day = l.start_date and l.start_half) or (d.day = l.end_date and l.end_half) as half
    from leave_requests l
      cross join lateral generate_series(greatest(l.start_date, ${from}::date), least(l.end_date, ${to}::date),
        interval '1 day') d(day)
    where l.user_id = any(${[...userIds]}::int[]) and l.state = 'approved'
      and l.start_date <= ${to}::date and l.end_date >= ${from}::date`.execute(db);
  return rows;
}

/**
 * The calendars of the users over a range: one query each for their schedule versions, the days off and their
 * approved leave.
 */
export async function loadCalendars(
  db: Database,
  userIds: readonly number[],
  range: { from: string; to: string },
): Promise<Map<number, Calendar>> {
  const [schedules, daysOff, leaveDays] = await Promise.all([
    findSchedules(db, userIds, range.to),
    findDaysOff(db, range.from, range.to),
    findLeaveDays(db, userIds, range.from, range.to),
  ]);
  const off = new Map(daysOff.map((d) => [d.day, d.name]));
  const leave = new Map<number, Map<string, LeaveDay>>(userIds.map((id) => [id, new Map()]));
  for (const d of leaveDays) leave.get(d.user_id)!.set(d.day, { requestId: d.request_id, half: d.half });
  const calendars = new Map<number, Calendar>(
    userIds.map((id) => [id, { schedules: [], daysOff: off, leave: leave.get(id) }]),
  );
  for (const row of schedules)
    (calendars.get(row.user_id)!.schedules as ScheduleVersion[]).push({
      validFrom: row.valid_from,
      daySeconds: row.day_seconds,
      holidayRegion: row.holiday_region,
    });
  return calendars;
}

export function findUser(db: Database, id: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}
