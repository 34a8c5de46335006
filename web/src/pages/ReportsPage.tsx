import { useCallback, useState } from 'react';
import type { ReportState, ReportView } from '../api/reports.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ReportForm } from '../components/reports/ReportForm.js';
import { ItemAnalysisView, WorkloadView } from '../components/reports/AnalysisViews.js';
import { PivotView } from '../components/reports/PivotView.js';
import { DetailsView, SummaryView } from '../components/reports/ReportViews.js';
import { addressOf, stateOf } from '../components/reports/state.js';
import '../components/reports/reports.css';
import { navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useFieldErrors } from '../useFieldErrors.js';

const FIELDS = [
  'from',
  'to',
  'groupBy',
  'projects',
  'users',
  'teams',
  'priceLists',
  'clients',
  'itemKeys',
  'q',
  'period',
];

const VIEWS: Array<[ReportView, string]> = [
  ['summary', 'Summary'],
  ['details', 'Work logs'],
  ['pivot', 'Pivot'],
  ['workload', 'Workload'],
  ['items', 'Items across projects'],
];

/**
 * The Reports area (REP-1, REP-4, ITEM-9): a summary grouped up to three ways with subtotals and charts, the detailed
 * list, the pivot over the item tree, the workload per person and the work items across projects; summaries, lists and
 * pivots download as CSV or Excel. The report lives in the address, so it can be bookmarked and shared with colleagues.
 */
export function ReportsPage() {
  const hash = useHash();
  const state = stateOf(hash);
  useDocumentTitle('Reports');
  const [error, setError] = useState<unknown>(null);
  const errors = useFieldErrors(error, FIELDS);
  const go = (next: ReportState) => {
    setError(null);
    navigate(addressOf(next));
  };
  const show = useCallback((e: unknown) => setError(e ?? null), []);
  return (
    <section className="reports">
      <h1>Reports</h1>
      <ReportForm key={addressOf(state)} initial={state} onApply={go} errors={errors} />
      <nav className="view-switch" aria-label="Report view">
        {VIEWS.map(([view, label]) => (
          <a key={view} href={addressOf({ ...state, view })} aria-current={state.view === view ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <ErrorMessage error={errors.rest} />
      {state.view === 'summary' && <SummaryView state={state} onError={show} />}
      {state.view === 'details' && <DetailsView state={state} onError={show} />}
      {state.view === 'pivot' && <PivotView state={state} onError={show} />}
      {state.view === 'workload' && <WorkloadView state={state} onError={show} />}
      {state.view === 'items' && <ItemAnalysisView state={state} onError={show} />}
    </section>
  );
}
