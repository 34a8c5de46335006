import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import { canViewItem } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { badRequest, conflict, notFound, unprocessable } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { findProjectId } from '../projects/service.js';
import { lockProjectTree, recomputeGoverning, subtreeIds } from '../security/governing.js';

/**
 * Tree operations (ITEM-8): move and paste need edit on the target, copy needs view, and security
 * settings are not carried by paste; delete moves a subtree to the trash and drops its settings.
 */
export function createTreeService({ db, authz }: Deps) {
  /** Where an item goes: under a parent (edit on it) or at the top of a project (project permissions). */
  async function authorizeTarget(
    actor: Actor,
    projectKey: string,
    parentKey: string | null,
  ): Promise<{ projectId: number; parent?: ItemFacts }> {
    const projectId = await findProjectId(db, projectKey);
    if (parentKey) {
      const parent = await authz.authorizeItem(actor, 'item.create', parentKey);
      if (parent.projectId !== projectId) throw badRequest('parentKey', 'no such work item in this project');
      return { projectId: projectId!, parent };
    }
    await authz.authorize(actor, 'item.create', { projectId, noun: 'project' });
    return { projectId: projectId! };
  }

  async function checkVersion(trx: Database, itemId: number, version: number) {
    const row = await trx
      .selectFrom('work_items')
      .select('version')
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.version !== version)
      throw conflict('version_conflict', `the work item changed since version ${version}; reload it`, {
        currentVersion: row.version,
      });
  }

  async function move(actor: Actor, key: string, input: { parentKey: string | null; version: number }) {
    const item = await authz.authorizeItem(actor, 'item.edit', key);
    const target = await authorizeTarget(actor, item.project.projectKey, input.parentKey);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      await checkVersion(trx, item.itemId, input.version);
      const subtree = await subtreeIds(trx, item.itemId);
      if (target.parent && subtree.includes(target.parent.itemId))
        throw unprocessable(
          'move_into_own_subtree',
          'an item cannot move under itself or its descendants',
          'parentKey',
        );
      const before = await trx
        .selectFrom('work_items')
        .select(['parent_id'])
        .where('id', '=', item.itemId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('work_items')
        .set({ parent_id: target.parent?.itemId ?? null, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', item.itemId)
        .execute();
      await recomputeGoverning(trx, item.itemId);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.move',
        entityType: 'work_item',
        entityId: item.itemId,
        projectId: item.projectId,
        before,
        after: { parent_id: target.parent?.itemId ?? null },
      });
    });
  }

  /** Copies the subtree the caller can see under the target; the copies inherit the target's security. */
  async function copy(actor: Actor, key: string, input: { parentKey: string | null }) {
    const source = await authz.authorizeItem(actor, 'item.view', key);
    const target = await authorizeTarget(actor, source.project.projectKey, input.parentKey);
    return db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, target.projectId);
      const { rows } = await sql<{
        id: number;
        parent_id: number | null;
        title: string;
        description: string;
        status: 'open' | 'in_progress' | 'done';
        depth: number;
      }>`
        with recursive t as (
          select i.id, i.parent_id, 0 as depth from work_items i where i.id = ${source.itemId}
          union all select c.id, c.parent_id, t.depth + 1 from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
        select i.id, i.parent_id, i.title, i.description, i.status, t.depth from t join work_items i on i.id = t.id
        where ${canViewItem(actor, 'i')} order by t.depth, i.num`.execute(trx);
      const copies = new Map<number, number>();
      let rootKey = '';
      for (const row of rows) {
        const parentId = row.id === source.itemId ? (target.parent?.itemId ?? null) : copies.get(row.parent_id!);
        if (parentId === undefined) continue; // under a hidden item: not copied
        const { num, key: pkey } = await trx
          .updateTable('projects')
          .set({ next_item_num: sql`next_item_num + 1` })
          .where('id', '=', target.projectId)
          .returning([sql<number>`next_item_num - 1`.as('num'), 'key'])
          .executeTakeFirstOrThrow();
        const created = await trx
          .insertInto('work_items')
          .values({
            project_id: target.projectId,
            parent_id: parentId,
            num,
            key: `${pkey}-${num}`,
            title: row.title,
            description: row.description,
            status: row.status,
            created_by: actor.userId,
          })
          .returning(['id', 'key'])
          .executeTakeFirstOrThrow();
        copies.set(row.id, created.id);
        if (row.id === source.itemId) rootKey = created.key;
      }
      const rootId = copies.get(source.itemId)!;
      await recomputeGoverning(trx, rootId);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.copy',
        entityType: 'work_item',
        entityId: rootId,
        projectId: target.projectId,
        after: { from: key, items: copies.size },
      });
      return rootKey;
    });
  }

  async function trash(actor: Actor, key: string, version: number) {
    const item = await authz.authorizeItem(actor, 'item.delete', key);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      await checkVersion(trx, item.itemId, version);
      const ids = await subtreeIds(trx, item.itemId);
      const dropped = await trx.deleteFrom('item_security').where('item_id', 'in', ids).returning('item_id').execute();
      const now = new Date();
      await trx
        .updateTable('work_items')
        .set({ deleted_at: now, deleted_by: actor.userId, governing_item_id: null })
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.trash',
        entityType: 'work_item',
        entityId: item.itemId,
        projectId: item.projectId,
        after: { items: ids.length, droppedSecurity: dropped.map((d) => d.item_id) },
      });
    });
  }

  async function listTrash(actor: Actor, projectKey: string) {
    const projectId = await findProjectId(db, projectKey);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    const rows = await db
      .selectFrom('work_items as i')
      .leftJoin('work_items as p', 'p.id', 'i.parent_id')
      .leftJoin('users as u', 'u.id', 'i.deleted_by')
      .select(['i.key', 'i.title', 'i.deleted_at', 'u.display_name'])
      .where('i.project_id', '=', projectId!)
      .where('i.deleted_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('p.id', 'is', null),
          eb('p.deleted_at', 'is', null),
          eb('p.deleted_at', '<>', eb.ref('i.deleted_at')),
        ]),
      )
      .orderBy('i.deleted_at', 'desc')
      .limit(500)
      .execute();
    return {
      items: rows.map((r) => ({
        key: r.key,
        title: r.title,
        deletedAt: r.deleted_at!,
        deletedBy: r.display_name ?? '',
      })),
    };
  }

  /** Restores a trashed subtree under its parent; it inherits the parent's setting again (its own settings were dropped). */
  async function restore(actor: Actor, key: string) {
    const row = await db
      .selectFrom('work_items')
      .select(['id', 'project_id', 'parent_id', 'deleted_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    await authz.authorize(actor, 'project.edit', { projectId: row?.project_id, noun: 'work item' });
    if (!row?.deleted_at) throw notFound('work item in the trash');
    const parentTrashed = async (q: Database) =>
      row.parent_id !== null &&
      (await q.selectFrom('work_items').select('deleted_at').where('id', '=', row.parent_id).executeTakeFirstOrThrow())
        .deleted_at !== null;
    if (await parentTrashed(db)) throw unprocessable('parent_in_trash', 'restore the parent first');
    // Restoring puts the subtree back under its parent, like a paste: it needs edit there (ITEM-8), so the
    // restored items, which inherit the parent's setting, are never hidden from the one who restored them.
    if (row.parent_id !== null)
      await authz.authorizeItem(actor, 'item.create', row.parent_id, { noun: 'parent work item' });
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, row.project_id);
      if (await parentTrashed(trx)) throw unprocessable('parent_in_trash', 'restore the parent first');
      const ids = await subtreeIds(trx, row.id);
      await trx
        .updateTable('work_items')
        .set({ deleted_at: null, deleted_by: null })
        .where('id', 'in', ids)
        .where('deleted_at', '=', row.deleted_at!)
        .execute();
      await recomputeGoverning(trx, row.id);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.restore',
        entityType: 'work_item',
        entityId: row.id,
        projectId: row.project_id,
        after: { items: ids.length },
      });
    });
  }

  return { move, copy, trash, listTrash, restore };
}
