import type { Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, unprocessable } from '../../lib/errors.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findProjectId } from '../projects/repo.js';
import { deleteSettings, lockProjectTree, recomputeGoverning, subtreeIds } from '../security/repo.js';
import { lockItem, reserveItemNumbers } from './repo.js';
import type { ItemCopy, ItemMove, MoveTargetPage, MoveTargetsQuery } from './schema.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import {
  findMoveTargets,
  findViewableSubtree,
  insertCopies,
  moveItem,
  reserveItemIds,
  trashItems,
} from './tree-repo.js';

/**
 * Tree operations (ITEM-8): move and paste need edit on the target, copy needs view, and security
 * settings are not carried by paste; delete moves a subtree to the trash and drops its settings.
 */
export function createTreeService({ db, authz }: Deps) {
  /**
   * Where an item goes: under a parent (edit on it) or at the top of a project (project permissions). Asked before the
   * transaction and again inside it (`trx`, read through `authz.within(trx)` after the project's lock), so the
   * target's gates — an archived project (PRJ-1) — hold at commit.
   */
  async function authorizeTarget(
    actor: Actor,
    projectKey: string,
    parentKey: string | null,
    trx?: Database,
  ): Promise<{ projectId: number; parent?: ItemFacts }> {
    const engine = trx ? authz.within(trx) : authz;
    const projectId = await findProjectId(trx ?? db, projectKey);
    if (parentKey) {
      const parent = await engine.authorizeItem(actor, 'item.create', parentKey);
      if (parent.projectId !== projectId) throw badRequest('parentKey', 'no such work item in this project');
      return { projectId: projectId!, parent };
    }
    await engine.authorize(actor, 'item.create', { projectId, noun: 'project' });
    return { projectId: projectId! };
  }

  async function move(actor: Actor, key: string, input: ItemMove) {
    const item = await authz.authorizeItem(actor, 'item.edit', key);
    const target = await authorizeTarget(actor, item.project.projectKey, input.parentKey);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      await authorizeTarget(actor, item.project.projectKey, input.parentKey, trx);
      checkVersion('work item', (await lockItem(trx, item.itemId)).version, input.version);
      const subtree = await subtreeIds(trx, item.itemId);
      if (target.parent && subtree.includes(target.parent.itemId))
        throw unprocessable(
          'move_into_own_subtree',
          'an item cannot move under itself or its descendants',
          'parentKey',
        );
      const parentId = target.parent?.itemId ?? null;
      const before = await moveItem(trx, item.itemId, parentId);
      await recomputeGoverning(trx, item.itemId);
      await audit(trx, actor, 'item.move', item.itemId, {
        projectId: item.projectId,
        before,
        after: { parent_id: parentId },
      });
    });
  }

  /** The parents the caller may pick for the item (who may move it): viewable items outside its subtree, by key. */
  async function moveTargets(actor: Actor, key: string, query: MoveTargetsQuery): Promise<MoveTargetPage> {
    const item = await authz.authorizeItem(actor, 'item.edit', key);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const rows = await findMoveTargets(db, actor, {
      projectId: item.projectId,
      itemId: item.itemId,
      q: query.q || undefined,
      afterNum: after?.[0],
      limit: query.limit,
    });
    const page = pageOf(rows, query.limit, (r) => [r.num]);
    return { items: page.items.map((r) => ({ key: r.key, title: r.title })), nextCursor: page.nextCursor };
  }

  /**
   * Copies the subtree the caller can see under the target; the copies inherit the target's security. A handful of
   * statements whatever the subtree's size: the copies' numbers and ids are reserved first, then inserted in one go.
   */
  async function copy(actor: Actor, key: string, input: ItemCopy) {
    const source = await authz.authorizeItem(actor, 'item.view', key);
    const target = await authorizeTarget(actor, source.project.projectKey, input.parentKey);
    return db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, target.projectId);
      await authorizeTarget(actor, source.project.projectKey, input.parentKey, trx);
      // The source comes first, parents before their children.
      const rows = await findViewableSubtree(trx, actor, source.itemId);
      const { first, key: projectKey } = await reserveItemNumbers(trx, target.projectId, rows.length);
      const ids = await reserveItemIds(trx, rows.length);
      const copyOf = new Map(rows.map((row, i) => [row.id, ids[i]]));
      const copies = rows.map((row, i) => ({
        id: ids[i],
        parent_id: i === 0 ? (target.parent?.itemId ?? null) : copyOf.get(row.parent_id!)!,
        num: first + i,
        key: `${projectKey}-${first + i}`,
        title: row.title,
        description: row.description,
        status: row.status,
      }));
      await insertCopies(trx, { projectId: target.projectId, createdBy: actor.userId }, copies);
      const root = copies[0];
      await recomputeGoverning(trx, root.id);
      await audit(trx, actor, 'item.copy', root.id, {
        projectId: target.projectId,
        after: { from: key, items: copies.length },
      });
      return root.key;
    });
  }

  async function trash(actor: Actor, key: string, version: number) {
    const item = await authz.authorizeItem(actor, 'item.delete', key);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      checkVersion('work item', (await lockItem(trx, item.itemId)).version, version);
      const ids = await subtreeIds(trx, item.itemId);
      const droppedSecurity = await deleteSettings(trx, ids);
      await trashItems(trx, ids, actor.userId);
      await audit(trx, actor, 'item.trash', item.itemId, {
        projectId: item.projectId,
        after: { items: ids.length, droppedSecurity },
      });
    });
  }

  return { move, moveTargets, copy, trash };
}
