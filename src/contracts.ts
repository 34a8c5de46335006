/**
 * The web's contract with the API: the request and response types the modules' zod schemas infer, as JSON carries
 * them. Types only — nothing here exists at run time, so the web bundle holds no zod and no server code; a value
 * import from this file does not compile.
 */
import type { z } from 'zod';
import type { page } from './lib/schemas.js';
import type { DenyAdd, DenyList, RoleGrantInput, RoleList } from './modules/access/schema.js';
import type { AuditFacets, AuditFilters, AuditPage as AuditPageOut, AuditRowOut } from './modules/audit/schema.js';
import type {
  Me as MeOut,
  PasswordChange,
  SessionsEnded,
  SetupBody,
  SetupStatus,
  SignedIn,
  TokenCreated as TokenCreatedOut,
  TokenOut,
} from './modules/auth/schema.js';
import type { ExplainQuery, Explanation as ExplanationOut } from './modules/explain/schema.js';
import type { CommentOut, ItemOut, TrashOut } from './modules/items/schema.js';
import type {
  PriceListCreate,
  PriceListOut,
  PriceListUpdate,
  SuccessorCreate,
  SuccessorOut,
} from './modules/pricelists/schema.js';
import type {
  GrantOut,
  ProjectOut,
  ProjectPage as ProjectPageOut,
  RoleMemberOut,
  SubjectsOut,
} from './modules/projects/schema.js';
import type { ClientOut, ClientPage as ClientPageOut } from './modules/clients/schema.js';
import type { EntryOut, PreviewOut, SecurityOut } from './modules/security/schema.js';
import type { SettingsOut, SettingsUpdate } from './modules/settings/schema.js';
import type {
  GroupDeletionPreview as GroupDeletionPreviewOut,
  GroupOut,
  PasswordLinkOut,
  UserCreate,
  UserCreated as UserCreatedOut,
  UserOut,
  UserUpdate,
} from './modules/users/schema.js';
import type {
  GlobalTeamOut,
  HistoryOut,
  ProjectTeamsOut,
  RoleCreate,
  TeamChecksOut,
  TeamCreate,
  TeamDetail as TeamDetailOut,
  TeamListOut,
  TeamMemberOut,
  TeamOut,
  TeamRoleOut,
} from './modules/teams/schema.js';
import type { TimerOut, TimerStart, TimerStopped } from './modules/timers/schema.js';
import type {
  GridOut,
  ItemSearchOut,
  LockOut,
  RecallBody,
  SliceHistoryOut,
  SliceOut,
  SubmitBody,
  SubmitOut,
} from './modules/timesheets/schema.js';
import type {
  TimeSummary as TimeSummaryOut,
  WorklogCreate,
  WorklogOut,
  WorklogRangePage,
} from './modules/worklogs/schema.js';

/** A response as JSON carries it: the schemas' `Date`s travel as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer E)[]
    ? Json<E>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** One page of a cursor-paged list (`page()` in src/lib/schemas.ts). */
export type Page<T> = z.infer<ReturnType<typeof page<z.ZodType<T>>>>;

// ---- Sign-in and users -------------------------------------------------------------------------------------------

export type { SignedIn };
export type Me = Json<MeOut>;
/** First start: whether the first administrator is still to be created, and what creates them. */
export type { SetupStatus, SetupBody as SetupInput };
/** My account: a password change and how many other sessions a change ended. */
export type { PasswordChange, SessionsEnded };
export type ApiToken = Json<TokenOut>;
/** A new personal API token: the secret itself is in this answer only. */
export type ApiTokenCreated = Json<TokenCreatedOut>;
export type UserRecord = Json<UserOut>;
export type Group = Json<GroupOut>;
export type GroupDeletionPreview = Json<GroupDeletionPreviewOut>;
export type { UserCreate, UserUpdate };
export type UserCreated = Json<UserCreatedOut>;
/** A one-time set-password link, shown once. */
export type PasswordLink = Json<PasswordLinkOut>;

