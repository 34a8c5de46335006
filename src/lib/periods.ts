/**
 * Calendar periods as plain 'YYYY-MM-DD' strings (no time zone: work dates are calendar days, WL-6). A timesheet period
 * is the week (Monday–Sunday) or the month of its project's setting (`projects.period_length`, FLOW-1); a team period
 * is a month (FLOW-3).
 */
export type PeriodLength = 'week' | 'month';

export interface Period {
  start: string;
  end: string;
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** The week (Monday–Sunday) or month holding `day`. */
export function periodOf(day: string, length: PeriodLength): Period {
  const date = toDate(day);
  if (length === 'month') {
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    const start = new Date(0);
    start.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const end = new Date(0);
    end.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + 1, 0);
    return { start: toDay(start), end: toDay(end) };
  }
  const monday = addDays(day, -((date.getUTCDay() + 6) % 7));
  return { start: monday, end: addDays(monday, 6) };
}

/** Every day from `start` to `end`, inclusive (compared as dates, not text: a year past 9999 prints as `+010000-…`). */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  const end = toDate(period.end).getTime();
  for (let date = toDate(period.start); date.getTime() <= end; date.setUTCDate(date.getUTCDate() + 1))
    days.push(toDay(date));
  return days;
}

/** SQL for the start of the period of a date column, the same rule as `periodOf` (date_trunc's week starts on Monday). */
export const periodStartSql = (dateColumn: string, lengthColumn: string) =>
  `(case when ${lengthColumn} = 'month' then date_trunc('month', ${dateColumn}) else date_trunc('week', ${dateColumn}) end)::date`;
