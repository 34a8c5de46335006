import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { APP_ROLES, type ProjectPermission, type TeamPermission } from '../db/types.js';
import {
  ACTIONS,
  ACTS_FOR_OTHERS,
  SUBJECT_KINDS,
  TEAM_SEERS,
  type Action,
  type ActionSpec,
  type SubjectKind,
} from './catalogue.js';
import { holdersOf } from './decide/holdings.js';
import { areasOf, type Area } from './areas.js';

/**
 * SQL twins of the decision core, for lists and reports. They are proven equal to `decide` by the
 * property tests in test/authz/ on generated worlds. Inner tables carry `tw_` aliases so they never
 * capture a caller's alias when the user is a column of an outer query. The catalogue's constants (permissions, roles,
 * 'allow'/'deny') are written as literals — code, never input — so that a statement's parameters are the user and the
 * caller's values only and it stays under the parameter limit of prepared statements (src/db).
 */

/** A user in SQL: a literal id, or a column of an outer query (who-has-access lists users). */
export type UserRef = number | Expression<number>;

/** The ids of the groups the user belongs to. */
function userGroupIds(userId: UserRef) {
  return sql`(select tw_gm.group_id from group_members tw_gm where tw_gm.user_id = ${userId})`;
}

/**
 * The (project, role) pairs the user holds, directly or through a group. Worked out first, as a small set:
 * matching role entries against role members joined to every group's members scanned both tables in full.
 */
function rolesHeld(userId: UserRef) {
  return sql`(select tw_rm.project_id, tw_rm.role_id from project_role_members tw_rm
    where tw_rm.user_id = ${userId} or tw_rm.group_id in ${userGroupIds(userId)})`;
}

/**
 * Project ids on which the user holds `permission` (directly, through a group, or through a project
 * role held directly or through a group), honouring ADMINISTER_PROJECT ⇒ all. Inactive users hold nothing.
 */
export function projectIdsWithPermission(userId: UserRef, permission: ProjectPermission): Expression<number> {
  const permissions = permission === 'ADMINISTER_PROJECT' ? ['ADMINISTER_PROJECT'] : [permission, 'ADMINISTER_PROJECT'];
  return sql<number>`(
    select tw_g.project_id from project_permission_grants tw_g
    where tw_g.permission in (${sql.join(permissions.map((p) => sql.lit(p)))})
      and exists (select 1 from users tw_u where tw_u.id = ${userId} and tw_u.active)
      and (tw_g.user_id = ${userId}
        or tw_g.group_id in ${userGroupIds(userId)}
        or exists (select 1 from project_role_members tw_rm
                   where tw_rm.project_id = tw_g.project_id and tw_rm.role_id = tw_g.role_id
                     and (tw_rm.user_id = ${userId} or tw_rm.group_id in ${userGroupIds(userId)}))))`;
}

/**
 * `column = any(array(projects the user may browse))` — the visibility predicate every list uses (PRJ-4). The array form
 * lets PostgreSQL scan the project index for those projects only; with `in (…)` it estimated every project as browsable.
 */
