import { z } from 'zod';
import { calendarDate, idParam, name, userRef } from '../../lib/schemas.js';

/** Working calendars (issue 16): schedules, holiday regions, company days off; the web's contract. */

const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected a country code like DE, or a country and region like DE-BY');

export const scheduleIn = z.strictObject({
  /** The first day the working time applies; it holds until the next version's first day. */
  validFrom: calendarDate,
  /** Working seconds Monday to Sunday, each at most a day. */
  daySeconds: z.array(z.number().int().min(0).max(86_400)).length(7, 'give the working time of all seven weekdays'),
  /** Whose public holidays count as days off (date-holidays); null for none. */
  holidayRegion: region.nullable(),
});
export type ScheduleIn = z.infer<typeof scheduleIn>;

const scheduleOut = z.object({
  validFrom: z.string(),
  daySeconds: z.array(z.number()),
  holidayRegion: z.string().nullable(),
});

export const calendarOut = z.object({
  user: userRef,
  /** Versions by first day; none: 8 h Monday to Friday, no holiday region. */
  schedules: z.array(scheduleOut),
  /** The working time in force today. */
  current: scheduleOut,
  /** The next 90 days' holidays and company days off that fall on the person's working days. */
  upcoming: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'dayOff']), name: z.string() })),
});
export type CalendarOut = z.infer<typeof calendarOut>;

export const userParams = z.strictObject({ id: idParam });
export const scheduleParams = z.strictObject({ id: idParam, validFrom: calendarDate });

export const daysOffQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const dayOffIn = z.strictObject({ day: calendarDate, name });
export const dayOffParams = z.strictObject({ day: calendarDate });
export const dayOffOut = z.object({ day: z.string(), name: z.string() });
export const daysOffOut = z.object({ items: z.array(dayOffOut) });
export type DayOffOut = z.infer<typeof dayOffOut>;

export const regionsQuery = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected a country code like DE')
    .optional(),
});
export const regionsOut = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });
