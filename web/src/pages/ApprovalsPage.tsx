import { useDocumentTitle } from '../useDocumentTitle.js';

/** Timesheet approval (issue 14): being built. */
export function ApprovalsPage() {
  useDocumentTitle('Timesheet approval');
  return (
    <section>
      <h1>Timesheet approval</h1>
    </section>
  );
}
