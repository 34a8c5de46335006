import { sql } from 'kysely';
import type { z } from 'zod';
import { abilities, type Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import { canViewItem } from '../../authz/sql.js';
import { promotedItems } from '../../authz/tree-sql.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { findProjectId } from '../projects/service.js';
import type { commentCreate, itemCreate, ITEM_STATUSES, itemUpdate } from './schema.js';

type ItemStatus = (typeof ITEM_STATUSES)[number];

export function itemAbilities(actor: Actor, facts: ItemFacts) {
  return abilities(actor.subject, facts, {
    canEdit: { action: 'item.edit' },
    canDelete: { action: 'item.delete' },
    canComment: { action: 'item.comment' },
    canLogWork: { action: 'worklog.create', ownerId: actor.userId },
    canViewWorklogs: { action: 'worklog.view' },
    canViewTimePanels: { action: 'item.timePanels' },
    canChangeSecurity: { action: 'item.security' },
  });
}

export function createItemService({ db, authz }: Deps) {
  /**
   * The items listed under a parent (at the top without one), in key order, paged in SQL: the viewable items whose
   * visible parent — nearest viewable ancestor — it is (ITEM-2). Mostly its viewable children; also viewable items
   * under hidden children, which would otherwise be in no list. hasChildren counts the same way.
   */
  async function listChildren(
    actor: Actor,
    projectKey: string,
    query: { parent?: string; limit: number; cursor?: string },
  ) {
    const projectId = await findProjectId(db, projectKey);
    await authz.authorize(actor, 'project.view', { projectId, noun: 'project' });
    // Under an item the caller cannot view the answer is 404, as reading the item is: no trace of it.
    const parent = query.parent ? await authz.authorizeItem(actor, 'item.view', query.parent) : undefined;
    if (parent && parent.projectId !== projectId) throw badRequest('parent', 'no such work item in this project');
    const parentId = parent?.itemId ?? null;
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const afterCursor = (alias: string) => (after ? sql`${sql.ref(`${alias}.num`)} > ${after[0]}` : sql`true`);
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
      with tw_promoted as (${promotedItems(actor, projectId!)})
      select i.id, i.key, i.title, i.status, i.num,
        (exists (select 1 from work_items c where c.project_id = ${projectId!} and c.parent_id = i.id and ${canViewItem(actor, 'c')})
          or exists (select 1 from tw_promoted p where p.visible_parent_id = i.id)) as has_children
      from work_items i
      where i.id in (
        (select c.id from work_items c
          where c.project_id = ${projectId!} and ${parentId === null ? sql`c.parent_id is null` : sql`c.parent_id = ${parentId}`}
            and ${afterCursor('c')} and ${canViewItem(actor, 'c')}
          order by c.num limit ${query.limit + 1})
        union all
        select p.id from tw_promoted p where ${parentId === null ? sql`p.visible_parent_id is null` : sql`p.visible_parent_id = ${parentId}`})
        and ${afterCursor('i')}
      order by i.num limit ${query.limit + 1}`.execute(db);
    const page = pageOf(rows, query.limit, (r) => [r.num]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        key: r.key,
        title: r.title,
        status: r.status,
        parentKey: parent ? query.parent! : null,
        hasChildren: r.has_children,
      })),
      nextCursor: page.nextCursor,
    };
  }

  async function get(actor: Actor, key: string) {
    const found = await authz.authorizeItem(actor, 'item.view', key);
    // Ancestors the caller may not view are left out of the path: no trace of them (ITEM-2, ITEM-9).
    const { rows: path } = await sql<{ id: number; key: string; title: string; depth: number }>`
      with recursive up as (
        select id, parent_id, 0 as depth from work_items where id = ${found.itemId}
        union all select w.id, w.parent_id, up.depth + 1 from work_items w join up on w.id = up.parent_id)
      select i.id, i.key, i.title, up.depth from up join work_items i on i.id = up.id
      where up.depth = 0 or ${canViewItem(actor, 'i')} order by up.depth desc`.execute(db);
    const item = await db
      .selectFrom('work_items as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .selectAll('i')
      .select('p.key as project_key')
      .where('i.id', '=', found.itemId)
      .executeTakeFirstOrThrow();
    const ancestors = path.slice(0, -1);
    return {
      id: item.id,
      key: item.key,
      projectKey: item.project_key,
      title: item.title,
      description: item.description,
      status: item.status,
      // The visible parent: the nearest ancestor the caller may view, under which the lists show the item (ITEM-2).
      parentKey: ancestors.length ? ancestors[ancestors.length - 1].key : null,
      path: ancestors.map((a) => ({ key: a.key, title: a.title })),
      version: item.version,
      createdAt: item.created_at,
      updatedAt: item.updated_at,
      abilities: itemAbilities(actor, found),
    };
  }

  async function create(actor: Actor, projectKey: string, input: z.infer<typeof itemCreate>) {
    const projectId = await findProjectId(db, projectKey);
    // Under a parent, the parent's item security must allow edit; at the top, project permissions decide.
    const parent = input.parentKey ? await authz.authorizeItem(actor, 'item.create', input.parentKey) : undefined;
    if (!parent) await authz.authorize(actor, 'item.create', { projectId, noun: 'project' });
    if (parent && parent.projectId !== projectId) throw badRequest('parentKey', 'no such work item in this project');
    const key = await db.transaction().execute(async (trx) => {
      // The counter update locks the project row — the same lock security and tree changes take — so
      // concurrent creations get distinct numbers and the parent's governing setting read next is current.
      const { num, key: pkey } = await trx
        .updateTable('projects')
        .set({ next_item_num: sql`next_item_num + 1` })
        .where('id', '=', projectId!)
        .returning([sql<number>`next_item_num - 1`.as('num'), 'key'])
        .executeTakeFirstOrThrow();
      const parentRow =
        parent &&
        (await trx
          .selectFrom('work_items')
          .select(['id', 'governing_item_id'])
          .where('id', '=', parent.itemId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst());
      if (parent && !parentRow) throw notFound('work item');
      const item = await trx
        .insertInto('work_items')
        .values({
          project_id: projectId!,
          parent_id: parentRow?.id ?? null,
          num,
          key: `${pkey}-${num}`,
          title: input.title,
          description: input.description ?? '',
          created_by: actor.userId,
          // A new item under a secured item inherits its setting (ITEM-2).
          governing_item_id: parentRow?.governing_item_id ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.create',
        entityType: 'work_item',
        entityId: item.id,
        projectId,
        after: item,
      });
      return item.key;
    });
    return get(actor, key);
  }

  async function update(actor: Actor, key: string, input: z.infer<typeof itemUpdate>) {
    const found = await authz.authorizeItem(actor, 'item.edit', key);
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('work_items')
        .selectAll()
        .where('id', '=', found.itemId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (before.version !== input.version)
        throw conflict('version_conflict', `the work item changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      const after = await trx
        .updateTable('work_items')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', found.itemId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.update',
        entityType: 'work_item',
        entityId: found.itemId,
        projectId: found.projectId,
        before,
        after,
      });
    });
    return get(actor, key);
  }

  async function listComments(actor: Actor, key: string, query: { limit: number; cursor?: string }) {
    const found = await authz.authorizeItem(actor, 'item.view', key);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    let q = db
      .selectFrom('item_comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.id', 'c.body', 'c.created_at', 'u.id as author_id', 'u.display_name'])
      .where('c.item_id', '=', found.itemId)
      .orderBy('c.id')
      .limit(query.limit + 1);
    if (after) q = q.where('c.id', '>', after[0]);
    const page = pageOf(await q.execute(), query.limit, (r) => [r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        body: r.body,
        createdAt: r.created_at,
        author: { id: r.author_id, displayName: r.display_name },
      })),
      nextCursor: page.nextCursor,
    };
  }

  async function addComment(actor: Actor, key: string, input: z.infer<typeof commentCreate>) {
    const found = await authz.authorizeItem(actor, 'item.comment', key);
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('item_comments')
        .values({ item_id: found.itemId, author_id: actor.userId, body: input.body })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'comment.create',
        entityType: 'item_comment',
        entityId: row.id,
        projectId: found.projectId,
        after: row,
      });
      return {
        id: row.id,
        body: row.body,
        createdAt: row.created_at,
        author: { id: actor.userId, displayName: actor.displayName },
      };
    });
  }

  return { listChildren, get, create, update, listComments, addComment };
}
