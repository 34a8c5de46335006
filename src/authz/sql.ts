import { sql, type Expression, type SqlBool } from 'kysely';
import type { ProjectPermission } from '../db/types.js';

/**
 * SQL twins of the decision core's base layer, for lists and reports. They are proven equal to
 * `decide` by test/authz/sql-equals-core.test.ts on generated worlds.
 */

/** A user in SQL: a literal id, or a column of an outer query (who-has-access lists users). */
export type UserRef = number | Expression<number>;

/** The ids of the groups the user belongs to. */
function userGroupIds(userId: UserRef) {
  return sql`(select gm.group_id from group_members gm where gm.user_id = ${userId})`;
}

/**
 * Project ids on which the user holds `permission` (directly, through a group, or through a project
 * role held directly or through a group), honouring ADMINISTER_PROJECT ⇒ all. Inactive users hold nothing.
 */
export function projectIdsWithPermission(userId: UserRef, permission: ProjectPermission): Expression<number> {
  const permissions = permission === 'ADMINISTER_PROJECT' ? ['ADMINISTER_PROJECT'] : [permission, 'ADMINISTER_PROJECT'];
  return sql<number>`(
    select g.project_id from project_permission_grants g
    where g.permission in (${sql.join(permissions)})
      and exists (select 1 from users u where u.id = ${userId} and u.active)
      and (g.user_id = ${userId}
        or g.group_id in ${userGroupIds(userId)}
        or exists (select 1 from project_role_members rm
                   where rm.project_id = g.project_id and rm.role_id = g.role_id
                     and (rm.user_id = ${userId} or rm.group_id in ${userGroupIds(userId)}))))`;
}

/** `column in (projects the user may browse)` — the visibility predicate every list uses (PRJ-4). */
export function canBrowseProject(userId: UserRef, projectIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(projectIdColumn)} in ${projectIdsWithPermission(userId, 'BROWSE_PROJECT')}`;
}

/**
 * Settings (by item id) whose entries give the user `kind` access: some matching allow and no matching
 * deny (ITEM-3). Matching: the user, a group of the user, or a project role the user holds in the
 * setting's project.
 */
export function settingsAllowing(userId: UserRef, kind: 'view' | 'edit'): Expression<number> {
  const column = sql.ref(`e.${kind}`);
  const matches = sql`(
    (e.subject_kind = 'user' and e.subject_id = ${userId})
    or (e.subject_kind = 'group' and e.subject_id in ${userGroupIds(userId)})
    or (e.subject_kind = 'role' and exists (select 1 from project_role_members rm
          where rm.project_id = s.project_id and rm.role_id = e.subject_id
            and (rm.user_id = ${userId} or rm.group_id in ${userGroupIds(userId)}))))`;
  return sql<number>`(
    select e.item_id from item_security_entries e join item_security s on s.item_id = e.item_id where ${column} = 'allow' and ${matches}
    except
    select e.item_id from item_security_entries e join item_security s on s.item_id = e.item_id where ${column} = 'deny' and ${matches})`;
}

/**
 * The list twin of layers 2–3 for work items: the project is browsable and the item is unsecured or its
 * governing setting allows view (ITEM-9). System administrators bypass item security, not the base
 * layer. Trashed items are never listed.
 */
export function canViewItem(actor: { userId: UserRef; systemAdmin: boolean | Expression<boolean> }, alias: string): Expression<SqlBool> {
  const governing = sql.ref(`${alias}.governing_item_id`);
  const security = actor.systemAdmin === true ? sql`true`
    : sql`(${actor.systemAdmin === false ? sql`false` : actor.systemAdmin} or ${governing} is null or ${governing} in ${settingsAllowing(actor.userId, 'view')})`;
  return sql<SqlBool>`(${sql.ref(`${alias}.deleted_at`)} is null and ${canBrowseProject(actor.userId, `${alias}.project_id`)} and ${security})`;
}

/** Item security allows edit (and so view) — for read-only marking in timesheets (ITEM-9). */
export function itemSecurityAllowsEdit(actor: { userId: number; systemAdmin: boolean }, alias: string): Expression<SqlBool> {
  if (actor.systemAdmin) return sql<SqlBool>`true`;
  const governing = sql.ref(`${alias}.governing_item_id`);
  return sql<SqlBool>`(${governing} is null or (${governing} in ${settingsAllowing(actor.userId, 'view')} and ${governing} in ${settingsAllowing(actor.userId, 'edit')}))`;
}
