/** "March 2026" for a month's first day, in the browser's locale (a calendar month: formatted in UTC). */
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function monthName(start: string): string {
  const [year, month] = start.split('-').map(Number);
  const day = new Date(0);
  day.setUTCFullYear(year, month - 1, 1);
  return monthYear.format(day);
}

export const STATE_LABELS: Record<string, string> = { open: 'Open', closed: 'Closed' };
