import type { Charge } from '../../../../src/contracts.js';
import { revokeCharge } from '../../api/charges.js';
import { useAction } from '../../useAction.js';
import { ErrorMessage } from '../ErrorMessage.js';

interface Props {
  charge: Charge;
  onDone: () => void;
  onCancel: () => void;
}

/** Asks before revoking: the charge's work logs may then be changed again (FLOW-9). */
export function RevokeCharge({ charge, onDone, onCancel }: Props) {
  const { busy, error, run } = useAction();
  const count = charge.totals.count;
  return (
    <section className="confirm-change" aria-label="Revoke the charge">
      <h3>Revoke the charge of invoice {charge.invoiceNumber}?</h3>
      <p>
        Its {count} work {count === 1 ? 'log' : 'logs'} will no longer be charged and may be changed again. The
        revocation is recorded in the audit log.
      </p>
      <ErrorMessage error={error} />
      <div className="form-actions start">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await revokeCharge(charge);
              onDone();
            })
          }
        >
          {busy ? 'Revoking…' : 'Revoke charge'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </section>
  );
}
