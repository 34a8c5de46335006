import Holidays from 'date-holidays';

/**
 * A person's working calendar (issue 16): working time per weekday, effective-dated; the public holidays of their
 * region (date-holidays, by country and region); the company's days off. Pure: the service loads the rows, this works
 * out each day's capacity.
 */

/** Working seconds Monday to Sunday: the default until someone sets a schedule — eight hours on weekdays. */
export const DEFAULT_WEEK: readonly number[] = [8, 8, 8, 8, 8, 0, 0].map((h) => h * 3600);

export interface ScheduleVersion {
  /** The first day the version applies; it holds until the next version's first day. */
  validFrom: string;
  /** Working seconds, Monday first. */
  daySeconds: readonly number[];
  /** A holiday region: a country ("DE") or a country and region ("DE-BY"); null for none. */
  holidayRegion: string | null;
}

/** A day of approved leave (FLOW-4): the request, and whether only half the day is taken. */
export interface LeaveDay {
  requestId: number;
  half: boolean;
}

export interface Calendar {
  /** Sorted by validFrom. */
  schedules: readonly ScheduleVersion[];
  /** Company days off by day. */
  daysOff: ReadonlyMap<string, string>;
  /** Approved leave by day (none when not loaded). */
  leave?: ReadonlyMap<string, LeaveDay>;
}

export interface Day {
  seconds: number;
  /** Why a working day has no capacity: a public holiday's or a company day off's name. */
  off: { kind: 'holiday' | 'dayOff'; name: string } | null;
  /** Approved leave on a working day: it takes the day's capacity, or half of it (FLOW-4). */
  leave: LeaveDay | null;
}

const weekdays = new Map<string, number>();
/** Monday 0 … Sunday 6; remembered per day, as a timeline asks it of every person's every day. */
function weekdayIndex(day: string): number {
  let index = weekdays.get(day);
  if (index === undefined) {
    index = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    weekdays.set(day, index);
  }
  return index;
}

/** The schedule version in force on the day (versions sorted by validFrom), or the default week. */
export function versionOn(calendar: Calendar, day: string): ScheduleVersion {
  let found: ScheduleVersion | undefined;
  for (const v of calendar.schedules) if (v.validFrom <= day) found = v;
  return found ?? { validFrom: '0001-01-01', daySeconds: DEFAULT_WEEK, holidayRegion: null };
}

const holidayCache = new Map<string, Map<string, string>>();

/** The public holidays of a region in a year, day → name (English), computed once per region and year. */
export function holidaysOf(region: string, year: number): ReadonlyMap<string, string> {
  const key = `${region}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const [country, state] = region.split('-');
    const calendar = new Holidays(country, state ?? '', { languages: ['en'], types: ['public'] });
    days = new Map((calendar.getHolidays(year) || []).map((h) => [h.date.slice(0, 10), h.name]));
    holidayCache.set(key, days);
  }
  return days;
}

/**
 * A day's capacity: the schedule's time for its weekday, none on a public holiday of the region or a company day off,
 * none (or half) on a day of approved leave.
 */
export function dayOf(calendar: Calendar, day: string): Day {
  const version = versionOn(calendar, day);
  const seconds = version.daySeconds[weekdayIndex(day)];
  const dayOff = calendar.daysOff.get(day);
  if (dayOff !== undefined)
    return { seconds: 0, off: seconds > 0 ? { kind: 'dayOff', name: dayOff } : null, leave: null };
  const holiday = version.holidayRegion
    ? holidaysOf(version.holidayRegion, Number(day.slice(0, 4))).get(day)
    : undefined;
  if (holiday !== undefined)
    return { seconds: 0, off: seconds > 0 ? { kind: 'holiday', name: holiday } : null, leave: null };
  const leave = seconds > 0 ? (calendar.leave?.get(day) ?? null) : null;
  if (leave) return { seconds: leave.half ? Math.round(seconds / 2) : 0, off: null, leave };
  return { seconds, off: null, leave: null };
}

/** The working days of a leave request on the calendar: whole days count 1, a half day at either end 0.5. */
export function leaveDaysOf(
  calendar: Calendar,
  days: readonly string[],
  half: { start: boolean; end: boolean },
): number {
  let count = 0;
  for (const [k, day] of days.entries()) {
    if (dayOf({ ...calendar, leave: undefined }, day).seconds === 0) continue;
    const halved = (k === 0 && half.start) || (k === days.length - 1 && half.end);
    count += halved ? 0.5 : 1;
  }
  return count;
}

/** The capacity of each day, summed. */
export const capacityOfDays = (calendar: Calendar, days: readonly string[]) =>
  days.reduce((sum, day) => sum + dayOf(calendar, day).seconds, 0);

/** Whether date-holidays knows the region ("DE", "DE-BY"). */
export function knownRegion(region: string): boolean {
  const [country, state] = region.split('-');
  const all = new Holidays();
  if (!all.getCountries('en')?.[country]) return false;
  return state === undefined || Boolean(all.getStates(country, 'en')?.[state]);
}

/** Countries, or a country's regions, code → name, for the screen's picker. */
export function regionsOf(country?: string): Array<{ code: string; name: string }> {
  const all = new Holidays();
  const names = (country ? all.getStates(country, 'en') : all.getCountries('en')) ?? {};
  return Object.entries(names)
    .map(([code, name]) => ({ code: country ? `${country}-${code}` : code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
