/**
 * Durations as people type them: "1h 30m", "1h 30", "1.5h", "90m", "90" (minutes), "1:30".
 * Returns whole seconds, or null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const input = text.trim().toLowerCase().replace(',', '.');
  if (input === '') return null;

  const clock = /^(\d+):([0-5]\d)$/.exec(input);
  if (clock) return positive(Number(clock[1]) * 3600 + Number(clock[2]) * 60);

  if (/^\d+(\.\d+)?$/.test(input)) return positive(Math.round(Number(input) * 60));

  // After hours the minute unit may be left out: "1h 30".
  const units = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:\.\d+)?)\s*(?:m(?:in(?:utes?|s)?)?)?)?$/.exec(input);
  if (!units || (units[1] === undefined && units[2] === undefined)) return null;
  const hours = Number(units[1] ?? 0);
  const minutes = Number(units[2] ?? 0);
  return positive(Math.round(hours * 3600 + minutes * 60));
}

function positive(seconds: number): number | null {
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** "1h 30m", "45m", "2h"; rounded to whole minutes. */
export function formatDuration(seconds: number): string {
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}m`;
  if (minutes === 0) return `${hours}h`;
  return `${hours}h ${minutes}m`;
}

/** Decimal hours with at most two decimals, e.g. 5400 → "1.5". */
export function formatHours(seconds: number): string {
  return String(Math.round((seconds / 3600) * 100) / 100);
}