export function canBrowseProject(userId: UserRef, projectIdColumn: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(projectIdColumn)} = any(array${projectIdsWithPermission(userId, 'BROWSE_PROJECT')})`;
}

/**
 * How an item-security entry of each subject kind names the user: the join that reaches the user and the condition on
 * it. A kind added to SUBJECT_KINDS does not compile until it says here how it matches.
 */
const ENTRY_MATCHES: Record<
  SubjectKind,
  (userId: UserRef) => { join?: RawBuilder<unknown>; user: RawBuilder<unknown> }
> = {
  user: (userId) => ({ user: sql`tw_e.subject_id = ${userId}` }),
  group: (userId) => ({
    join: sql`join group_members tw_gm on tw_gm.group_id = tw_e.subject_id`,
    user: sql`tw_gm.user_id = ${userId}`,
  }),
  // A project role the user holds in the setting's project.
  role: (userId) => ({
    join: sql`join item_security tw_s on tw_s.item_id = tw_e.item_id`,
    user: sql`(tw_s.project_id, tw_e.subject_id) in ${rolesHeld(userId)}`,
  }),
  // A team the user is currently a member of.
  team: (userId) => ({
    join: sql`join team_memberships tw_tm on tw_tm.team_id = tw_e.subject_id and tw_tm.left_at is null`,
    user: sql`tw_tm.user_id = ${userId}`,
  }),
};

/**
 * Settings (by item id) whose entries give the user `kind` access: some matching allow and no matching
 * deny (ITEM-3). Matching: the user, a group of the user, a project role the user holds in the
 * setting's project, or a team the user is currently a member of (ENTRY_MATCHES).
 */
export function settingsAllowing(userId: UserRef, kind: 'view' | 'edit'): Expression<number> {
  // One select per subject kind, joined by union all: a single select matching all kinds at once with
  // a correlated user hit a PostgreSQL 18 (PGlite) executor fault that reused a previous user's groups.
  const matching = (value: 'allow' | 'deny') =>
    sql.join(
      SUBJECT_KINDS.map((subjectKind) => {
        const { join, user } = ENTRY_MATCHES[subjectKind](userId);
        return sql`select tw_e.item_id from item_security_entries tw_e${join ? sql` ${join}` : sql``}
        where tw_e.subject_kind = ${sql.lit(subjectKind)} and ${user} and ${sql.ref(`tw_e.${kind}`)} = ${sql.lit(value)}`;
      }),
      sql`
      union all
      `,
    );
  return sql<number>`((${matching('allow')}) except (${matching('deny')}))`;
}

/**
 * The list twin of layers 2–3 for work items: the project is browsable and the item is unsecured or its
 * governing setting allows view (ITEM-9). System administrators bypass item security, not the base
 * layer. Trashed items are never listed (the audit log asks for them with `includeTrashed`).
 */
export function canViewItem(
  actor: { userId: UserRef; systemAdmin: boolean | Expression<boolean> },
  alias: string,
  options: { includeTrashed?: boolean } = {},
): Expression<SqlBool> {
  const governing = sql.ref(`${alias}.governing_item_id`);
  const allowed = sql`${governing} is null or ${governing} in ${settingsAllowing(actor.userId, 'view')}`;
  const conditions = [
    // Rows about trashed items (EXPL-4): there the item's project and its setting as it stands (none, once trashed) decide.
    ...(options.includeTrashed ? [] : [sql`${sql.ref(`${alias}.deleted_at`)} is null`]),
    canBrowseProject(actor.userId, `${alias}.project_id`),
    ...(actor.systemAdmin === true
      ? []
      : [actor.systemAdmin === false ? allowed : sql`${actor.systemAdmin} or ${allowed}`]),
  ];
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => sql`(${c})`),
    sql` and `,
  )})`;
}

/** Item security allows edit (and so view) — for read-only marking in timesheets (ITEM-9). */
export function itemSecurityAllowsEdit(
  actor: { userId: number; systemAdmin: boolean },
  alias: string,
): Expression<SqlBool> {
  if (actor.systemAdmin) return sql<SqlBool>`true`;
  const governing = sql.ref(`${alias}.governing_item_id`);
  return sql<SqlBool>`(${governing} is null or (${governing} in ${settingsAllowing(actor.userId, 'view')} and ${governing} in ${settingsAllowing(actor.userId, 'edit')}))`;
}

/** App roles that open an area (APP-2), from the same data the core reads. */
const areaRoles = (area: Area) => APP_ROLES.filter((role) => areasOf(role).includes(area));
const TEAMS_AREA_ROLES = areaRoles('Teams');
const literals = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/** The app roles the user holds, directly or through a group. */
export function appRolesHeld(userId: UserRef) {
  return sql`(select tw_a.role from app_role_grants tw_a where tw_a.user_id = ${userId} or tw_a.group_id in ${userGroupIds(userId)})`;
}

/**
 * The list twin of `team.view` (TEAM-8) for a query over `teams <alias>`: the user is active, in no group denied
 * ISSUE_TIME_TABS, has the Teams area open, may browse a project team's project (the base layer), and sees the team —
 * as a current member, `team_admin`, `app_admin`, a system administrator, or with ADMINISTER_PROJECT on its project or
 * on a project a global team is assigned to.
 */
