import { sql } from 'kysely';
import { readerBoundOnce, visibleItems, visibleWorklogs, type Reader } from '../../authz/visibility.js';
import { itemSecurityAllowsEdit, projectIdsWithPermission } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import type { SliceState } from '../../db/types.js';
import { containsPattern } from '../../lib/like.js';
import { periodStartSql, type PeriodLength } from '../../lib/periods.js';

/** The timesheet queries: the grid's work logs, the slices of a range and their hours, the "add row" search. */

export function findUser(db: Database, id: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}

export interface GridWorklogRow {
  id: number;
  item_id: number;
  item_key: string;
  item_title: string;
  project_key: string;
  start_date: string;
  start_time: string | null;
  duration_seconds: number;
  description: string;
  version: number;
}

/** The owner's work logs over the range on items the reader may view (ITEM-9), by project, item, day and time. */
export async function findGridWorklogs(db: Database, reader: Reader, ownerId: number, start: string, end: string) {
  const bound = readerBoundOnce(reader);
  // The owner's work logs of the range first (the author index), then their items' visibility row by row: joined
  // directly, PostgreSQL hashed every item of the reader's projects to keep a week's few dozen (bench:timesheets).
  const { rows } = await sql<GridWorklogRow>`with ${bound.cte}, tw_mine as materialized (
      select * from worklogs where author_id = ${ownerId} and start_date between ${start}::date and ${end}::date)
    select w.id, w.item_id, i.key as item_key, i.title as item_title, p.key as project_key, w.start_date, w.start_time,
           w.duration_seconds, w.description, w.version
    from tw_mine w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id
    where ${visibleWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId })}
    order by p.key, i.num, w.start_date, coalesce(w.start_time, time '00:00'), w.id`.execute(db);
  return rows;
}

export interface SliceRow {
  id: number;
  team_id: number | null;
  team_name: string | null;
  period_start: string;
  period_end: string;
  state: SliceState;
  version: number;
  /** The comment of the slice's latest transition ('' when it carried none). */
  last_comment: string | null;
}

const SLICE_COLUMNS = sql`s.id, s.team_id, t.name as team_name, s.period_start, s.period_end, s.state, s.version,
  (select h.comment from flow_history h where h.entity_type = 'timesheet_slice' and h.entity_id = s.id
    order by h.id desc limit 1) as last_comment`;

/** The owner's slice rows whose period overlaps the range. */
export async function findSlicesOverlapping(db: Database, ownerId: number, start: string, end: string) {
  const { rows } = await sql<SliceRow>`select ${SLICE_COLUMNS}
    from timesheet_slices s left join teams t on t.id = s.team_id
    where s.user_id = ${ownerId} and s.period_start <= ${end}::date and s.period_end >= ${start}::date
    order by s.period_start, s.team_id nulls first, s.id`.execute(db);
  return rows;
}

/** Slice rows by id. */
export async function findSlicesById(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<SliceRow & { user_id: number }>`select ${SLICE_COLUMNS}, s.user_id
    from timesheet_slices s left join teams t on t.id = s.team_id
    where s.id in (${sql.join([...ids])}) order by s.period_start, s.team_id nulls first, s.id`.execute(db);
  return rows;
}

/** A slice's hours by what identifies it: its team, its project's period length and the period's start. */
export interface SliceHours {
  team_id: number | null;
  team_name: string | null;
  period_length: PeriodLength;
  period_start: string;
  seconds: number;
}

/**
 * The owner's hours over the range by slice (team × period of the project's length, FLOW-10), on items the reader may
 * view: a slice's hours on hidden items are not shown (ITEM-9). `all`: every work log (what submitting takes in).
 */
