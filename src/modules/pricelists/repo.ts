import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { PriceListsTable } from '../../db/types.js';

/**
 * The price-list queries and the locks every change takes inside its transaction, in the order that keeps the checks
 * true under concurrency: the price list's row first (work-log inserts take FOR SHARE on the row they record, so none
 * can slip in between the count and the write), then the team's row before the overlap check (so two changes to one
 * team's price lists take turns).
 */

export type PriceListRow = Pick<
  PriceListsTable,
  'team_id' | 'name' | 'currency' | 'hourly_rate' | 'valid_from' | 'valid_to'
> & { id: number; version: number };

/** A price list with whether a work log records it (PRICE-6). */
export type UsedPriceListRow = PriceListRow & { used: boolean };

function selectPriceLists(db: Database) {
  return db
    .selectFrom('price_lists as pl')
    .select([
      'pl.id',
      'pl.team_id',
      'pl.name',
      'pl.currency',
      'pl.hourly_rate',
      'pl.valid_from',
      'pl.valid_to',
      'pl.version',
    ])
    .select(sql<boolean>`exists (select 1 from worklogs w where w.price_list_id = pl.id)`.as('used'));
}

export function findPriceList(db: Database, id: number): Promise<UsedPriceListRow | undefined> {
  return selectPriceLists(db).where('pl.id', '=', id).executeTakeFirst();
}

/** The team's price lists by validity. */
export function findTeamPriceLists(db: Database, teamId: number): Promise<UsedPriceListRow[]> {
  return selectPriceLists(db).where('pl.team_id', '=', teamId).orderBy('pl.valid_from').orderBy('pl.id').execute();
}

export async function findPriceListTeamId(db: Database, id: number): Promise<number | undefined> {
  return (await db.selectFrom('price_lists').select('team_id').where('id', '=', id).executeTakeFirst())?.team_id;
}

type PriceListValues = Pick<
  PriceListsTable,
  'team_id' | 'name' | 'currency' | 'hourly_rate' | 'valid_from' | 'valid_to'
>;

export function insertPriceList(trx: Database, values: PriceListValues) {
  return trx.insertInto('price_lists').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes the columns given; the version goes up. */
export function updatePriceList(trx: Database, id: number, change: Partial<Omit<PriceListValues, 'team_id'>>) {
  return trx
    .updateTable('price_lists')
    .set({ ...change, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePriceList(trx: Database, id: number): Promise<void> {
  await trx.deleteFrom('price_lists').where('id', '=', id).execute();
}

/** Serialises changes to one team's price lists; a team deleted meanwhile is reported as missing. */
export async function lockTeam(trx: Database, teamId: number): Promise<boolean> {
  // NO KEY UPDATE: conflicts with itself (two price-list changes of a team wait for each other) but not with the
  // KEY SHARE a work-log insert takes through its team foreign key, so logging work is not held up.
  const { rows } = await sql<{ id: number }>`select id from teams where id = ${teamId} for no key update`.execute(trx);
  return rows.length > 0;
}

export function lockPriceList(trx: Database, id: number) {
  return trx.selectFrom('price_lists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The first of the team's other price lists whose validity (inclusive, open-ended when validTo is null) overlaps `range` (PRICE-1). */
export async function findOverlap(
  trx: Database,
  teamId: number,
  range: { from: string; to: string | null },
  exceptId?: number,
) {
  const { rows } = await sql<{ id: number; name: string; valid_from: string; valid_to: string | null }>`
    select id, name, valid_from, valid_to from price_lists
    where team_id = ${teamId} and id <> ${exceptId ?? 0}
      and daterange(valid_from, valid_to, '[]') && daterange(${range.from}::date, ${range.to}::date, '[]')
    order by valid_from limit 1`.execute(trx);
  return rows[0];
}

/** How many work logs record the price list, optionally only those whose work date falls outside a validity (PRICE-6, PRICE-8). */
export async function countWorklogs(
  trx: Database,
  priceListId: number,
  outside?: { from: string; to: string | null },
): Promise<number> {
  const where = outside ? sql`and (start_date < ${outside.from}::date or start_date > ${outside.to}::date)` : sql``;
  const { rows } = await sql<{ count: number | string }>`
    select count(*) as count from worklogs where price_list_id = ${priceListId} ${where}`.execute(trx);
  return Number(rows[0].count);
}