// ---- Projects, items, comments -----------------------------------------------------------------------------------

export type Project = Json<ProjectOut>;
/** A page of projects with what the caller may do beside them (create one, read clients). */
export type ProjectPage = Json<ProjectPageOut>;
/** Creating, editing and archiving a project (PRJ-1); a client it may name (FLOW-6). */
export type { ProjectCreate, ProjectUpdate, ProjectArchive } from './modules/projects/schema.js';
export type { ClientCreate, ClientUpdate } from './modules/clients/schema.js';
export type Client = Json<ClientOut>;
export type ClientPage = Json<ClientPageOut>;
export type ProjectGrant = Json<GrantOut>;
export type RoleMember = Json<RoleMemberOut>;
/** Users, groups and project roles a project administrator can name. */
export type ProjectSubjects = Json<SubjectsOut>;
/** What the permission scheme screen sends: a grant or role membership, and their previews (EXPL-3). */
export type {
  GrantCreate,
  GrantPreviewBody,
  RoleMemberCreate,
  RoleMemberPreviewBody,
} from './modules/projects/schema.js';
export type { ItemSummary, ItemCreate } from './modules/items/schema.js';
export type Item = Json<ItemOut>;
/** Editing in place, the tree operations (ITEM-8) and the project's trash. */
export type { ItemUpdate, ItemMove, ItemCopy, MoveTarget, MoveTargetPage } from './modules/items/schema.js';
export type Trash = Json<TrashOut>;
export type Comment = Json<CommentOut>;

// ---- Work logs ---------------------------------------------------------------------------------------------------

export type Worklog = Json<WorklogOut>;
export type WorklogRange = Json<WorklogRangePage>;
export type { WorklogPreview } from './modules/worklogs/schema.js';
/** The team or price list a work log was recorded with. */
export type Named = NonNullable<Worklog['team']>;
/** The fields of a work log that the log-work dialog sends; creating adds the item, changing the version. */
export type WorklogInput = Pick<WorklogCreate, 'startDate' | 'startTime' | 'durationSeconds' | 'description'>;
export type TimeSummary = Json<TimeSummaryOut>;

// ---- Timesheets and the timer (FLOW-1, 2, 7, 8, 10, 11) -----------------------------------------------------------

/** The grid of `GET /api/timesheets`: days with capacity and locks, rows of items with cells, slices, totals. */
export type TimesheetGrid = Json<GridOut>;
export type TimesheetDay = TimesheetGrid['days'][number];
export type TimesheetRow = TimesheetGrid['rows'][number];
export type TimesheetCell = TimesheetRow['cells'][number];
export type TimesheetCellWorklog = TimesheetCell['worklogs'][number];
/** Why a day or a cell is locked, in the explanation's words (FLOW-11). */
export type TimesheetLock = LockOut;
export type TimesheetSlice = Json<SliceOut>;
export type SliceState = TimesheetSlice['state'];
/** The "add row" search: items the user may log work on. */
export type TimesheetItems = ItemSearchOut;
export type TimesheetItem = ItemSearchOut['items'][number];
export type TimesheetSubmit = SubmitBody;
export type TimesheetSubmitted = Json<SubmitOut>;
export type SliceRecall = RecallBody;
export type SliceHistory = Json<SliceHistoryOut>;
export type SliceHistoryEntry = SliceHistory['items'][number];
export type Timer = Json<TimerOut>;
export type RunningTimer = NonNullable<Timer['timer']>;
export type TimerInput = TimerStart;
export type TimerStoppedOut = Json<TimerStopped>;

// ---- Item security and change previews ---------------------------------------------------------------------------

export type SecurityEntry = Json<EntryOut>;
export type SubjectKind = SecurityEntry['kind'];
export type Access = SecurityEntry['view'];
export type ItemSecurity = Json<SecurityOut>;
/** What the security dialog sends: the defaults (`unset`, `false`) may be left out. */
export type { SecuritySetInput as SecurityInput } from './modules/security/schema.js';
export type Preview = Json<PreviewOut>;
export type AccessChange = Preview['changes'][number];

