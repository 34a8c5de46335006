import { lazy, Suspense, useEffect } from 'react';
import type { CostReportRow } from '../../../../src/contracts.js';
import { costApi, costExportHref, type CostRange } from '../../api/cost.js';
import { formatValues } from '../../money.js';
import { useResource } from '../../useResource.js';
import { Table } from '../Table.js';
import { chartCurrency, currenciesOf, formatHours } from './labels.js';
import { GROUP_LABELS } from './state.js';

const CostChart = lazy(() => import('./CostChart.js'));

interface Props {
  range: CostRange;
  /** Reports a failure to the page, which shows a refused field next to it in the form (API-5). */
  onError: (error: unknown) => void;
}

/** The cost report (REP-2): its downloads, its table with the total last, and scheduled against actual cost drawn. */
export function CostReportView({ range, onError }: Props) {
  const { from, to, groupBy } = range;
  const report = useResource(() => costApi.report({ from, to, groupBy }), [from, to, groupBy]);
  useEffect(() => onError(report.error), [report.error, onError]);
  if (report.error) return null;
  if (!report.data) return <p className="muted">Loading…</p>;
  const data = report.data;
  const currency = chartCurrency(data);
  const others = currenciesOf(data).filter((c) => c !== currency);
  return (
    <>
      <div className="button-row report-downloads">
        <a className="button secondary" href={costExportHref(range, 'csv')} download>
          Download CSV
        </a>
        <a className="button secondary" href={costExportHref(range, 'xlsx')} download>
          Download Excel
        </a>
      </div>
      {data.rows.length === 0 ? (
        <p className="muted">No planned or logged hours in these dates.</p>
      ) : (
        <>
          <div className="table-scroll">
            <Table
              caption={`Cost by ${GROUP_LABELS[data.groupBy].toLowerCase()}`}
              className="report-table cost-table"
              columns={[
                GROUP_LABELS[data.groupBy],
                { label: 'Planned hours', className: 'numeric' },
                { label: 'Scheduled cost', className: 'numeric' },
                { label: 'Logged hours', className: 'numeric' },
                { label: 'Actual cost', className: 'numeric' },
                { label: 'Revenue', className: 'numeric' },
                { label: 'Hours without rate', className: 'numeric' },
              ]}
            >
              {data.rows.map((row) => (
                <CostRow key={row.key ?? ''} row={row} />
              ))}
              <CostRow row={{ ...data.total, label: 'Total' }} total />
            </Table>
          </div>
          {data.total.hoursWithoutRate > 0 && (
            <p className="notice">
              {formatHours(data.total.hoursWithoutRate)} belong to people without a cost rate on the day: they are
              counted, not costed. Add their rates under Cost rates.
            </p>
          )}
          {currency && (
            <figure className="panel cost-chart">
              <figcaption>Scheduled and actual cost</figcaption>
              <Suspense fallback={<p className="muted">Loading the chart…</p>}>
                <CostChart report={data} currency={currency} />
              </Suspense>
              <p className="hint">
                Amounts in {currency}
                {others.length > 0
                  ? `, the report's first currency; amounts in ${others.join(', ')} are in the table only.`
                  : '.'}
              </p>
            </figure>
          )}
        </>
      )}
    </>
  );
}

function CostRow({ row, total = false }: { row: CostReportRow; total?: boolean }) {
  return (
    <tr className={total ? 'total' : undefined}>
      <th scope="row">{row.label}</th>
      <td className="numeric">{formatHours(row.plannedHours)}</td>
      <td className="numeric">{formatValues(row.scheduledCost)}</td>
      <td className="numeric">{formatHours(row.loggedHours)}</td>
      <td className="numeric">{formatValues(row.actualCost)}</td>
      <td className="numeric">{formatValues(row.revenue)}</td>
      <td className="numeric">{formatHours(row.hoursWithoutRate)}</td>
    </tr>
  );
}
