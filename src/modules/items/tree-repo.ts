import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleItems } from '../../authz/visibility.js';
import { containsPattern } from '../../lib/like.js';
import type { Database } from '../../db/index.js';
import type { ItemStatus } from './schema.js';

/** The queries of the tree operations (ITEM-8): move (and its targets), copy and trash. */

export async function moveItem(trx: Database, itemId: number, parentId: number | null) {
  const before = await trx
    .selectFrom('work_items')
    .select(['parent_id'])
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('work_items')
    .set({ parent_id: parentId, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', itemId)
    .execute();
  return before;
}

export type CopiedRow = Awaited<ReturnType<typeof findViewableSubtree>>[number];

/**
 * The item and the part of its live subtree the actor may view, parents before children (by depth, then number): the
 * walk descends only through viewable items, so nothing under a hidden item is found.
 */
export async function findViewableSubtree(trx: Database, actor: Actor, rootItemId: number) {
  const { rows } = await sql<{
    id: number;
    parent_id: number | null;
    title: string;
    description: string;
    status: ItemStatus;
  }>`
    with recursive t as (
      select i.id, 0 as depth from work_items i where i.id = ${rootItemId} and ${visibleItems(actor, 'i')}
      union all select c.id, t.depth + 1 from work_items c join t on c.parent_id = t.id where ${visibleItems(actor, 'c')})
    select i.id, i.parent_id, i.title, i.description, i.status from t join work_items i on i.id = t.id
    order by t.depth, i.num`.execute(trx);
  return rows;
}

/** Takes `count` ids from the work items' identity, so copies can name their copied parents before they are inserted. */
export async function reserveItemIds(trx: Database, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('work_items', 'id'))::int as id from generate_series(1, ${count}::int)`.execute(
    trx,
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Inserts the copies, with ids from `reserveItemIds`, into one project in one statement (its columns as arrays). */
export async function insertCopies(
  trx: Database,
  copy: { projectId: number; createdBy: number },
  items: Array<{
    id: number;
    parent_id: number | null;
    num: number;
    key: string;
    title: string;
    description: string;
    status: ItemStatus;
  }>,
) {
  const column = <K extends keyof (typeof items)[number]>(name: K) => items.map((item) => item[name]);
  await sql`
    insert into work_items (id, project_id, parent_id, num, key, title, description, status, created_by)
    overriding system value
    select c.id, ${copy.projectId}::int, c.parent_id, c.num, c.key, c.title, c.description, c.status, ${copy.createdBy}::int
    from unnest(${column('id')}::int[], ${column('parent_id')}::int[], ${column('num')}::int[], ${column('key')}::text[],
      ${column('title')}::text[], ${column('description')}::text[], ${column('status')}::text[])
      as c(id, parent_id, num, key, title, description, status)`.execute(trx);
}

/** Moves the items to the trash; they are governed by no setting there. */
export async function trashItems(trx: Database, itemIds: number[], by: number) {
  await trx
    .updateTable('work_items')
    .set({ deleted_at: new Date(), deleted_by: by, governing_item_id: null })
    .where('id', 'in', itemIds)
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * Where an item may move (the "Move to…" picker): the project's live items the actor may view, outside the item's own
 * subtree, matching `q` in key or title, in key order after `afterNum`. Whether the actor may edit a target is the
 * move's own decision (ITEM-8), so a refusal names its reason.
 */
export async function findMoveTargets(
  db: Database,
  actor: Actor,
  where: { projectId: number; itemId: number; q?: string; afterNum?: number; limit: number },
) {
  const { projectId, itemId, q, afterNum, limit } = where;
  const { rows } = await sql<{ key: string; title: string; num: number }>`
    with recursive own as (select id from work_items where id = ${itemId}
      union all select c.id from work_items c join own on c.parent_id = own.id)
    select i.key, i.title, i.num from work_items i
    where i.project_id = ${projectId} and i.deleted_at is null and i.id not in (select id from own)
      and ${afterNum === undefined ? sql`true` : sql`i.num > ${afterNum}`}
      and ${q ? sql`(i.key ilike ${containsPattern(q)} or i.title ilike ${containsPattern(q)})` : sql`true`}
      and ${visibleItems(actor, 'i')}
    order by i.num limit ${limit + 1}`.execute(db);
  return rows;
}