// ---- Administration: deny permissions, app roles, explanations ---------------------------------------------------

export type { DenyList, RoleList as AppRoleList };
export type { DenyAdd, DenyPreviewBody, RolePreviewBody } from './modules/access/schema.js';
export type DenyCatalogueEntry = DenyList['catalogue'][number];
export type DenyGrant = DenyList['grants'][number];
export type DenyPermission = DenyAdd['permission'];
export type AppRole = RoleList['roles'][number];
export type AppRoleName = AppRole['role'];
export type AppRoleGrantInput = RoleGrantInput;

export type { AccessAnswer, ItemAccessRow, ProjectAccessRow, Reason } from './modules/explain/schema.js';
export type Explanation = Json<ExplanationOut>;
/** What an explanation is about: a work item, a project, a stored work log, a timesheet slice, or neither; the work date of a dated action. */
export type ExplainResource = Pick<ExplainQuery, 'item' | 'project' | 'date' | 'worklogId' | 'sliceId'>;
/** The actions an explanation can be asked for. */
export type ExplainAction = ExplainQuery['action'];

// ---- Administration: the audit log (EXPL-4) -----------------------------------------------------------------------

export type AuditRow = Json<AuditRowOut>;
export type AuditPage = Json<AuditPageOut>;
export type { AuditFacets, AuditFilters };

// ---- Administration: installation settings (PRICE-2, WL-6) ---------------------------------------------------------

export type InstallationSettings = Json<SettingsOut>;
/** The fields a change of the settings sends besides the version; each is optional. */
export type SettingsChange = Omit<SettingsUpdate, 'version'>;

// ---- Teams and price lists ---------------------------------------------------------------------------------------

export type TeamInput = TeamCreate;
export type TeamRoleInput = RoleCreate;
export type TeamPermission = RoleCreate['permissions'][number];
export type TeamSummary = Json<TeamOut>;
export type GlobalTeamSummary = Json<GlobalTeamOut>;
export type TeamList = Json<TeamListOut>;
export type Person = TeamSummary['members'][number];
export type ProjectTeams = Json<ProjectTeamsOut>;
export type TeamChecks = Json<TeamChecksOut>;
export type TeamDetail = Json<TeamDetailOut>;
export type TeamRole = Json<TeamRoleOut>;
export type TeamMember = Json<TeamMemberOut>;
export type MembershipPeriod = Json<HistoryOut>;

export type PriceList = Json<PriceListOut>;
export type PriceListSuccession = Json<SuccessorOut>;
export type PriceListInput = PriceListCreate;
export type PriceListChanges = Omit<PriceListUpdate, 'version'>;
export type SuccessorInput = Omit<SuccessorCreate, 'version'>;

// ---- Timesheet Approval and the inbox (FLOW-2, FLOW-7, FLOW-8, FLOW-10) --------------------------------------------

type ApprovalsSchema = typeof import('./modules/approvals/schema.js');
/** A slice in the approval queue (and the answer of every transition). */
export type ApprovalSlice = Json<z.infer<ApprovalsSchema['approvalSliceOut']>>;
export type ApprovalQueue = Json<z.infer<ApprovalsSchema['approvalQueue']>>;
/** The queue's filters: team, state (default `submitted`), period overlap, paging. */
export type ApprovalQueueQuery = z.input<ApprovalsSchema['approvalQueueQuery']>;
export type ApprovalState = NonNullable<ApprovalQueueQuery['state']>;
export type ApprovalAbilities = ApprovalSlice['abilities'];
/** A slice's days × items grid with the changes since its last approval, and its history. */
export type ApprovalDetail = Json<z.infer<ApprovalsSchema['approvalDetail']>>;
export type ApprovalRow = ApprovalDetail['rows'][number];
export type SliceTransition = Json<z.infer<ApprovalsSchema['transitionOut']>>;
/** Bodies: reject `{comment, version?}`; approve, grant/refuse recall and reopen `{comment?, version?}`. */
export type ApproveInput = z.infer<ApprovalsSchema['approveBody']>;
export type RejectInput = z.infer<ApprovalsSchema['rejectBody']>;
export type SliceDecisionInput = z.infer<ApprovalsSchema['decisionBody']>;
export type ApprovalBatchInput = z.infer<ApprovalsSchema['batchBody']>;
export type ApprovalBatchResult = z.infer<ApprovalsSchema['batchResult']>;
export type Inbox = Json<z.infer<ApprovalsSchema['inboxOut']>>;
export type InboxItem = Inbox['items'][number];

