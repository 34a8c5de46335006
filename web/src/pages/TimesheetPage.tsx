import { useDocumentTitle } from '../useDocumentTitle.js';

/** Timesheet (issue 14): being built. */
export function TimesheetPage() {
  useDocumentTitle('Timesheet');
  return (
    <section>
      <h1>Timesheet</h1>
    </section>
  );
}
