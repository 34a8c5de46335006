import { sql } from 'kysely';
import { ROLE_PREREQUISITES } from '../../authz/areas.js';
import type { Database } from '../../db/index.js';
import type { AppRole, DenyPermission } from '../../db/types.js';

export function findDenyRows(db: Database) {
  return db
    .selectFrom('deny_grants as d')
    .innerJoin('groups as g', 'g.id', 'd.group_id')
    .select(['d.id', 'd.permission', 'g.id as group_id', 'g.name'])
    .orderBy('d.permission')
    .orderBy('g.name')
    .execute();
}
export type DenyRow = Awaited<ReturnType<typeof findDenyRows>>[number];

export function findRoleGrantRows(db: Database) {
  return db
    .selectFrom('app_role_grants as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('groups as g', 'g.id', 'a.group_id')
    .select(['a.id', 'a.role', 'a.user_id', 'a.group_id', 'u.display_name', 'g.name'])
    .orderBy('a.id')
    .execute();
}
export type RoleGrantRow = Awaited<ReturnType<typeof findRoleGrantRows>>[number];

/** The new denial, or undefined when the group is denied that permission already. */
export function insertDeny(trx: Database, permission: DenyPermission, groupId: number) {
  return trx
    .insertInto('deny_grants')
    .values({ permission, group_id: groupId })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function deleteDeny(trx: Database, id: number) {
  return trx.deleteFrom('deny_grants').where('id', '=', id).returningAll().executeTakeFirst();
}

/** The new grant, or undefined when the subject holds the role already. */
export function insertRoleGrant(trx: Database, grant: { role: AppRole; userId?: number; groupId?: number }) {
  return trx
    .insertInto('app_role_grants')
    .values({ role: grant.role, user_id: grant.userId ?? null, group_id: grant.groupId ?? null })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function deleteRoleGrant(trx: Database, id: number) {
  return trx.deleteFrom('app_role_grants').where('id', '=', id).returningAll().executeTakeFirst();
}

/** The active users holding, directly or through a group, some role that has prerequisites (APP-6), with logins. */
export async function usersHoldingRolesWithPrerequisites(db: Database) {
  const { rows } = await sql<{ id: number; login: string }>`
    select u.id, u.login from users u where u.active and exists (
      select 1 from app_role_grants a where a.role in (${sql.join(Object.keys(ROLE_PREREQUISITES))})
        and (a.user_id = u.id or a.group_id in (select group_id from group_members where user_id = u.id)))`.execute(db);
  return rows;
}
