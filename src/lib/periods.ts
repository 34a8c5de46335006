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
    const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
    const end = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
    return { start: toDay(start), end: toDay(end) };
  }
  const monday = addDays(day, -((date.getUTCDay() + 6) % 7));
  return { start: monday, end: addDays(monday, 6) };
}

/** Every day from `start` to `end`, inclusive. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.start; day <= period.end; day = addDays(day, 1)) days.push(day);
  return days;
}

/** SQL for the start of the period of a date column, the same rule as `periodOf` (date_trunc's week starts on Monday). */
export const periodStartSql = (dateColumn: string, lengthColumn: string) =>
  `(case when ${lengthColumn} = 'month' then date_trunc('month', ${dateColumn}) else date_trunc('week', ${dateColumn}) end)::date`;
