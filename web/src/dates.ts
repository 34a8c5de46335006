/** Calendar dates in the browser's time zone, as YYYY-MM-DD (the API's work-log date format). */

export function toIsoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function today(): string {
  return toIsoDate(new Date());
}

/** Monday and Sunday of the week containing `date`. */
export function weekOf(date: Date): { from: string; to: string } {
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7));
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  return { from: toIsoDate(monday), to: toIsoDate(sunday) };
}

/*
 * Dates on screen: one format everywhere, the browser's locale ("Dec 6, 2026", "6 Dec 2026", "6. Dez. 2026").
 * Calendar dates are days, not instants: they are formatted in UTC so no time zone moves them to another day.
 */
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date (`YYYY-MM-DD`, as the API sends work and validity dates) in the browser's locale. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const day = new Date(0);
  day.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(day.getTime()) ? isoDate : calendarDay.format(day);
}

/** A moment (a timestamp: created, joined, left) in the browser's locale and time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instant.format(date);
}

/** A validity range of calendar dates; an open end reads "open-ended". */
export function formatValidity(from: string, to: string | null): string {
  return `${formatDate(from)} – ${to === null ? 'open-ended' : formatDate(to)}`;
}
