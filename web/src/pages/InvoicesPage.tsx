import { useDocumentTitle } from '../useDocumentTitle.js';

/** Invoices (issue 14): being built. */
export function InvoicesPage() {
  useDocumentTitle('Invoices');
  return (
    <section>
      <h1>Invoices</h1>
    </section>
  );
}
