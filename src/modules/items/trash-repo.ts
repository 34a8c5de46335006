import { sql } from 'kysely';
import type { Database } from '../../db/index.js';

/** The queries of the project's trash: list, restore and purge. */

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

/** A trashed item of the project, by key. */
export function findTrashedItem(db: Database, projectId: number, key: string) {
  return db
    .selectFrom('work_items')
    .select(['id', 'key', 'title'])
    .where('project_id', '=', projectId)
    .where('key', '=', key)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
}

/** What stands in the way of purging these items, and what goes with them: work logs, live items, comments. */
export async function purgeFootprint(trx: Database, itemIds: number[]) {
  const { rows } = await sql<{ worklogs: number; live: number; comments: number }>`
    select
      (select count(*) from worklogs w where w.item_id = any(${itemIds}::int[]))::int as worklogs,
      (select count(*) from work_items i where i.id = any(${itemIds}::int[]) and i.deleted_at is null)::int as live,
      (select count(*) from item_comments c where c.item_id = any(${itemIds}::int[]))::int as comments`.execute(trx);
  return rows[0];
}

/** Deletes the items for good, in one statement (children with their parents); their comments go with them. */
export function deleteItems(trx: Database, itemIds: number[]) {
  return trx.deleteFrom('work_items').where('id', 'in', itemIds).returning(['key', 'title']).execute();
}
