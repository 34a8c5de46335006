import { sql, type RawBuilder, type Updateable } from 'kysely';
import type { LocksRead } from '../../authz/engine.js';
import { locksUnchanged } from '../../authz/loader.js';
import { readerBoundOnce, visibleWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { WorklogsTable } from '../../db/types.js';
import { inWorkDateWindow } from '../../lib/installation.js';

/** The work-log queries. Reads page newest first by `NEWEST_FIRST` with keyset cursors; locks are taken here. */

export interface WorklogRow {
  id: number;
  item_id: number;
  project_id: number;
  author_id: number;
  author_name: string;
  item_key: string;
  item_title: string;
  project_key: string;
  /** The item's governing setting (ITEM-2), for the abilities of a page; absent where the caller has the item's facts. */
  governing_item_id?: number | null;
  start_date: string;
  start_time: string | null;
  duration_seconds: number;
  description: string;
  team_id: number | null;
  team_name: string | null;
  price_list_id: number | null;
  price_list_name: string | null;
  rate: string | null;
  currency: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Where a page starts: the sort key of the last row of the page before (date, start time, id). */
export type CursorKey = [startDate: string, startTime: string, id: number];

const COLUMNS = sql`w.id, w.item_id, w.project_id, w.author_id, u.display_name as author_name, i.key as item_key,
  i.title as item_title, p.key as project_key, i.governing_item_id, w.start_date, w.start_time, w.duration_seconds,
  w.description, w.team_id, t.name as team_name, w.price_list_id, pl.name as price_list_name, w.rate, pl.currency, w.version, w.created_at, w.updated_at`;
const JOINS = sql`join work_items i on i.id = w.item_id join projects p on p.id = w.project_id
  join users u on u.id = w.author_id left join teams t on t.id = w.team_id left join price_lists pl on pl.id = w.price_list_id`;

/**
 * Newest first, down to the minute: days newest first, a day's work logs by start time (latest first; a work log
 * without one counts as starting at 00:00), then by creation (latest first). A cursor is that key of the last row.
 */
const START = sql`coalesce(w.start_time, time '00:00')`;
const NEWEST_FIRST = sql`order by w.start_date desc, ${START} desc, w.id desc`;
const after = (key: CursorKey | undefined) =>
  key ? sql`and (w.start_date, ${START}, w.id) < (${key[0]}::date, ${key[1]}::time, ${key[2]})` : sql``;
export const cursorOf = (r: WorklogRow): CursorKey => [r.start_date, r.start_time ?? '00:00:00', r.id];

async function select(db: Database, where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``) {
  return (await sql<WorklogRow>`select ${COLUMNS} from worklogs w ${JOINS} where ${where} ${tail}`.execute(db)).rows;
}

export async function findWorklog(db: Database, id: number): Promise<WorklogRow | undefined> {
  return (await select(db, sql`w.id = ${id}`))[0];
}

/** What a change is authorized on: the work log's item, author, date, project and recorded team. */
export function findWorklogHead(db: Database, id: number) {
  return db
    .selectFrom('worklogs')
    .select(['item_id', 'author_id', 'project_id', 'start_date', 'team_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTeamName(db: Database, teamId: number) {
  return db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
}

/** One page (one row more than `limit`, to tell whether another follows) of an item's work logs (WL-2). */
export function findItemPage(db: Database, itemId: number, limit: number, key?: CursorKey) {
  return select(db, sql`w.item_id = ${itemId} ${after(key)}`, sql`${NEWEST_FIRST} limit ${limit + 1}`);
}

/** The caller's latest work log on an item (the item screen's "my last work log"). */
export async function findLastOwn(db: Database, itemId: number, authorId: number) {
  return (await select(db, sql`w.item_id = ${itemId} and w.author_id = ${authorId}`, sql`${NEWEST_FIRST} limit 1`))[0];
}

/**
 * One page of an author's work logs over a date range on items the reader may view (WL-3, ITEM-9), with the total of
 * the whole range, in one statement. The reader's id is bound once and the visibility predicate reads it from there, so
 * the statement stays small enough to be prepared (src/db) and is planned once per connection, not on every request.
 * It is read through a scalar subquery of a CTE (`readerBoundOnce`), not a column of the FROM list: so the reader's
 * grants are one uncorrelated subplan, evaluated once per statement instead of once per work log (measured:
 * `npm run bench:profile:reads`).
 */
export async function findRangePage(
  db: Database,
  reader: Reader,
  query: { authorId: number; from?: string; to?: string; limit: number; after?: CursorKey },
) {
  const bound = readerBoundOnce(reader);
  const visible = visibleWorklogs(reader, 'w', { readerId: bound.readerId });
  const { rows } = await sql<Partial<WorklogRow> & { total: number }>`
    with ${bound.cte}, tw_range as (
      select w.id, w.duration_seconds from worklogs w
      where w.author_id = ${query.authorId}
        ${query.from ? sql`and w.start_date >= ${query.from}` : sql``} ${query.to ? sql`and w.start_date <= ${query.to}` : sql``}
        and ${visible})
    select tw_page.*, tw_total.total
    from (select coalesce(sum(duration_seconds), 0)::int8 as total from tw_range) tw_total
      left join lateral (select ${COLUMNS} from tw_range r join worklogs w on w.id = r.id ${JOINS}
        where true ${after(query.after)} ${NEWEST_FIRST} limit ${query.limit + 1}) tw_page on true`.execute(db);
  return {
    rows: rows.filter((r) => r.id != null).map(({ total: _, ...row }) => row as WorklogRow),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Time spent on an item and on its subtree's items the reader may view (the item screen's time panels). */
export async function sumTimeSpent(db: Database, reader: Reader, itemId: number) {
  const { rows } = await sql<{ own: number; subtree: number }>`
    with recursive t as (select id from work_items where id = ${itemId}
      union all select c.id from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
    select coalesce(sum(w.duration_seconds) filter (where w.item_id = ${itemId}), 0)::int8 as own,
           coalesce(sum(w.duration_seconds), 0)::int8 as subtree
    from worklogs w join work_items i on i.id = w.item_id where w.item_id in (select id from t) and ${visibleWorklogs(reader, 'w', { itemAlias: 'i' })}`.execute(
    db,
  );
  return { own: Number(rows[0].own), subtree: Number(rows[0].subtree) };
}

export interface NewWorklog {
  itemId: number;
  projectId: number;
  authorId: number;
  startDate: string;
  startTime: string | null;
  durationSeconds: number;
  description: string;
  teamId: number | null;
  priceListId: number | null;
  createdBy: number;
  /** The locks on the day the decision read (FLOW-1, FLOW-3): the row is written only while they are the same. */
  locksRead: LocksRead | undefined;
}

/**
 * Inserts a work log and its audit row in one statement, so one transaction: the work date lies in the window (WL-6)
 * and the price list, locked FOR SHARE, is valid on it (PRICE-6) as the row is written, and the project, locked FOR SHARE,
 * is not archived (the `projectActive` gate, re-checked in the write), and the locks on the work day — closed periods,
 * submitted or approved slices — are those the decision read (none, or their digest: `locksUnchanged`). The statement holds the table's
 * ROW EXCLUSIVE lock before it reads (lib/locks.ts), so a state change that locks days either waits for this insert or
 * has committed before it reads. Nothing is written, and undefined returned, when any of them fails.
 */
export async function insertWorklog(db: Database, w: NewWorklog): Promise<WorklogRow | undefined> {
  const { rows } = await sql<WorklogRow>`
    with pl as (
      select id, name, currency, hourly_rate from price_lists
      where id = ${w.priceListId}::int and valid_from <= ${w.startDate}::date and (valid_to is null or valid_to >= ${w.startDate}::date)
      for share),
    -- PRJ-1: an archived project takes no new work logs; the lock holds an archive back until this insert commits.
    open as (select id from projects where id = ${w.projectId} and archived_at is null for share),
    w as (
      insert into worklogs (item_id, project_id, author_id, start_date, start_time, duration_seconds, description, team_id, price_list_id, rate, created_by)
      select ${w.itemId}, ${w.projectId}, ${w.authorId}, ${w.startDate}, ${w.startTime}, ${w.durationSeconds},
             ${w.description}, ${w.teamId}::int, pl.id, pl.hourly_rate, ${w.createdBy}
      from (select 1) one left join pl on true
      where (pl.id is not null or ${w.priceListId}::int is null) and ${inWorkDateWindow(w.startDate)}
        and exists (select 1 from open)
        and ${w.locksRead ? locksUnchanged(w.locksRead) : sql`true`}
      returning *),
    a as (
      insert into audit_log (actor_id, action, entity_type, entity_id, project_id, item_id, after)
      -- The rate stays a decimal string in the audit row, as everywhere else (money is never a float).
      select ${w.createdBy}, 'worklog.create', 'worklog', w.id::text, w.project_id, w.item_id, to_jsonb(w) || jsonb_build_object('rate', w.rate::text) from w)
    select w.id, w.item_id, w.project_id, w.author_id, w.start_date, w.start_time, w.duration_seconds, w.description,
           w.team_id, t.name as team_name, w.price_list_id, pl.name as price_list_name, w.rate::text as rate, pl.currency,
           w.version, w.created_at, w.updated_at, i.key as item_key, i.title as item_title, p.key as project_key, u.display_name as author_name
    from w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id join users u on u.id = w.author_id
      left join teams t on t.id = w.team_id left join pl on pl.id = w.price_list_id`.execute(db);
  return rows[0];
}

/** The work log, locked for the change or delete in `trx`; undefined when a concurrent delete won. */
export function lockWorklog(trx: Database, id: number) {
  return trx.selectFrom('worklogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The price list if valid on `date`, locked FOR SHARE against a concurrent change (PRICE-6). */
export function lockValidPriceList(trx: Database, id: number, date: string) {
  return trx
    .selectFrom('price_lists')
    .select(['id', 'hourly_rate'])
    .where('id', '=', id)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .forShare()
    .executeTakeFirst();
}

export type WorklogChanges = Pick<
  Updateable<WorklogsTable>,
  'start_date' | 'start_time' | 'duration_seconds' | 'description' | 'team_id' | 'price_list_id' | 'rate'
>;

/** Applies the changes, bumps the version and returns the row as stored. */
export function updateWorklog(trx: Database, id: number, changes: WorklogChanges) {
  return trx
    .updateTable('worklogs')
    .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteWorklog(trx: Database, id: number): Promise<void> {
  await trx.deleteFrom('worklogs').where('id', '=', id).execute();
}
