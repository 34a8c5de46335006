// The oracle the authz property tests compare the engine against: layers 1–7 of SPEC §0, written from the
// SPEC text for clarity, not speed, on a plain in-memory world. It imports only types from src/.
import type { Action } from '../../src/authz/catalogue.js';
import type {
  AccessValue,
  AppRole,
  DenyPermission,
  LeaveState,
  ProjectPermission,
  SliceState,
  TeamPermission,
} from '../../src/db/types.js';

/** Every index below is a position in the world's arrays: user 0, group 2, project 1, item 7, team 3. */
export type EntryKind = 'user' | 'group' | 'role' | 'team';
export interface Entry {
  kind: EntryKind;
  subject: number;
  view: AccessValue;
  edit: AccessValue;
}
export type Holder = { kind: 'user'; id: number } | { kind: 'group'; id: number };
export type Grantee = Holder | { kind: 'role'; id: number };

export interface WorldItem {
  project: number;
  /** An earlier item of the same project, or null for a top-level item. */
  parent: number | null;
  /** In the trash (with its whole subtree, ITEM-8): it no longer exists for anyone. */
  trashed: boolean;
  /** The item's own security setting (ITEM-1), or null when it has none. */
  setting: Entry[] | null;
}

/** A team (TEAM-1): project-specific, or global and assigned to some projects. */
export interface WorldTeam {
  /** The team's own project, or null for a global team. */
  project: number | null;
  /** The projects a global team is assigned to (always empty for a project team). */
  assigned: number[];
  /** The team's roles as permission sets: 0 Team Lead (all levels), 1 Team Member (WORK_ON_ISSUES), then custom roles (TEAM-3). */
  roles: TeamPermission[][];
  /** Price lists (PRICE-1): validity ranges that do not overlap, `validTo` null = open-ended. Dates are YYYY-MM-DD. */
  priceLists: Array<{ validFrom: string; validTo: string | null }>;
}

/** One period of team membership (TEAM-6): `current` when it has not ended; the member holds zero or more of the team's roles. */
export interface Membership {
  team: number;
  user: number;
  current: boolean;
  roles: number[];
}

/** A timesheet slice as stored (FLOW-1, FLOW-10): one user's work with one team (null: no team) over one period. */
export interface WorldSlice {
  owner: number;
  team: number | null;
  start: string;
  end: string;
  state: SliceState;
}

/** A stored work log (WL-1): its author, item, the team recorded with it (PRICE-4; null: none), date and charge (FLOW-9). */
export interface WorldWorklog {
  owner: number;
  item: number;
  team: number | null;
  date: string;
  /** The charge (invoice) it is charged under, or null. */
  charge: number | null;
}

/** A leave request as stored (FLOW-4): its owner and state. */
export interface WorldLeave {
  owner: number;
  state: LeaveState;
}

export interface World {
  users: Array<{ active: boolean; systemAdmin: boolean; groups: number[] }>;
  groups: number;
  projects: number;
  /** Project roles are installation-wide (Administrators, Developers, Viewers); holders are per project. */
  roles: number;
  roleMembers: Array<{ project: number; role: number; holder: Holder }>;
  grants: Array<{ project: number; permission: ProjectPermission; to: Grantee }>;
  items: WorldItem[];
  denyGrants: Array<{ permission: DenyPermission; group: number }>;
  appRoles: Array<{ role: AppRole; to: Holder }>;
  teams: WorldTeam[];
  memberships: Membership[];
  /** PRICE-2: the installation's team check switch, and each project's own ('disabled' turns it off for the project). */
  teamChecks: boolean;
  projectTeamChecks: Array<'inherit' | 'disabled'>;
  /** PRJ-1: whether each project is archived (it takes no new work logs and no new items). */
  archived: boolean[];
  /** FLOW-3: team periods (calendar months) as stored — a row once first closed, then closed or reopened. */
  periods: Array<{ team: number; start: string; end: string; closed: boolean }>;
  /** FLOW-1: slices in every state (a row exists once a slice was first submitted). */
  slices: WorldSlice[];
  worklogs: WorldWorklog[];
  /** FLOW-4: leave requests in every state. */
  leaves: WorldLeave[];
  /** FLOW-9: charges in force (invoices); a revoked charge releases its work logs and is left out. */
  charges: number;
  /** Probes, not facts: the work dates and the granted level sets the checks ask about. */
  dates: string[];
  grantLevels: TeamPermission[][];
}

/**
 * What a check is about. `owner`: the user whose work it is (absent: the caller's own). `date`: the work
 * date the team check judges (for a change of a stored work log, its new date). `worklog`: the stored work log an
 * edit or delete acts on. A team target with `team` null is a team about to be created in `project`. A slice target
 * names the slice's owner too.
 */
export type Target =
  | { kind: 'global'; owner?: number }
  | { kind: 'project'; project: number }
  | { kind: 'item'; item: number; owner?: number; date?: string; worklog?: number }
  | { kind: 'team'; team: number | null; project: number | null; levels?: TeamPermission[] }
  | { kind: 'slice'; slice: number; owner: number }
  | { kind: 'leave'; leave: number; owner: number };

// ---------------------------------------------------------------------------------------------------
// What each action asks of each layer, read from SPEC §0's table (the engine reads its own catalogue).

