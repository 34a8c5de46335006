import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { readerBoundOnce, visibleItems, visibleSlices, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { SliceState } from '../../db/types.js';
import { periodStartSql } from '../../lib/periods.js';

/** The approval queries: the queue, a slice's work logs and their snapshot, the slice's row lock and state change. */

export interface ApprovalRow {
  id: number;
  version: number;
  user_id: number;
  owner_name: string;
  team_id: number | null;
  team_name: string | null;
  period_start: string;
  period_end: string;
  state: SliceState;
  updated_at: Date;
  seconds: number;
}

/**
 * The work logs of the slice `s` as `w` (FLOW-10): the owner's, recorded with the slice's team (or none), dated in its
 * period, on projects whose timesheet period is the slice's (a month-long slice holds no work of a weekly project).
 */
const inSlice = (w: string, p: string) =>
  sql.raw(`${w}.author_id = s.user_id and ${w}.start_date between s.period_start and s.period_end
    and (${w}.team_id = s.team_id or (s.team_id is null and ${w}.team_id is null))
    and ${periodStartSql(`${w}.start_date`, `${p}.period_length`)} = s.period_start`);

const COLUMNS = sql`s.id, s.version, s.user_id, u.display_name as owner_name, s.team_id, t.name as team_name,
  s.period_start, s.period_end, s.state, s.updated_at,
  (select coalesce(sum(w.duration_seconds), 0)::int from worklogs w join projects p on p.id = w.project_id
    where ${inSlice('w', 'p')}) as seconds`;
const FROM = sql`timesheet_slices s join users u on u.id = s.user_id left join teams t on t.id = s.team_id`;

export interface QueueFilter {
  teamId?: number;
  states?: readonly SliceState[];
  from?: string;
  to?: string;
}

function queueWhere(actor: Actor, filter: QueueFilter, readerId?: Expression<number>): Expression<SqlBool> {
  const parts: Array<Expression<SqlBool>> = [visibleSlices(actor, 's', { readerId })];
  if (filter.teamId !== undefined) parts.push(sql`s.team_id = ${filter.teamId}`);
  if (filter.states) parts.push(sql`s.state in (${sql.join(filter.states.map((st) => sql.lit(st)))})`);
  if (filter.from !== undefined) parts.push(sql`s.period_end >= ${filter.from}::date`);
  if (filter.to !== undefined) parts.push(sql`s.period_start <= ${filter.to}::date`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Keyset of the queue: newest period first, then newest slice. */
export type QueueKey = [string, number];

/** One page of the slices the reader may review (`visibleSlices`), `limit + 1` rows for the next cursor. */
export async function findQueue(db: Database, actor: Actor, filter: QueueFilter, limit: number, after?: QueueKey) {
  const bound = readerBoundOnce(actor);
  const where = queueWhere(actor, filter, bound.readerId);
  const keyset = after
    ? sql`and (s.period_start < ${after[0]}::date or (s.period_start = ${after[0]}::date and s.id < ${after[1]}))`
    : sql``;
  const { rows } = await sql<ApprovalRow>`with ${bound.cte} select ${COLUMNS} from ${FROM}
    where ${where} ${keyset} order by s.period_start desc, s.id desc limit ${limit + 1}`.execute(db);
  return rows;
}

/** How many slices the filters match, over every page. */
export async function countQueue(db: Database, actor: Actor, filter: QueueFilter): Promise<number> {
  const bound = readerBoundOnce(actor);
  const { rows } = await sql<{ n: number }>`with ${bound.cte}
    select count(*)::int as n from timesheet_slices s where ${queueWhere(actor, filter, bound.readerId)}`.execute(db);
  return rows[0].n;
}

/** Slices by id, as the queue reads them (no visibility: the caller decided on each). */
export async function findApprovals(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<ApprovalRow>`select ${COLUMNS} from ${FROM}
    where s.id in (${sql.join([...ids])}) order by s.period_start desc, s.id desc`.execute(db);
  return rows;
}

export interface SliceWorklogRow {
  id: number;
  item_id: number;
  date: string;
  seconds: number;
}

/** The slice's work logs now. */
export async function findSliceWorklogs(db: Database, sliceId: number) {
  const { rows } =
    await sql<SliceWorklogRow>`select w.id, w.item_id, w.start_date as date, w.duration_seconds as seconds
    from timesheet_slices s join worklogs w on w.author_id = s.user_id join projects p on p.id = w.project_id
    where s.id = ${sliceId} and ${inSlice('w', 'p')} order by w.start_date, w.id`.execute(db);
  return rows;
}

/** The snapshot of the slice's last approval ({ id, itemId, date, seconds }[]), null when never approved. */
export async function findSnapshot(db: Database, sliceId: number): Promise<SnapshotEntry[] | null> {
  const row = await db
    .selectFrom('timesheet_slices')
    .select('approved_snapshot')
    .where('id', '=', sliceId)
    .executeTakeFirst();
  const value = row?.approved_snapshot;
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as SnapshotEntry[];
}

export interface SnapshotEntry {
  id: number;
  itemId: number;
  date: string;
  seconds: number;
}

/** Items by id with whether the reader may view them (ITEM-9); only viewable ones carry their key and title. */
export async function findItemsSeen(db: Database, reader: Reader, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  const { rows } = await sql<{ id: number; key: string; title: string; visible: boolean }>`
    select i.id, i.key, i.title, ${visibleItems(reader, 'i')} as visible
    from work_items i where i.id in (${sql.join([...itemIds])})`.execute(db);
  return rows;
}

/** The slice's owner (who never changes), read before the owner's sheet is locked. */
export function findSliceOwner(db: Database, sliceId: number) {
  return db.selectFrom('timesheet_slices').select('user_id').where('id', '=', sliceId).executeTakeFirst();
}

/** Locks the slice's row for its transition. */
export function lockSlice(trx: Database, sliceId: number) {
  return trx
    .selectFrom('timesheet_slices')
    .select(['id', 'user_id', 'team_id', 'period_start', 'period_end', 'state', 'version'])
    .where('id', '=', sliceId)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks the slices' rows for a batch's transitions, in id order (two batches never wait for each other in a circle). */
export function lockSlices(trx: Database, sliceIds: readonly number[]) {
  return trx
    .selectFrom('timesheet_slices')
    .select(['id', 'user_id', 'team_id', 'period_start', 'period_end', 'state', 'version'])
    .where('id', 'in', sliceIds.length ? [...sliceIds] : [0])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Moves the slice to `state`; on approval the snapshot of its work logs is kept for "changed since approval". */
export function setState(trx: Database, sliceId: number, state: SliceState, snapshot: boolean): Promise<void> {
  return setStates(trx, [sliceId], state, snapshot);
}

/** Moves the slices to `state` in one statement (a batch's decisions), each with its own snapshot on approval. */
export async function setStates(
  trx: Database,
  sliceIds: readonly number[],
  state: SliceState,
  snapshot: boolean,
): Promise<void> {
  if (sliceIds.length === 0) return;
  const taken = snapshot
    ? sql`, approved_snapshot = (select coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'itemId', w.item_id,
          'date', w.start_date, 'seconds', w.duration_seconds) order by w.id), '[]'::jsonb)
        from worklogs w join projects p on p.id = w.project_id where ${inSlice('w', 'p')})`
    : sql``;
  await sql`update timesheet_slices s set state = ${state}, version = s.version + 1, updated_at = now() ${taken}
    where s.id in (${sql.join([...sliceIds])})`.execute(trx);
}

export interface InboxRow {
  slice_id: number;
  team_id: number | null;
  team_name: string | null;
  period_start: string;
  period_end: string;
  state: SliceState;
  from_state: string | null;
  to_state: string;
  at: Date;
  comment: string;
  actor_id: number | null;
  actor_name: string | null;
}

/** Decisions by others on the user's slices since `since`, newest first (the inbox). */
export async function findDecisionsOnMine(db: Database, userId: number, since: Date, limit: number) {
  const { rows } = await sql<InboxRow>`select s.id as slice_id, s.team_id, t.name as team_name, s.period_start,
      s.period_end, s.state, h.from_state, h.to_state, h.at, h.comment, h.actor_id, u.display_name as actor_name
    from timesheet_slices s join flow_history h on h.entity_type = 'timesheet_slice' and h.entity_id = s.id
      left join teams t on t.id = s.team_id left join users u on u.id = h.actor_id
    where s.user_id = ${userId} and h.actor_id is distinct from ${userId} and h.at >= ${since.toISOString()}::timestamptz
      and h.to_state in ('approved', 'rejected', 'open')
    order by h.at desc, h.id desc limit ${limit}`.execute(db);
  return rows;
}
