import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { readerBoundOnce, visibleItems } from '../../authz/visibility.js';
import { promotedItems } from '../../authz/tree-sql.js';
import type { Database } from '../../db/index.js';
import type { ItemStatus, ItemUpdate } from './schema.js';

/** The items module's queries: work items, their comments, the tree operations and the trash. */

/**
 * The items listed under a parent (null: the top of the project) in key order, after `afterNum`: the viewable items
 * whose visible parent it is (ITEM-2) — its viewable children, and viewable items under hidden children, which would
 * otherwise be in no list. hasChildren counts the same way.
 */
export async function findChildren(
  db: Database,
  actor: Actor,
  where: { projectId: number; parentId: number | null; afterNum?: number; limit: number },
) {
  const { projectId, parentId, afterNum, limit } = where;
  const after = (alias: string) => (afterNum !== undefined ? sql`${sql.ref(`${alias}.num`)} > ${afterNum}` : sql`true`);
  // The reader is bound once, so the statement has a handful of parameters and is prepared (src/db).
  const { cte, readerId } = readerBoundOnce(actor);
  const visible = (alias: string) => visibleItems(actor, alias, { readerId });
  // Children first through the (project, parent, num) index, at most a page of them; then the few promoted items.
  // hasChildren names the project, so it is an index lookup per listed row: without it PostgreSQL hashed every
  // viewable item of the user's projects to answer for a page of children.
  const { rows } = await sql<{
    id: number;
    key: string;
    title: string;
    status: ItemStatus;
    num: number;
    has_children: boolean;
  }>`
    with ${cte}, tw_promoted as (${promotedItems({ userId: readerId, systemAdmin: actor.systemAdmin }, projectId)})
    select i.id, i.key, i.title, i.status, i.num,
      (exists (select 1 from work_items c where c.project_id = ${projectId} and c.parent_id = i.id and ${visible('c')})
        or exists (select 1 from tw_promoted p where p.visible_parent_id = i.id)) as has_children
    from work_items i
    where i.id = any(array(
      (select c.id from work_items c
        where c.project_id = ${projectId} and ${parentId === null ? sql`c.parent_id is null` : sql`c.parent_id = ${parentId}`}
          and ${after('c')} and ${visible('c')}
        order by c.num limit ${limit + 1})
      union all
      select p.id from tw_promoted p where ${parentId === null ? sql`p.visible_parent_id is null` : sql`p.visible_parent_id = ${parentId}`}))
      and ${after('i')}
    order by i.num limit ${limit + 1}`.execute(db);
  return rows;
}

export type ItemRow = Awaited<ReturnType<typeof findItem>>;

export function findItem(db: Database, itemId: number) {
  return db
    .selectFrom('work_items as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .selectAll('i')
    .select('p.key as project_key')
    .where('i.id', '=', itemId)
    .executeTakeFirstOrThrow();
}

/** The item and its ancestors the actor may view, from the top down; hidden ancestors are left out (ITEM-2, ITEM-9). */
export async function findViewablePath(db: Database, actor: Actor, itemId: number) {
  const { rows } = await sql<{ id: number; key: string; title: string; depth: number }>`
    with recursive up as (
      select id, parent_id, 0 as depth from work_items where id = ${itemId}
      union all select w.id, w.parent_id, up.depth + 1 from work_items w join up on w.id = up.parent_id)
    select i.id, i.key, i.title, up.depth from up join work_items i on i.id = up.id
    where up.depth = 0 or ${visibleItems(actor, 'i')} order by up.depth desc`.execute(db);
  return rows;
}

/**
 * Takes `count` item numbers of the project. The counter update locks the project row — the same lock security and
 * tree changes take — so concurrent creations get distinct numbers and a parent's governing setting read next is current.
 */
export async function reserveItemNumbers(trx: Database, projectId: number, count = 1) {
  return trx
    .updateTable('projects')
    .set({ next_item_num: sql`next_item_num + ${count}` })
    .where('id', '=', projectId)
    .returning([sql<number>`next_item_num - ${count}`.as('first'), 'key'])
    .executeTakeFirstOrThrow();
}

/** A live (not trashed) item's id and governing setting, for a new child. */
export function findLiveItem(trx: Database, itemId: number) {
  return trx
    .selectFrom('work_items')
    .select(['id', 'governing_item_id'])
    .where('id', '=', itemId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function insertItem(
  trx: Database,
  item: {
    project_id: number;
    parent_id: number | null;
    num: number;
    key: string;
    title: string;
    description: string;
    created_by: number;
    governing_item_id: number | null;
  },
) {
  return trx.insertInto('work_items').values(item).returningAll().executeTakeFirstOrThrow();
}

/** The item row, locked for the change that follows (its version is checked against the one the caller read). */
export function lockItem(trx: Database, itemId: number) {
  return trx.selectFrom('work_items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
}

export function updateItem(trx: Database, itemId: number, input: Omit<ItemUpdate, 'version'>) {
  return trx
    .updateTable('work_items')
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', itemId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type CommentRow = Awaited<ReturnType<typeof findComments>>[number];

export function findComments(db: Database, itemId: number, page: { afterId?: number; limit: number }) {
  let q = db
    .selectFrom('item_comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.body', 'c.created_at', 'u.id as author_id', 'u.display_name'])
    .where('c.item_id', '=', itemId)
    .orderBy('c.id')
    .limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('c.id', '>', page.afterId);
  return q.execute();
}

export function insertComment(trx: Database, comment: { item_id: number; author_id: number; body: string }) {
  return trx.insertInto('item_comments').values(comment).returningAll().executeTakeFirstOrThrow();
}
