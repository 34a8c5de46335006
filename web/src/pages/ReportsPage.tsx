import { useCallback, useState } from 'react';
import type { ReportState } from '../api/reports.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ReportForm } from '../components/reports/ReportForm.js';
import { PivotView } from '../components/reports/PivotView.js';
import { DetailsView, SummaryView } from '../components/reports/ReportViews.js';
import { addressOf, stateOf } from '../components/reports/state.js';
import '../components/reports/reports.css';
import { navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useFieldErrors } from '../useFieldErrors.js';

const FIELDS = ['from', 'to', 'groupBy', 'projects', 'users', 'teams', 'priceLists', 'clients'];

/**
 * The Reports area (REP-1, REP-4): a summary grouped up to three ways with subtotals and charts, or the detailed list;
 * both download as CSV or Excel. The report lives in the address, so it can be bookmarked and shared with colleagues.
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
        <a href={addressOf({ ...state, view: 'summary' })} aria-current={state.view === 'summary' ? 'page' : undefined}>
          Summary
        </a>
        <a href={addressOf({ ...state, view: 'details' })} aria-current={state.view === 'details' ? 'page' : undefined}>
          Work logs
        </a>
        <a href={addressOf({ ...state, view: 'pivot' })} aria-current={state.view === 'pivot' ? 'page' : undefined}>
          Pivot
        </a>
      </nav>
      <ErrorMessage error={errors.rest} />
      {state.view === 'summary' && <SummaryView state={state} onError={show} />}
      {state.view === 'details' && <DetailsView state={state} onError={show} />}
      {state.view === 'pivot' && <PivotView state={state} onError={show} />}
    </section>
  );
}
