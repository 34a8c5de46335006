import { enforce, type Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import { diffSnapshots, dryRun, itemAccessSnapshot } from '../../commands/preview.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, conflict, unprocessable } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { lockoutWarnings, presentEntries, presentSetting } from './present.js';
import {
  deleteSettings,
  findEntries,
  findExistingSubjects,
  findSettingState,
  findViewableWithOwnSetting,
  lockProjectTree,
  lockSetting,
  recomputeGoverning,
  subtreeIds,
  viewableSubtreeKeys,
  writeSetting,
} from './repo.js';
import type { EntryIn, SecurityBatch, SecuritySet } from './schema.js';

/** Item security settings (ITEM-1…ITEM-10): each change is one transaction that also recomputes the governing settings. */
export function createSecurityService({ db, authz }: Deps) {
  async function get(actor: Actor, key: string) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    return describe(actor, key, item.itemId);
  }

  /**
   * The setting as it now stands. After a change it is answered without a second check: a setting that
   * shuts out the very administrator who saved it (ITEM-4, confirmed) is saved, and the answer says so.
   */
  async function describe(actor: Actor, key: string, itemId: number) {
    const state = await findSettingState(db, itemId);
    const entries =
      state.governing_item_id === null ? [] : presentEntries(await findEntries(db, state.governing_item_id));
    const ids = (await subtreeIds(db, itemId)).filter((id) => id !== itemId);
    // Only descendants the caller may view are named: a project administrator kept out of part of the subtree learns
    // nothing of it (ITEM-9); clearing the whole subtree (ITEM-7) still clears them.
    const own = ids.length ? await findViewableWithOwnSetting(db, actor, ids) : [];
    const childrenWithOwnSetting = own.map((r) => r.key);
    return presentSetting(key, state, entries, childrenWithOwnSetting);
  }

  /** Sets the item's own setting (replacing any), optionally making all descendants inherit it (ITEM-6). */
  async function applySet(
    trx: Database,
    actor: Actor,
    item: Pick<ItemFacts, 'itemId' | 'projectId'>,
    input: SecuritySet,
    field = 'entries',
  ) {
    const { itemId, projectId } = item;
    if (!input.confirmLockout && lockoutWarnings(input.entries).length) {
      throw unprocessable(
        'lockout_warning',
        'no entry allows view: only system administrators would reach this item; confirm with confirmLockout',
        field,
      );
    }
    await checkSubjects(trx, input.entries, projectId, field);
    await lockProjectTree(trx, projectId);
    const before = await lockSetting(trx, itemId);
    // API-4: replacing an own setting needs the version read; a version for a setting that is gone is stale too.
    if ((before && before.version !== input.version) || (!before && input.version !== undefined)) {
      throw conflict(
        'version_conflict',
        `the setting changed${input.version ? ` since version ${input.version}` : ''}; reload it`,
        { currentVersion: before?.version ?? null },
      );
    }
    const beforeEntries = before ? presentEntries(await findEntries(trx, itemId)) : null;
    await writeSetting(trx, { itemId, projectId, replaces: Boolean(before), entries: input.entries });
    const cleared = input.applyToChildren
      ? await deleteSettings(
          trx,
          (await subtreeIds(trx, itemId)).filter((id) => id !== itemId),
        )
      : [];
    await recomputeGoverning(trx, itemId);
    await audit(trx, actor, 'item.security.set', itemId, {
      projectId,
      before: beforeEntries,
      after: { entries: input.entries, applyToChildren: input.applyToChildren, clearedChildren: cleared },
    });
  }

  async function set(actor: Actor, key: string, input: SecuritySet) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    await db.transaction().execute((trx) => applySet(trx, actor, item, input));
    return describe(actor, key, item.itemId);
  }

  /**
   * ITEM-10: several items in one request, each checked on its own — all decided on one load, the first refusal in
   * the request's order answering — and all or nothing.
   */
  async function setMany(actor: Actor, items: SecurityBatch['items']) {
    const decisions = await authz.authorizeMany(
      actor,
      'item.security',
      items.map((entry) => entry.itemKey),
    );
    const checked = items.map((entry) => {
      const decision = decisions.get(entry.itemKey)!;
      enforce(decision, 'work item', actor.decided);
      return { entry, item: decision.facts! };
    });
    await db.transaction().execute(async (trx) => {
      // Projects locked in one order, so two batches over the same projects cannot deadlock.
      for (const projectId of [...new Set(checked.map((c) => c.item.projectId))].sort((a, b) => a - b))
        await lockProjectTree(trx, projectId);
      for (const [i, { entry, item }] of checked.entries())
        await applySet(trx, actor, item, entry, `items.${i}.entries`);
    });
    return { items: await Promise.all(checked.map(({ entry, item }) => describe(actor, entry.itemKey, item.itemId))) };
  }

  /** ITEM-7: clears the own setting (the item inherits again, ITEM-6) — with `children`, the whole subtree's. */
  async function clear(actor: Actor, key: string, children: boolean) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      const ids = children ? await subtreeIds(trx, item.itemId) : [item.itemId];
      const clearedItems = await deleteSettings(trx, ids);
      await recomputeGoverning(trx, item.itemId);
      await audit(trx, actor, 'item.security.clear', item.itemId, {
        projectId: item.projectId,
        before: { clearedItems },
        after: { children },
      });
    });
    return describe(actor, key, item.itemId);
  }

  /** EXPL-3: whose access to the item and its subtree would change, without saving. */
  async function preview(actor: Actor, key: string, input: SecuritySet) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    // Changes are named only on items of the subtree the caller may view now: the others do not exist for them (ITEM-9).
    const shown = await viewableSubtreeKeys(db, actor, item.itemId);
    return dryRun(db, async (trx) => {
      const before = await itemAccessSnapshot(trx, item.itemId);
      await applySet(trx, actor, item, { ...input, confirmLockout: true });
      const changes = await diffSnapshots(trx, before, await itemAccessSnapshot(trx, item.itemId));
      return { changes: changes.filter((c) => shown.has(c.target)), warnings: lockoutWarnings(input.entries) };
    });
  }

  return { get, set, setMany, clear, preview };
}

/** Each entry names an existing subject, once; a team must work on the item's project (ITEM-1). */
async function checkSubjects(trx: Database, entries: EntryIn[], projectId: number, field: string) {
  const existing = await findExistingSubjects(trx, entries, projectId);
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const k = `${e.kind}:${e.subjectId}`;
    if (seen.has(k)) throw badRequest(`${field}.${i}`, `${e.kind} ${e.subjectId} appears twice`);
    seen.add(k);
    if (!existing.has(k)) throw badRequest(`${field}.${i}.subjectId`, `no such ${e.kind}`);
  }
}
