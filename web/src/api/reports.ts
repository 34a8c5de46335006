import type {
  ReportDimension,
  ReportFilterChoices,
  ReportItemAnalysis,
  ReportLink,
  ReportLinkCreated,
  ReportLinkInput,
  ReportPivot,
  ReportSummary,
  ReportWorklogPage,
  ReportWorkload,
  SharedReport,
} from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** The Reports area (REP-1, REP-4): summaries, the detailed list, filter choices and the export addresses. */

export const REPORT_VIEWS = ['summary', 'details', 'pivot', 'workload', 'items'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

/** A report as the screen and its address hold it: ids as comma lists, empty for "any". */
export interface ReportState {
  from: string;
  to: string;
  groupBy: ReportDimension[];
  projects: string;
  users: string;
  teams: string;
  priceLists: string;
  clients: string;
  /** Work item keys, comma separated. */
  itemKeys: string;
  view: ReportView;
  /** The workload's columns: days or weeks. */
  period: 'day' | 'week';
  /** The item analysis's search text. */
  q: string;
  /** The pivot's project (key) and, within it, its root item (key; empty: the project's whole tree) and mode. */
  pivotProject: string;
  root: string;
  mode: 'all' | 'efforts';
}

/** The query every report request takes: the range and the filters that are set. */
export function filterParams(state: ReportState) {
  const { from, to, projects, users, teams, priceLists, clients, itemKeys } = state;
  return { from, to, projects, users, teams, priceLists, clients, itemKeys };
}

export const getSummary = (state: ReportState, groupBy: readonly ReportDimension[] = state.groupBy) =>
  request<ReportSummary>('GET', `/reports/summary${query({ ...filterParams(state), groupBy: groupBy.join(',') })}`);

export const getReportWorklogs = (state: ReportState, cursor: string | null) =>
  request<ReportWorklogPage>('GET', `/reports/worklogs${query({ ...filterParams(state), limit: 100, cursor })}`);

export const getReportFilters = (from: string, to: string) =>
  request<ReportFilterChoices>('GET', `/reports/filters${query({ from, to })}`);

/** The workload (ITEM-9): per person, no item — so it takes no item or price-list filter. */
export const getWorkload = (state: ReportState) => {
  const { from, to, projects, users, teams, period } = state;
  return request<ReportWorkload>('GET', `/reports/workload${query({ from, to, projects, users, teams, period })}`);
};

/** Work items across projects with their hours (ITEM-9: viewable ones only), a page at a time. */
export const getItemAnalysis = (state: ReportState, offset: number) =>
  request<ReportItemAnalysis>(
    'GET',
    `/reports/items${query({ ...filterParams(state), q: state.q, limit: 50, offset })}`,
  );

/** Where a file downloads from: the browser fetches it as it is written (REP-4), so the download starts at once. */
export function exportHref(kind: 'summary' | 'worklogs', state: ReportState, format: 'csv' | 'xlsx'): string {
  const groupBy = kind === 'summary' ? state.groupBy.join(',') : undefined;
  return `/api/reports/${kind}/export${query({ ...filterParams(state), groupBy, format })}`;
}

/** Shared report links (REP-6). */
export const createReportLink = (input: ReportLinkInput) =>
  request<ReportLinkCreated>('POST', '/reports/links', { body: input });
export const listReportLinks = () => request<{ items: ReportLink[] }>('GET', '/reports/links');
export const revokeReportLink = (id: number) => request<ReportLink>('POST', `/reports/links/${id}/revoke`);
export const openSharedReport = (token: string) =>
  request<SharedReport>('GET', `/shared/reports/${encodeURIComponent(token)}`, { expectUnauthorized: true });

/** The address a shared link opens: the app's own page for it, signed out. */
export const sharedReportUrl = (token: string) =>
  `${window.location.origin}${window.location.pathname}#/shared/${encodeURIComponent(token)}`;

/** The report a link shares: the page's range, groupings and filters, as the summary takes them. */
export function linkReport(state: ReportState): ReportLinkInput['report'] {
  const { from, to, projects, users, teams, priceLists, clients, itemKeys } = state;
  const set = (v: string) => v || undefined;
  return {
    from,
    to,
    groupBy: state.groupBy.join(','),
    projects: set(projects),
    users: set(users),
    teams: set(teams),
    priceLists: set(priceLists),
    clients: set(clients),
    itemKeys: set(itemKeys),
  };
}

/** The pivot over the work-item tree (REP-3): a project's tree or an item's subtree, in mode "all" or "efforts". */
const pivotParams = (state: ReportState) => ({
  from: state.from,
  to: state.to,
  root: state.root || undefined,
  project: state.root ? undefined : state.pivotProject,
  mode: state.mode,
});
export const getPivot = (state: ReportState) =>
  request<ReportPivot>('GET', `/reports/pivot${query(pivotParams(state))}`);
/** Where the pivot downloads from (REP-4). */
export const pivotExportHref = (state: ReportState, format: 'csv' | 'xlsx') =>
  `/api/reports/pivot/export${query({ ...pivotParams(state), format })}`;