export interface Requirement {
  /** Layer 2 for a slice (FLOW-10): the user must know the slice exists — asked of a caller acting for the owner. */
  sliceVisible?: boolean;
  /** Layer 2: project permissions that must all be held (BROWSE_PROJECT is always among them, PRJ-4). */
  permissions: ProjectPermission[];
  /**
   * System administrators pass layer 2: `true` without project access (they grant themselves access, §0); `'browsing'`
   * where they browse the project — they change item security there without ADMINISTER_PROJECT (ITEM-5), and see nothing elsewhere (§0).
   */
  systemAdminOverride?: boolean | 'browsing';
  /** Layer 3 on the target item (on the parent for item.create). */
  item?: 'view' | 'edit';
  /** Layer 4: the item-screen surface shown. */
  surface?: DenyPermission;
  /** Layer 5: the app area that must be open. */
  area?: Area;
  /** Layer 5, grant boundary: only system administrators change system administrators. */
  systemAdminOnly?: boolean;
  /** Layers 5–6: one of these app roles, a system administrator (when `systemAdmin`), or `teamLevel` held in the target team. */
  authority?: { roles: AppRole[]; systemAdmin?: boolean; teamLevel?: TeamPermission };
  /** Layer 6: every team permission granted must be held by the granter in that team, unless they are unbounded. */
  grantBoundary?: boolean;
  /** WL-5: the action is on someone's own work; doing it for another user needs this team permission in a team of theirs. */
  forOthers?: TeamPermission;
  /** Layer 7: the project is not archived (PRJ-1: an archived project takes no new work logs and no new items). */
  projectActive?: boolean;
  /** Layer 7: the team and price-list check for the person the work is logged for, on the work date (PRICE-3). */
  teamCheck?: boolean;
  /** Layer 6, TEAM-8: the target team must be visible to the user; otherwise it does not exist for them (404). */
  teamVisible?: boolean;
  /** Layer 7, FLOW-3: no day the work touches lies in a closed period of its team — for anyone. */
  periodOpen?: boolean;
  /** Layer 7, FLOW-1: no day the work touches lies in a submitted or approved timesheet (slice) of its team. */
  timesheetEditable?: boolean;
  /** Layer 7, FLOW-9: the stored work log is not charged. */
  notCharged?: boolean;
  /** FLOW-8: only the timesheet's owner (an owner asks for a recall). */
  ownerOnly?: boolean;
  /** Layer 7, FLOW-8: nobody approves (or decides a recall of) their own timesheet. */
  notOwnSlice?: boolean;
  /** Layer 7, FLOW-1, FLOW-2, FLOW-8: the slice states the action applies from. */
  sliceFrom?: SliceState[];
  /** Layer 7, FLOW-4: nobody decides their own leave. */
  notOwnLeave?: boolean;
  /** Layer 7, FLOW-4: the leave states the action applies from. */
  leaveFrom?: LeaveState[];
}

const BROWSE: ProjectPermission = 'BROWSE_PROJECT';
/** APP-3: app_admin has all configuration; team_admin administers teams. §0: system administrators may administer everything. */
const TEAM_ADMIN_ROLES: AppRole[] = ['app_admin', 'team_admin'];
/** FLOW-2, FLOW-10: APPROVE_TIMESHEETS in the slice's team (the timesheet_approver role opens the Timesheet Approval area, APP-2); app_admin approves any. */
const APPROVER: Requirement['authority'] = { roles: ['app_admin'], teamLevel: 'APPROVE_TIMESHEETS' };
/** FLOW-4: vacation_approver decides leave routed to them; app_admin any (APP-3). */
const LEAVE_APPROVER: Requirement['authority'] = { roles: ['app_admin', 'vacation_approver'] };

