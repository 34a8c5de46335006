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

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** A validity range of calendar dates; an open end reads "open-ended". */
export function formatValidity(from: string, to: string | null): string {
  return to === null ? `${from} – open-ended` : `${from} – ${to}`;
}