export function canViewTeam(userId: UserRef, alias: string): Expression<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const projectId = sql.ref(`${alias}.project_id`);
  const administered = projectIdsWithPermission(userId, 'ADMINISTER_PROJECT');
  return sql<SqlBool>`(exists (select 1 from users tw_u where tw_u.id = ${userId} and tw_u.active)
    and not exists (select 1 from deny_grants tw_d where tw_d.permission = 'ISSUE_TIME_TABS' and tw_d.group_id in ${userGroupIds(userId)})
    and exists (select 1 from ${appRolesHeld(userId)} tw_r(role) where tw_r.role in (${sql.join(TEAMS_AREA_ROLES.map((r) => sql.lit(r)))}))
    and (${projectId} is null or ${projectId} = any(array${projectIdsWithPermission(userId, 'BROWSE_PROJECT')}))
    and (exists (select 1 from team_memberships tw_tm where tw_tm.team_id = ${id} and tw_tm.user_id = ${userId} and tw_tm.left_at is null)
      or exists (select 1 from users tw_s where tw_s.id = ${userId} and tw_s.system_admin)
      or exists (select 1 from ${appRolesHeld(userId)} tw_r(role) where tw_r.role in (${sql.join(TEAM_SEERS.map((r) => sql.lit(r)))}))
      or ${projectId} in ${administered}
      or (${projectId} is null and exists (select 1 from team_projects tw_tp where tw_tp.team_id = ${id} and tw_tp.project_id in ${administered}))))`;
}

/** The user holds one of the app roles, directly or through a group. */
export function holdsAppRole(userId: UserRef, roles: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from ${appRolesHeld(userId)} tw_r(role) where tw_r.role in (${literals(roles)}))`;
}

/**
 * The ids of the users whose work the user may see through a global action of a member's work (`selfOnly` with
 * `forOthers`, as `report.worklogsOf`) — the twin of the identity and app layers and of `actingFor` (WL-3, WL-5,
 * TEAM-2, APP-3): an active user with the action's area open sees their own; then every user through an app role of
 * ACTS_FOR_OTHERS.anyone, every user in some team through one of ACTS_FOR_OTHERS.teamMembers, and the members of the
 * teams in which they hold the action's team permission (or one that includes it), memberships current on both sides.
 */
export function usersWhoseWorkIsSeen(userId: UserRef, action: Action): Expression<number> {
  const spec: ActionSpec = ACTIONS[action];
  if (spec.scope !== 'global' || !spec.area || !spec.selfOnly || !spec.forOthers)
    throw new Error(`${action} is not a global action on a member's work`);
  return sql<number>`(select tw_o.id from users tw_o
    where exists (select 1 from users tw_u where tw_u.id = ${userId} and tw_u.active)
      and ${holdsAppRole(userId, areaRoles(spec.area))}
      and (tw_o.id = ${userId}
        or ${holdsAppRole(userId, ACTS_FOR_OTHERS.anyone)}
        or (${holdsAppRole(userId, ACTS_FOR_OTHERS.teamMembers)}
          and exists (select 1 from team_memberships tw_om where tw_om.user_id = tw_o.id and tw_om.left_at is null))
        or exists (select 1 from team_memberships tw_om where tw_om.user_id = tw_o.id and tw_om.left_at is null
          and tw_om.team_id in ${teamsWithPermission(userId, spec.forOthers)})))`;
}

/**
 * The ids of the teams in which the user's current membership holds `level`, itself or through a permission that
 * includes it (TEAM-2) — the list twin of `holdsTeamPermission` for a user's teams.
 */
export function teamsWithPermission(userId: UserRef, level: TeamPermission): Expression<number> {
  return sql<number>`(select tw_mm.team_id from team_memberships tw_mm
    join team_membership_roles tw_mr on tw_mr.membership_id = tw_mm.id join team_roles tw_tr on tw_tr.id = tw_mr.role_id
    where tw_mm.user_id = ${userId} and tw_mm.left_at is null
      and (${sql.join(
        holdersOf(level).map((p) => sql`${sql.lit(p)} = any(tw_tr.permissions)`),
        sql` or `,
      )}))`;
}
