import type {
  AppRoleGrantInput,
  AppRoleList,
  Comment,
  DenyAdd,
  DenyList,
  DenyPreviewBody,
  ExplainAction,
  ExplainResource,
  Explanation,
  GlobalTeamSummary,
  Group,
  GroupDeletionPreview,
  Item,
  ItemAccessRow,
  ItemCreate,
  ItemSecurity,
  ItemSummary,
  Me,
  MembershipPeriod,
  Page,
  Person,
  Preview,
  PriceList,
  PriceListChanges,
  PriceListInput,
  PriceListSuccession,
  Project,
  ProjectAccessRow,
  ProjectGrant,
  ProjectSubjects,
  ProjectTeams,
  RoleMember,
  RolePreviewBody,
  SecurityInput,
  SignedIn,
  SuccessorInput,
  TeamChecks,
  TeamDetail,
  TeamInput,
  TeamList,
  TeamRole,
  TeamRoleInput,
  TimeSummary,
  UserRecord,
  Worklog,
  WorklogInput,
  WorklogPreview,
  WorklogRange,
} from '../../src/contracts.js';

/** An API failure carrying the problem+json fields; `detail` is what the user should read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    /** The whole problem document, for a problem's own fields (e.g. the teams of a `team_changed` warning). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;
let onSessionLost: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request that needs a session gets 401, e.g. the session expired in another tab. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

interface RequestOptions {
  body?: unknown;
  /** Sign-in and the session probe expect 401 as an answer, not as a lost session. */
  expectUnauthorized?: boolean;
}

