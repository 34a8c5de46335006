import type { TimesheetItem } from '../../../../src/contracts.js';
import { addDays } from './gridModel.js';

/**
 * Rows added to a grid before any time is logged on them ("add row", "copy rows from last week") live only in this
 * browser, per user and period, until the server has a work log for them (then the server's row replaces them).
 */
const PREFIX = 'timeward.timesheet.rows';
/** Rows added for periods this far back are forgotten. */
const KEEP_DAYS = 92;

const keyOf = (userId: number, view: string, start: string) => `${PREFIX}.${userId}.${view}.${start}`;

export function loadAddedRows(userId: number, view: string, start: string): TimesheetItem[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(userId, view, start)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

export function saveAddedRows(userId: number, view: string, start: string, items: readonly TimesheetItem[]): void {
  try {
    const key = keyOf(userId, view, start);
    if (items.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(items));
    forgetOld();
  } catch {
    // Storage full or switched off: the rows stay for this visit only.
  }
}

function forgetOld() {
  const oldest = addDays(new Date().toISOString().slice(0, 10), -KEEP_DAYS);
  for (let index = localStorage.length - 1; index >= 0; index--) {
    const key = localStorage.key(index);
    const start = key?.startsWith(`${PREFIX}.`) ? key.slice(-10) : null;
    if (key && start && start < oldest) localStorage.removeItem(key);
  }
}

function isItem(value: unknown): value is TimesheetItem {
  const item = value as Partial<TimesheetItem> | null;
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.key === 'string' &&
    typeof item.title === 'string' &&
    typeof item.projectKey === 'string'
  );
}
