import { daysOf } from '../../lib/periods.js';
import { dayOf, versionOn, type Calendar, type ScheduleVersion } from './calendar.js';
import type { CalendarOut } from './schema.js';

/** A person's calendar as the API answers it: the versions, the one in force today, the days off coming up. */
export function calendarOut(
  user: { id: number; display_name: string },
  calendar: Calendar,
  today: string,
  until: string,
): CalendarOut {
  const version = (v: ScheduleVersion) => ({
    validFrom: v.validFrom,
    daySeconds: [...v.daySeconds],
    holidayRegion: v.holidayRegion,
  });
  const upcoming = daysOf({ start: today, end: until }).flatMap((date) => {
    const { off } = dayOf(calendar, date);
    return off ? [{ date, ...off }] : [];
  });
  return {
    user: { id: user.id, displayName: user.display_name },
    schedules: calendar.schedules.map(version),
    current: version(versionOn(calendar, today)),
    upcoming,
  };
}
