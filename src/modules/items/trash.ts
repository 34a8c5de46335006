import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { findProjectId } from '../projects/repo.js';
import { lockProjectTree, recomputeGoverning, subtreeIds } from '../security/repo.js';
import { presentTrash } from './present.js';
import {
  deleteItems,
  findAnyItem,
  findTrash,
  findTrashedItem,
  isTrashed,
  purgeFootprint,
  restoreItems,
} from './trash-repo.js';

/** A project's trash (ITEM-8: deleting moves an item there): list, restore and purge, for project administrators. */
export function createTrashService({ db, authz }: Deps) {
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
      // The parent's gates again under the project's lock (PRJ-1: not into an archived project).
      if (row.parent_id !== null)
        await authz.within(trx).authorizeItem(actor, 'item.create', row.parent_id, { noun: 'parent work item' });
      const ids = await subtreeIds(trx, row.id);
      await restoreItems(trx, ids, row.deleted_at!);
      await recomputeGoverning(trx, row.id);
      await audit(trx, actor, 'item.restore', row.id, { projectId: row.project_id, after: { items: ids.length } });
    });
  }

  /**
   * Deletes a trashed item and everything under it for good. Work logs are records of work done (and maybe billed), so
   * an item with work logs on it or under it is never purged: 409 `item_has_worklogs`, nothing deleted. The audit row is
   * the project's, naming what went, since the items it would be about no longer exist.
   */
  async function purge(actor: Actor, projectKey: string, key: string) {
    const projectId = await findProjectId(db, projectKey);
    await authz.authorize(actor, 'project.edit', { projectId, noun: 'project' });
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, projectId!);
      const item = await findTrashedItem(trx, projectId!, key);
      if (!item) throw notFound('work item in the trash');
      const ids = await subtreeIds(trx, item.id);
      const footprint = await purgeFootprint(trx, ids);
      if (footprint.worklogs > 0)
        throw conflict(
          'item_has_worklogs',
          `${footprint.worklogs} work ${footprint.worklogs === 1 ? 'log is' : 'logs are'} recorded on ${key} or the items under it; an item with work logs cannot be purged (restore it to see them)`,
          { worklogs: footprint.worklogs },
        );
      if (footprint.live > 0)
        throw conflict('item_not_in_trash', `part of ${key} is no longer in the trash; reload it`);
      const purged = await deleteItems(trx, ids);
      await audit(trx, actor, 'item.purge', projectId!, {
        projectId,
        before: { key: item.key, title: item.title, items: purged, comments: footprint.comments },
      });
    });
  }

  return { listTrash, restore, purge };
}
