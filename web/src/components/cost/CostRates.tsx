import { useState } from 'react';
import type { CostRate, Person } from '../../../../src/contracts.js';
import { ApiError } from '../../api.js';
import { costApi, findCostPeople } from '../../api/cost.js';
import { formatDate, today } from '../../dates.js';
import { formatMoney } from '../../money.js';
import { useAction } from '../../useAction.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { UserSearch } from '../UserSearch.js';

const FIELDS = ['userId', 'validFrom', 'costRate', 'currency'] as const;

/** "User ann's cost rate of 50.00 EUR from Jan 5, 2026": a rate in words, for buttons, questions and the status. */
const describe = (rate: CostRate) =>
  `${rate.user.displayName}'s cost rate of ${formatMoney(rate.costRate, rate.currency)} from ${formatDate(rate.validFrom)}`;

/**
 * The cost rates (APP-5): what an hour of each person's time costs, from a day until their next rate. The money roles
 * read them; billing_admin and app_admin (`canManage`) add and remove them.
 */
export function CostRates() {
  const rates = useResource(() => costApi.rates(), []);
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<CostRate | null>(null);
  const done = (message: string) => {
    setStatus(message);
    rates.reload();
  };
  return (
    <>
      <p role="status" className="cost-status">
        {status}
      </p>
      {rates.data?.canManage && <AddCostRate onAdded={(rate) => done(`Added ${describe(rate)}.`)} />}
      <h2 id="cost-rates-heading">Cost rates</h2>
      <ErrorMessage error={rates.error} />
      {!rates.data && !rates.error && <p className="muted">Loading…</p>}
      {rates.data && rates.data.items.length === 0 && (
        <p className="muted">No cost rates yet: the report counts everyone&apos;s hours without costing them.</p>
      )}
      {rates.data && rates.data.items.length > 0 && (
        <div className="table-scroll">
          <Table
            labelledBy="cost-rates-heading"
            className="cost-rates-table"
            columns={[
              'Person',
              'Valid from',
              { label: 'Rate per hour', className: 'numeric' },
              'Currency',
              rates.data.canManage && ACTIONS,
            ]}
          >
            {rates.data.items.map((rate) => (
              <tr key={rate.id}>
                <td>{rate.user.displayName}</td>
                <td>{formatDate(rate.validFrom)}</td>
                <td className="numeric">{rate.costRate}</td>
                <td>{rate.currency}</td>
                {rates.data?.canManage && (
                  <RowActions>
                    <RowButton danger name={`Remove ${describe(rate)}`} onClick={() => setRemoving(rate)}>
                      Remove
                    </RowButton>
                  </RowActions>
                )}
              </tr>
            ))}
          </Table>
        </div>
      )}
      {removing && (
        <RemoveCostRate
          rate={removing}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null);
            done(`Removed ${describe(removing)}.`);
          }}
        />
      )}
    </>
  );
}

/** A new rate: the person, the first day it applies, the hourly amount and its currency; refusals show by their field. */
function AddCostRate({ onAdded }: { onAdded: (rate: CostRate) => void }) {
  const [person, setPerson] = useState<Person | null>(null);
  const [validFrom, setValidFrom] = useState(today);
  const [costRate, setCostRate] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    if (!person) throw new ApiError(400, 'bad_request', 'Pick the person the rate is for.', 'userId');
    const rate = await costApi.createRate({
      userId: person.id,
      validFrom,
      costRate: costRate.trim().replace(',', '.'),
      currency: currency.trim(),
    });
    setCostRate('');
    onAdded(rate);
  });
  return (
    <form className="form panel cost-rate-form" onSubmit={submit} aria-label="Add a cost rate">
      <h2>Add a cost rate</h2>
      <UserSearch label="Person" search={findCostPeople} value={person?.id ?? null} onChange={setPerson} />
      <FieldError errors={fields} field="userId" />
      <div className="form-row">
        <TextField
          label="Valid from"
          type="date"
          value={validFrom}
          onChange={setValidFrom}
          required
          errors={fields}
          field="validFrom"
        />
        <TextField
          label="Cost rate per hour"
          inputMode="decimal"
          placeholder="55.50"
          value={costRate}
          onChange={setCostRate}
          required
          errors={fields}
          field="costRate"
        />
        <TextField
          label="Currency"
          value={currency}
          onChange={(value) => setCurrency(value.toUpperCase())}
          required
          maxLength={3}
          autoCapitalize="characters"
          errors={fields}
          field="currency"
        />
      </div>
      <ErrorMessage error={fields.rest} />
      <div className="form-actions start">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add cost rate'}
        </button>
      </div>
    </form>
  );
}

/** Asks before removing a rate: the person's earlier rate (or none) then covers its days. */
function RemoveCostRate({
  rate,
  onCancel,
  onRemoved,
}: {
  rate: CostRate;
  onCancel: () => void;
  onRemoved: () => void;
}) {
  const { busy, error, run } = useAction();
  return (
    <Dialog title="Remove the cost rate?" onClose={onCancel}>
      <p>
        {describe(rate)} will be removed. From {formatDate(rate.validFrom)} on, {rate.user.displayName}&apos;s earlier
        rate applies, or none: their hours are then counted without cost.
      </p>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await costApi.removeRate(rate.id);
              onRemoved();
            })
          }
        >
          {busy ? 'Removing…' : 'Remove rate'}
        </button>
      </div>
    </Dialog>
  );
}
