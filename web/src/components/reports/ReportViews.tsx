import { lazy, Suspense, useEffect } from 'react';
import { exportHref, getReportWorklogs, getSummary, type ReportState } from '../../api/reports.js';
import { formatValues } from '../../money.js';
import { href } from '../../router.js';
import { useCursorList } from '../../useCursorList.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { LoadMoreButton } from '../LoadMoreButton.js';
import { Table } from '../Table.js';
import { hours } from './labels.js';
import { addressOf, periodFor } from './state.js';
import { ShareReport } from './ShareReport.js';
import { SummaryTable } from './SummaryTable.js';

const ReportCharts = lazy(() => import('./ReportCharts.js'));

/** The download links of a report: the browser streams the file as the server writes it (REP-4). */
function Downloads({ kind, state }: { kind: 'summary' | 'worklogs'; state: ReportState }) {
  return (
    <div className="button-row report-downloads">
      <a className="button secondary" href={exportHref(kind, state, 'csv')} download>
        Download CSV
      </a>
      <a className="button secondary" href={exportHref(kind, state, 'xlsx')} download>
        Download Excel
      </a>
    </div>
  );
}

/** The summary: its table with subtotals, its charts and its downloads. */
interface ViewProps {
  state: ReportState;
  /** Reports a failure to the page, which shows a refused field next to it in the form (API-5). */
  onError: (error: unknown) => void;
}

export function SummaryView({ state, onError }: ViewProps) {
  const address = addressOf(state);
  const summary = useResource(() => getSummary(state), [address]);
  const period = periodFor(state);
  const charts = useResource(
    () => Promise.all([getSummary(state, [period]), getSummary(state, ['project'])]),
    [address],
  );
  useEffect(() => onError(summary.error), [summary.error, onError]);
  if (summary.error) return null;
  if (!summary.data) return <p className="muted">Loading…</p>;
  return (
    <>
      <Downloads kind="summary" state={state} />
      <ShareReport state={state} money={summary.data.money} />
      {summary.data.truncated && (
        <p className="notice">
          The report has more groups than the screen shows; narrow it, or download it to get every group.
        </p>
      )}
      {summary.data.rows.length === 0 ? (
        <p className="muted">No work logs in this report.</p>
      ) : (
        <>
          <SummaryTable summary={summary.data} />
          {charts.data && (
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <ReportCharts overTime={charts.data[0]} byProject={charts.data[1]} period={period} />
            </Suspense>
          )}
        </>
      )}
    </>
  );
}

/** The detailed report: the work logs the summary counts, by date, with their downloads. */
export function DetailsView({ state, onError }: ViewProps) {
  const list = useCursorList((cursor) => getReportWorklogs(state, cursor), [addressOf(state)]);
  const page = list.lastPage;
  const firstPageError = list.items.length === 0 ? list.error : null;
  useEffect(() => onError(firstPageError), [firstPageError, onError]);
  if (firstPageError) return null;
  return (
    <>
      <Downloads kind="worklogs" state={state} />
      {list.loading && !page ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 ? (
        <p className="muted">No work logs in this report.</p>
      ) : (
        <div className="table-scroll">
          <Table
            caption="Work logs"
            className="report-table"
            columns={[
              'Date',
              'Work item',
              'User',
              { label: 'Hours', className: 'numeric' },
              'Description',
              page?.teamNames === true && 'Team',
              page?.money === true && { label: 'Value', className: 'numeric' },
            ]}
          >
            {list.items.map((w) => (
              <tr key={w.id}>
                <td>{w.date}</td>
                <td>
                  <a href={href.item(w.item.key)}>{w.item.key}</a> {w.item.title}
                </td>
                <td>{w.author.displayName}</td>
                <td className="numeric">{hours(w.seconds)}</td>
                <td>{w.description}</td>
                {page?.teamNames && <td>{w.team?.name ?? 'No team'}</td>}
                {page?.money && (
                  <td className="numeric">
                    {w.value && w.currency ? formatValues([{ currency: w.currency, amount: w.value }]) : '—'}
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </div>
      )}
      <ErrorMessage error={list.error && list.items.length > 0 ? list.error : null} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