export async function findSliceHours(
  db: Database,
  reader: Reader | 'all',
  ownerId: number,
  start: string,
  end: string,
  /** Work logs of weekly projects only within this range (a week's slices reach at most six days beyond it). */
  weekly?: { start: string; end: string },
): Promise<SliceHours[]> {
  const bound = reader === 'all' ? undefined : readerBoundOnce(reader);
  const visible =
    reader === 'all' ? sql`true` : visibleWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound!.readerId });
  // As findGridWorklogs: the owner's work logs of the range first, then each one's item.
  const { rows } = await sql<SliceHours>`with ${bound ? sql`${bound.cte},` : sql``} tw_mine as materialized (
      select * from worklogs where author_id = ${ownerId} and start_date between ${start}::date and ${end}::date)
    select w.team_id, t.name as team_name, p.period_length, ${sql.raw(periodStartSql('w.start_date', 'p.period_length'))} as period_start,
           sum(w.duration_seconds)::int8 as seconds
    from tw_mine w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id
      left join teams t on t.id = w.team_id
    where ${weekly ? sql`(p.period_length = 'month' or w.start_date between ${weekly.start}::date and ${weekly.end}::date) and` : sql``} ${visible}
    group by w.team_id, t.name, p.period_length, 4`.execute(db);
  return rows.map((r) => ({ ...r, seconds: Number(r.seconds) }));
}

/** Creates the open rows of slices that have none yet (a slice row exists once first submitted); returns every row. */
export async function upsertSlices(
  trx: Database,
  ownerId: number,
  slices: ReadonlyArray<{ teamId: number | null; start: string; end: string }>,
) {
  if (slices.length === 0) return [];
  const values = slices.map((s) => sql`(${ownerId}::int, ${s.teamId}::int, ${s.start}::date, ${s.end}::date, 'open')`);
  await sql`insert into timesheet_slices (user_id, team_id, period_start, period_end, state) values ${sql.join(values)}
    on conflict (user_id, coalesce(team_id, 0), period_start, period_end) do nothing`.execute(trx);
  const keys = slices.map((s) => sql`(${s.teamId ?? 0}::int, ${s.start}::date, ${s.end}::date)`);
  const { rows } = await sql<{
    id: number;
    state: SliceState;
    team_id: number | null;
    period_start: string;
    period_end: string;
  }>`
    select id, state, team_id, period_start, period_end from timesheet_slices
    where user_id = ${ownerId} and (coalesce(team_id, 0), period_start, period_end) in (${sql.join(keys)})
    order by period_start, team_id nulls first, id`.execute(trx);
  return rows;
}

/** Moves the slices to `to` (their version bumped); the caller has decided each under the owner's sheet lock. */
export async function setSliceState(trx: Database, ids: readonly number[], to: SliceState): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('timesheet_slices')
    .set({ state: to, version: sql`version + 1`, updated_at: new Date() })
    .where('id', 'in', [...ids])
    .execute();
}

/** The user a slice belongs to (whose sheet a transition locks). */
export function findSliceOwner(db: Database, id: number) {
  return db.selectFrom('timesheet_slices').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}

/**
 * Items the owner may log work on that the reader may view too (the "add row" search): the owner views the item, holds
 * WORK_ON_ISSUES on its project, its item security allows them to edit (ITEM-9), the project is not archived; matching
 * `q` in the key or the title. A first cut the service confirms with the engine.
 */
export async function searchLoggableItems(
  db: Database,
  reader: Reader,
  owner: Reader,
  q: string | undefined,
  limit: number,
) {
  const pattern = q ? containsPattern(q.trim()) : undefined;
  const { rows } = await sql<{ id: number; key: string; title: string; project_key: string }>`
    select i.id, i.key, i.title, p.key as project_key
    from work_items i join projects p on p.id = i.project_id
    where p.archived_at is null
      ${pattern ? sql`and (i.key ilike ${pattern} or i.title ilike ${pattern})` : sql``}
      and ${visibleItems(reader, 'i')}
      ${owner.userId === reader.userId ? sql`` : sql`and ${visibleItems(owner, 'i')}`}
      and i.project_id in ${projectIdsWithPermission(owner.userId, 'WORK_ON_ISSUES')}
      and ${itemSecurityAllowsEdit(owner, 'i')}
    order by ${q ? sql`(upper(i.key) = upper(${q.trim()})) desc,` : sql``} p.key, i.num
    limit ${limit}`.execute(db);
  return rows;
}
