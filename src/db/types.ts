import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Timestamps come back as Date, are written as Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Calendar dates are plain 'YYYY-MM-DD' strings on both drivers (see db/index.ts). */
type CalendarDate = string;
type Json = ColumnType<unknown, string | null, string | null>;

export const PROJECT_PERMISSIONS = ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES', 'ADMINISTER_PROJECT'] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];

export const APP_ROLES = [
  'app_admin',
  'team_admin',
  'client_admin',
  'billing_admin',
  'timesheet_viewer',
  'scheduler_viewer',
  'client_viewer',
  'billing_viewer',
  'vacation_approver',
  'timesheet_approver',
] as const;
export type AppRole = (typeof APP_ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  email: string;
  password_hash: string | null;
  active: Generated<boolean>;
  system_admin: Generated<boolean>;
  created_at: Timestamp;
  version: Generated<number>;
}
export interface GroupsTable {
  id: Generated<number>;
  name: string;
  created_at: Timestamp;
  version: Generated<number>;
}
export interface GroupMembersTable {
  group_id: number;
  user_id: number;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
/** A one-time set-password link: the token's SHA-256, its expiry, and when it was used or replaced (ID-1). */
export interface PasswordLinksTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}
/** A shared report link (REP-6): the report it shows, as the creator may see it at each open. */
export interface ReportLinksTable {
  id: Generated<number>;
  creator_id: number;
  name: string;
  token_hash: string;
  report: unknown;
  include_money: Generated<boolean>;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  opened_count: Generated<number>;
  last_opened_at: Timestamp | null;
}
/** A person's working time per weekday and holiday region from a day on (issue 16). */
export interface WorkSchedulesTable {
  id: Generated<number>;
  user_id: number;
  valid_from: string;
  /** Seconds Monday to Sunday. */
  day_seconds: number[];
  holiday_region: string | null;
  created_at: Generated<Timestamp>;
}
/** A kind of leave (FLOW-4); a type with an allowance has a yearly balance in days. */
export interface LeaveTypesTable {
  id: Generated<number>;
  name: string;
  allowance_days: string | null;
  archived: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
}
export const LEAVE_STATES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveState = (typeof LEAVE_STATES)[number];
/** A leave request (FLOW-4): its days are counted on the owner's working calendar when it is made. */
export interface LeaveRequestsTable {
  id: Generated<number>;
  user_id: number;
  type_id: number;
  start_date: string;
  end_date: string;
  start_half: Generated<boolean>;
  end_half: Generated<boolean>;
  days: string;
  comment: Generated<string>;
  state: Generated<LeaveState>;
  decision_comment: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
}
/** What a Schedule entry is (FLOW-5): a planned task, or a personal event. */
export const PLAN_KINDS = ['task', 'meeting', 'out_of_office'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
/** A planned task or personal event (FLOW-5); no user: a team's placeholder "to be staffed". */
export interface PlannedTasksTable {
  id: Generated<number>;
  kind: Generated<PlanKind>;
  user_id: number | null;
  team_id: number | null;
  item_id: number | null;
  project_id: number | null;
  title: Generated<string>;
  start_date: string;
  end_date: string;
  seconds_per_day: number;
  tentative: Generated<boolean>;
  billable: Generated<boolean>;
  client_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
}
/** A person's internal cost of an hour from a day on (APP-5): money, PRICE-7. */
export interface CostRatesTable {
  id: Generated<number>;
  user_id: number;
  valid_from: string;
  cost_rate: string;
  currency: string;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}
/** An iCal feed of its owner's leave, or of a team's (team_id), behind a secret token (issue 16). */
export interface CalendarFeedsTable {
  id: Generated<number>;
  user_id: number;
  team_id: number | null;
  token_hash: string;
  created_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
}
/** A company day off: no one's capacity counts it. */
export interface CompanyDaysOffTable {
  day: string;
  name: string;
}
/** A work item a user watches from the Dashboard (quick watch, ITEM-9). */
export interface ItemWatchesTable {
  user_id: number;
  item_id: number;
  created_at: Generated<Timestamp>;
}
export interface LoginAttemptsTable {
  id: Generated<number>;
  login: string;
  ip: string;
  at: Timestamp;
  success: boolean;
}
/** ID-4: attempts in the current window of one login (`login:…`) or client address (`ip:…`). */
export interface SignInCountersTable {
  key: string;
  failures: number;
  window_start: Timestamp;
}
export interface AppRoleGrantsTable {
  id: Generated<number>;
  role: AppRole;
  user_id: number | null;
  group_id: number | null;
}
export interface ClientsTable {
  id: Generated<number>;
  name: string;
  contact: Generated<string>;
  notes: Generated<string>;
  archived: Generated<boolean>;
  version: Generated<number>;
}
/** A project's team & price-list check switch (PRICE-2): as the installation says, or off for the project. */
export const PROJECT_TEAM_CHECKS = ['inherit', 'disabled'] as const;
export type ProjectTeamChecks = (typeof PROJECT_TEAM_CHECKS)[number];
/** How long a project's timesheet periods are. */
export const PERIOD_LENGTHS = ['week', 'month'] as const;
export interface ProjectsTable {
  id: Generated<number>;
  key: string;
  name: string;
  client_id: number | null;
  team_checks: Generated<ProjectTeamChecks>;
  period_length: Generated<(typeof PERIOD_LENGTHS)[number]>;
  next_item_num: Generated<number>;
  created_at: Timestamp;
  version: Generated<number>;
  /** When the project was archived (migration 0011); null while it is active. */
  archived_at: Date | null;
}
export interface ProjectRolesTable {
  id: Generated<number>;
  name: string;
}
export interface ProjectRoleMembersTable {
  id: Generated<number>;
  project_id: number;
  role_id: number;
  user_id: number | null;
  group_id: number | null;
}
export interface ProjectPermissionGrantsTable {
  id: Generated<number>;
  project_id: number;
  permission: ProjectPermission;
  user_id: number | null;
  group_id: number | null;
  role_id: number | null;
}
export interface WorkItemsTable {
  id: Generated<number>;
  project_id: number;
  parent_id: number | null;
  num: number;
  key: string;
  title: string;
  description: Generated<string>;
  status: Generated<'open' | 'in_progress' | 'done'>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  governing_item_id: Generated<number | null>;
  deleted_at: Generated<Date | null>;
  deleted_by: Generated<number | null>;
}
export const ACCESS_VALUES = ['allow', 'deny', 'unset'] as const;
export type AccessValue = (typeof ACCESS_VALUES)[number];
/**
 * Who an item-security entry (ITEM-1) names, and what a subject's packed standing is made of (src/authz/standings.ts):
 * one list. Its order gives each kind its code in a packed principal, so a new kind goes at the end.
 */
export const SUBJECT_KINDS = ['user', 'group', 'role', 'team'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export interface ItemSecurityTable {
  item_id: number;
  project_id: number;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface ItemSecurityEntriesTable {
  id: Generated<number>;
  item_id: number;
  subject_kind: SubjectKind;
  subject_id: number;
  view: AccessValue;
  edit: AccessValue;
}
export const DENY_PERMISSIONS = ['ISSUE_TIME_TABS', 'ISSUE_TIME_PANELS'] as const;
export type DenyPermission = (typeof DENY_PERMISSIONS)[number];
export interface DenyGrantsTable {
  id: Generated<number>;
  permission: DenyPermission;
  group_id: number;
}
export interface ItemCommentsTable {
  id: Generated<number>;
  item_id: number;
  author_id: number;
  body: string;
  created_at: Timestamp;
}
export interface WorklogsTable {
  id: Generated<number>;
  item_id: number;
  project_id: number;
  author_id: number;
  start_date: CalendarDate;
  start_time: string | null;
  duration_seconds: number;
  description: Generated<string>;
  team_id: number | null;
  price_list_id: number | null;
  rate: string | null;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  /** The charge (invoice reference) the work log is charged under, until revoked (FLOW-9). */
  charge_id: Generated<number | null>;
}
/** A timesheet slice's states (FLOW-1, FLOW-8): no stored row means `open`. */
export const SLICE_STATES = ['open', 'submitted', 'approved', 'rejected', 'recall_requested'] as const;
export type SliceState = (typeof SLICE_STATES)[number];
export interface TimesheetSlicesTable {
  id: Generated<number>;
  user_id: number;
  team_id: number | null;
  period_start: CalendarDate;
  period_end: CalendarDate;
  state: SliceState;
  /** The slice's work logs as last approved ({ id, itemId, date, seconds }[]), for "changed since approval". */
  approved_snapshot: Json;
  updated_at: Timestamp;
  version: Generated<number>;
}
export const PERIOD_STATES = ['open', 'closed'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];
export interface TeamPeriodsTable {
  id: Generated<number>;
  team_id: number;
  period_start: CalendarDate;
  period_end: CalendarDate;
  state: PeriodState;
  updated_at: Timestamp;
  updated_by: number | null;
  version: Generated<number>;
}
export interface ChargesTable {
  id: Generated<number>;
  invoice_number: string;
  invoice_date: CalendarDate;
  /** Decimal string (PRICE-7: money). */
  amount: string;
  currency: string;
  created_by: number | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
  version: Generated<number>;
}
export interface FlowHistoryTable {
  id: Generated<number>;
  entity_type: 'timesheet_slice' | 'team_period' | 'charge';
  entity_id: number;
  from_state: string | null;
  to_state: string;
  actor_id: number | null;
  at: Timestamp;
  comment: Generated<string>;
}
export interface TimersTable {
  user_id: number;
  item_id: number;
  started_at: Timestamp;
  description: Generated<string>;
}
/** Team permission levels (TEAM-2). */
export const TEAM_PERMISSIONS = [
  'WORK_ON_ISSUES',
  'VIEW_MEMBER_WORKLOGS',
  'MANAGE_MEMBER_WORKLOGS',
  'MANAGE_SCHEDULE',
  'MANAGE_TEAM',
  'APPROVE_TIMESHEETS',
] as const;
export type TeamPermission = (typeof TEAM_PERMISSIONS)[number];
export type TeamRoleKind = 'lead' | 'member' | 'custom';
export interface AppSettingsTable {
  id: Generated<boolean>;
  team_checks: Generated<boolean>;
  updated_at: Timestamp;
  version: Generated<number>;
  /** IANA zone that says which calendar day "today" is (EXPL-1, WL-6). */
  time_zone: Generated<string>;
  /** WL-6's work-date window: earliest date, and days after today (null: one calendar year). */
  worklog_earliest: Generated<string>;
  worklog_days_ahead: number | null;
  /** How long a new session lasts, in hours (1 … 2160; migration 0012). */
  session_hours: Generated<number>;
}
export interface TeamsTable {
  id: Generated<number>;
  project_id: number | null;
  name: string;
  description: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
  version: Generated<number>;
}
export interface TeamProjectsTable {
  team_id: number;
  project_id: number;
  assigned_at: Timestamp;
  assigned_by: number | null;
}
export interface TeamRolesTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  kind: TeamRoleKind;
  permissions: TeamPermission[];
  version: Generated<number>;
}
export interface TeamMembershipsTable {
  id: Generated<number>;
  team_id: number;
  user_id: number;
  joined_at: Timestamp;
  left_at: Timestamp | null;
  joined_by: number | null;
  left_by: number | null;
}
export interface TeamMembershipRolesTable {
  membership_id: number;
  role_id: number;
}
export interface PriceListsTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  currency: string;
  /** Decimal string, never a float (PRICE-1). */
  hourly_rate: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  project_id: number | null;
  before: Json;
  after: Json;
  /** The work item the row is about (migration 0010: filled from the entity type and id when not given, like project_id). */
  item_id: Generated<number | null>;
}

export interface DB {
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_links: PasswordLinksTable;
  report_links: ReportLinksTable;
  item_watches: ItemWatchesTable;
  work_schedules: WorkSchedulesTable;
  company_days_off: CompanyDaysOffTable;
  leave_types: LeaveTypesTable;
  leave_requests: LeaveRequestsTable;
  calendar_feeds: CalendarFeedsTable;
  planned_tasks: PlannedTasksTable;
  cost_rates: CostRatesTable;
  login_attempts: LoginAttemptsTable;
  app_role_grants: AppRoleGrantsTable;
  clients: ClientsTable;
  projects: ProjectsTable;
  project_roles: ProjectRolesTable;
  project_role_members: ProjectRoleMembersTable;
  project_permission_grants: ProjectPermissionGrantsTable;
  work_items: WorkItemsTable;
  item_comments: ItemCommentsTable;
  worklogs: WorklogsTable;
  audit_log: AuditLogTable;
  item_security: ItemSecurityTable;
  item_security_entries: ItemSecurityEntriesTable;
  deny_grants: DenyGrantsTable;
  app_settings: AppSettingsTable;
  teams: TeamsTable;
  team_projects: TeamProjectsTable;
  team_roles: TeamRolesTable;
  team_memberships: TeamMembershipsTable;
  team_membership_roles: TeamMembershipRolesTable;
  price_lists: PriceListsTable;
  sign_in_counters: SignInCountersTable;
  timesheet_slices: TimesheetSlicesTable;
  team_periods: TeamPeriodsTable;
  charges: ChargesTable;
  flow_history: FlowHistoryTable;
  timers: TimersTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type WorkItemRow = Selectable<WorkItemsTable>;
export type WorklogRow = Selectable<WorklogsTable>;
export type NewAudit = Insertable<AuditLogTable>;
