import type { ReportDimension } from '../../../../src/contracts.js';
import { REPORT_DIMENSIONS } from '../../../../src/contracts.js';
import { REPORT_VIEWS, type ReportState, type ReportView } from '../../api/reports.js';
import { hashQuery, withQuery } from '../../router.js';

/** A report's state in its address (`#/reports?from=…&groupBy=project,user`), so a report can be bookmarked. */

const FILTERS = ['projects', 'users', 'teams', 'priceLists', 'clients', 'itemKeys'] as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** This month so far: the default range. */
export function thisMonth(today = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0));
  return { from: iso(first), to: iso(last) };
}

/** Named ranges the form offers beside the two dates. */
export function presets(today = new Date()): Array<{ label: string; from: string; to: string }> {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const month = (offset: number) => ({
    from: iso(new Date(Date.UTC(y, m + offset, 1))),
    to: iso(new Date(Date.UTC(y, m + offset + 1, 0))),
  });
  return [
    { label: 'This month', ...month(0) },
    { label: 'Last month', ...month(-1) },
    { label: 'This year', from: `${y}-01-01`, to: `${y}-12-31` },
    { label: 'Last year', from: `${y - 1}-01-01`, to: `${y - 1}-12-31` },
  ];
}

const isDimension = (value: string): value is ReportDimension =>
  (REPORT_DIMENSIONS as readonly string[]).includes(value);

export function stateOf(hash: string): ReportState {
  const q = hashQuery(hash);
  const range = thisMonth();
  const groupBy = (q.get('groupBy') ?? 'project').split(',').filter(isDimension);
  return {
    from: q.get('from') ?? range.from,
    to: q.get('to') ?? range.to,
    groupBy: groupBy.length ? groupBy : ['project'],
    projects: q.get('projects') ?? '',
    users: q.get('users') ?? '',
    teams: q.get('teams') ?? '',
    priceLists: q.get('priceLists') ?? '',
    clients: q.get('clients') ?? '',
    itemKeys: q.get('itemKeys') ?? '',
    view: (REPORT_VIEWS as readonly string[]).includes(q.get('view') ?? '') ? (q.get('view') as ReportView) : 'summary',
    period: q.get('period') === 'week' ? 'week' : 'day',
    q: q.get('q') ?? '',
    pivotProject: q.get('pivotProject') ?? '',
    root: q.get('root') ?? '',
    mode: q.get('mode') === 'efforts' ? 'efforts' : 'all',
  };
}

export function addressOf(state: ReportState): string {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, state[f]]));
  return withQuery('#/reports', {
    from: state.from,
    to: state.to,
    groupBy: state.groupBy.join(','),
    ...filters,
    view: state.view === 'summary' ? undefined : state.view,
    ...(state.view === 'pivot'
      ? { pivotProject: state.pivotProject, root: state.root, mode: state.mode === 'efforts' ? 'efforts' : undefined }
      : {}),
    ...(state.view === 'workload' ? { period: state.period === 'week' ? 'week' : undefined } : {}),
    ...(state.view === 'items' ? { q: state.q || undefined } : {}),
  });
}

/** The unit of the chart over time: days for a month, weeks up to half a year, months beyond. */
export function periodFor(state: Pick<ReportState, 'from' | 'to'>): 'day' | 'week' | 'month' {
  const days = (Date.parse(state.to) - Date.parse(state.from)) / 86_400_000;
  return days <= 31 ? 'day' : days <= 184 ? 'week' : 'month';
}
