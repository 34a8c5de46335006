import type {
  AppRole,
  DenyPermission,
  LeaveState,
  ProjectPermission,
  SliceState,
  TeamPermission,
} from '../db/types.js';
import type { Area } from './areas.js';
import type { ResourceFacts } from './facts.js';

/** What an action is decided on: nothing (global), a project, a work item, a work log, a team, a timesheet slice or a leave request. */
type Scope = 'global' | 'project' | 'item' | 'worklog' | 'team' | 'slice' | 'leave';

export interface ActionSpec {
  scope: Scope;
  /** Project permissions that must all be held on the resource's project (layer 2). */
  permissions?: readonly ProjectPermission[];
  /** Item security needed on the item (layer 3): `edit` also needs `view` (ITEM-3). */
  itemAccess?: 'view' | 'edit';
  /** The item-screen surface this action shows; a deny permission on it refuses (layer 4). */
  denySurface?: DenyPermission;
  /** The app area that must be open to the user (layer 5, APP-2). */
  area?: Area;
  /** The actor must be the work log's author / the user the work is logged for. */
  selfOnly?: boolean;
  /**
   * System administrators may perform it without the project permissions (audited). `true` passes BROWSE_PROJECT too —
   * how they grant themselves project access; `'browsing'` only where they browse the project (SPEC §0).
   */
  adminOverride?: boolean | 'browsing';
  /** Only system administrators: nobody grants what they do not hold (the system administrator flag). */
  systemAdminOnly?: boolean;
  /**
   * Layer 5/6 authority: one of these app roles (system administrators too when `systemAdmin`), or — when
   * `level` is set — that team permission in the resource's team (TEAM-2).
   */
  authority?: { roles: readonly AppRole[]; level?: TeamPermission; systemAdmin?: boolean };
  /** Layer 6: acting on another user's work needs this team permission in a team of theirs (WL-5, TEAM-2). */
  forOthers?: TeamPermission;
  /**
   * Layer 2 for a slice, FLOW-10: the user must know the slice exists (its owner, app_admin, team_admin over a team
   * member, or a member of its team holding a permission over members' work); otherwise 404. Asked of the caller who
   * acts for the owner — acting for them in one team does not open their slice of another.
   */
  sliceVisible?: boolean;
  /** Layer 6: the team permissions being granted must all be held by the granter (grant boundary). */
  grantBoundary?: boolean;
  /** Layer 7: the business gates the action passes, in order, for the person the work is done for (GATES). */
  gates?: readonly Gate[];
  /**
   * Layer 6, TEAM-8: the team must be visible to the user — a member, `team_admin`, `app_admin`, a system
   * administrator, or an administrator of a project the team serves; every refusal about a team they cannot see is a 404.
   */
  teamVisible?: boolean;
  /**
   * Weaker actions an allowed decision of this one also answers, for the per-request check that a route decided its
   * declared action (src/authz/decided.ts): `team.grant` is `team.manage` plus the grant boundary; `team.create`
   * answers `team.manage` for a team that does not exist yet (nobody holds MANAGE_TEAM in it).
   */
  covers?: readonly string[];
}

/**
 * Who an item-security entry (ITEM-1) names, and what a subject's packed standing is made of (standings.ts): one list,
 * kept with the other stored enumerations in src/db/types.ts (storage sits below policy) and read from here.
 */
export { SUBJECT_KINDS, type SubjectKind } from '../db/types.js';

/** Who sees money: rates, prices, revenue, cost (PRICE-7). */
const MONEY_ROLES = ['app_admin', 'billing_admin', 'billing_viewer'] as const satisfies readonly AppRole[];
/** Who manages clients (APP-4: client_admin; APP-3: app_admin), and who reads them (APP-4: client_viewer too). */
const CLIENT_ADMINS = ['app_admin', 'client_admin'] as const satisfies readonly AppRole[];
const CLIENT_READERS = ['app_admin', 'client_admin', 'client_viewer'] as const satisfies readonly AppRole[];
/** FLOW-2, FLOW-10: APPROVE_TIMESHEETS in the slice's team; app_admin approves any. */
const SLICE_APPROVERS = { roles: ['app_admin'], level: 'APPROVE_TIMESHEETS' } as const;
/** FLOW-4: who decides leave — `vacation_approver` on the requests routed to them (the `leave` scope's 404), app_admin any. */
const LEAVE_APPROVERS = { roles: ['app_admin', 'vacation_approver'] } as const;
/** Who administers teams installation-wide (APP-3). */
const TEAM_ADMINS = ['app_admin', 'team_admin'] as const satisfies readonly AppRole[];
/** Who sees every team (TEAM-8), beside system administrators; in the order a refusal names them. */
export const TEAM_SEERS = ['team_admin', 'app_admin'] as const satisfies readonly AppRole[];
/** Who may grant every team permission, held or not (APP-3: they manage team permissions), beside system administrators. */
export const UNBOUNDED_GRANTERS = ['app_admin', 'team_admin'] as const satisfies readonly AppRole[];
/**
 * Who acts for another user (WL-5, TEAM-2) without a team permission in a team of theirs: `anyone` for every user,
 * `teamMembers` for a user who is in some team.
 */