export const REQUIREMENTS: Record<Action, Requirement> = {
  // Global actions: only identity and the app areas apply.
  'self.read': { permissions: [] },
  'self.tokens': { permissions: [] },
  'self.explain': { permissions: [] },
  'self.inbox': { permissions: [] },
  'project.list': { permissions: [] },
  'admin.users': { permissions: [], area: 'Administration' },
  'admin.audit': { permissions: [], area: 'Administration' },
  'admin.roles': { permissions: [], area: 'Administration' },
  'admin.denies': { permissions: [], area: 'Administration' },
  'admin.explain': { permissions: [], area: 'Administration' },
  'admin.systemAdmins': { permissions: [], area: 'Administration', systemAdminOnly: true },
  'project.create': { permissions: [], area: 'Administration' },
  // APP-4: client_admin creates and manages clients, client_viewer reads them; APP-3: app_admin has all configuration;
  // §0: system administrators may administer everything.
  'client.list': {
    permissions: [],
    authority: { roles: ['app_admin', 'client_admin', 'client_viewer'], systemAdmin: true },
  },
  'client.create': { permissions: [], authority: { roles: ['app_admin', 'client_admin'], systemAdmin: true } },
  'client.view': {
    permissions: [],
    authority: { roles: ['app_admin', 'client_admin', 'client_viewer'], systemAdmin: true },
  },
  'client.update': { permissions: [], authority: { roles: ['app_admin', 'client_admin'], systemAdmin: true } },
  // PRICE-2: the global team-check switch is installation configuration (Administration, APP-2).
  'admin.settings': { permissions: [], area: 'Administration' },
  // WL-3: one's own work logs in the app areas live in the Timesheet area.
  'worklog.list': { permissions: [], area: 'Timesheet' },
  // WL-3, TEAM-2, APP-3: another member's work logs in the app areas — VIEW_MEMBER_WORKLOGS in a team of theirs,
  // team_admin over their team, or app_admin (§0 row "see work log W (author U) in an app area").
  'worklog.listFor': { permissions: [], area: 'Timesheet', forOthers: 'VIEW_MEMBER_WORKLOGS' },
  // APP-2: the Dashboard area.
  'dashboard.view': { permissions: [], area: 'Dashboard' },
  // REP-1: the Reports area; REP-5 / WL-3: a report counts another member's work logs as the app areas show them (§0 row
  // "see work log W (author U) in an app area").
  'report.view': { permissions: [], area: 'Reports' },
  'report.worklogsOf': { permissions: [], area: 'Reports', forOthers: 'VIEW_MEMBER_WORKLOGS' },
  // REP-3, ITEM-9: the pivot in mode "all items" over a viewable item or a browsable project; "efforts and costs" for
  // the project's administrators only (the documented exception to item security, docs/decisions.md).
  'report.pivot': { permissions: [BROWSE], item: 'view', area: 'Reports' },
  'report.pivotProject': { permissions: [BROWSE], area: 'Reports' },
  'report.pivotEfforts': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], item: 'view', area: 'Reports' },
  'report.pivotEffortsProject': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], area: 'Reports' },
  // REP-6: whoever opens Reports may share their report as a link (every open re-checks them).
  'report.share': { permissions: [], area: 'Reports' },
  // TEAM-8: users in a group denied ISSUE_TIME_TABS see no team or price-list name anywhere (work logs included).
  'team.names': { permissions: [], surface: 'ISSUE_TIME_TABS' },
  // PRICE-7: money only for app_admin, billing_admin and billing_viewer (§0 row "see money on anything").
  'money.view': { permissions: [], authority: { roles: ['app_admin', 'billing_admin', 'billing_viewer'] } },
  // APP-2: the Teams area lists teams.
  'team.list': { permissions: [], area: 'Teams' },
  // PRJ-3, PRJ-4.
  'project.view': { permissions: [BROWSE] },
  'project.edit': { permissions: [BROWSE, 'ADMINISTER_PROJECT'] },
  // §0: system administrators grant themselves project access (audited).
  'project.permissions': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], systemAdminOverride: true },
  // TEAM-4, TEAM-7, PRICE-2: assigning global teams to a project and its team check are team administration (APP-3).
  'project.teams': { permissions: [BROWSE], authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true } },
  // Teams (TEAM-1): a project team is part of its project (PRJ-4: BROWSE_PROJECT); a global team has no project. TEAM-8: a
  // team is seen by its members, team_admin, app_admin and administrators of the projects it serves, never by users denied
  // ISSUE_TIME_TABS ("no team or price-list name anywhere"); every action on a team is on one the user can see.
  'team.view': { permissions: [BROWSE], surface: 'ISSUE_TIME_TABS', area: 'Teams', teamVisible: true },
  // APP-3: team_admin creates and deletes teams; TEAM-2: MANAGE_TEAM edits a team "except deletion".
  'team.create': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true },
  },
  'team.delete': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true },
    teamVisible: true,
  },
  'team.manage': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true, teamLevel: 'MANAGE_TEAM' },
    teamVisible: true,
  },
  // TEAM-3 roles and members, bounded: nobody grants a team permission they do not hold there (APP-3: team_admin manages team permissions).
  'team.grant': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true, teamLevel: 'MANAGE_TEAM' },
    grantBoundary: true,
    teamVisible: true,
  },
  // PRICE-1, PRICE-7, APP-5: price lists carry money; billing_admin manages rate configuration, app_admin all configuration — of teams they see (TEAM-8).
  'pricelist.manage': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: ['app_admin', 'billing_admin'] },
    teamVisible: true,
  },
  // TEAM-8, DENY-2: a project's teams tab is a time-tracking surface in the Teams area.
  'project.teamList': { permissions: [BROWSE], surface: 'ISSUE_TIME_TABS', area: 'Teams' },
  // §0 row "view work item I".
  'item.view': { permissions: [BROWSE], item: 'view' },
  // DENY-2: the comments tab stays for anyone who can view the item.
  'item.comment': { permissions: [BROWSE], item: 'view' },
  // §0 row "edit / move / create under I"; ITEM-8: deleting is an edit.
  'item.edit': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit' },
  'item.delete': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit' },
  // PRJ-1, issue 13: an archived project takes no new items.
  'item.create': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit', projectActive: true },
  // §0 row "change I's security", ITEM-5; project administrators must reach the item (ITEM-4: a setting
  // without allow leaves it to system administrators only).
  'item.security': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], systemAdminOverride: 'browsing', item: 'view' },
  // §0 row "item screen: work-log tab / time panels", DENY-1, DENY-2.
  'worklog.view': { permissions: [BROWSE], item: 'view', surface: 'ISSUE_TIME_TABS' },
  'item.timePanels': { permissions: [BROWSE], item: 'view', surface: 'ISSUE_TIME_PANELS' },
  // §0 row "log work for U on I at date D": the caller may act for U (WL-5), U views I, holds WORK_ON_ISSUES (PRJ-5),
  // may edit I if it is secured (ITEM-9), and passes the team check on D (PRICE-3; PRICE-5 for edits).
  'worklog.create': {
    permissions: [BROWSE, 'WORK_ON_ISSUES'],
    item: 'edit',
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    projectActive: true,
    teamCheck: true,
    periodOpen: true,
    timesheetEditable: true,
  },
  // FLOW-9: a charged work log is locked (changed or deleted by nobody) until its charge is revoked.
  'worklog.edit': {
    permissions: [BROWSE, 'WORK_ON_ISSUES'],
    item: 'edit',
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    teamCheck: true,
    periodOpen: true,
    timesheetEditable: true,
    notCharged: true,
  },
  // WL-4, WL-5: deleting is a change like editing, without a team check (the spec asks one only to log and edit work).
  // FLOW-1, FLOW-3: a work log in a closed period or a locked timesheet is not deleted either.
  'worklog.delete': {
    permissions: [BROWSE, 'WORK_ON_ISSUES'],
    item: 'edit',
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    periodOpen: true,
    timesheetEditable: true,
    notCharged: true,
  },
  // FLOW-1: a user's timesheet, in the Timesheet area (APP-2); another member's as their work logs (§0 row "see work log
  // W (author U) in an app area": VIEW_MEMBER_WORKLOGS in a team of theirs, team_admin over their team, app_admin).
  'timesheet.view': { permissions: [], area: 'Timesheet', forOthers: 'VIEW_MEMBER_WORKLOGS' },
  'timer.use': { permissions: [], area: 'Timesheet' },
  // FLOW-2: the owner submits; team_admin or MANAGE_MEMBER_WORKLOGS on their behalf (APP-3: app_admin all data).
  // FLOW-1: an open or rejected timesheet is submitted.
  'timesheet.submit': {
    permissions: [],
    area: 'Timesheet',
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    sliceFrom: ['open', 'rejected'],
  },
  // FLOW-10: a slice is routed to the approvers of its team; APP-2: in the Timesheet Approval area.
  // FLOW-8: nobody reviews (nor finds in their queue) their own timesheet.
  'timesheet.review': { permissions: [], area: 'Timesheet Approval', authority: APPROVER, notOwnSlice: true },
  // FLOW-2, FLOW-8: approve or reject a submitted timesheet, never one's own.
  'timesheet.approve': {
    permissions: [],
    area: 'Timesheet Approval',
    authority: APPROVER,
    notOwnSlice: true,
    sliceFrom: ['submitted'],
  },
  'timesheet.reject': {
    permissions: [],
    area: 'Timesheet Approval',
    authority: APPROVER,
    notOwnSlice: true,
    sliceFrom: ['submitted'],
  },
  // FLOW-8: an owner may ask for an approved timesheet to be recalled; the approver grants or refuses.
  'timesheet.recall': { permissions: [], area: 'Timesheet', ownerOnly: true, sliceFrom: ['approved'] },
  'timesheet.grantRecall': {
    permissions: [],
    area: 'Timesheet Approval',
    authority: APPROVER,
    notOwnSlice: true,
    sliceFrom: ['recall_requested'],
  },
  'timesheet.refuseRecall': {
    permissions: [],
    area: 'Timesheet Approval',
    authority: APPROVER,
    notOwnSlice: true,
    sliceFrom: ['recall_requested'],
  },
  // FLOW-2: app_admin reopens an approved timesheet (issue 14: a submitted one, or one awaiting a recall decision, too).
  'timesheet.reopen': {
    permissions: [],
    area: 'Timesheet Approval',
    authority: { roles: ['app_admin'] },
    sliceFrom: ['submitted', 'approved', 'recall_requested'],
  },
  // FLOW-10, APP-2: the approval queue lives in the Timesheet Approval area.
  'timesheet.queue': { permissions: [], area: 'Timesheet Approval' },
  // FLOW-3, TEAM-2: a holder of MANAGE_TEAM closes and reopens the team's periods (APP-3: team_admin, app_admin; §0:
  // system administrators administer everything), on a team they see (TEAM-8), in the Teams area.
  'period.manage': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMIN_ROLES, systemAdmin: true, teamLevel: 'MANAGE_TEAM' },
    teamVisible: true,
  },
  // Issue 16: calendar feeds — one's own in the Schedule area; a team's for who plans for it (its planners: MANAGE_SCHEDULE
  // in the team, team_admin; APP-3: app_admin), on a team they see (TEAM-8).
  'feed.mine': { permissions: [], area: 'Schedule' },
  'feed.team': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Schedule',
    authority: { roles: TEAM_ADMIN_ROLES, teamLevel: 'MANAGE_SCHEDULE' },
    teamVisible: true,
  },
  // FLOW-5: one's own Schedule, and the members' of teams one plans for (MANAGE_SCHEDULE; team_admin; app_admin anyone).
  'plan.view': { permissions: [], area: 'Schedule', forOthers: 'MANAGE_SCHEDULE' },
  'plan.edit': { permissions: [], area: 'Schedule', forOthers: 'MANAGE_SCHEDULE' },
  // FLOW-5: a team's placeholders, for who plans for the team, on a team they see.
  'plan.staff': {
    permissions: [BROWSE],
    surface: 'ISSUE_TIME_TABS',
    area: 'Schedule',
    authority: { roles: TEAM_ADMIN_ROLES, teamLevel: 'MANAGE_SCHEDULE' },
    teamVisible: true,
  },
  // FLOW-5, APP-4, APP-5: only billing_admin marks billable, only client_admin picks the client (app_admin both, APP-3).
  'plan.billable': { permissions: [], area: 'Schedule', authority: { roles: ['app_admin', 'billing_admin'] } },
  'plan.client': { permissions: [], area: 'Schedule', authority: { roles: ['app_admin', 'client_admin'] } },
  // APP-5, REP-2: the money roles read cost rates and the cost report; billing_admin (and app_admin) manage the rates.
  'cost.view': {
    permissions: [],
    area: 'Cost',
    authority: { roles: ['app_admin', 'billing_admin', 'billing_viewer'] },
  },
  'cost.rates': { permissions: [], area: 'Cost', authority: { roles: ['app_admin', 'billing_admin'] } },
  // FLOW-4: users request leave for themselves and read their own (in the Schedule area, where leave shows).
  'leave.request': { permissions: [], area: 'Schedule' },
  'leave.mine': { permissions: [], area: 'Schedule' },
  // FLOW-4: a request (and its type) is known to its owner, the approvers it is routed to and app_admin (seesLeave).
  'leave.view': { permissions: [] },
  // FLOW-4: the owner cancels before approval.
  'leave.cancel': { permissions: [], area: 'Schedule', ownerOnly: true, leaveFrom: ['pending'] },
  // FLOW-4: vacation_approver approves or rejects (APP-2: in the Leave Approval area; APP-3: app_admin all data) —
  // never their own; an approval is revoked back to pending.
  'leave.approve': {
    permissions: [],
    area: 'Leave Approval',
    authority: LEAVE_APPROVER,
    notOwnLeave: true,
    leaveFrom: ['pending'],
  },
  'leave.reject': {
    permissions: [],
    area: 'Leave Approval',
    authority: LEAVE_APPROVER,
    notOwnLeave: true,
    leaveFrom: ['pending'],
  },
  'leave.revoke': {
    permissions: [],
    area: 'Leave Approval',
    authority: LEAVE_APPROVER,
    notOwnLeave: true,
    leaveFrom: ['approved'],
  },
  'leave.queue': { permissions: [], area: 'Leave Approval' },
  // Leave types are configuration: the Administration area (APP-2).
  'leave.types': { permissions: [], area: 'Administration' },
  // FLOW-9: a billing_admin charges (APP-3: app_admin all data), in the Cost area (APP-2).
  'charge.manage': { permissions: [], area: 'Cost', authority: { roles: ['app_admin', 'billing_admin'] } },
  // PRICE-7: invoices carry money — the money roles, in the Cost area.
  'charge.list': {
    permissions: [],
    area: 'Cost',
    authority: { roles: ['app_admin', 'billing_admin', 'billing_viewer'] },
  },
};

