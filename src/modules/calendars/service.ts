import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { addDays } from '../../lib/periods.js';
import { audit } from '../audit/repo.js';
import { knownRegion, regionsOf } from './calendar.js';
import { calendarOut } from './present.js';
import * as repo from './repo.js';
import type { CalendarOut, DayOffOut, ScheduleIn } from './schema.js';

/** How far ahead a calendar lists the days off coming up. */
const UPCOMING_DAYS = 90;

/**
 * Working calendars (issue 16). Every action is global and decided by the access hook: my own calendar (`self.read`);
 * anyone's, and setting their working time, for user administrators (`admin.users`: app_admin, system administrators);
 * the company's days off for installation administrators (`admin.settings`). Every change is audited.
 */
export function createCalendarService({ db }: Deps) {
  async function calendarOf(userId: number): Promise<CalendarOut> {
    const user = await repo.findUser(db, userId);
    if (!user) throw notFound('user');
    const { today } = await loadDateSettings(db);
    const until = addDays(today, UPCOMING_DAYS);
    const calendar = (await repo.loadCalendars(db, [userId], { from: today, to: '9999-12-31' })).get(userId)!;
    return calendarOut(user, calendar, today, until);
  }

  async function setSchedule(actor: Actor, userId: number, input: ScheduleIn): Promise<CalendarOut> {
    if (input.holidayRegion !== null && !knownRegion(input.holidayRegion))
      throw badRequest('holidayRegion', `No holiday calendar is known for ${input.holidayRegion}.`);
    await db.transaction().execute(async (trx) => {
      if (!(await repo.findUser(trx, userId))) throw notFound('user');
      const row = { valid_from: input.validFrom, day_seconds: input.daySeconds, holiday_region: input.holidayRegion };
      const before = await repo.upsertSchedule(trx, userId, row);
      await audit(trx, actor, 'schedule.set', userId, { before: before ?? undefined, after: row });
    });
    return calendarOf(userId);
  }

  async function deleteSchedule(actor: Actor, userId: number, validFrom: string): Promise<CalendarOut> {
    await db.transaction().execute(async (trx) => {
      const before = await repo.deleteSchedule(trx, userId, validFrom);
      if (!before) throw notFound('working time from that day');
      await audit(trx, actor, 'schedule.delete', userId, { before });
    });
    return calendarOf(userId);
  }

  async function daysOff(year: number): Promise<{ items: DayOffOut[] }> {
    return { items: await repo.findDaysOff(db, `${year}-01-01`, `${year}-12-31`) };
  }

  async function addDayOff(actor: Actor, input: { day: string; name: string }): Promise<DayOffOut> {
    return db.transaction().execute(async (trx) => {
      if (!(await repo.insertDayOff(trx, input.day, input.name)))
        throw new AppError(409, 'day_off_exists', `${input.day} is a company day off already`, 'day');
      await audit(trx, actor, 'dayOff.create', input.day, { after: input });
      return input;
    });
  }

  async function deleteDayOff(actor: Actor, day: string): Promise<DayOffOut> {
    return db.transaction().execute(async (trx) => {
      const before = await repo.deleteDayOff(trx, day);
      if (!before) throw notFound('company day off');
      await audit(trx, actor, 'dayOff.delete', day, { before: { day, name: before.name } });
      return { day, name: before.name };
    });
  }

  const regions = async (country?: string) => ({ items: regionsOf(country) });

  return { calendarOf, setSchedule, deleteSchedule, daysOff, addDayOff, deleteDayOff, regions };
}
