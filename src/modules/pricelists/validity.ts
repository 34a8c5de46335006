import { conflict } from '../../lib/errors.js';

/**
 * The validity rules of price lists (PRICE-1, PRICE-6, PRICE-8) in calendar arithmetic — no time zone is involved — and
 * the refusals that name them. Rates never appear in these messages (PRICE-7).
 */

/** The day before a calendar day (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day after a calendar day (YYYY-MM-DD). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * PRICE-8: the days a successor of the price list may start on — after its first day, within its validity — or null when
 * there is none. The successor operation refuses a date outside it, and `canStartSuccessor` is false when it is null.
 */
export function successorWindow(list: {
  valid_from: string;
  valid_to: string | null;
}): { from: string; to: string | null } | null {
  const from = dayAfter(list.valid_from);
  return list.valid_to !== null && list.valid_to < from ? null : { from, to: list.valid_to };
}

export const describeRange = (from: string, to: string | null) => `${from} – ${to ?? 'open-ended'}`;

/** PRICE-1: validity ranges of one team's price lists never overlap; the 409 names the other list. */
export function overlapConflict(
  range: { from: string; to: string | null },
  other: { id: number; name: string; valid_from: string; valid_to: string | null },
) {
  return conflict(
    'price_list_overlap',
    `the validity ${describeRange(range.from, range.to)} overlaps price list "${other.name}" (${describeRange(other.valid_from, other.valid_to)}); price lists of one team may not overlap`,
    { priceList: { id: other.id, name: other.name, validFrom: other.valid_from, validTo: other.valid_to } },
  );
}

/**
 * 409 price_list_in_use: why, without how many work logs or on which dates — some may be on items or by people the
 * caller may not see, and an error never counts what its reader may not see (REP-5).
 */
export function inUse(reason: string) {
  return conflict('price_list_in_use', reason);
}