// ---------------------------------------------------------------------------------------------------
// Layer 5 data, copied from APP-2; layer 6 data from TEAM-2.

export const AREAS = [
  'Dashboard',
  'Timesheet',
  'Schedule',
  'Reports',
  'Teams',
  'Timesheet Approval',
  'Leave Approval',
  'Clients',
  'Cost',
  'Administration',
] as const;
export type Area = (typeof AREAS)[number];

const HIDDEN_BY_ROLE: Record<AppRole, Area[]> = {
  team_admin: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_admin: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_admin: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  timesheet_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  scheduler_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  vacation_approver: ['Timesheet Approval', 'Clients', 'Cost'],
  timesheet_approver: ['Leave Approval', 'Clients', 'Cost'],
  app_admin: [],
};

/** TEAM-2: MANAGE_MEMBER_WORKLOGS is "view + create/edit for members"; MANAGE_TEAM includes "view". */
const IMPLIED_BY: Partial<Record<TeamPermission, TeamPermission[]>> = {
  VIEW_MEMBER_WORKLOGS: ['MANAGE_MEMBER_WORKLOGS', 'MANAGE_TEAM'],
};

/** APP-3 (team_admin manages team permissions), app_admin, and system administrators grant any team permission. */
const UNBOUNDED_GRANTERS: AppRole[] = ['app_admin', 'team_admin'];

