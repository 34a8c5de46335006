import { sql } from 'kysely';
import { areasOf, ROLE_PREREQUISITES } from '../../authz/areas.js';
import type { Actor } from '../../authz/engine.js';
import { loadSubjects } from '../../authz/loader.js';
import { APP_ROLES, DENY_PERMISSIONS, type AppRole, type DenyPermission } from '../../db/types.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import type { Database } from '../../db/index.js';
import { appAccessSnapshot, diffSnapshots, dryRun } from '../../commands/preview.js';
import { recordAudit } from '../audit/repo.js';

/** What each deny permission hides (DENY-1); the admin screen shows these as DENY, unmistakably (DENY-3). */
export const DENY_CATALOGUE: Record<DenyPermission, { label: string; hides: string[] }> = {
  ISSUE_TIME_TABS: {
    label: 'DENY time-tracking tabs of the item screen',
    hides: ['work logs tab', 'time history', 'team & price details'],
  },
  ISSUE_TIME_PANELS: {
    label: 'DENY time-tracking panels of the item screen',
    hides: ['time spent', 'estimates', 'team & price summary', 'my last work log'],
  },
};

export interface RoleGrantInput {
  role: AppRole;
  userId?: number;
  groupId?: number;
}
export interface AccessChange {
  grantRole?: RoleGrantInput;
  revokeRoleGrantId?: number;
  addDeny?: { permission: DenyPermission; groupId: number };
  removeDenyId?: number;
}

