import { sql, type Expression, type SqlBool } from 'kysely';
import { APP_ROLES } from '../db/types.js';
import { areasOf } from './areas.js';
import { ACTIONS } from './catalogue.js';
import type { Actor } from './engine.js';
import {
  canBrowseProject,
  canViewItem,
  canViewTeam,
  holdsAppRole,
  projectIdsWithPermission,
  teamsWithPermission,
  usersWhoseWorkIsSeen,
} from './sql.js';

/**
 * What a reader may see, one helper per resource, for every list — and next every report and export. Each returns a
 * predicate over the caller's table alias, built on the SQL twins of the decision core (./sql.ts), so a list shows
 * exactly what the engine allows one at a time. Their compiled SQL is committed in test/authz/sql-snapshots/, and
 * test/authz/visibility-sql.test.ts proves the compositions equal to the core on generated worlds.
 */

/** The part of the engine's actor a predicate reads. */
export type Reader = Pick<Actor, 'userId' | 'systemAdmin'>;

/** A project id column: a projects table's `id`, or the `project_id` of a row that belongs to a project. */
export type ProjectIdColumn = `${string}.id` | `${string}.project_id`;

/** Rows of projects the reader may browse (PRJ-4: without BROWSE_PROJECT nothing of a project shows anywhere). */
export function visibleProjects(actor: Pick<Actor, 'userId'>, column: ProjectIdColumn): Expression<SqlBool> {
  return canBrowseProject(actor.userId, column);
}

/**
 * Work items (`work_items <alias>`) the reader may view (ITEM-9): the project is browsable and the item's governing
 * setting, if any, allows view; system administrators bypass item security, not the project. Trashed items are left out
 * unless `includeTrashed` (the audit log keeps rows about them).
 */
export function visibleItems(
  actor: Reader,
  alias: string,
  options: { includeTrashed?: boolean; readerId?: Expression<number> } = {},
): Expression<SqlBool> {
  const { readerId, ...rest } = options;
  return canViewItem({ userId: readerId ?? actor.userId, systemAdmin: actor.systemAdmin }, alias, rest);
}

/**
 * For a statement that reads the reader in several places: `cte` binds the reader's id once (`tw_reader`, to put in the
 * statement's `with`), and `readerId` reads it, for the helpers' `readerId` option. So the statement's parameters stay
 * few, under the limit up to which src/db prepares statements.
 */
export function readerBoundOnce(actor: Pick<Actor, 'userId'>) {
  return {
    cte: sql`tw_reader as (select ${actor.userId}::int as id)`,
    readerId: sql<number>`(select tw_reader.id from tw_reader)`,
  };
}

/**
 * Work logs (`worklogs <alias>`) the reader may see in any list: those on items the reader may view (WL-2, WL-3,
 * ITEM-9), whoever wrote them. Whose work logs a list may show is decided before, once per author (`worklog.listFor`,
 * WL-3) or once per item (`worklog.view`, which adds the reader's ISSUE_TIME_TABS denial, DENY-1). When the query joins
 * the work log's item already, `itemAlias` names it and the predicate reads it instead of looking the item up again.
 * `readerId`: where the reader's id is read from when the statement binds it once (`readerBoundOnce`), so
 * it stays under the parameter limit of prepared statements (src/db).
 */
export function visibleWorklogs(
  actor: Reader,
  alias: string,
  options: { itemAlias?: string; readerId?: Expression<number> } = {},
): Expression<SqlBool> {
  const reader = { userId: options.readerId ?? actor.userId, systemAdmin: actor.systemAdmin };
  if (options.itemAlias) return canViewItem(reader, options.itemAlias);
  // The item looked up by its key for each work log, the shape the week's read uses: as a join PostgreSQL hashed every
  // viewable item of the reader's projects to find a week's thirty work logs (an `exists` may be planned as that join).
  return sql<SqlBool>`coalesce((select ${canViewItem(reader, 'tw_wi')} from work_items tw_wi
    where tw_wi.id = ${sql.ref(`${alias}.item_id`)}), false)`;
}

