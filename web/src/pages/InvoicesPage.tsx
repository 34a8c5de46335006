import { ChargeFlow } from '../components/invoices/ChargeFlow.js';
import { InvoiceDetail } from '../components/invoices/InvoiceDetail.js';
import { InvoiceList } from '../components/invoices/InvoiceList.js';
import { invoicesViewOf } from '../components/invoices/view.js';
import '../components/invoices/invoices.css';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useHash } from '../router.js';

/** The Cost area's invoices (FLOW-9): charges with their totals, one charge, and charging work logs. */
export function InvoicesPage() {
  const view = invoicesViewOf(useHash());
  if (view.kind === 'charge') return <InvoiceDetail key={view.id} id={view.id} />;
  if (view.kind === 'new') return <ChargeFlow />;
  return <InvoiceListPage />;
}

function InvoiceListPage() {
  useDocumentTitle('Invoices');
  return (
    <section>
      <InvoiceList />
    </section>
  );
}