// ---------------------------------------------------------------------------------------------------
// Facts about the world, one small function each.

export function isInGroup(world: World, user: number, group: number): boolean {
  return world.users[user].groups.includes(group);
}

function holderIs(world: World, holder: Holder, user: number): boolean {
  return holder.kind === 'user' ? holder.id === user : isInGroup(world, user, holder.id);
}

/** The user holds the project role in the project, directly or through a group. */
export function holdsRole(world: World, user: number, project: number, role: number): boolean {
  return world.roleMembers.some((m) => m.project === project && m.role === role && holderIs(world, m.holder, user));
}

/** A grant's subject covers the user (in the given project, for roles). */
export function covers(world: World, grantee: Grantee, user: number, project: number): boolean {
  if (grantee.kind === 'role') return holdsRole(world, user, project, grantee.id);
  return holderIs(world, grantee, user);
}

/** PRJ-3: a grant to the user, a group of theirs or a role they hold; ADMINISTER_PROJECT implies the others. */
export function hasPermission(world: World, user: number, project: number, permission: ProjectPermission): boolean {
  return world.grants.some(
    (g) =>
      g.project === project &&
      (g.permission === permission || g.permission === 'ADMINISTER_PROJECT') &&
      covers(world, g.to, user, project),
  );
}

/** TEAM-6: the user's membership of the team that has not ended, if any. */
export function currentMembership(world: World, user: number, team: number): Membership | undefined {
  return world.memberships.find((m) => m.current && m.user === user && m.team === team);
}

/** The teams the user is currently a member of. */
export function currentTeams(world: World, user: number): number[] {
  return world.teams.map((_, t) => t).filter((t) => currentMembership(world, user, t) !== undefined);
}

/** TEAM-3: a member holds the union of the permissions of their roles in the team; nothing outside the team. */
export function teamPermissionsOf(world: World, user: number, team: number): TeamPermission[] {
  const membership = currentMembership(world, user, team);
  if (!membership) return [];
  return [...new Set(membership.roles.flatMap((r) => world.teams[team].roles[r]))];
}

/** TEAM-2: the user holds the level in the team, directly or through a level that includes it. */
export function holdsTeamLevel(world: World, user: number, team: number, level: TeamPermission): boolean {
  const held = teamPermissionsOf(world, user, team);
  return held.includes(level) || (IMPLIED_BY[level] ?? []).some((p) => held.includes(p));
}

/** TEAM-1, TEAM-4: the teams working on a project — its own teams and the global teams assigned to it. */
export function teamsOfProject(world: World, project: number): number[] {
  return world.teams
    .map((_, t) => t)
    .filter(
      (t) =>
        world.teams[t].project === project ||
        (world.teams[t].project === null && world.teams[t].assigned.includes(project)),
    );
}

/** PRICE-2: on by default; off globally, or (while on globally) off for one project. */
export function teamChecksOn(world: World, project: number): boolean {
  return world.teamChecks && world.projectTeamChecks[project] !== 'disabled';
}

/** PRICE-1: a price list covers a date from its first to its last valid day, inclusive; no end means open-ended. */
export function priceListCovers(list: { validFrom: string; validTo: string | null }, date: string): boolean {
  return list.validFrom <= date && (list.validTo === null || date <= list.validTo);
}

export type TeamCheckRefusal = 'not_in_team' | 'team_role_cannot_work' | 'no_valid_price_list';

/** PRICE-3 with the check on: which requirement is missing for the person on the project at the date (null: passes). */
export function teamCheckRefusal(world: World, person: number, project: number, date: string): TeamCheckRefusal | null {
  // TEAM-4: a user belongs to at most one team per project.
  const team = teamsOfProject(world, project).find((t) => currentMembership(world, person, t) !== undefined);
  if (team === undefined) return 'not_in_team';
  if (!teamPermissionsOf(world, person, team).includes('WORK_ON_ISSUES')) return 'team_role_cannot_work';
  if (!world.teams[team].priceLists.some((list) => priceListCovers(list, date))) return 'no_valid_price_list';
  return null;
}

/** TEAM-8's "administrators of projects it serves": the team's own project, or the projects a global team is assigned to. */
export function projectsServed(world: World, team: number): number[] {
  const t = world.teams[team];
  return t.project !== null ? [t.project] : t.assigned;
}

/**
 * TEAM-8: a team is visible only to its members (holders of a team permission in it are members), team_admin, app_admin,
 * system administrators (§0: they administer everything) and administrators of projects it serves; never to a user in a
 * group denied ISSUE_TIME_TABS.
 */
export function teamVisibleTo(world: World, user: number, team: number): boolean {
  if (isDenied(world, user, 'ISSUE_TIME_TABS')) return false;
  if (currentMembership(world, user, team) !== undefined) return true;
  if (world.users[user].systemAdmin || appRolesOf(world, user).some((r) => r === 'team_admin' || r === 'app_admin'))
    return true;
  return projectsServed(world, team).some((p) => hasPermission(world, user, p, 'ADMINISTER_PROJECT'));
}

// FLOW-1, FLOW-3, FLOW-9, FLOW-10: the locks on work, and who may know a timesheet slice.

/** TEAM-4: the team the person works on the project with (at most one), or null — the team a new work log records (PRICE-4). */
export function teamOfWork(world: World, person: number, project: number): number | null {
  return teamsOfProject(world, project).find((t) => currentMembership(world, person, t) !== undefined) ?? null;
}