/**
 * Work logs (`worklogs <alias>`) a report counts for the reader (REP-1, REP-5): those the app areas show — by an author
 * whose work `report.worklogsOf` lets the reader see (WL-3: their own, or through VIEW_MEMBER_WORKLOGS, team_admin or
 * app_admin), on an item the reader may view (ITEM-9). The authors are worked out once, as a small set.
 */
export function reportedWorklogs(
  actor: Reader,
  alias: string,
  options: { itemAlias?: string; readerId?: Expression<number> } = {},
): Expression<SqlBool> {
  const authors = usersWhoseWorkIsSeen(options.readerId ?? actor.userId, 'report.worklogsOf');
  return sql<SqlBool>`(${sql.ref(`${alias}.author_id`)} = any(array${authors})
    and ${visibleWorklogs(actor, alias, options)})`;
}

/**
 * Work logs (`worklogs <alias>`, item `itemAlias`) a per-person total counts on the screens ITEM-9 leaves unaffected
 * (workload, REP-5): by an author whose work the reader sees — as `reportedWorklogs` — on a live item of a project the
 * reader may browse (PRJ-4), whatever the item's security says. Such totals never name an item: the statement that uses
 * this predicate groups by person and period only.
 */
export function workloadWorklogs(
  actor: Reader,
  alias: string,
  options: { itemAlias: string; readerId?: Expression<number> },
): Expression<SqlBool> {
  const reader = options.readerId ?? actor.userId;
  const authors = usersWhoseWorkIsSeen(reader, 'report.worklogsOf');
  return sql<SqlBool>`(${sql.ref(`${alias}.author_id`)} = any(array${authors})
    and ${sql.ref(`${options.itemAlias}.deleted_at`)} is null
    and ${canBrowseProject(reader, `${alias}.project_id`)})`;
}

/**
 * Users whose Schedule the reader sees (FLOW-5) — the twin of `plan.view`: their own, the members of teams where they
 * hold MANAGE_SCHEDULE, every team member for team_admin, anyone for app_admin (test/authz/members-sql.test.ts).
 */
export function usersWhosePlansAreSeen(actor: Pick<Actor, 'userId'>): Expression<number> {
  return usersWhoseWorkIsSeen(actor.userId, 'plan.view');
}

/** Teams in which the reader sees members' work logs in the app areas (VIEW_MEMBER_WORKLOGS or what includes it). */
export function teamsWhoseWorkIsSeen(actor: Pick<Actor, 'userId'>): Expression<number> {
  return teamsWithPermission(actor.userId, 'VIEW_MEMBER_WORKLOGS');
}

/**
 * Teams (`teams <alias>`) the reader may see (TEAM-8): the twin of `team.view` — members, team_admin, app_admin, system
 * administrators and administrators of a project the team serves; none for a reader denied ISSUE_TIME_TABS.
 */
export function visibleTeams(actor: Pick<Actor, 'userId'>, alias: string): Expression<SqlBool> {
  return canViewTeam(actor.userId, alias);
}

/** What `timesheet.review` asks (FLOW-10), read from the catalogue: the area, the app roles that decide any slice, the team permission. */
const REVIEW = ACTIONS['timesheet.review'];
const REVIEW_AREA_ROLES = APP_ROLES.filter((role) => areasOf(role).includes(REVIEW.area));

/**
 * Timesheet slices (`timesheet_slices <alias>`) the reader may review — the twin of `timesheet.review` (FLOW-2, FLOW-8,
 * FLOW-10, APP-2) for the approval queue and the inbox: an active reader with the Timesheet Approval area open
 * (timesheet_approver or app_admin), holding app_admin (every slice) or APPROVE_TIMESHEETS in the slice's team (a current
 * membership; a slice without a team is app_admin's only) — and never a slice of their own.
 */
export function visibleSlices(
  actor: Pick<Actor, 'userId'>,
  alias: string,
  options: { readerId?: Expression<number> } = {},
): Expression<SqlBool> {
  const reader = options.readerId ?? actor.userId;
  return sql<SqlBool>`(${sql.ref(`${alias}.user_id`)} <> ${reader}
    and exists (select 1 from users tw_u where tw_u.id = ${reader} and tw_u.active)
    and ${holdsAppRole(reader, REVIEW_AREA_ROLES)}
    and (${holdsAppRole(reader, REVIEW.authority.roles)}
      or ${sql.ref(`${alias}.team_id`)} = any(array${teamsWithPermission(reader, REVIEW.authority.level)})))`;
}

