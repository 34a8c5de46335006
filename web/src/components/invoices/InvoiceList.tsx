import type { Charge } from '../../../../src/contracts.js';
import { listCharges } from '../../api/charges.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { formatMoney, formatValues } from '../../money.js';
import { useCursorList } from '../../useCursorList.js';
import { PagedList } from '../PagedList.js';
import { Table } from '../Table.js';
import { ChargeState } from './ChargeState.js';
import { invoicesHref } from './view.js';

/** Charges newest first, each with its totals; "Charge work logs" for those who may (FLOW-9). */
export function InvoiceList() {
  const list = useCursorList((cursor) => listCharges(cursor), []);
  const canCharge = list.lastPage?.abilities.canCharge ?? false;
  return (
    <>
      <div className="page-header">
        <h1>Invoices</h1>
        {canCharge && (
          <div className="page-actions">
            <a className="button" href={invoicesHref.new()}>
              Charge work logs
            </a>
          </div>
        )}
      </div>
      <PagedList list={list} empty="No work logs have been charged yet.">
        {(charges) => (
          <Table
            caption="Invoices"
            className="stacked-table invoice-table"
            columns={[
              'Invoice',
              'Date',
              { label: 'Amount', className: 'numeric' },
              { label: 'Work logs', className: 'numeric' },
              { label: 'Hours', className: 'numeric' },
              'Value of the work',
              'State',
            ]}
          >
            {charges.map((charge) => (
              <InvoiceRow key={charge.id} charge={charge} />
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}

function InvoiceRow({ charge }: { charge: Charge }) {
  return (
    <tr>
      <td data-label="Invoice">
        <a href={invoicesHref.charge(charge.id)}>{charge.invoiceNumber}</a>
      </td>
      <td data-label="Date" className="nowrap">
        {formatDate(charge.invoiceDate)}
      </td>
      <td data-label="Amount" className="numeric nowrap">
        {charge.amount !== undefined ? formatMoney(charge.amount, charge.currency) : '—'}
      </td>
      <td data-label="Work logs" className="numeric">
        {charge.totals.count}
      </td>
      <td data-label="Hours" className="numeric nowrap">
        {formatDuration(charge.totals.seconds)}
      </td>
      <td data-label="Value of the work">{charge.totals.values ? formatValues(charge.totals.values) : '—'}</td>
      <td data-label="State">
        <ChargeState charge={charge} />
      </td>
    </tr>
  );
}