/**
 * The days a work-log action touches, each with the team whose work it is: the stored work log's (the team recorded
 * with it) and the new work date's (the person's team on the item's project, which the work log records).
 */
export function touchedDays(
  world: World,
  person: number,
  target: Extract<Target, { kind: 'item' }>,
): Array<{ team: number | null; date: string }> {
  const days: Array<{ team: number | null; date: string }> = [];
  if (target.worklog !== undefined) {
    const w = world.worklogs[target.worklog];
    days.push({ team: w.team, date: w.date });
  }
  if (target.date !== undefined)
    days.push({ team: teamOfWork(world, person, world.items[target.item].project), date: target.date });
  return days;
}

/** FLOW-3: the team's period holding the date is closed (work without a team belongs to no team period). */
export function periodClosed(world: World, team: number | null, date: string): boolean {
  return team !== null && world.periods.some((p) => p.closed && p.team === team && p.start <= date && date <= p.end);
}

/** FLOW-1: submitted and approved timesheets lock their work logs; FLOW-8: an approved one stays so until a recall is granted. */
export const LOCKING_STATES: readonly SliceState[] = ['submitted', 'approved', 'recall_requested'];

/** FLOW-1, FLOW-10: the person's timesheet slice of that team holding the date is submitted or approved. */
export function timesheetLocked(world: World, person: number, team: number | null, date: string): boolean {
  return world.slices.some(
    (s) =>
      s.owner === person && s.team === team && s.start <= date && date <= s.end && LOCKING_STATES.includes(s.state),
  );
}

/** Team permissions that give a member the work of the team's members, a slice included (TEAM-2, FLOW-10). */
const SLICE_SEERS: TeamPermission[] = ['APPROVE_TIMESHEETS', 'VIEW_MEMBER_WORKLOGS', 'MANAGE_MEMBER_WORKLOGS'];

/**
 * Who may know a slice exists (WL-3, APP-3, FLOW-10): its owner; app_admin (all data); team_admin over the owner's
 * team (the owner is in a team); members of the slice's team holding a permission over its members' work — the
 * approvers it is routed to, and those who view or manage members' work logs (MANAGE_TEAM includes viewing them).
 */
export function seesSlice(world: World, user: number, slice: WorldSlice): boolean {
  if (slice.owner === user) return true;
  const roles = appRolesOf(world, user);
  if (roles.includes('app_admin')) return true;
  if (roles.includes('team_admin') && currentTeams(world, slice.owner).length > 0) return true;
  return slice.team !== null && SLICE_SEERS.some((level) => holdsTeamLevel(world, user, slice.team!, level));
}

/** The item and its ancestors, nearest first. */
export function ancestorsOrSelf(world: World, item: number): number[] {
  const chain: number[] = [];
  for (let at: number | null = item; at !== null; at = world.items[at].parent) chain.push(at);
  return chain;
}

/** ITEM-8: a trashed item, or one under a trashed item, exists for nobody. */
export function itemExists(world: World, item: number): boolean {
  return ancestorsOrSelf(world, item).every((i) => !world.items[i].trashed);
}

/** ITEM-2: the nearest ancestor-or-self with a setting of its own; null means project permissions only. */
export function governingItem(world: World, item: number): number | null {
  return ancestorsOrSelf(world, item).find((i) => world.items[i].setting !== null) ?? null;
}

/** ITEM-1: an entry names the user, a group of theirs, a project role they hold in the item's project, or a team they are currently in. */
export function entryCovers(world: World, entry: Entry, user: number, project: number): boolean {
  if (entry.kind === 'team') return currentMembership(world, user, entry.subject) !== undefined;
  return covers(world, { kind: entry.kind, id: entry.subject }, user, project);
}

/** The entries of a setting that concern the user. */
export function entriesFor(world: World, user: number, item: number, setting: Entry[]): Entry[] {
  const project = world.items[item].project;
  return setting.filter((e) => entryCovers(world, e, user, project));
}

/** ITEM-3 for one kind: some entry of the user allows it and none denies it (deny beats allow, no allow = no). */
export function settingAllows(
  world: World,
  user: number,
  item: number,
  setting: Entry[],
  kind: 'view' | 'edit',
): boolean {
  const mine = entriesFor(world, user, item, setting);
  return mine.some((e) => e[kind] === 'allow') && !mine.some((e) => e[kind] === 'deny');
}

/** Layer 3: system administrators are never restricted (ITEM-5); unsecured items fall back to project permissions (ITEM-2); `edit` also needs `view` (ITEM-3). */
export function itemSecurityAllows(world: World, user: number, item: number, access: 'view' | 'edit'): boolean {
  if (world.users[user].systemAdmin) return true;
  const governing = governingItem(world, item);
  if (governing === null) return true;
  const setting = world.items[governing].setting!;
  if (!settingAllows(world, user, item, setting, 'view')) return false;
  return access === 'view' || settingAllows(world, user, item, setting, 'edit');
}

/** DENY-1: deny permissions reach the user through their groups. */
export function isDenied(world: World, user: number, surface: DenyPermission): boolean {
  return world.denyGrants.some((d) => d.permission === surface && isInGroup(world, user, d.group));
}

/** APP-1: app roles granted to the user or to a group of theirs. */
export function appRolesOf(world: World, user: number): AppRole[] {
  return world.appRoles.filter((g) => holderIs(world, g.to, user)).map((g) => g.role);
}

/** APP-2: the union of the areas of the user's roles; Administration only for app_admin and system administrators. */
export function openAreas(world: World, user: number): Area[] {
  const roles = appRolesOf(world, user);
  return AREAS.filter((area) => {
    if (area === 'Administration') return roles.includes('app_admin') || world.users[user].systemAdmin;
    return roles.some((role) => !HIDDEN_BY_ROLE[role].includes(area));
  });
}

// ---------------------------------------------------------------------------------------------------
// The decision: a list of checks in SPEC §0 order, each a layer's answer for one person.

export const REF_LAYERS = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'] as const;
export type RefLayer = (typeof REF_LAYERS)[number];

/** Whose standing a check looks at: the caller's, or — acting for someone else (WL-5) — the owner's. */
export type Who = 'caller' | 'owner';

