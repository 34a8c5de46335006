import { openSharedReport } from '../api/reports.js';
import { DIMENSION_LABELS, lastDay } from '../components/reports/labels.js';
import { SummaryTable } from '../components/reports/SummaryTable.js';
import '../components/reports/reports.css';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';

/**
 * A shared report (REP-6), signed out or in: the summary as the person who shared it may see it now. A link that
 * expired, was revoked or never existed shows the same message.
 */
export function SharedReportPage({ token }: { token: string }) {
  const shared = useResource(() => openSharedReport(token), [token]);
  useDocumentTitle(shared.data ? shared.data.name : 'Shared report');
  if (shared.error)
    return (
      <section className="reports">
        <h1>Shared report</h1>
        <p className="notice">This link does not work: it may have expired or been revoked. Ask for a new one.</p>
      </section>
    );
  if (!shared.data) return <p className="muted">Loading…</p>;
  const { name, sharedBy, expiresAt, report, summary } = shared.data;
  return (
    <section className="reports">
      <h1>{name}</h1>
      <p className="muted">
        Hours from {report.from} to {report.to} by{' '}
        {report.groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(', ')}, shared by {sharedBy}; the link works
        until {lastDay(expiresAt)}.
      </p>
      {summary.rows.length === 0 ? (
        <p className="muted">No work logs in this report.</p>
      ) : (
        <SummaryTable summary={summary} />
      )}
    </section>
  );
}
