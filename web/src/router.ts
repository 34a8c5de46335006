import { useSyncExternalStore } from 'react';

/**
 * Hash routing (`#/projects/ACME`): the server only has to serve index.html at `/`,
 * and a reload never asks the server for a UI path.
 */
export type Route =
  | { name: 'projects' }
  | { name: 'project'; key: string; tab: ProjectTab }
  | { name: 'item'; key: string }
  | { name: 'myWorklogs' }
  | { name: 'timesheet' }
  | { name: 'approvals' }
  | { name: 'inbox' }
  | { name: 'invoices' }
  | { name: 'cost' }
  | { name: 'reports' }
  | { name: 'dashboard' }
  | { name: 'clients' }
  | { name: 'schedule' }
  | { name: 'leave' }
  | { name: 'leaveApproval' }
  | { name: 'sharedReport'; token: string }
  | { name: 'teams' }
  | { name: 'team'; id: number }
  | { name: 'admin'; tab: AdminTab }
  | { name: 'account' }
  | { name: 'setPassword'; token: string }
  | { name: 'notFound' };

/** The tabs of the Administration area, each with its own address so a reload keeps the tab. */
export const ADMIN_TABS = [
  'users',
  'groups',
  'denies',
  'roles',
  'check',
  'access',
  'audit',
  'settings',
  'days-off',
  'leave-types',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

const isAdminTab = (value: string): value is AdminTab => (ADMIN_TABS as readonly string[]).includes(value);

/** The tabs of a project page, each with its own address; the work items are the project's own. */
export const PROJECT_TABS = ['items', 'teams', 'permissions', 'settings', 'trash'] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];

const isProjectTab = (value: string): value is ProjectTab => (PROJECT_TABS as readonly string[]).includes(value);

export function parseRoute(hash: string): Route {
  const parts = hashPath(hash).split('/').filter(Boolean).map(safeDecode);
  if (parts.includes(null)) return { name: 'notFound' };
  const [first, second, third, ...rest] = parts as string[];
  if (rest.length > 0) return { name: 'notFound' };
  if (first === 'projects' && second !== undefined) {
    if (third === undefined) return { name: 'project', key: second, tab: 'items' };
    if (third !== 'items' && isProjectTab(third)) return { name: 'project', key: second, tab: third };
    return { name: 'notFound' };
  }
  if (third !== undefined) return { name: 'notFound' };
  if (first === undefined || first === 'projects') return { name: 'projects' };
  if (first === 'items' && second !== undefined) return { name: 'item', key: second };
  if (first === 'teams' && second === undefined) return { name: 'teams' };
  if (first === 'teams' && /^[1-9]\d{0,9}$/.test(second)) return { name: 'team', id: Number(second) };
  if (first === 'my-worklogs' && second === undefined) return { name: 'myWorklogs' };
  if (first === 'timesheet' && second === undefined) return { name: 'timesheet' };
  if (first === 'approvals' && second === undefined) return { name: 'approvals' };
  if (first === 'inbox' && second === undefined) return { name: 'inbox' };
  if (first === 'invoices' && second === undefined) return { name: 'invoices' };
  if (first === 'cost' && second === undefined) return { name: 'cost' };
  if (first === 'reports' && second === undefined) return { name: 'reports' };
  if (first === 'dashboard' && second === undefined) return { name: 'dashboard' };
  if (first === 'clients' && second === undefined) return { name: 'clients' };
  if (first === 'schedule' && second === undefined) return { name: 'schedule' };
  if (first === 'leave' && second === undefined) return { name: 'leave' };
  if (first === 'leave-approval' && second === undefined) return { name: 'leaveApproval' };
  if (first === 'shared' && second !== undefined) return { name: 'sharedReport', token: second };
  if (first === 'account' && second === undefined) return { name: 'account' };
  if (first === 'set-password' && second !== undefined) return { name: 'setPassword', token: second };
  if (first === 'admin' && second === undefined) return { name: 'admin', tab: 'users' };
  if (first === 'admin' && isAdminTab(second)) return { name: 'admin', tab: second };
  return { name: 'notFound' };
}

/** The address without its `?query`: a screen's state (e.g. a list's filters) may follow its path. */
function hashPath(hash: string): string {
  return hash.replace(/^#\/?/, '').split('?')[0];
}

/** The `?query` after a screen's path (`#/admin/audit?action=item.update`), so a reload or a shared link keeps it. */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** An address with a query: the empty values left out. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const href = {
  projects: () => '#/projects',
  project: (key: string, tab: ProjectTab = 'items') =>
    `#/projects/${encodeURIComponent(key)}${tab === 'items' ? '' : `/${tab}`}`,
  item: (key: string) => `#/items/${encodeURIComponent(key)}`,
  myWorklogs: () => '#/my-worklogs',
  /** The timesheet grid; its state (date, view, user) follows in the query (`hashQuery`). */
  timesheet: (query: Record<string, string | undefined> = {}) => withQuery('#/timesheet', query),
  approvals: (query: Record<string, string | undefined> = {}) => withQuery('#/approvals', query),
  inbox: () => '#/inbox',
  invoices: (query: Record<string, string | undefined> = {}) => withQuery('#/invoices', query),
  /** The cost report and cost rates (REP-2, APP-5); the range, grouping and tab follow in the query (cost/state.ts). */
  cost: () => '#/cost',
  /** The Reports area; a report's state follows in the query (components/reports/state.ts). */
  reports: () => '#/reports',
  dashboard: () => '#/dashboard',
  clients: () => '#/clients',
  /** The Schedule timeline (FLOW-5); the first day and the zoom follow in the query (`?from=2030-06-03&zoom=weeks`). */
  schedule: (query: Record<string, string | undefined> = {}) => withQuery('#/schedule', query),
  /** My leave (FLOW-4); the year shown follows in the query (`?year=2030`). */
  leave: (query: Record<string, string | undefined> = {}) => withQuery('#/leave', query),
  /** The Leave Approval area (FLOW-4); the list shown (`?state=approved`) follows in the query. */
  leaveApproval: (query: Record<string, string | undefined> = {}) => withQuery('#/leave-approval', query),
  teams: () => '#/teams',
  team: (id: number) => `#/teams/${id}`,
  admin: (tab?: AdminTab) => (tab ? `#/admin/${tab}` : '#/admin'),
  account: () => '#/account',
  setPassword: (token: string) => `#/set-password/${encodeURIComponent(token)}`,
};

/** Goes to an address of `href`. */
export function navigate(to: string): void {
  window.location.hash = to;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