/**
 * Audit rows (`audit_log <alias>`) the reader may see (EXPL-4): a row about a project shows to readers who may browse it,
 * a row about a work item to readers who may view the item — trashed ones too, as their project and setting (none, once
 * trashed) stand; rows about neither are installation-wide and show to every audit reader.
 */
export function visibleAuditRows(actor: Reader, alias: string): Expression<SqlBool> {
  const projectId = sql.ref(`${alias}.project_id`);
  const itemId = sql.ref(`${alias}.item_id`);
  return sql<SqlBool>`((${projectId} is null or ${canBrowseProject(actor.userId, `${alias}.project_id`)})
    and (${itemId} is null or exists (select 1 from work_items tw_ai where tw_ai.id = ${itemId}
      and ${canViewItem(actor, 'tw_ai', { includeTrashed: true })})))`;
}

/**
 * Users (`users <alias>`) who may browse the project (PRJ-4), for lists of people: who has access to a project (EXPL-2),
 * who may join a project team (TEAM-1). Inactive users browse nothing.
 */
export function browsingUsers(alias: string, projectId: number): Expression<SqlBool> {
  return sql<SqlBool>`${projectId} in ${projectIdsWithPermission(sql.ref(`${alias}.id`), 'BROWSE_PROJECT')}`;
}

/**
 * Users (`users <alias>`) who administer the project (ADMINISTER_PROJECT, PRJ-3): whether a change of its grants or
 * role members leaves anyone to manage them. Inactive users administer nothing.
 */
export function administeringUsers(alias: string, projectId: number): Expression<SqlBool> {
  return sql<SqlBool>`${projectId} in ${projectIdsWithPermission(sql.ref(`${alias}.id`), 'ADMINISTER_PROJECT')}`;
}

/** Users (`users <alias>`) who may view the (live) work item (ITEM-9), for who has access to it (EXPL-2). */
export function viewingUsers(alias: string, itemId: number): Expression<SqlBool> {
  const user = { userId: sql.ref<number>(`${alias}.id`), systemAdmin: sql.ref<boolean>(`${alias}.system_admin`) };
  return sql<SqlBool>`exists (select 1 from work_items tw_vi where tw_vi.id = ${itemId} and ${canViewItem(user, 'tw_vi')})`;
}

/**
 * Leave requests (`leave_requests <alias>`) whose existence and type the reader may know — the twin of `leave.view`
 * (FLOW-4, seesLeave): an active reader who owns the request, holds app_admin, or holds `vacation_approver` and is one
 * of the approvers it is routed to — sharing a current team with the owner (that team then has an approver, so it is
 * routed), or any approver when none of the owner's teams has an active `vacation_approver` besides the owner.
 */
export function visibleLeave(
  actor: Pick<Actor, 'userId'>,
  alias: string,
  options: { readerId?: Expression<number> } = {},
): Expression<SqlBool> {
  const reader = options.readerId ?? actor.userId;
  const owner = sql.ref(`${alias}.user_id`);
  return sql<SqlBool>`(exists (select 1 from users tw_u where tw_u.id = ${reader} and tw_u.active)
    and (${owner} = ${reader}
      or ${holdsAppRole(reader, ['app_admin'])}
      or (${holdsAppRole(reader, ['vacation_approver'])}
        and (exists (select 1 from team_memberships tw_om join team_memberships tw_rm on tw_rm.team_id = tw_om.team_id
               and tw_rm.left_at is null and tw_rm.user_id = ${reader}
             where tw_om.user_id = ${owner} and tw_om.left_at is null)
          or not exists (select 1 from team_memberships tw_om join team_memberships tw_am on tw_am.team_id = tw_om.team_id
               and tw_am.left_at is null and tw_am.user_id <> ${owner}
               join users tw_au on tw_au.id = tw_am.user_id and tw_au.active
             where tw_om.user_id = ${owner} and tw_om.left_at is null
               and ${holdsAppRole(sql<number>`tw_am.user_id`, ['vacation_approver'])})))))`;
}
