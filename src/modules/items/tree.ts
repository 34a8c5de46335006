import type { Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound, unprocessable } from '../../lib/errors.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findProjectId } from '../projects/repo.js';
import { deleteSettings, lockProjectTree, recomputeGoverning, subtreeIds } from '../security/repo.js';
import { presentTrash } from './present.js';
import { lockItem, reserveItemNumbers } from './repo.js';
import type { ItemCopy, ItemMove } from './schema.js';
import {
  findAnyItem,
  findTrash,
  findViewableSubtree,
  insertCopies,
  isTrashed,
  moveItem,
  reserveItemIds,
  restoreItems,
  trashItems,
} from './tree-repo.js';

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

  async function move(actor: Actor, key: string, input: ItemMove) {
    const item = await authz.authorizeItem(actor, 'item.edit', key);
    const target = await authorizeTarget(actor, item.project.projectKey, input.parentKey);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
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

  /**
   * Copies the subtree the caller can see under the target; the copies inherit the target's security. A handful of
   * statements whatever the subtree's size: the copies' numbers and ids are reserved first, then inserted in one go.
   */
  async function copy(actor: Actor, key: string, input: ItemCopy) {
    const source = await authz.authorizeItem(actor, 'item.view', key);
    const target = await authorizeTarget(actor, source.project.projectKey, input.parentKey);
    return db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, target.projectId);
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

  async function listTrash(actor: Actor, projectKey: string) {
    const projectId = await findProjectId(db, projectKey);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    return presentTrash(await findTrash(db, projectId!));
  }

  /** Restores a trashed subtree under its parent; it inherits the parent's setting again (its own settings were dropped). */
  async function restore(actor: Actor, key: string) {
    const row = await findAnyItem(db, key);
    await authz.authorize(actor, 'project.edit', { projectId: row?.project_id, noun: 'work item' });
    if (!row?.deleted_at) throw notFound('work item in the trash');
    const parentInTrash = () => unprocessable('parent_in_trash', 'restore the parent first');
    if (row.parent_id !== null && (await isTrashed(db, row.parent_id))) throw parentInTrash();
    // Restoring puts the subtree back under its parent, like a paste: it needs edit there (ITEM-8), so the
    // restored items, which inherit the parent's setting, are never hidden from the one who restored them.
    if (row.parent_id !== null)
      await authz.authorizeItem(actor, 'item.create', row.parent_id, { noun: 'parent work item' });
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, row.project_id);
      if (row.parent_id !== null && (await isTrashed(trx, row.parent_id))) throw parentInTrash();
      const ids = await subtreeIds(trx, row.id);
      await restoreItems(trx, ids, row.deleted_at!);
      await recomputeGoverning(trx, row.id);
      await audit(trx, actor, 'item.restore', row.id, { projectId: row.project_id, after: { items: ids.length } });
    });
  }

  return { move, copy, trash, listTrash, restore };
}
