import type { Actor } from '../../authz/engine.js';
import { loadSubjects } from '../../authz/loader.js';
import { appAccessSnapshot, diffSnapshots, dryRun } from '../../commands/preview.js';
import type { Database } from '../../db/index.js';
import type { DenyPermission } from '../../db/types.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { requireSubjects } from '../projects/repo.js';
import { denyListOut, prerequisiteWarnings, roleListOut } from './present.js';
import * as repo from './repo.js';
import type { DenyAdd, RoleGrantInput } from './schema.js';

export interface AccessChange {
  grantRole?: RoleGrantInput;
  revokeRoleGrantId?: number;
  addDeny?: DenyAdd;
  removeDenyId?: number;
}

async function addDenyIn(trx: Database, actor: Actor, { permission, groupId }: DenyAdd) {
  await requireSubjects(trx, { groupId });
  const row = await repo.insertDeny(trx, permission, groupId);
  if (!row) throw conflict('already_denied', 'this group is already denied that permission');
  await audit(trx, actor, 'deny.add', row.id, { after: row });
}

async function removeDenyIn(trx: Database, actor: Actor, id: number) {
  const row = await repo.deleteDeny(trx, id);
  if (!row) throw notFound('deny permission');
  await audit(trx, actor, 'deny.remove', row.id, { before: row });
}

async function grantRoleIn(trx: Database, actor: Actor, input: RoleGrantInput) {
  await requireSubjects(trx, input);
  const row = await repo.insertRoleGrant(trx, input);
  if (!row) throw conflict('already_granted', 'this app role is already granted to that subject');
  await audit(trx, actor, 'app_role.grant', row.id, { after: row });
}

async function revokeRoleIn(trx: Database, actor: Actor, id: number) {
  const row = await repo.deleteRoleGrant(trx, id);
  if (!row) throw notFound('app role grant');
  await audit(trx, actor, 'app_role.revoke', row.id, { before: row });
}

/** Deny permissions (DENY-*) and app roles (APP-1, APP-6) — Administration. */
export function createAccessService({ db }: Deps) {
  async function listDenies() {
    return denyListOut(await repo.findDenyRows(db));
  }

  async function addDeny(actor: Actor, permission: DenyPermission, groupId: number) {
    await db.transaction().execute((trx) => addDenyIn(trx, actor, { permission, groupId }));
    return listDenies();
  }

  async function removeDeny(actor: Actor, id: number) {
    await db.transaction().execute((trx) => removeDenyIn(trx, actor, id));
  }

  async function listRoles() {
    const [rows, holders] = await Promise.all([
      repo.findRoleGrantRows(db),
      repo.usersHoldingRolesWithPrerequisites(db),
    ]);
    const subjects = await loadSubjects(
      db,
      holders.map((u) => u.id),
    );
    const logins = new Map(holders.map((u) => [u.id, u.login]));
    return roleListOut(rows, prerequisiteWarnings(subjects.values(), logins));
  }

  async function grantRole(actor: Actor, input: RoleGrantInput) {
    await db.transaction().execute((trx) => grantRoleIn(trx, actor, input));
    return listRoles();
  }

  async function revokeRole(actor: Actor, id: number) {
    await db.transaction().execute((trx) => revokeRoleIn(trx, actor, id));
  }

  /** EXPL-3: whose areas or denied surfaces a change of app roles or denials would change, without saving. */
  async function preview(actor: Actor, change: AccessChange) {
    return dryRun(db, async (trx) => {
      const before = await appAccessSnapshot(trx);
      if (change.grantRole) await grantRoleIn(trx, actor, change.grantRole);
      if (change.revokeRoleGrantId) await revokeRoleIn(trx, actor, change.revokeRoleGrantId);
      if (change.addDeny) await addDenyIn(trx, actor, change.addDeny);
      if (change.removeDenyId) await removeDenyIn(trx, actor, change.removeDenyId);
      return { changes: await diffSnapshots(trx, before, await appAccessSnapshot(trx)) };
    });
  }

  return { listDenies, addDeny, removeDeny, listRoles, grantRole, revokeRole, preview };
}
