import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleItems } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { ItemStatus } from './schema.js';

/** The queries of the tree operations (ITEM-8): move, copy, trash and restore. */

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

/** The project's trash: the trashed items that are not inside a subtree trashed with them, latest first. */
export function findTrash(db: Database, projectId: number) {
  return db
    .selectFrom('work_items as i')
    .leftJoin('work_items as p', 'p.id', 'i.parent_id')
    .leftJoin('users as u', 'u.id', 'i.deleted_by')
    .select(['i.key', 'i.title', 'i.deleted_at', 'u.display_name'])
    .where('i.project_id', '=', projectId)
    .where('i.deleted_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('p.id', 'is', null), eb('p.deleted_at', 'is', null), eb('p.deleted_at', '<>', eb.ref('i.deleted_at'))]),
    )
    .orderBy('i.deleted_at', 'desc')
    .limit(500)
    .execute();
}

export type TrashRow = Awaited<ReturnType<typeof findTrash>>[number];

/** An item by key, trashed or not. */
export function findAnyItem(db: Database, key: string) {
  return db
    .selectFrom('work_items')
    .select(['id', 'project_id', 'parent_id', 'deleted_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function isTrashed(db: Database, itemId: number): Promise<boolean> {
  const row = await db.selectFrom('work_items').select('deleted_at').where('id', '=', itemId).executeTakeFirstOrThrow();
  return row.deleted_at !== null;
}

/** Takes the items trashed together at `deletedAt` out of the trash. */
export async function restoreItems(trx: Database, itemIds: number[], deletedAt: Date) {
  await trx
    .updateTable('work_items')
    .set({ deleted_at: null, deleted_by: null })
    .where('id', 'in', itemIds)
    .where('deleted_at', '=', deletedAt)
    .execute();
}
