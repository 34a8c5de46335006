export { sameAmount } from '../../lib/money.js';
import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { conflict } from '../../lib/errors.js';

/**
 * The checks every price-list change makes inside its transaction, in the order that keeps them true under
 * concurrency: the price list's row is locked first (work-log inserts take FOR SHARE on the row they record,
 * so none can slip in between the count and the write), then the team's row before the overlap check (so two
 * changes to one team's price lists take turns). Rates never appear in these messages (PRICE-7).
 */

/** The day before a calendar day (YYYY-MM-DD), in calendar arithmetic: no time zone is involved. */
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

/** Serialises changes to one team's price lists; a team deleted meanwhile is reported as missing. */
export async function lockTeam(trx: Database, teamId: number): Promise<boolean> {
  // NO KEY UPDATE: conflicts with itself (two price-list changes of a team wait for each other) but not with the
  // KEY SHARE a work-log insert takes through its team foreign key, so logging work is not held up.
  const { rows } = await sql<{ id: number }>`select id from teams where id = ${teamId} for no key update`.execute(trx);
  return rows.length > 0;
}

export async function lockPriceList(trx: Database, id: number) {
  return trx.selectFrom('price_lists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** PRICE-1: validity ranges (inclusive, open-ended when validTo is null) of one team's price lists never overlap. */
export async function refuseOverlap(
  trx: Database,
  teamId: number,
  range: { from: string; to: string | null },
  exceptId?: number,
): Promise<void> {
  const { rows } = await sql<{ id: number; name: string; valid_from: string; valid_to: string | null }>`
    select id, name, valid_from, valid_to from price_lists
    where team_id = ${teamId} and id <> ${exceptId ?? 0}
      and daterange(valid_from, valid_to, '[]') && daterange(${range.from}::date, ${range.to}::date, '[]')
    order by valid_from limit 1`.execute(trx);
  const other = rows[0];
  if (!other) return;
  throw conflict(
    'price_list_overlap',
    `the validity ${describeRange(range.from, range.to)} overlaps price list "${other.name}" (${describeRange(other.valid_from, other.valid_to)}); price lists of one team may not overlap`,
    { priceList: { id: other.id, name: other.name, validFrom: other.valid_from, validTo: other.valid_to } },
  );
}

export interface WorklogSpan {
  count: number;
  from: string | null;
  to: string | null;
}

/** Work logs recorded with the price list, optionally only those whose work date falls outside a validity (PRICE-6, PRICE-8). */
export async function worklogsOf(
  trx: Database,
  priceListId: number,
  outside?: { from: string; to: string | null },
): Promise<WorklogSpan> {
  const where = outside ? sql`and (start_date < ${outside.from}::date or start_date > ${outside.to}::date)` : sql``;
  const { rows } = await sql<{ count: number | string; min: string | null; max: string | null }>`
    select count(*) as count, min(start_date) as min, max(start_date) as max
    from worklogs where price_list_id = ${priceListId} ${where}`.execute(trx);
  return { count: Number(rows[0].count), from: rows[0].min, to: rows[0].max };
}

/**
 * 409 price_list_in_use: why, without how many work logs or on which dates — some may be on items or by people the
 * caller may not see, and an error never counts what its reader may not see (REP-5).
 */
export function inUse(reason: string) {
  return conflict('price_list_in_use', reason);
}
