import { ApprovalQueue } from '../components/approvals/ApprovalQueue.js';
import { approvalsViewOf } from '../components/approvals/filters.js';
import { SliceDetail } from '../components/approvals/SliceDetail.js';
import { useHash } from '../router.js';
import '../components/approvals/approvals.css';

/**
 * Timesheet Approval (FLOW-2, FLOW-10): the queue of slices routed to the caller, or, when the address names one
 * (`?slice=12`), that slice. The address keeps the filters, so "Back to the queue" and a reload return to them.
 */
export function ApprovalsPage() {
  const view = approvalsViewOf(useHash());
  if (view.slice !== null) return <SliceDetail key={view.slice} id={view.slice} view={view} />;
  return (
    <section>
      <h1>Timesheet approval</h1>
      <ApprovalQueue view={view} />
    </section>
  );
}
