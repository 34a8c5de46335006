import { useEffect, useState } from 'react';
import { listCandidates, NO_FILTERS, type CandidateFilters } from '../../api/charges.js';
import { formatDuration } from '../../duration.js';
import { formatValues, sumByCurrency } from '../../money.js';
import { useDocumentTitle } from '../../useDocumentTitle.js';
import { useFieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { ChargeFiltersForm } from './ChargeFiltersForm.js';
import { ChargeWorklogTable } from './ChargeWorklogTable.js';
import { InvoiceForm } from './InvoiceForm.js';
import { invoicesHref } from './view.js';

const FILTER_FIELDS = ['projectId', 'teamId', 'clientId', 'from', 'to'];

/** "Charge work logs": filters → approved, uncharged work logs to pick → the invoice reference → charge (FLOW-9). */
export function ChargeFlow() {
  useDocumentTitle('Charge work logs');
  const [filters, setFilters] = useState<CandidateFilters>(NO_FILTERS);
  const candidates = useResource(() => listCandidates(filters), [filters]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const errors = useFieldErrors(candidates.error, FILTER_FIELDS);
  const items = candidates.data?.items ?? [];

  // A new list starts with nothing picked: what was picked may no longer be listed.
  useEffect(() => setSelected(new Set()), [candidates.data]);

  const picked = items.filter((w) => selected.has(w.id));
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const allPicked = items.length > 0 && picked.length === items.length;
  const totals = candidates.data?.totals;
  const seesMoney = totals?.values !== undefined;

  return (
    <section aria-labelledby="charge-title">
      <p>
        <a href={invoicesHref.list()}>← All invoices</a>
      </p>
      <h1 id="charge-title">Charge work logs</h1>
      <p className="muted">Approved work logs that are not charged yet, on work items you may view.</p>
      <ChargeFiltersForm initial={filters} onApply={setFilters} errors={errors} />
      <ErrorMessage error={errors.rest} />
      {candidates.loading && !candidates.data && <p className="muted">Loading…</p>}
      {candidates.data && (
        <>
          <p className="total" aria-live="polite">
            {totals!.count === 0
              ? 'No approved, uncharged work logs match.'
              : `${totals!.count} work ${totals!.count === 1 ? 'log' : 'logs'}, ${formatDuration(totals!.seconds)}`}
            {totals!.count > 0 && seesMoney && `, worth ${formatValues(totals!.values!)}`}
          </p>
          {candidates.data.truncated && (
            <p className="notice">Only the first {items.length} are listed; narrow the filters to see the others.</p>
          )}
          {items.length > 0 && (
            <>
              <label className="select-all">
                <input
                  type="checkbox"
                  checked={allPicked}
                  onChange={(e) => setSelected(new Set(e.target.checked ? items.map((w) => w.id) : []))}
                />{' '}
                Select all listed work logs
              </label>
              <ChargeWorklogTable
                worklogs={items}
                caption="Work logs to charge"
                selection={{ selected, onToggle: toggle }}
              />
              <p className="total selected-total" aria-live="polite">
                Selected: {picked.length} work {picked.length === 1 ? 'log' : 'logs'},{' '}
                {formatDuration(picked.reduce((n, w) => n + w.seconds, 0))}
                {seesMoney && picked.length > 0 && `, worth ${formatValues(sumByCurrency(picked))}`}
              </p>
              <InvoiceForm
                worklogIds={picked.map((w) => w.id)}
                values={seesMoney ? sumByCurrency(picked) : undefined}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
