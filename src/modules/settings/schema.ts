import { z } from 'zod';
import { calendarDate, version } from '../../lib/schemas.js';

/** WL-6: no work date lies before this, whatever the installation says. */
export const FIRST_WORK_DATE = '2000-01-01';
/** WL-6: the window ends at most one year after today; `workDaysAhead` may narrow it to fewer days. */
export const MAX_DAYS_AHEAD = 366;
/** How long a new session may last, in hours: 1 hour to 90 days (migration 0012). */
export const SESSION_HOURS = { min: 1, max: 2160, default: 336 } as const;

/** A name of the IANA time-zone database that this runtime's Intl knows (an offset like +01:00 is not one). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'expected a time zone of the IANA database, like Europe/Berlin or UTC');

/** A change of the installation settings: the fields to change and the version read (API-4). */
export const settingsUpdate = z.strictObject({
  /** PRICE-2: the team & price-list check for the whole installation. */
  teamChecks: z.boolean().optional(),
  /** The zone that says which calendar day "today" is. */
  timeZone: timeZone.optional(),
  /** WL-6: the first day work may be logged for. */
  earliestWorkDate: calendarDate
    .refine((d) => d >= FIRST_WORK_DATE, `The earliest work date cannot be before ${FIRST_WORK_DATE}.`)
    .optional(),
  /** WL-6: how many days after today work may be logged for; null: one calendar year. */
  workDaysAhead: z.number().int().min(0).max(MAX_DAYS_AHEAD).nullable().optional(),
  /** How long a session begun from now on lasts, in hours. */
  sessionHours: z.number().int().min(SESSION_HOURS.min).max(SESSION_HOURS.max).optional(),
  version,
});

export const settingsOut = z.object({
  teamChecks: z.boolean(),
  timeZone: z.string(),
  earliestWorkDate: z.string(),
  workDaysAhead: z.number().nullable(),
  sessionHours: z.number(),
  version: z.number(),
  /** Today in the installation's time zone, and the last work date the window admits (WL-6). */
  today: z.string(),
  latestWorkDate: z.string(),
});

export type SettingsUpdate = z.infer<typeof settingsUpdate>;
export type SettingsOut = z.infer<typeof settingsOut>;