// ---- Cost: charging work logs under an invoice reference (FLOW-9, PRICE-7) ----------------------------------------

type ChargesSchema = typeof import('./modules/charges/schema.js');
/** Approved, uncharged work logs the caller may view, with totals (money only for money roles). */
export type ChargeCandidates = Json<z.infer<ChargesSchema['candidatesOut']>>;
export type ChargeCandidatesQuery = z.input<ChargesSchema['candidatesQuery']>;
export type ChargeWorklog = ChargeCandidates['items'][number];
export type ChargeTotals = ChargeCandidates['totals'];
/** What the charging filters offer: projects, teams and clients of the chargeable work logs. */
export type ChargeFilters = Json<z.infer<ChargesSchema['chargeFiltersOut']>>;
export type ChargeInput = z.input<ChargesSchema['chargeCreate']>;
export type Charge = Json<z.infer<ChargesSchema['chargeOut']>>;
export type ChargePage = Json<z.infer<ChargesSchema['chargePage']>>;
export type ChargeListState = NonNullable<z.input<ChargesSchema['chargeListQuery']>['state']>;
/** A charge with its visible work logs, the hidden ones' hours and its history (FLOW-7). */
export type ChargeDetail = Json<z.infer<ChargesSchema['chargeDetail']>>;

// ---- Reports: summaries, the detailed list and their exports (REP-1, REP-4, REP-5) -------------------------------

type ReportsSchema = typeof import('./modules/reports/schema.js');
export type ReportDimension = import('./modules/reports/dimensions.js').Dimension;
export {
  DIMENSIONS as REPORT_DIMENSIONS,
  NONE_LABELS as REPORT_NONE_LABELS,
  PERIOD_DIMENSIONS as REPORT_PERIODS,
} from './modules/reports/dimensions.js';
/** Hours (revenue for money roles) per group, subtotals depth first, and the total. */
export type ReportSummary = Json<z.infer<ReportsSchema['summaryOut']>>;
export type ReportSummaryRow = ReportSummary['rows'][number];
export type ReportWorklogPage = Json<z.infer<ReportsSchema['reportWorklogPage']>>;
export type ReportWorklog = ReportWorklogPage['items'][number];
export type ReportFilterChoices = Json<z.infer<ReportsSchema['filtersOut']>>;
type ReportLinksSchema = typeof import('./modules/reports/schema-links.js');
/** A shared report link (REP-6) as its creator's list shows it; `ReportLinkCreated` carries the token, once. */
export type ReportLink = Json<z.infer<ReportLinksSchema['linkOut']>>;
export type ReportLinkCreated = Json<z.infer<ReportLinksSchema['linkCreated']>>;
export type ReportLinkInput = z.input<ReportLinksSchema['linkCreate']>;
export type SharedReport = Json<z.infer<ReportLinksSchema['sharedReportOut']>>;
/** The pivot over the work-item tree (REP-3): items only in mode "all", totals only in mode "efforts". */
export type ReportPivot = Json<z.infer<typeof import('./modules/reports/schema-pivot.js').pivotOut>>;
/** Hours per person and day or week against capacity (ITEM-9: hidden items' hours counted, no item named). */
export type ReportWorkload = Json<import('./modules/reports/schema-analysis.js').WorkloadOut>;
/** Work items across projects with the hours reports count on them (ITEM-9: viewable items only). */
export type ReportItemAnalysis = Json<import('./modules/reports/schema-analysis.js').ItemAnalysisOut>;

