import type {
  AccessValue,
  AppRole,
  DenyPermission,
  LeaveState,
  ProjectPermission,
  SliceState,
  TeamPermission,
} from '../db/types.js';
import type { SubjectKind } from './catalogue.js';
import type { SecuritySetting } from './setting.js';

/** Facts about the acting user, loaded once per request. */
export interface SubjectFacts {
  userId: number;
  active: boolean;
  systemAdmin: boolean;
  groups: ReadonlyArray<{ id: number; name: string }>;
  appRoles: ReadonlyArray<{ role: AppRole; via: GrantVia }>;
  /** Deny permissions that reach the user through their groups (DENY-1). */
  denies: ReadonlyArray<{ permission: DenyPermission; groupId: number; groupName: string }>;
  /** The user's current team memberships, with the permissions their roles there give (TEAM-2, TEAM-3). */
  teams: ReadonlyArray<TeamMembershipFact>;
  /** For explanations that speak about another user (WL-5). */
  name?: string;
}

/** A current team membership: the team (its own project, or null for a global team) and the union of the member's role permissions. */
export interface TeamMembershipFact {
  teamId: number;
  teamName: string;
  projectId: number | null;
  permissions: ReadonlyArray<TeamPermission>;
}

/** A price list as the team check sees it (PRICE-1); the rate is server-side only, for the work log's snapshot. */
export interface PriceListFact {
  id: number;
  name: string;
  currency: string;
  hourlyRate: string;
  validFrom: string;
  validTo: string | null;
}

/** Whether the team check applies to a project (PRICE-2): on, or switched off for the installation or for the project. */
export type TeamCheckState = 'on' | 'off_globally' | 'off_for_project';

/** PRICE-2: the installation's switch (on: true) decides first; then the project's (`disabled` turns it off there). */
export function effectiveTeamChecks(global: boolean, project: 'inherit' | 'disabled'): TeamCheckState {
  if (!global) return 'off_globally';
  return project === 'disabled' ? 'off_for_project' : 'on';
}

/** The teams working on a project — its own and the global teams assigned to it — and whether the team check is on (PRICE-2). */
export interface ProjectTeamFacts {
  projectId: number;
  projectKey: string;
  checks: TeamCheckState;
  teams: ReadonlyArray<{ teamId: number; teamName: string; global: boolean; priceLists: ReadonlyArray<PriceListFact> }>;
}

/** A team as a resource of team actions: its project (null: global team), and the projects a global team is assigned to (TEAM-8). */
export interface TeamFacts {
  teamId: number;
  teamName: string;
  projectId: number | null;
  assignedProjectIds?: ReadonlyArray<number>;
}

/** How a grant reaches the user: directly, through a group, or through a project role. */
export type GrantVia =
  | { kind: 'user' }
  | { kind: 'group'; groupId: number; groupName: string }
  | { kind: 'role'; roleId: number; roleName: string; groupId?: number; groupName?: string };

export interface PermissionGrant {
  permission: ProjectPermission;
  via: GrantVia;
}

/** A project permission grant as stored: to a user, a group or a project role (PRJ-3). */
export interface StoredGrant {
  permission: ProjectPermission;
  kind: 'user' | 'group' | 'role';
  subjectId: number;
  subjectName: string;
}

/** Who holds a project role in the project: a user, or every member of a group. */
export interface RoleMember {
  roleId: number;
  roleName: string;
  userId?: number;
  groupId?: number;
  groupName?: string;
}

/**
 * Facts about one project, the same for every subject: all its grants and role holders. The core
 * works out which of them reach a given user, so one load serves any number of users.
 */
export interface ProjectFacts {
  projectId: number;
  projectKey: string;
  grants: ReadonlyArray<StoredGrant>;
  roleMembers: ReadonlyArray<RoleMember>;
  /** The project is archived (PRJ-1): the `projectActive` gate refuses new work and new items. */
  archived?: boolean;
}

export interface SecurityEntry {
  kind: SubjectKind;
  subjectId: number;
  subjectName: string;
  view: AccessValue;
  edit: AccessValue;
}

/** Item security facts (ITEM-1, ITEM-2): the governing setting — own or inherited — with its entries (null: unsecured). */
export interface ItemSecurityFacts {
  itemId: number;
  itemKey: string;
  governing: SecuritySetting | null;
}

/** A closed period of a team (FLOW-3) that contains a day a work-log action touches. */
export interface ClosedPeriodFact {
  teamId: number;
  teamName: string;
  start: string;
  end: string;
}

/** A timesheet slice (FLOW-1, FLOW-10): one user's work logs of one team (null: no team) over one period. */
export interface SliceFact {
  id: number;
  ownerId: number;
  ownerName: string;
  teamId: number | null;
  teamName: string | null;
  start: string;
  end: string;
  state: SliceState;
}

/**
 * The locks on the days a work-log action touches (layer 7): the closed periods of the owner's teams and the owner's
 * slices that are not open, each containing one of those days.
 */
export interface WorkLocks {
  periods: ReadonlyArray<ClosedPeriodFact>;
  slices: ReadonlyArray<SliceFact>;
}

/** A stored work log an edit or delete acts on: its recorded team and date are locked days too, and its charge (FLOW-9). */
export interface WorklogFact {
  id: number;
  teamId: number | null;
  date: string;
  charge: { id: number; invoiceNumber: string } | null;
}

/**
 * A leave request (FLOW-4) as the core decides on it: its owner and state, and the teams it is routed through — the
 * owner's current teams with an active `vacation_approver` among their other members. None: it is routed to every
 * `vacation_approver` (docs/decisions.md, "Leave").
 */
export interface LeaveFact {
  id: number;
  ownerId: number;
  ownerName: string;
  state: LeaveState;
  routedTeamIds: ReadonlyArray<number>;
}

export interface ResourceFacts {
  project?: ProjectFacts;
  item?: ItemSecurityFacts;
  /** Author of the work log, or the user work is to be logged for. */
  ownerId?: number;
  /** That user's facts when it is not the caller: all gates are evaluated for them too (WL-5). */
  owner?: SubjectFacts;
  /** The team layer's facts about the resource's project (PRICE-3). */
  teams?: ProjectTeamFacts;
  /** The work date the team check judges price lists on (PRICE-8). */
  date?: string;
  /** The team of a team action. */
  team?: TeamFacts;
  /** The facts of the projects a global team is assigned to: their administrators see the team (TEAM-8). */
  servedProjects?: ReadonlyArray<ProjectFacts>;
  /** Team permissions a `team.grant` would give (the grant boundary). */
  grantLevels?: ReadonlyArray<TeamPermission>;
  /** The locks on the touched days (periodOpen, timesheetEditable). */
  locks?: WorkLocks;
  /** The stored work log of an edit or delete (its day is touched; notCharged). */
  worklog?: WorklogFact;
  /** The timesheet slice of a slice action (submit, approve, reject, recall, reopen). */
  slice?: SliceFact;
  /** The leave request of a leave action (view, cancel, approve, reject, revoke). */
  leave?: LeaveFact;
}