export const ACTS_FOR_OTHERS = {
  anyone: ['app_admin'],
  teamMembers: ['team_admin'],
} as const satisfies Record<string, readonly AppRole[]>;

/**
 * Business gates (layer 7): checks of the resource's state an action passes after the access layers, each declaring
 * the facts it is decided on (keys of ResourceFacts). The loader fetches a gate's stored facts with the resource
 * (loader.ts: `loadItems(…, { action })`); the caller supplies the rest (the work date). A gate whose facts are not
 * all given is not asked: an item read checks no price list. src/authz/README.md lists what adding a gate takes.
 */
export const GATES = {
  /**
   * An archived project takes no new work and no new items (PRJ-1, issue 13); its data stays readable. The refusal is
   * about the project's state, not the caller's standing: a 409 (`conflict`) with the gate's code.
   */
  projectActive: { facts: ['project'], conflict: 'project_archived' },
  /** The team and price-list check for the person the work is logged for (PRICE-3). */
  teamCheck: { facts: ['teams', 'date'] },
  /**
   * FLOW-3: no work log of a team dated in its closed period is created, changed or deleted — by anyone. The days
   * touched are the stored work log's (its recorded team) and the new work date's (the owner's team on it).
   */
  periodOpen: { facts: ['locks'], conflict: 'period_closed' },
  /** FLOW-1: a submitted or approved slice (or one awaiting a recall decision) locks its work logs. */
  timesheetEditable: { facts: ['locks'], conflict: 'timesheet_locked' },
  /** FLOW-9: a charged work log is locked until its charge is revoked. */
  notCharged: { facts: ['worklog'], conflict: 'worklog_charged' },
  /** FLOW-8: nobody approves (or decides a recall of) a slice of their own work. */
  notOwnApproval: { facts: ['slice'] },
  /** FLOW-1, FLOW-8: a slice action applies only from the states TRANSITIONS gives it. */
  sliceState: { facts: ['slice'], conflict: 'invalid_transition' },
  /** FLOW-4: nobody decides their own leave request. */
  notOwnLeave: { facts: ['leave'] },
  /** FLOW-4: a leave action applies only from the states LEAVE_TRANSITIONS gives it. */
  leaveState: { facts: ['leave'], conflict: 'leave_state' },
} as const satisfies Record<
  GateName,
  { facts: readonly (keyof ResourceFacts)[]; /** 409 code of a state refusal. */ conflict?: string }
>;
export type Gate = keyof typeof GATES;
/** Every gate name. */
export type GateName =
  | 'projectActive'
  | 'teamCheck'
  | 'periodOpen'
  | 'timesheetEditable'
  | 'notCharged'
  | 'notOwnApproval'
  | 'sliceState'
  | 'notOwnLeave'
  | 'leaveState';
/** The refusal codes of gates about a resource's state (`conflict`): enforced as 409, not 403. */
export const CONFLICT_CODES: ReadonlySet<string> = new Set(
  Object.values(GATES).flatMap((gate) => ('conflict' in gate ? [gate.conflict] : [])),
);
/** The slice actions and the states each applies from (the `sliceState` gate) and leads to (FLOW-1, FLOW-2, FLOW-8). */
export const TRANSITIONS = {
  'timesheet.submit': { from: ['open', 'rejected'], to: 'submitted' },
  'timesheet.approve': { from: ['submitted'], to: 'approved' },
  'timesheet.reject': { from: ['submitted'], to: 'rejected' },
  'timesheet.recall': { from: ['approved'], to: 'recall_requested' },
  'timesheet.grantRecall': { from: ['recall_requested'], to: 'open' },
  'timesheet.refuseRecall': { from: ['recall_requested'], to: 'approved' },
  'timesheet.reopen': { from: ['submitted', 'approved', 'recall_requested'], to: 'open' },
} as const satisfies Record<string, { from: readonly SliceState[]; to: SliceState }>;
export type SliceAction = keyof typeof TRANSITIONS;
/** The leave actions and the states each applies from (the `leaveState` gate) and leads to (FLOW-4). */
export const LEAVE_TRANSITIONS = {
  'leave.cancel': { from: ['pending'], to: 'cancelled' },
  'leave.approve': { from: ['pending'], to: 'approved' },
  'leave.reject': { from: ['pending'], to: 'rejected' },
  'leave.revoke': { from: ['approved'], to: 'pending' },
} as const satisfies Record<string, { from: readonly LeaveState[]; to: LeaveState }>;
export type LeaveAction = keyof typeof LEAVE_TRANSITIONS;
/** The slice states that lock the slice's work logs (FLOW-1). */
export const LOCKING_SLICE_STATES: readonly SliceState[] = ['submitted', 'approved', 'recall_requested'];

