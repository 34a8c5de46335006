import { useState } from 'react';
import type { ChargeDetail } from '../../../../src/contracts.js';
import { getCharge } from '../../api/charges.js';
import { formatDate, formatDateTime } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { formatMoney, formatValues } from '../../money.js';
import { useDocumentTitle } from '../../useDocumentTitle.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { ChargeState } from './ChargeState.js';
import { ChargeWorklogTable } from './ChargeWorklogTable.js';
import { RevokeCharge } from './RevokeCharge.js';
import { invoicesHref } from './view.js';

/** One charge: its invoice reference, totals, the work logs the reader may view, its history, and Revoke. */
export function InvoiceDetail({ id }: { id: number }) {
  const charge = useResource(() => getCharge(id), [id]);
  const [revoking, setRevoking] = useState(false);
  const number = charge.data?.charge.invoiceNumber;
  useDocumentTitle(number ? `Invoice ${number}` : 'Invoice');

  return (
    <section aria-labelledby="invoice-title">
      <p>
        <a href={invoicesHref.list()}>← All invoices</a>
      </p>
      <ErrorMessage error={charge.error} />
      {charge.loading && !charge.data && <p className="muted">Loading…</p>}
      {charge.data && (
        <>
          <div className="page-header">
            <h1 id="invoice-title">Invoice {charge.data.charge.invoiceNumber}</h1>
            {charge.data.charge.abilities.canRevoke && !revoking && (
              <div className="page-actions">
                <button type="button" className="button danger" onClick={() => setRevoking(true)}>
                  Revoke charge
                </button>
              </div>
            )}
          </div>
          {revoking && (
            <RevokeCharge
              charge={charge.data.charge}
              onDone={() => {
                setRevoking(false);
                charge.reload();
              }}
              onCancel={() => setRevoking(false)}
            />
          )}
          <InvoiceFacts detail={charge.data} />
          <h2>Work logs</h2>
          {charge.data.worklogs.length === 0 ? (
            <p className="muted">
              {charge.data.charge.state === 'revoked'
                ? 'The charge was revoked: its work logs were released.'
                : 'No work log of this charge is on an item you may view.'}
            </p>
          ) : (
            <ChargeWorklogTable worklogs={charge.data.worklogs} caption="Charged work logs" />
          )}
          {charge.data.hidden.seconds > 0 && (
            <p className="muted">And {formatDuration(charge.data.hidden.seconds)} on work items you may not view.</p>
          )}
          <h2>History</h2>
          <ul className="invoice-history">
            {charge.data.history.map((entry, index) => (
              <li key={index}>
                {entry.to === 'charged' ? 'Charged' : 'Revoked'} by {entry.actor?.displayName ?? 'a removed user'} on{' '}
                {formatDateTime(entry.at)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function InvoiceFacts({ detail }: { detail: ChargeDetail }) {
  const { charge } = detail;
  return (
    <dl className="facts invoice-facts">
      <div>
        <dt>Invoice date</dt>
        <dd>{formatDate(charge.invoiceDate)}</dd>
      </div>
      {charge.amount !== undefined && (
        <div>
          <dt>Amount</dt>
          <dd>{formatMoney(charge.amount, charge.currency)}</dd>
        </div>
      )}
      <div>
        <dt>State</dt>
        <dd>
          <ChargeState charge={charge} />
        </dd>
      </div>
      <div>
        <dt>Work logs</dt>
        <dd>{charge.totals.count}</dd>
      </div>
      <div>
        <dt>Hours</dt>
        <dd>{formatDuration(charge.totals.seconds)}</dd>
      </div>
      {charge.totals.values && (
        <div>
          <dt>Value of the work</dt>
          <dd>{formatValues(charge.totals.values)}</dd>
        </div>
      )}
    </dl>
  );
}