// ---- Dashboard (APP-2, ITEM-9) -------------------------------------------------------------------------------------

export type Dashboard = Json<import('./modules/dashboard/schema.js').DashboardOut>;
export type ItemWatch = Json<import('./modules/dashboard/schema.js').WatchOut>;

// ---- Team periods: closing and reopening a team's months (FLOW-3, FLOW-7) -----------------------------------------

/** A team's twelve months of a year, with `abilities.manage` (close and reopen). */
export type TeamPeriods = Json<import('./modules/periods/schema.js').PeriodsOut>;
export type TeamPeriod = Json<import('./modules/periods/schema.js').PeriodOut>;
/** Closing or reopening: an optional comment and the version read. */
export type TeamPeriodChange = import('./modules/periods/schema.js').PeriodChange;
export type TeamPeriodHistory = Json<import('./modules/periods/schema.js').PeriodHistoryOut>;

// ---- Working calendars: working time, holiday regions, company days off (issue 16) --------------------------------

export type WorkCalendar = Json<import('./modules/calendars/schema.js').CalendarOut>;
export type ScheduleIn = import('./modules/calendars/schema.js').ScheduleIn;
export type DayOff = Json<import('./modules/calendars/schema.js').DayOffOut>;

// ---- Leave: requests, approvals, balances and types (FLOW-4, issue 16) --------------------------------------------

export type LeaveRequest = Json<import('./modules/leave/schema.js').LeaveOut>;
export type LeaveRequestIn = import('./modules/leave/schema.js').LeaveCreate;
export type LeaveDecisionIn = import('./modules/leave/schema.js').LeaveDecision;
export type MyLeave = Json<import('./modules/leave/schema.js').MyLeaveOut>;
export type LeaveQueuePage = Json<import('./modules/leave/schema.js').LeavePage>;
export type LeaveType = Json<import('./modules/leave/schema.js').LeaveTypeOut>;
export type LeaveTypeIn = import('./modules/leave/schema.js').LeaveTypeCreate;
export type LeaveTypeChange = import('./modules/leave/schema.js').LeaveTypeUpdate;
export type CalendarFeeds = Json<import('./modules/feeds/schema.js').FeedList>;
export type CalendarFeed = Json<import('./modules/feeds/schema.js').FeedOut>;
export type CalendarFeedCreated = Json<import('./modules/feeds/schema.js').FeedCreated>;
export type CalendarFeedIn = import('./modules/feeds/schema.js').FeedCreate;

// ---- Planning: the Schedule timeline, planned tasks and events (FLOW-5, issue 16) ---------------------------------

export type Timeline = Json<import('./modules/planning/schema.js').ScheduleOut>;
export type TimelineRow = Json<import('./modules/planning/schema.js').ScheduleRow>;
export type Plan = Json<import('./modules/planning/schema.js').PlanOut>;
export type PlanIn = import('zod').input<typeof import('./modules/planning/schema.js').planCreate>;
export type PlanChange = Omit<import('zod').input<typeof import('./modules/planning/schema.js').planUpdate>, 'version'>;

// ---- Cost: cost rates and the cost report (APP-5, REP-2) ----------------------------------------------------------

export type CostRate = Json<import('./modules/cost/schema.js').CostRateOut>;
export type CostRates = Json<import('./modules/cost/schema.js').CostRateList>;
export type CostRateIn = import('./modules/cost/schema.js').CostRateCreate;
export type CostReport = Json<import('./modules/cost/schema.js').CostReportOut>;
export type CostReportRow = Json<import('./modules/cost/schema.js').CostRow>;
export type CostGroup = import('./modules/cost/schema.js').CostReportQuery['groupBy'];
export type CostPeople = Json<import('./modules/cost/schema.js').CostPeople>;
