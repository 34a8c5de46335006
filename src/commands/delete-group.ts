/**
 * Deleting a group (ID-6) and its preview (EXPL-3). A group is named by rows of several modules — memberships (users),
 * project permissions and project-role memberships (projects), item-security entries (security), denials and app
 * roles (access) — so its deletion spans them all. The deletion is one transaction: the group is locked, its version
 * and the confirmation checked, everything it carries removed and one audit row written. The preview runs the same
 * removal in one transaction that is always rolled back, and shows only what lies where the administrator may look.
 */
import type { Actor } from '../authz/engine.js';
import type { Deps } from '../lib/deps.js';
import { AppError, notFound, unprocessable } from '../lib/errors.js';
import { checkVersion } from '../lib/versions.js';
import { audit } from '../modules/audit/repo.js';
import {
  browsableProjectIds,
  groupFootprint,
  removeGroup,
  settingsWithoutViewAllow,
  viewableItemIds,
  viewableItemKeys,
  type GroupFootprint,
} from '../modules/users/footprint.js';
import { footprintForAudit, removesOut } from '../modules/users/present.js';
import { findGroup, lockGroup } from '../modules/users/repo.js';
import { isBuiltInGroup, type GroupDeletionPreview } from '../modules/users/schema.js';
import { accessSnapshot, diffSnapshots, dryRun } from './preview.js';

const carriesAnything = (f: GroupFootprint) => Object.values(f).some((list) => list.length > 0);
const ITEM_KEY = /^[A-Z][A-Z0-9]*-\d+$/;

function refuseBuiltIn(group: { name: string }) {
  if (isBuiltInGroup(group.name))
    throw unprocessable('built_in_group', `the group '${group.name}' is built in and cannot be deleted`);
}

export function createDeleteGroupCommand({ db }: Deps) {
  /**
   * What deleting the group removes and whose access changes, from a dry run of the deletion itself. The caller sees
   * projects and items as everywhere else: what lies in projects they cannot browse, or on items they cannot view, is
   * neither named nor counted (no trace of it), and changes there are left out.
   */
  async function preview(actor: Actor, id: number): Promise<GroupDeletionPreview> {
    const group = await findGroup(db, id);
    if (!group) throw notFound('group');
    refuseBuiltIn(group);
    const footprint = await groupFootprint(db, group.id);
    const { projectPermissions, projectRoles, itemSecurity } = footprint;
    const projectIds = [...new Set([...projectPermissions, ...projectRoles, ...itemSecurity].map((r) => r.projectId))];
    const itemIds = [...new Set(itemSecurity.map((e) => e.itemId))];
    const visible = {
      projects: await browsableProjectIds(db, actor, projectIds),
      items: await viewableItemIds(db, actor, itemIds),
    };
    const shownProjects = [...visible.projects];
    const shownItems = itemIds.filter((itemId) => visible.items.has(itemId));

    const { changes, lockouts } = await dryRun(db, async (trx) => {
      const before = await accessSnapshot(trx, shownProjects, shownItems);
      await removeGroup(trx, group.id);
      const diff = await diffSnapshots(trx, before, await accessSnapshot(trx, shownProjects, shownItems));
      // ITEM-4: a setting left without any view allow makes its items reachable by system administrators only (as the security editor warns).
      return { changes: diff, lockouts: await settingsWithoutViewAllow(trx, shownItems) };
    });
    const keys = [...new Set(changes.map((c) => c.target).filter((t) => ITEM_KEY.test(t)))];
    const viewableKeys = await viewableItemKeys(db, actor, keys);
    const visibleTarget = (target: string) =>
      target === 'area' || target === 'denied' || target.startsWith('project ') || viewableKeys.has(target);

    return {
      group,
      removes: removesOut(footprint, visible),
      needsConfirmation: carriesAnything(footprint),
      changes: changes.filter((c) => visibleTarget(c.target)),
      warnings: lockouts.map((key) => ({
        code: 'lockout',
        message: `${key} would keep a security setting with no allow: only system administrators could reach it (ITEM-4)`,
      })),
    };
  }

  /**
   * The version the caller previewed, and `confirm` when the group still carries anything; the audit row's `before`
   * lists every row removed.
   */
  async function run(actor: Actor, id: number, input: { version: number; confirm: boolean }) {
    await db.transaction().execute(async (trx) => {
      const group = await lockGroup(trx, id);
      refuseBuiltIn(group);
      checkVersion('group', group.version, input.version, 'look at what its deletion removes again');
      const footprint = await groupFootprint(trx, id);
      if (carriesAnything(footprint) && !input.confirm) {
        throw new AppError(
          422,
          'confirmation_required',
          `the group '${group.name}' still has members, grants, denials, roles or item-security entries; preview the deletion and confirm it`,
          'confirm',
        );
      }
      await removeGroup(trx, id);
      await audit(trx, actor, 'group.delete', id, { before: { group, ...footprintForAudit(footprint) } });
    });
  }

  return { preview, run };
}