export interface Step {
  who: Who;
  layer: RefLayer;
  ok: boolean;
  /** What is checked, for failure messages. */
  what: string;
  /** The error code the spec names for this refusal, where it names one (PRICE-3, WL-5, the grant boundary). */
  code?: string;
}

export interface Verdict {
  allowed: boolean;
  /** The first check that says no (SPEC §0: first "no" wins), or null when allowed. */
  layer: RefLayer | null;
  who: Who | null;
  code: string | null;
  /** PRJ-4, ITEM-9: the caller may not know the resource exists, so a refusal must look like "not found". */
  hidden: boolean;
  /** Every check that applies, in order, evaluated whether or not an earlier one said no. */
  steps: Step[];
}

export function projectOf(world: World, target: Target): number | null {
  if (target.kind === 'project' || target.kind === 'team') return target.project;
  if (target.kind === 'item') return world.items[target.item].project;
  return null;
}

export const ownerOf = (target: Target): number | undefined =>
  target.kind === 'global' || target.kind === 'item' || target.kind === 'slice' || target.kind === 'leave'
    ? target.owner
    : undefined;

/** Layers 5–6: an app role of the list, a system administrator where allowed, else the team level in the target team. */
function authorityStep(
  world: World,
  person: number,
  who: Who,
  authority: NonNullable<Requirement['authority']>,
  target: Target,
): Step {
  const what = `authority: one of ${authority.roles.join(', ')}${authority.systemAdmin ? ', a system administrator' : ''}${authority.teamLevel ? ` or ${authority.teamLevel} in the team` : ''}`;
  if (appRolesOf(world, person).some((r) => authority.roles.includes(r))) return { who, layer: 'app', ok: true, what };
  if (authority.systemAdmin && world.users[person].systemAdmin) return { who, layer: 'app', ok: true, what };
  if (!authority.teamLevel) return { who, layer: 'app', ok: false, what, code: 'missing_authority' };
  // FLOW-10: a slice's approvers hold the level in the slice's team.
  const team = target.kind === 'team' ? target.team : target.kind === 'slice' ? world.slices[target.slice].team : null;
  const ok = team !== null && holdsTeamLevel(world, person, team, authority.teamLevel);
  return { who, layer: 'team', ok, what, ...(ok ? {} : { code: 'missing_authority' }) };
}

/** The grant boundary: unbounded granters, or every granted level held by the granter in the team. */
function grantBoundaryHolds(world: World, person: number, team: number | null, levels: TeamPermission[]): boolean {
  if (world.users[person].systemAdmin || appRolesOf(world, person).some((r) => UNBOUNDED_GRANTERS.includes(r)))
    return true;
  return levels.every((level) => team !== null && holdsTeamLevel(world, person, team, level));
}

/** Every check of the action for one person, in layer order. */
function gates(world: World, person: number, who: Who, need: Requirement, target: Target): Step[] {
  const u = world.users[person];
  const steps: Step[] = [];
  const check = (layer: RefLayer, ok: boolean, what: string, code?: string) =>
    steps.push({ who, layer, ok, what, ...(ok || code === undefined ? {} : { code }) });
  const project = projectOf(world, target);
  check('identity', u.active, 'active user');
  if (project !== null) {
    const overridden =
      u.systemAdmin &&
      (need.systemAdminOverride === true ||
        (need.systemAdminOverride === 'browsing' && hasPermission(world, person, project, BROWSE)));
    check(
      'project',
      overridden || need.permissions.every((p) => hasPermission(world, person, project, p)),
      `${need.permissions.join(', ')}`,
    );
  }
  if (need.sliceVisible && target.kind === 'slice')
    check(
      'project',
      seesSlice(world, person, world.slices[target.slice]),
      'FLOW-10: the user may know the timesheet',
      'not_found',
    );
  if (target.kind === 'leave')
    check(
      'project',
      seesLeave(world, person, target.leave),
      'FLOW-4: the user may know the leave request',
      'not_found',
    );
  if (need.item !== undefined && target.kind === 'item')
    check('item', itemSecurityAllows(world, person, target.item, need.item), `item security ${need.item}`);
  if (need.surface !== undefined) check('deny', !isDenied(world, person, need.surface), `not denied ${need.surface}`);
  if (need.area !== undefined) check('app', openAreas(world, person).includes(need.area), `${need.area} area open`);
  if (need.systemAdminOnly) check('app', u.systemAdmin, 'system administrator', 'grant_boundary');
  if (need.ownerOnly && target.kind === 'slice' && target.owner !== person)
    check('team', false, "FLOW-8: only the timesheet's owner", 'not_own_worklog');
  if (need.ownerOnly && target.kind === 'leave' && target.owner !== person)
    check('team', false, "FLOW-4: only the request's owner", 'not_own_worklog');
  if (need.authority) steps.push(authorityStep(world, person, who, need.authority, target));
  if (need.grantBoundary && target.kind === 'team' && target.levels && target.levels.length > 0) {
    check(
      'team',
      grantBoundaryHolds(world, person, target.team, target.levels),
      `holds ${target.levels.join(', ')} in the team`,
      'grant_boundary',
    );
  }
  if (need.teamVisible && target.kind === 'team' && target.team !== null) {
    check(
      'team',
      teamVisibleTo(world, person, target.team),
      'TEAM-8: the team is visible to the user',
      'team_not_visible',
    );
  }
  if (need.projectActive && project !== null)
    check('business', !world.archived[project], 'the project is not archived', 'project_archived');
  if (need.teamCheck && target.kind === 'item' && target.date !== undefined) {
    const refusal = teamChecksOn(world, project!) ? teamCheckRefusal(world, person, project!, target.date) : null;
    check('business', refusal === null, `team check on ${target.date}`, refusal ?? undefined);
  }
  if (target.kind === 'item') {
    // §0 row "log work for U on I at date D": D's period is open (FLOW-3), U's timesheet for D is open or rejected
    // (FLOW-1), the work log is not charged (FLOW-9) — for every day the work is on, before and after the change.
    const days = touchedDays(world, person, target);
    if (need.periodOpen)
      check(
        'business',
        days.every((d) => !periodClosed(world, d.team, d.date)),
        'FLOW-3: no closed team period holds the work',
        'period_closed',
      );
    if (need.timesheetEditable)
      check(
        'business',
        days.every((d) => !timesheetLocked(world, person, d.team, d.date)),
        'FLOW-1: the timesheet of the work is open or rejected',
        'timesheet_locked',
      );
    if (need.notCharged && target.worklog !== undefined)
      check(
        'business',
        world.worklogs[target.worklog].charge === null,
        'FLOW-9: the work log is not charged',
        'worklog_charged',
      );
  }
  if (target.kind === 'slice') {
    const slice = world.slices[target.slice];
    if (need.notOwnSlice) check('business', slice.owner !== person, 'FLOW-8: not their own timesheet', 'own_timesheet');
    if (need.sliceFrom)
      check(
        'business',
        need.sliceFrom.includes(slice.state),
        `FLOW-1: the timesheet is ${need.sliceFrom.join(' or ')}`,
        'invalid_transition',
      );
  }
  if (target.kind === 'leave') {
    const leave = world.leaves[target.leave];
    if (need.notOwnLeave) check('business', leave.owner !== person, 'FLOW-4: not their own leave', 'own_leave');
    if (need.leaveFrom)
      check(
        'business',
        need.leaveFrom.includes(leave.state),
        `FLOW-4: the request is ${need.leaveFrom.join(' or ')}`,
        'leave_state',
      );
  }
  return steps;
}

