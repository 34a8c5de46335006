import { sql, type Expression, type SqlBool } from 'kysely';
import type { ProjectPermission } from '../db/types.js';

/**
 * SQL twins of the decision core's base layer, for lists and reports. They are proven equal to
 * `decide` by test/authz/sql-equals-core.test.ts on generated worlds.
 */

/** The ids of the groups the user belongs to. */
function userGroupIds(userId: number) {
  return sql`(select gm.group_id from group_members gm where gm.user_id = ${userId})`;
}

/**
 * Project ids on which the user holds `permission` (directly, through a group, or through a project
 * role held directly or through a group), honouring ADMINISTER_PROJECT ⇒ all. Inactive users hold nothing.
 */
export function projectIdsWithPermission(userId: number, permission: ProjectPermission): Expression<number> {
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
export function canBrowseProject(userId: number, projectIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(projectIdColumn)} in ${projectIdsWithPermission(userId, 'BROWSE_PROJECT')}`;
}