/** Deny permissions (DENY-*) and app roles (APP-1, APP-6) — Administration. */
export function createAccessService({ db }: Deps) {
  async function listDenies() {
    const rows = await db
      .selectFrom('deny_grants as d')
      .innerJoin('groups as g', 'g.id', 'd.group_id')
      .select(['d.id', 'd.permission', 'g.id as group_id', 'g.name'])
      .orderBy('d.permission')
      .orderBy('g.name')
      .execute();
    return {
      catalogue: DENY_PERMISSIONS.map((permission) => ({ permission, ...DENY_CATALOGUE[permission] })),
      grants: rows.map((r) => ({
        id: r.id,
        permission: r.permission,
        effect: 'DENY' as const,
        group: { id: r.group_id, name: r.name },
      })),
    };
  }

  async function addDeny(actor: Actor, permission: DenyPermission, groupId: number) {
    await db.transaction().execute((trx) => insertDeny(trx, actor, permission, groupId));
    return listDenies();
  }

  async function insertDeny(trx: Database, actor: Actor, permission: DenyPermission, groupId: number) {
    {
      if (!(await trx.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst()))
        throw badRequest('groupId', 'no such group');
      const row = await trx
        .insertInto('deny_grants')
        .values({ permission, group_id: groupId })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('already_denied', 'this group is already denied that permission');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'deny.add',
        entityType: 'deny_grant',
        entityId: row.id,
        after: row,
      });
    }
  }

  async function removeDeny(actor: Actor, id: number) {
    await db.transaction().execute((trx) => deleteDeny(trx, actor, id));
  }

  async function deleteDeny(trx: Database, actor: Actor, id: number) {
    {
      const row = await trx.deleteFrom('deny_grants').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw notFound('deny permission');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'deny.remove',
        entityType: 'deny_grant',
        entityId: row.id,
        before: row,
      });
    }
  }

  /** APP-6: prerequisites not held, as warnings (the grant still stands). */
  async function prerequisiteWarnings() {
    const { rows } = await sql<{ id: number }>`
      select distinct u.id from users u where u.active and exists (
        select 1 from app_role_grants a where a.role in (${sql.join(Object.keys(ROLE_PREREQUISITES))})
          and (a.user_id = u.id or a.group_id in (select group_id from group_members where user_id = u.id)))`.execute(
      db,
    );
    const subjects = await loadSubjects(
      db,
      rows.map((r) => r.id),
    );
    const logins = new Map(
      (rows.length
        ? await db
            .selectFrom('users')
            .select(['id', 'login'])
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute()
        : []
      ).map((u) => [u.id, u.login]),
    );
    const warnings = [];
    for (const subject of subjects.values()) {
      const held = new Set(subject.appRoles.map((r) => r.role));
      for (const role of held) {
        const missing = (ROLE_PREREQUISITES[role] ?? []).filter((p) => !held.has(p));
        if (missing.length)
          warnings.push({
            code: 'missing_prerequisite',
            user: { id: subject.userId, login: logins.get(subject.userId) ?? '' },
            role,
            missing,
            message: `${logins.get(subject.userId)} holds ${role} but not ${missing.join(' and ')}`,
          });
      }
    }
    return warnings.sort((a, b) => a.user.login.localeCompare(b.user.login) || a.role.localeCompare(b.role));
  }

  async function listRoles() {
    const rows = await db
      .selectFrom('app_role_grants as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('groups as g', 'g.id', 'a.group_id')
      .select(['a.id', 'a.role', 'a.user_id', 'a.group_id', 'u.display_name', 'g.name'])
      .orderBy('a.id')
      .execute();
    return {
      roles: APP_ROLES.map((role) => ({
        role,
        areas: areasOf(role),
        prerequisites: ROLE_PREREQUISITES[role] ?? [],
        grants: rows
          .filter((r) => r.role === role)
          .map((r) => ({
            id: r.id,
            subject:
              r.user_id !== null
                ? { kind: 'user' as const, id: r.user_id, name: r.display_name ?? '' }
                : { kind: 'group' as const, id: r.group_id!, name: r.name ?? '' },
          })),
      })),
      warnings: await prerequisiteWarnings(),
    };
  }

  async function grantRole(actor: Actor, input: RoleGrantInput) {
    await db.transaction().execute((trx) => insertRole(trx, actor, input));
    return listRoles();
  }

  async function insertRole(trx: Database, actor: Actor, input: RoleGrantInput) {
    {
      if (
        input.userId !== undefined &&
        !(await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst())
      )
        throw badRequest('userId', 'no such user');
      if (
        input.groupId !== undefined &&
        !(await trx.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst())
      )
        throw badRequest('groupId', 'no such group');
      const row = await trx
        .insertInto('app_role_grants')
        .values({ role: input.role, user_id: input.userId ?? null, group_id: input.groupId ?? null })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict('already_granted', 'this app role is already granted to that subject');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'app_role.grant',
        entityType: 'app_role_grant',
        entityId: row.id,
        after: row,
      });
    }
  }

  async function revokeRole(actor: Actor, id: number) {
    await db.transaction().execute((trx) => deleteRole(trx, actor, id));
  }

  async function deleteRole(trx: Database, actor: Actor, id: number) {
    {
      const row = await trx.deleteFrom('app_role_grants').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw notFound('app role grant');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'app_role.revoke',
        entityType: 'app_role_grant',
        entityId: row.id,
        before: row,
      });
    }
  }

  /** EXPL-3: whose areas or denied surfaces a change of app roles or denials would change, without saving. */
  async function preview(actor: Actor, change: AccessChange) {
    return dryRun(db, async (trx) => {
      const before = await appAccessSnapshot(trx);
      if (change.grantRole) await insertRole(trx, actor, change.grantRole);
      if (change.revokeRoleGrantId) await deleteRole(trx, actor, change.revokeRoleGrantId);
      if (change.addDeny) await insertDeny(trx, actor, change.addDeny.permission, change.addDeny.groupId);
      if (change.removeDenyId) await deleteDeny(trx, actor, change.removeDenyId);
      return { changes: await diffSnapshots(trx, before, await appAccessSnapshot(trx)) };
    });
  }

  return { listDenies, addDeny, removeDeny, listRoles, grantRole, revokeRole, preview };
}