/** One API call; the areas' clients in `web/src/api/` build on it. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const problem = (payload ?? {}) as { code?: string; detail?: string; title?: string; field?: string };
  const error = new ApiError(
    response.status,
    problem.code ?? `http_${response.status}`,
    problem.detail ?? problem.title ?? `The request failed (HTTP ${response.status}).`,
    problem.field,
    problem as Record<string, unknown>,
  );
  if (response.status === 401 && !options.expectUnauthorized) onSessionLost();
  throw error;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const seg = encodeURIComponent;

export const api = {
  signIn: (login: string, password: string) =>
    request<SignedIn>('POST', '/session', {
      body: { login, password },
      expectUnauthorized: true,
    }),
  signOut: () => request<void>('DELETE', '/session'),
  me: () => request<Me>('GET', '/me', { expectUnauthorized: true }),

  listProjects: (cursor?: string | null) => request<Page<Project>>('GET', `/projects${query({ limit: 50, cursor })}`),
  getProject: (key: string) => request<Project>('GET', `/projects/${seg(key)}`),
  listItems: (projectKey: string, parentKey: string | null, cursor?: string | null) =>
    request<Page<ItemSummary>>(
      'GET',
      `/projects/${seg(projectKey)}/items${query({ parent: parentKey, limit: 50, cursor })}`,
    ),
  createItem: (projectKey: string, input: ItemCreate) =>
    request<Item>('POST', `/projects/${seg(projectKey)}/items`, { body: input }),

  getItem: (key: string) => request<Item>('GET', `/items/${seg(key)}`),
  listComments: (key: string, cursor?: string | null) =>
    request<Page<Comment>>('GET', `/items/${seg(key)}/comments${query({ cursor })}`),
  addComment: (key: string, body: string) =>
    request<Comment>('POST', `/items/${seg(key)}/comments`, { body: { body } }),
  listItemWorklogs: (key: string, cursor?: string | null) =>
    request<Page<Worklog>>('GET', `/items/${seg(key)}/worklogs${query({ limit: 50, cursor })}`),

  createWorklog: (itemKey: string, input: WorklogInput) =>
    request<Worklog>('POST', '/worklogs', { body: { itemKey, ...input } }),
  /** `confirmTeamChange` answers a `team_changed` warning: move the work log to the author's current team (PRICE-5). */
  updateWorklog: (worklog: Worklog, input: WorklogInput, confirmTeamChange = false) =>
    request<Worklog>('PATCH', `/worklogs/${worklog.id}`, {
      body: { version: worklog.version, ...input, ...(confirmTeamChange ? { confirmTeamChange } : {}) },
    }),
  previewWorklog: (itemKey: string, startDate: string) =>
    request<WorklogPreview>('GET', `/items/${seg(itemKey)}/worklog-preview${query({ startDate })}`),
  deleteWorklog: (worklog: Worklog) =>
    request<void>('DELETE', `/worklogs/${worklog.id}${query({ version: worklog.version })}`),
  listMyWorklogs: (from: string, to: string, cursor?: string | null) =>
    request<WorklogRange>('GET', `/me/worklogs${query({ from, to, limit: 100, cursor })}`),

  getTimeSummary: (key: string) => request<TimeSummary>('GET', `/items/${seg(key)}/time-summary`),

  getItemSecurity: (key: string) => request<ItemSecurity>('GET', `/items/${seg(key)}/security`),
  setItemSecurity: (key: string, input: SecurityInput) =>
    request<ItemSecurity>('PUT', `/items/${seg(key)}/security`, { body: input }),
  previewItemSecurity: (key: string, input: SecurityInput) =>
    request<Preview>('POST', `/items/${seg(key)}/security/preview`, { body: input }),
  clearItemSecurity: (key: string, children: boolean) =>
    request<ItemSecurity>('DELETE', `/items/${seg(key)}/security${query({ children: children ? 'true' : undefined })}`),

  searchUsers: (q: string) => request<Page<UserRecord>>('GET', `/users${query({ q, limit: 20 })}`),
  listGroups: () => request<{ items: Group[] }>('GET', '/groups'),
  createGroup: (name: string) => request<Group>('POST', '/groups', { body: { name } }),
  previewGroupDeletion: (id: number) => request<GroupDeletionPreview>('GET', `/groups/${id}/deletion-preview`),
  /** ID-6: the version the preview showed, and the confirmation the preview asked for. */
  deleteGroup: (group: { id: number; version: number }, confirm: boolean) =>
    request<void>(
      'DELETE',
      `/groups/${group.id}${query({ version: group.version, confirm: confirm ? 'true' : undefined })}`,
    ),
  listProjectGrants: (key: string) => request<{ items: ProjectGrant[] }>('GET', `/projects/${seg(key)}/permissions`),
  listRoleMembers: (key: string) => request<{ items: RoleMember[] }>('GET', `/projects/${seg(key)}/role-members`),
  projectSubjects: (key: string, q = '') =>
    request<ProjectSubjects>('GET', `/projects/${seg(key)}/subjects${query({ q })}`),

  listDenies: () => request<DenyList>('GET', '/deny-permissions'),
  addDeny: (deny: DenyAdd) => request<DenyList>('POST', '/deny-permissions', { body: deny }),
  removeDeny: (id: number) => request<void>('DELETE', `/deny-permissions/${id}`),
  previewDeny: (change: DenyPreviewBody) => request<Preview>('POST', '/deny-permissions/preview', { body: change }),

  listAppRoles: () => request<AppRoleList>('GET', '/app-roles'),
  grantAppRole: (grant: AppRoleGrantInput) => request<AppRoleList>('POST', '/app-roles', { body: grant }),
  revokeAppRole: (id: number) => request<void>('DELETE', `/app-roles/${id}`),
  previewAppRole: (change: RolePreviewBody) => request<Preview>('POST', '/app-roles/preview', { body: change }),

  listTeams: (scope: 'global' | 'project', cursor?: string | null) =>
    request<TeamList>('GET', `/teams${query({ scope, limit: 50, cursor })}`),
  projectTeams: (key: string) => request<ProjectTeams>('GET', `/projects/${seg(key)}/teams`),
  createTeam: (input: TeamInput) => request<TeamDetail>('POST', '/teams', { body: input }),
  getTeam: (id: number) => request<TeamDetail>('GET', `/teams/${id}`),
  updateTeam: (team: TeamDetail, input: { name: string; description: string }) =>
    request<TeamDetail>('PATCH', `/teams/${team.id}`, { body: { version: team.version, ...input } }),
  deleteTeam: (team: { id: number; version: number }) =>
    request<void>('DELETE', `/teams/${team.id}${query({ version: team.version })}`),
  teamHistory: (id: number, cursor?: string | null) =>
    request<Page<MembershipPeriod>>('GET', `/teams/${id}/history${query({ limit: 50, cursor })}`),
  /** Users who may join a team (TEAM-5): of a project team through its project; without teamId, a new team. */
  teamCandidates: (where: { projectKey: string | null; teamId?: number }, q = '') =>
    request<Page<Person>>(
      'GET',
      `${where.projectKey === null ? '/teams' : `/projects/${seg(where.projectKey)}/teams`}/available-users${query({ teamId: where.teamId, q, limit: 100 })}`,
    ),
  addTeamMembers: (teamId: number, userIds: number[], roleIds?: number[]) =>
    request<TeamDetail>('POST', `/teams/${teamId}/members`, { body: { userIds, ...(roleIds ? { roleIds } : {}) } }),
  setMemberRoles: (teamId: number, userId: number, roleIds: number[]) =>
    request<TeamDetail>('PUT', `/teams/${teamId}/members/${userId}`, { body: { roleIds } }),
  removeTeamMember: (teamId: number, userId: number) => request<void>('DELETE', `/teams/${teamId}/members/${userId}`),
  createTeamRole: (teamId: number, input: TeamRoleInput) =>
    request<TeamRole>('POST', `/teams/${teamId}/roles`, { body: input }),
  updateTeamRole: (teamId: number, role: TeamRole, input: TeamRoleInput) =>
    request<TeamRole>('PATCH', `/teams/${teamId}/roles/${role.id}`, { body: { version: role.version, ...input } }),
  deleteTeamRole: (teamId: number, roleId: number) => request<void>('DELETE', `/teams/${teamId}/roles/${roleId}`),
  setTeamAssignment: (projectKey: string, teamId: number, assigned: boolean) =>
    request<GlobalTeamSummary>('PUT', `/projects/${seg(projectKey)}/teams/${teamId}/assignment`, {
      body: { assigned },
    }),
  setProjectTeamChecks: (projectKey: string, checks: TeamChecks, teamChecks: TeamChecks['project']) =>
    request<TeamChecks>('PATCH', `/projects/${seg(projectKey)}/team-checks`, {
      body: { teamChecks, version: checks.version },
    }),

  listPriceLists: (teamId: number) => request<{ items: PriceList[] }>('GET', `/teams/${teamId}/price-lists`),
  createPriceList: (teamId: number, input: PriceListInput) =>
    request<PriceList>('POST', `/teams/${teamId}/price-lists`, { body: input }),
  updatePriceList: (list: PriceList, input: PriceListChanges) =>
    request<PriceList>('PATCH', `/price-lists/${list.id}`, { body: { version: list.version, ...input } }),
  deletePriceList: (list: PriceList) =>
    request<void>('DELETE', `/price-lists/${list.id}${query({ version: list.version })}`),
  /** PRICE-8: a new rate from a date ends this price list the day before. */
  startPriceListSuccessor: (list: PriceList, input: SuccessorInput) =>
    request<PriceListSuccession>('POST', `/price-lists/${list.id}/successor`, {
      body: { version: list.version, ...input },
    }),

  explain: (action: ExplainAction, resource: ExplainResource) =>
    request<Explanation>('GET', `/explain${query({ action, ...resource })}`),
  checkAccess: (userId: number, action: ExplainAction, resource: ExplainResource) =>
    request<Explanation>('GET', `/admin/check-access${query({ userId, action, ...resource })}`),
  itemAccess: (key: string, cursor?: string | null) =>
    request<Page<ItemAccessRow>>('GET', `/items/${seg(key)}/access${query({ limit: 50, cursor })}`),
  projectAccess: (key: string, cursor?: string | null, limit = 50) =>
    request<Page<ProjectAccessRow>>('GET', `/projects/${seg(key)}/access${query({ limit, cursor })}`),
};

/** Text to show for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'Something went wrong. Please try again.';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