/**
 * FLOW-4 and docs/decisions.md ("Leave"): a request is routed to the vacation_approvers who are current members of the
 * owner's current teams — the teams in which some other active current member holds vacation_approver — or, when no
 * team of the owner's has one, to every vacation_approver. The owner, those approvers and app_admin may know it.
 */
export function seesLeave(world: World, user: number, leave: number): boolean {
  const { owner } = world.leaves[leave];
  if (!world.users[user].active) return false;
  if (owner === user) return true;
  const roles = appRolesOf(world, user);
  if (roles.includes('app_admin')) return true;
  if (!roles.includes('vacation_approver')) return false;
  const routed = routedTeams(world, owner);
  return routed.length === 0 || routed.some((team) => currentTeams(world, user).includes(team));
}

/** The owner's current teams with another active current member holding vacation_approver (FLOW-4's routing). */
export function routedTeams(world: World, owner: number): number[] {
  return currentTeams(world, owner).filter((team) =>
    world.users.some(
      (u, other) =>
        other !== owner &&
        u.active &&
        appRolesOf(world, other).includes('vacation_approver') &&
        currentTeams(world, other).includes(team),
    ),
  );
}

/** WL-5, TEAM-2, APP-3: app_admin; team_admin when the owner is in a team; or the level in a team the owner is currently in. */
function actingForStep(world: World, caller: number, owner: number, level: TeamPermission): Step {
  const what = `acting for another user: ${level} in a team of theirs, team_admin over their team, or app_admin`;
  const roles = appRolesOf(world, caller);
  const ownerTeams = currentTeams(world, owner);
  if (roles.includes('app_admin') || (roles.includes('team_admin') && ownerTeams.length > 0))
    return { who: 'caller', layer: 'app', ok: true, what };
  const ok = ownerTeams.some((t) => holdsTeamLevel(world, caller, t, level));
  return { who: 'caller', layer: 'team', ok, what, ...(ok ? {} : { code: 'not_own_worklog' }) };
}

/** Every check of the action, in order: the caller's own, or — acting for another user — seeing, authority, then the owner's gates. */
export function stepsOf(world: World, user: number, action: Action, target: Target): Step[] {
  const need = REQUIREMENTS[action];
  const owner = ownerOf(target);
  if (need.forOthers === undefined || owner === undefined || owner === user)
    return gates(world, user, 'caller', need, target);
  // §0 rows "see work log W (author U)" and "log work for U on I": the caller sees the resource (the area; or
  // BROWSE_PROJECT and view of the item) and may act for U; every gate of the action is then U's (WL-5).
  const seeing: Requirement =
    target.kind === 'global'
      ? { permissions: [], area: need.area }
      : target.kind === 'slice'
        ? { permissions: [], area: need.area, sliceVisible: true }
        : { permissions: [BROWSE], item: need.item ? 'view' : undefined };
  const steps = [...gates(world, user, 'caller', seeing, target), actingForStep(world, user, owner, need.forOthers)];
  if (target.kind !== 'global') steps.push(...gates(world, owner, 'owner', need, target));
  return steps;
}

/** Whether the user may even know the target exists: an item they can view, a project they can browse, a team they can see (TEAM-8). */
export function canSee(world: World, user: number, target: Target, action?: Action): boolean {
  if (!world.users[user].active) return false;
  if (target.kind === 'global') return true;
  if (target.kind === 'item')
    return stepsOf(world, user, 'item.view', { kind: 'item', item: target.item }).every((s) => s.ok);
  if (target.kind === 'slice') return seesSlice(world, user, world.slices[target.slice]);
  if (target.kind === 'leave') return seesLeave(world, user, target.leave);
  const project = projectOf(world, target);
  if (project !== null && !hasPermission(world, user, project, BROWSE)) return false;
  // A team about to be created exists for nobody yet; actions that need the team visible (TEAM-8) hide it from everyone else.
  if (target.kind === 'team' && target.team !== null && action !== undefined && REQUIREMENTS[action].teamVisible)
    return teamVisibleTo(world, user, target.team);
  return true;
}

/** The reference answer: allowed only if every check allows; the first "no" names the layer (and whose, and the code). */
export function reference(world: World, user: number, action: Action, target: Target): Verdict {
  const steps = stepsOf(world, user, action, target);
  const first = steps.find((s) => !s.ok);
  if (!first) return { allowed: true, layer: null, who: null, code: null, hidden: false, steps };
  return {
    allowed: false,
    layer: first.layer,
    who: first.who,
    code: first.code ?? null,
    // A refusal of the owner's (WL-5) comes once the caller may act for them: the caller knows the resource.
    hidden: first.who === 'owner' ? false : !canSee(world, user, target, action),
    steps,
  };
}
