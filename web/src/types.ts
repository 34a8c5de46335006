/** Shapes of the JSON the API returns. The UI reads abilities from them and never derives its own. */

export interface User {
  id: number;
  login: string;
  displayName: string;
  email: string;
  systemAdmin: boolean;
}

export interface Me {
  user: User;
  csrfToken: string;
  areas: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Project {
  id: number;
  key: string;
  name: string;
  client: { id: number; name: string } | null;
  abilities: { canAdminister: boolean; canCreateItems: boolean; canManagePermissions: boolean; canViewTeams: boolean };
}

export interface ItemSummary {
  id: number;
  key: string;
  title: string;
  status: string;
  parentKey: string | null;
  hasChildren: boolean;
}

export interface Item {
  id: number;
  key: string;
  projectKey: string;
  title: string;
  description: string;
  status: string;
  parentKey: string | null;
  path: { key: string; title: string }[];
  version: number;
  abilities: {
    canEdit: boolean;
    canDelete: boolean;
    canComment: boolean;
    canLogWork: boolean;
    canViewWorklogs: boolean;
    canViewTimePanels: boolean;
    canChangeSecurity: boolean;
  };
}

export interface Comment {
  id: number;
  author: { id: number; displayName: string };
  body: string;
  createdAt: string;
}

export interface Worklog {
  id: number | string;
  item: { key: string; title: string; projectKey: string };
  author: { id: number; displayName: string };
  startDate: string;
  startTime: string | null;
  durationSeconds: number;
  description: string;
  /** The team and price list the work log was recorded with (WL-1, PRICE-5). */
  team: Named | null;
  priceList: Named | null;
  /** Present only for callers who see money (PRICE-7). */
  rate?: string;
  currency?: string;
  version: number;
  createdAt: string;
  abilities: { canEdit: boolean; canDelete: boolean };
}

export interface Named {
  id: number;
  name: string;
}

/** What logging work on an item at a date would record, and whether it may (GET /api/items/:key/worklog-preview). */
export interface WorklogPreview {
  allowed: boolean;
  code: string;
  message: string;
  teamChecks: TeamChecksState;
  team: Named | null;
  priceList: Named | null;
  /** Present only for callers who see money (PRICE-7). */
  rate?: string;
  currency?: string;
}

/** Fields of a work log that the log-work dialog sends. */
export interface WorklogInput {
  startDate: string;
  startTime: string | null;
  durationSeconds: number;
  description?: string;
}

export type Access = 'allow' | 'deny' | 'unset';
export type SubjectKind = 'user' | 'group' | 'role';

export interface SecurityEntry {
  kind: SubjectKind;
  subject: { id: number; name: string };
  view: Access;
  edit: Access;
}

export interface ServerWarning {
  code: string;
  message: string;
}

/** An item's security setting (ITEM-1, ITEM-2) as GET /api/items/:key/security answers. */
export interface ItemSecurity {
  itemKey: string;
  mode: 'own' | 'inherited' | 'none';
  inheritedFrom: string | null;
  entries: SecurityEntry[];
  version: number | null;
  childrenWithOwnSetting: string[];
  warnings: ServerWarning[];
}

export interface SecurityInput {
  entries: { kind: SubjectKind; subjectId: number; view: Access; edit: Access }[];
  version?: number;
  applyToChildren: boolean;
  confirmLockout: boolean;
}

/** One user's abilities on one target before and after a change, from a preview (EXPL-3). */
export interface AccessChange {
  user: { id: number; login: string };
  target: string;
  before: string[];
  after: string[];
}

export interface Preview {
  changes: AccessChange[];
  warnings?: ServerWarning[];
}

export interface TimeSummary {
  itemKey: string;
  timeSpentSeconds: number;
  subtreeTimeSpentSeconds: number;
  myLastWorklog: Worklog | null;
}

export interface UserRecord {
  id: number;
  login: string;
  displayName: string;
  email: string;
  active: boolean;
  systemAdmin: boolean;
  groups: { id: number; name: string }[];
}

export interface Group {
  id: number;
  name: string;
  memberCount: number;
  version: number;
  /** From the server: built-in groups (ID-2) are neither renamed nor deleted. */
  abilities: { canRename: boolean; canDelete: boolean };
}

/** ID-6: what deleting a group removes (only what the caller may see). */
export interface GroupDeletionPreview extends Preview {
  group: { id: number; name: string; version: number };
  removes: {
    members: { id: number; login: string; displayName: string }[];
    projectPermissions: { id: number; projectKey: string; permission: string }[];
    denials: { id: number; permission: string }[];
    projectRoles: { id: number; projectKey: string; role: string }[];
    itemSecurity: { id: number; itemKey: string; view: string; edit: string }[];
    appRoles: { id: number; role: string }[];
  };
  needsConfirmation: boolean;
}

export interface ProjectGrant {
  id: number;
  permission: string;
  subject: { kind: SubjectKind; id: number; name: string };
}

export interface RoleMember {
  id: number;
  role: { id: number; name: string };
  subject: { kind: 'user' | 'group'; id: number; name: string };
}

export interface DenyCatalogueEntry {
  permission: string;
  label: string;
  hides: string[];
}

export interface DenyGrant {
  id: number;
  permission: string;
  effect: 'DENY';
  group: { id: number; name: string };
}

export interface DenyList {
  catalogue: DenyCatalogueEntry[];
  grants: DenyGrant[];
}

export interface AppRole {
  role: string;
  areas: string[];
  prerequisites: string[];
  grants: { id: number; subject: { kind: 'user' | 'group'; id: number; name: string } }[];
}

export interface AppRoleList {
  roles: AppRole[];
  warnings: { code: string; user: { id: number; login: string }; role: string; missing: string[]; message: string }[];
}

export interface Reason {
  layer: string;
  outcome: 'allow' | 'deny';
  code: string;
  message: string;
  inheritedFrom?: string;
}

/** An explained decision (EXPL-1): the layers consulted in order and the one that decided. */
export interface Explanation {
  user: { id: number; login: string; displayName: string };
  action: string;
  resource: { kind: 'item' | 'project' | 'global'; key: string | null };
  /** The work date a dated action (logging work: the team and price-list check) was explained for; null for other actions. */
  date: string | null;
  allowed: boolean;
  hidden: boolean;
  deciding: Reason;
  layers: Reason[];
}

export interface AccessAnswer {
  allowed: boolean;
  why: string;
  layer: string;
}

export interface ItemAccessRow {
  user: { id: number; login: string; displayName: string };
  view: AccessAnswer;
  edit: AccessAnswer;
  /** Decided for today in the installation's time zone, with the team and price-list check. */
  logWork: AccessAnswer & { date: string };
}

export interface ProjectAccessRow {
  user: { id: number; login: string; displayName: string };
  permissions: { permission: string; allowed: boolean; why: string[] }[];
}

/** Whether the team & price-list check applies to a project (PRICE-2). */
export type TeamChecksState = 'on' | 'off_globally' | 'off_for_project';

export interface TeamChecks {
  project: 'inherit' | 'disabled';
  global: boolean;
  effective: TeamChecksState;
  /** The project's version, for changing its switch. */
  version: number;
}

export interface Person {
  id: number;
  login: string;
  displayName: string;
}

export interface TeamAbilities {
  canManage: boolean;
  canDelete: boolean;
  canManagePriceLists: boolean;
}

/** A team as lists show it (TEAM-1): project null for a global team. */
export interface TeamSummary {
  id: number;
  name: string;
  description: string;
  project: { key: string; name: string } | null;
  members: Person[];
  memberCount: number;
  abilities: TeamAbilities;
  version: number;
}

export interface GlobalTeamSummary extends TeamSummary {
  assigned: boolean;
}

/** A project's "Teams & price lists" tab (GET /api/projects/:key/teams). */
export interface ProjectTeams {
  teamChecks: TeamChecks;
  projectTeams: TeamSummary[];
  globalTeams: GlobalTeamSummary[];
  abilities: { canCreateTeam: boolean; canAssignTeams: boolean; canSwitchChecks: boolean };
}

export interface TeamRole {
  id: number;
  name: string;
  /** lead and member are the default roles every team has (TEAM-3). */
  kind: 'lead' | 'member' | 'custom';
  permissions: string[];
  version: number;
  /** The caller may give this role in the team (the grant boundary). */
  canGive: boolean;
  /** The caller may change or delete the role (TEAM-3: never a default role). */
  abilities: { canEdit: boolean; canDelete: boolean };
}

export interface TeamMember {
  user: Person;
  roleIds: number[];
  joinedAt: string;
  /** canDropRole: a role may be taken away (the member keeps at least one). */
  abilities: { canRemove: boolean; canChangeRoles: boolean; canDropRole: boolean };
}

export interface TeamDetail extends Omit<TeamSummary, 'members' | 'abilities'> {
  /** grantable: team permissions the caller may give in this team (the grant boundary). */
  abilities: TeamAbilities & { grantable: string[] };
  roles: TeamRole[];
  members: TeamMember[];
  assignedProjects: { key: string; name: string }[];
}

/** One period of membership (TEAM-6). */
export interface MembershipPeriod {
  id: number;
  user: Person;
  joinedAt: string;
  leftAt: string | null;
  joinedBy: { id: number; displayName: string } | null;
  leftBy: { id: number; displayName: string } | null;
}

export interface PriceList {
  id: number;
  teamId: number;
  name: string;
  currency: string;
  /** A decimal string, present only for callers who see money (PRICE-7). */
  hourlyRate?: string;
  validFrom: string;
  validTo: string | null;
  /** Some work log records it (PRICE-6): its rate and currency stay, and it cannot be deleted. */
  used: boolean;
  version: number;
  /** canChangeRate: rate and currency may change (PRICE-6); canStartSuccessor: a new rate may start within its validity (PRICE-8). */
  abilities: { canEdit: boolean; canDelete: boolean; canChangeRate: boolean; canStartSuccessor: boolean };
}

export interface PriceListInput {
  name: string;
  currency: string;
  hourlyRate?: string;
  validFrom: string;
  validTo: string | null;
}
