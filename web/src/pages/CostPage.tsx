import { useCallback, useState } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { CostRates } from '../components/cost/CostRates.js';
import { CostReportForm } from '../components/cost/CostReportForm.js';
import { CostReportView } from '../components/cost/CostReportView.js';
import { costAddressOf, costStateOf, type CostState, type CostTab } from '../components/cost/state.js';
import '../components/reports/reports.css';
import '../components/cost/cost.css';
import { TabList } from '../components/TabList.js';
import { navigate, useHash } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useFieldErrors } from '../useFieldErrors.js';

const FIELDS = ['from', 'to', 'groupBy'];

const TABS: { id: CostTab; label: string }[] = [
  { id: 'report', label: 'Report' },
  { id: 'rates', label: 'Cost rates' },
];

/**
 * The Cost area's cost report and cost rates (REP-2, APP-5): scheduled cost (planned hours × cost rate), actual cost
 * (logged hours × cost rate) and revenue by person, team, project or month, with the rates they are costed at. The
 * range, grouping and tab live in the address, so the report can be bookmarked.
 */
export function CostPage() {
  const state = costStateOf(useHash());
  useDocumentTitle(state.tab === 'rates' ? 'Cost rates' : 'Cost report');
  const [error, setError] = useState<unknown>(null);
  const errors = useFieldErrors(error, FIELDS);
  const go = (next: CostState) => {
    setError(null);
    navigate(costAddressOf(next));
  };
  const show = useCallback((e: unknown) => setError(e ?? null), []);
  return (
    <section className="reports cost">
      <h1>Cost report</h1>
      <TabList label="Cost" idPrefix="cost-" tabs={TABS} active={state.tab} onSelect={(tab) => go({ ...state, tab })} />
      <div
        role="tabpanel"
        id={`cost-panel-${state.tab}`}
        aria-labelledby={`cost-tab-${state.tab}`}
        className="tab-panel"
      >
        {state.tab === 'report' ? (
          <>
            <CostReportForm key={costAddressOf(state)} initial={state} onApply={go} errors={errors} />
            <ErrorMessage error={errors.rest} />
            <CostReportView range={state} onError={show} />
          </>
        ) : (
          <CostRates />
        )}
      </div>
    </section>
  );
}