/** A fact a gate is decided on. */
type GateFact = (typeof GATES)[Gate]['facts'][number];

/**
 * Every action the server knows, as plain data. A route names one of these; the decision core reads
 * the spec to know which layers apply. A test walks this catalogue and the route table, so a new
 * action or route cannot ship without a decision.
 */
export const ACTIONS = {
  'self.read': { scope: 'global' },
  'self.tokens': { scope: 'global' },
  'self.explain': { scope: 'global' },
  /** My inbox: decisions on my timesheets and the count of slices waiting for me (issue 14, item 7). */
  'self.inbox': { scope: 'global' },
  'admin.users': { scope: 'global', area: 'Administration' },
  'admin.audit': { scope: 'global', area: 'Administration' },
  'admin.roles': { scope: 'global', area: 'Administration' },
  'admin.denies': { scope: 'global', area: 'Administration' },
  'admin.explain': { scope: 'global', area: 'Administration' },
  /** Part of user administration decided by the service: changing system administrators or their flag. */
  'admin.systemAdmins': { scope: 'global', area: 'Administration', systemAdminOnly: true },
  'project.create': { scope: 'global', area: 'Administration' },
  'project.list': { scope: 'global' },
  /** Clients a project may name (FLOW-6): read by who manages or reads clients (APP-4), app_admin and system administrators. */
  'client.list': { scope: 'global', authority: { roles: CLIENT_READERS, systemAdmin: true } },
  /** APP-4: client_admin creates clients; so do app_admin (all configuration, APP-3) and system administrators. */
  'client.create': { scope: 'global', authority: { roles: CLIENT_ADMINS, systemAdmin: true } },
  /** APP-4: client readers read a client's contact and notes; client administrators change them and archive it. */
  'client.view': { scope: 'global', authority: { roles: CLIENT_READERS, systemAdmin: true } },
  'client.update': { scope: 'global', authority: { roles: CLIENT_ADMINS, systemAdmin: true } },
  'project.view': { scope: 'project', permissions: ['BROWSE_PROJECT'] },
  'project.edit': { scope: 'project', permissions: ['ADMINISTER_PROJECT'] },
  'project.permissions': { scope: 'project', permissions: ['ADMINISTER_PROJECT'], adminOverride: true },
  'item.view': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view' },
  'item.create': {
    scope: 'project',
    permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'],
    itemAccess: 'edit',
    gates: ['projectActive'],
  },
  'item.edit': { scope: 'item', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'], itemAccess: 'edit' },
  'item.delete': { scope: 'item', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'], itemAccess: 'edit' },
  'item.comment': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view' },
  'item.security': {
    scope: 'item',
    permissions: ['ADMINISTER_PROJECT'],
    itemAccess: 'view',
    adminOverride: 'browsing',
  },
  'item.timePanels': {
    scope: 'item',
    permissions: ['BROWSE_PROJECT'],
    itemAccess: 'view',
    denySurface: 'ISSUE_TIME_PANELS',
  },
  'worklog.list': { scope: 'global', area: 'Timesheet' },
  /** A member's work logs in the app areas (WL-3): the caller's own, or through VIEW_MEMBER_WORKLOGS / team_admin / app_admin. */
  'worklog.listFor': { scope: 'global', area: 'Timesheet', selfOnly: true, forOthers: 'VIEW_MEMBER_WORKLOGS' },
  /** The Dashboard area (APP-2, ITEM-9): my week, my last work logs, my timesheet, my items; my team's for leads. */
  'dashboard.view': { scope: 'global', area: 'Dashboard' },
  /** The Reports area (REP-1): summary reports and their exports, over the work logs `report.worklogsOf` lets the caller see. */
  'report.view': { scope: 'global', area: 'Reports' },
  /** A member's work logs in reports (WL-3, REP-5): the caller's own, or through VIEW_MEMBER_WORKLOGS / team_admin / app_admin. */
  /**
   * REP-3, ITEM-9: the pivot over a work item's subtree (or a project's tree) in mode "all items" — the viewable items,
   * each total over its viewable descendants. Mode "efforts and costs" totals the whole subtree regardless of item
   * security and names nothing: for the project's administrators only (docs/decisions.md).
   */
  'report.pivot': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view', area: 'Reports' },
  'report.pivotProject': { scope: 'project', permissions: ['BROWSE_PROJECT'], area: 'Reports' },
  'report.pivotEfforts': { scope: 'item', permissions: ['ADMINISTER_PROJECT'], itemAccess: 'view', area: 'Reports' },
  'report.pivotEffortsProject': { scope: 'project', permissions: ['ADMINISTER_PROJECT'], area: 'Reports' },
  /** REP-6: sharing one's report as a link, and revoking one's links. */
  'report.share': { scope: 'global', area: 'Reports' },
  'report.worklogsOf': { scope: 'global', area: 'Reports', selfOnly: true, forOthers: 'VIEW_MEMBER_WORKLOGS' },
  'worklog.view': {
    scope: 'item',
    permissions: ['BROWSE_PROJECT'],
    itemAccess: 'view',
    denySurface: 'ISSUE_TIME_TABS',
  },
  'worklog.create': {
    scope: 'item',
    permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'],
    itemAccess: 'edit',
    selfOnly: true,
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    gates: ['projectActive', 'teamCheck', 'periodOpen', 'timesheetEditable'],
  },
  'worklog.edit': {
    scope: 'worklog',
    permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'],
    itemAccess: 'edit',
    selfOnly: true,
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    gates: ['teamCheck', 'periodOpen', 'timesheetEditable', 'notCharged'],
  },
  'worklog.delete': {
    scope: 'worklog',
    permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'],
    itemAccess: 'edit',
    selfOnly: true,
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    gates: ['periodOpen', 'timesheetEditable', 'notCharged'],
  },
  /** A user's timesheet grid (FLOW-1): their own, or a member's through VIEW_MEMBER_WORKLOGS / team_admin / app_admin. */
  'timesheet.view': { scope: 'global', area: 'Timesheet', selfOnly: true, forOthers: 'VIEW_MEMBER_WORKLOGS' },
  /** The caller's own running timer (one at a time); stopping it logs the work through `worklog.create` and its gates. */
  'timer.use': { scope: 'global', area: 'Timesheet' },
  /** FLOW-2: the owner submits a slice; team_admin, app_admin or MANAGE_MEMBER_WORKLOGS in a team of theirs on their behalf. */
  'timesheet.submit': {
    scope: 'slice',
    area: 'Timesheet',
    selfOnly: true,
    forOthers: 'MANAGE_MEMBER_WORKLOGS',
    gates: ['sliceState'],
  },
  /**
   * FLOW-10: a slice routed to an approver — APPROVE_TIMESHEETS in its team and the Timesheet Approval area; app_admin
   * any. Never their own (FLOW-8): the queue (visibleSlices) and the slice's detail leave it out.
   */
  'timesheet.review': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: SLICE_APPROVERS,
    gates: ['notOwnApproval'],
  },
  'timesheet.approve': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: SLICE_APPROVERS,
    gates: ['notOwnApproval', 'sliceState'],
    covers: ['timesheet.review'],
  },
  /** FLOW-2: rejection carries a comment (the service's 400 when it is empty). */
  'timesheet.reject': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: SLICE_APPROVERS,
    gates: ['notOwnApproval', 'sliceState'],
    covers: ['timesheet.review'],
  },
  /** FLOW-8: the owner asks for an approved slice to be recalled. */
  'timesheet.recall': { scope: 'slice', area: 'Timesheet', selfOnly: true, gates: ['sliceState'] },
  /** FLOW-8: the approver grants a recall (the slice opens again) or refuses it (it stays approved). */
  'timesheet.grantRecall': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: SLICE_APPROVERS,
    gates: ['notOwnApproval', 'sliceState'],
    covers: ['timesheet.review'],
  },
  'timesheet.refuseRecall': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: SLICE_APPROVERS,
    gates: ['notOwnApproval', 'sliceState'],
    covers: ['timesheet.review'],
  },
  /** FLOW-2: app_admin reopens an approved (or submitted) slice. */
  'timesheet.reopen': {
    scope: 'slice',
    area: 'Timesheet Approval',
    authority: { roles: ['app_admin'] },
    gates: ['sliceState'],
    covers: ['timesheet.review'],
  },
  /** The approval queue (FLOW-10): lists only the slices `timesheet.review` allows, through visibleSlices. */
  'timesheet.queue': { scope: 'global', area: 'Timesheet Approval' },
  /** FLOW-3: a team's periods are closed and reopened by MANAGE_TEAM holders (team_admin, app_admin, system administrators too). */
  'period.manage': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMINS, level: 'MANAGE_TEAM', systemAdmin: true },
    teamVisible: true,
  },
  /**
   * FLOW-4: leave is requested for oneself, in the Schedule area (where leave shows beside plans); the same area lists
   * one's own requests and balances.
   */
  'leave.request': { scope: 'global', area: 'Schedule' },
  'leave.mine': { scope: 'global', area: 'Schedule' },
  /**
   * FLOW-4: a leave request — and its type — is known to its owner, the approvers it is routed to and app_admin; to
   * everyone else it does not exist, and their screens show the days as "absent" (leave.view decides the mask).
   */
  'leave.view': { scope: 'leave' },
  /** FLOW-4: the owner cancels a request before it is decided. */
  'leave.cancel': { scope: 'leave', area: 'Schedule', selfOnly: true, gates: ['leaveState'] },
  /** FLOW-4: a routed approver (or app_admin) approves or rejects a pending request — never their own. */
  'leave.approve': {
    scope: 'leave',
    area: 'Leave Approval',
    authority: LEAVE_APPROVERS,
    gates: ['notOwnLeave', 'leaveState'],
    covers: ['leave.view'],
  },
  'leave.reject': {
    scope: 'leave',
    area: 'Leave Approval',
    authority: LEAVE_APPROVERS,
    gates: ['notOwnLeave', 'leaveState'],
    covers: ['leave.view'],
  },
  /** FLOW-4: an approval is revoked back to pending by a routed approver (or app_admin), with a comment. */
  'leave.revoke': {
    scope: 'leave',
    area: 'Leave Approval',
    authority: LEAVE_APPROVERS,
    gates: ['notOwnLeave', 'leaveState'],
    covers: ['leave.view'],
  },
  /** FLOW-4, APP-2: the Leave Approval area lists the requests routed to the caller (visibleLeave). */
  'leave.queue': { scope: 'global', area: 'Leave Approval' },
  /** Issue 16: one's calendar feeds (iCal, behind a revocable token) of one's own leave, in the Schedule area. */
  'feed.mine': { scope: 'global', area: 'Schedule' },
  /**
   * Issue 16: a team's calendar feed (its members' leave, masked as "absent" where the feed's owner may not know the
   * type) for who plans for the team (FLOW-5: MANAGE_SCHEDULE in it, team_admin, app_admin), on a team they see.
   */
  'feed.team': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Schedule',
    authority: { roles: TEAM_ADMINS, level: 'MANAGE_SCHEDULE' },
    teamVisible: true,
  },
  /**
   * FLOW-5: whose Schedule a user sees — their own (in the Schedule area, e.g. as `scheduler_viewer`), the members of
   * teams where they hold MANAGE_SCHEDULE, every team member for team_admin, anyone for app_admin (ACTS_FOR_OTHERS).
   */
  'plan.view': { scope: 'global', area: 'Schedule', selfOnly: true, forOthers: 'MANAGE_SCHEDULE' },
  /** FLOW-5: who plans for a user — the same people: `scheduler_viewer` for themselves, team planners for members. */
  'plan.edit': {
    scope: 'global',
    area: 'Schedule',
    selfOnly: true,
    forOthers: 'MANAGE_SCHEDULE',
    covers: ['plan.view'],
  },
  /** FLOW-5: a team's placeholder tasks ("to be staffed") — who plans for the team, on a team they see. */
  'plan.staff': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Schedule',
    authority: { roles: TEAM_ADMINS, level: 'MANAGE_SCHEDULE' },
    teamVisible: true,
  },
  /** FLOW-5, APP-5: only billing_admin marks a planned task billable (and app_admin, who has all data, APP-3). */
  'plan.billable': { scope: 'global', area: 'Schedule', authority: { roles: ['app_admin', 'billing_admin'] } },
  /** FLOW-5, APP-4: only client_admin picks a planned task's client (and app_admin, APP-3). */
  'plan.client': { scope: 'global', area: 'Schedule', authority: { roles: CLIENT_ADMINS } },
  /** APP-5, REP-2: cost rates and the cost report (scheduled and actual cost, revenue) for the money roles, in Cost. */
  'cost.view': { scope: 'global', area: 'Cost', authority: { roles: MONEY_ROLES } },
  /** APP-5: billing_admin manages the cost rates (app_admin too, APP-3). */
  'cost.rates': { scope: 'global', area: 'Cost', authority: { roles: ['app_admin', 'billing_admin'] } },
  /** Leave types and their allowances are the installation's configuration (Administration). */
  'leave.types': { scope: 'global', area: 'Administration' },
  /** FLOW-9: a billing_admin (app_admin too, APP-3) charges approved work logs and revokes charges, in the Cost area. */
  'charge.manage': { scope: 'global', area: 'Cost', authority: { roles: ['app_admin', 'billing_admin'] } },
  /** The invoices screen: charges and their totals (money, PRICE-7) for the money roles. */
  'charge.list': { scope: 'global', area: 'Cost', authority: { roles: MONEY_ROLES } },
  /** Team and price-list names in any response, e.g. on work logs (TEAM-8: none for users denied ISSUE_TIME_TABS). */
  'team.names': { scope: 'global', denySurface: 'ISSUE_TIME_TABS' },
  /** Money fields in any response (PRICE-7). */
  'money.view': { scope: 'global', authority: { roles: MONEY_ROLES } },
  /** The installation's settings, e.g. the global team-check switch (PRICE-2). */
  'admin.settings': { scope: 'global', area: 'Administration' },
  'team.list': { scope: 'global', area: 'Teams' },
  /**
   * TEAM-8: a team (name, roster, roles, price-list names) is seen by its members, team_admin, app_admin, system
   * administrators and administrators of the projects it serves — never by a user denied ISSUE_TIME_TABS; a project team
   * also needs its project (BROWSE_PROJECT, the base layer). Every other team action is on a team the user can see.
   */
  'team.view': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    teamVisible: true,
  },
  'team.create': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMINS, systemAdmin: true },
    covers: ['team.manage'],
  },
  /** Edit name and description, roles and members (MANAGE_TEAM: "except deletion"). */
  'team.manage': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMINS, level: 'MANAGE_TEAM', systemAdmin: true },
    teamVisible: true,
  },
  /** Give a role's permissions to a member, or define a role: nobody grants what they do not hold (app_admin excepted). */
  'team.grant': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMINS, level: 'MANAGE_TEAM', systemAdmin: true },
    grantBoundary: true,
    teamVisible: true,
    covers: ['team.manage'],
  },
  'team.delete': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: TEAM_ADMINS, systemAdmin: true },
    teamVisible: true,
  },
  /** A project's "Teams & price lists" tab (TEAM-8): the Teams area, and no denial of the time-tracking tabs; it lists only the teams the user can see. */
  'project.teamList': {
    scope: 'project',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
  },
  /** Assign or unassign a global team to a project (TEAM-4, TEAM-7), and switch the project's team check (PRICE-2). */
  'project.teams': {
    scope: 'project',
    permissions: ['BROWSE_PROJECT'],
    authority: { roles: TEAM_ADMINS, systemAdmin: true },
  },
  /** Price lists carry money: only money managers create or change them (PRICE-1, APP-5), on teams they can see (TEAM-8). */
  'pricelist.manage': {
    scope: 'team',
    permissions: ['BROWSE_PROJECT'],
    denySurface: 'ISSUE_TIME_TABS',
    area: 'Teams',
    authority: { roles: ['app_admin', 'billing_admin'] },
    teamVisible: true,
  },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

/**
 * An action's spec. `teamCheck` is derived from `gates`, for callers written before gates were data: read
 * `needsFact(action, 'date')` or `gates` instead.
 */
export function actionSpec(action: Action): ActionSpec & { readonly teamCheck: boolean } {
  const spec: ActionSpec = ACTIONS[action];
  return { ...spec, teamCheck: spec.gates?.includes('teamCheck') ?? false };
}

/** Whether one of the action's gates is decided on `fact`: the loader then fetches it with the resource (or the caller supplies it). */
export function needsFact(action: Action, fact: GateFact): boolean {
  const gates: readonly Gate[] = (ACTIONS[action] as ActionSpec).gates ?? [];
  return gates.some((gate) => (GATES[gate].facts as readonly GateFact[]).includes(fact));
}
