/**
 * Durations as people type them (WL-6): "1h 30m", "1h 30", "1.5h", "90m", "1:30", and a bare number means hours
 * ("2" is two hours, "0.5" half an hour). Whole minutes: the UI shows minutes, so it never saves a value it cannot show.
 */

/** The longest work log (WL-1): one day. */
export const MAX_DURATION_SECONDS = 86_400;

export const DURATION_HELP = 'For example 1h 30m, 1.5h, 90m or 1:30; a number alone means hours.';

export type DurationReading = { seconds: number; error?: undefined } | { seconds?: undefined; error: string };

/** What the text means, or why it is not a duration a work log can have, in plain words. */
export function readDuration(text: string): DurationReading {
  const input = text.trim().toLowerCase().replace(/,/g, '.');
  if (input === '') return { error: `Enter a duration. ${DURATION_HELP}` };
  if (/^[-−]/.test(input)) return { error: 'A duration cannot be negative.' };
  const minutes = minutesOf(input);
  if (minutes === null) return { error: `Enter a duration, not “${text.trim()}”. ${DURATION_HELP}` };
  if (minutes <= 0) return { error: 'A duration must be at least 1 minute.' };
  if (minutes * 60 > MAX_DURATION_SECONDS)
    return { error: 'A work log can be at most 24 hours; split longer work over several days.' };
  return { seconds: minutes * 60 };
}

/** Whole seconds, or null when the text is not a duration a work log can have. */
export function parseDuration(text: string): number | null {
  return readDuration(text).seconds ?? null;
}

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const HOURS = String.raw`h(?:ours?|rs?)?`;
const MINUTES = String.raw`m(?:in(?:utes?|s)?)?`;
const UNITS = new RegExp(String.raw`^(?:${NUMBER}\s*${HOURS})?\s*(?:${NUMBER}\s*(${MINUTES})?)?$`);

/** Minutes, rounded to whole ones, or null for text that is not a duration. */
function minutesOf(input: string): number | null {
  const clock = /^(\d+):([0-5]\d)$/.exec(input);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);

  if (new RegExp(`^${NUMBER}$`).test(input)) return Math.round(Number(input) * 60);

  const units = UNITS.exec(input);
  if (!units || (units[1] === undefined && units[2] === undefined)) return null;
  // A number after hours may leave out its unit ("1h 30"); alone it would be hours, caught above.
  if (units[2] !== undefined && units[3] === undefined && units[1] === undefined) return null;
  return Math.round(Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0));
}

/** "1h 30m", "45m", "2h" for tables; rounded to whole minutes. */
export function formatDuration(seconds: number): string {
  const { hours, minutes } = split(seconds);
  if (hours === 0) return `${minutes}m`;
  if (minutes === 0) return `${hours}h`;
  return `${hours}h ${minutes}m`;
}

/** "1 h 30 min": the parsed value shown next to a duration input before saving. */
export function describeDuration(seconds: number): string {
  const { hours, minutes } = split(seconds);
  return [hours > 0 && `${hours} h`, (minutes > 0 || hours === 0) && `${minutes} min`].filter(Boolean).join(' ');
}

function split(seconds: number) {
  const totalMinutes = Math.round(seconds / 60);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** Decimal hours with at most two decimals, e.g. 5400 → "1.5". */
export function formatHours(seconds: number): string {
  return String(Math.round((seconds / 3600) * 100) / 100);
}
