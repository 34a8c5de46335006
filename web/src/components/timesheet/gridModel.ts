import type { TimesheetCell, TimesheetCellWorklog, TimesheetGrid, TimesheetItem } from '../../../../src/contracts.js';
import { readDuration } from '../../duration.js';

/** Calendar-date arithmetic on `YYYY-MM-DD`, in UTC so no time zone moves a day. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** "Mon" and "6 Jan" for a column header, in the browser's locale. */
export function dayLabel(isoDate: string): { weekday: string; date: string } {
  return { weekday: weekday.format(utc(isoDate)), date: dayMonth.format(utc(isoDate)) };
}

export const isWeekend = (isoDate: string) => [0, 6].includes(utc(isoDate).getUTCDay());

export const isIsoDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(utc(value).getTime());

/** A row of the grid: the server's, or one added by the user that has no time yet (kept in the browser). */
export interface GridRow {
  item: TimesheetItem;
  editable: boolean;
  reason: string | null;
  cells: TimesheetCell[];
  added: boolean;
}

export const cellId = (itemKey: string, date: string) => `${itemKey}|${date}`;

/** The server's rows, then the added items not among them, each with an empty, unlocked cell per day. */
export function gridRows(sheet: TimesheetGrid, added: readonly TimesheetItem[]): GridRow[] {
  const rows: GridRow[] = sheet.rows.map((row) => ({ ...row, added: false }));
  const shown = new Set(rows.map((row) => row.item.key));
  for (const item of added) {
    if (shown.has(item.key)) continue;
    shown.add(item.key);
    rows.push({ item, editable: true, reason: null, cells: emptyCells(sheet), added: true });
  }
  return rows;
}

function emptyCells(sheet: TimesheetGrid): TimesheetCell[] {
  return sheet.days.map((day) => ({ date: day.date, seconds: 0, worklogs: [], lock: null }));
}

/** Sums per row, per day and in all, of what the grid shows. */
export function totalsOf(rows: readonly GridRow[], days: readonly { date: string }[]) {
  const perDay = days.map((_, index) => rows.reduce((sum, row) => sum + (row.cells[index]?.seconds ?? 0), 0));
  const perRow = rows.map((row) => row.cells.reduce((sum, cell) => sum + cell.seconds, 0));
  return { perDay, perRow, total: perDay.reduce((a, b) => a + b, 0) };
}

/** The sheet with one cell's work logs replaced; an item without a row gets one (an added row's first time). */
export function withCell(
  sheet: TimesheetGrid,
  item: TimesheetItem,
  date: string,
  worklogs: TimesheetCellWorklog[],
): TimesheetGrid {
  if (!sheet.days.some((day) => day.date === date)) return sheet;
  const seconds = worklogs.reduce((sum, worklog) => sum + worklog.seconds, 0);
  const exists = sheet.rows.some((row) => row.item.key === item.key);
  const rows = exists ? sheet.rows : [...sheet.rows, { item, editable: true, reason: null, cells: emptyCells(sheet) }];
  return {
    ...sheet,
    rows: rows.map((row) =>
      row.item.key !== item.key
        ? row
        : { ...row, cells: row.cells.map((cell) => (cell.date === date ? { ...cell, seconds, worklogs } : cell)) },
    ),
  };
}

/** Why a cell may not be changed, or null: the item (ITEM-9) first, then the day's lock (FLOW-1, 3, 9). */
export function readOnlyReason(row: GridRow, cell: TimesheetCell): string | null {
  if (!row.editable) return row.reason ?? 'You may view this work item but not log work on it.';
  return cell.lock?.message ?? null;
}

/** What a cell's text means: hours (WL-6), `null` for an emptied cell ("" or 0), or why it is not a duration. */
export function readCell(text: string): { seconds: number | null; error?: undefined } | { error: string } {
  if (/^\s*(0+([.,:]0*)?\s*[hm]?)?\s*$/i.test(text)) return { seconds: null };
  const reading = readDuration(text);
  return reading.error === undefined ? { seconds: reading.seconds } : { error: reading.error };
}

/** A day column's classes: weekend and today stand out. */
export function dayClass(base: string, date: string, todayIso: string): string {
  return [base, isWeekend(date) && 'weekend', date === todayIso && 'today'].filter(Boolean).join(' ');
}
