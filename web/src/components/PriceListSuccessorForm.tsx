import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { PriceList } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';

/** PRICE-8: a new rate is a new price list; this one ends the day before the new rate starts. */
export function PriceListSuccessorForm({ list, onSaved }: { list: PriceList; onSaved: () => void }) {
  const [rate, setRate] = useState('');
  const [from, setFrom] = useState('');
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['hourlyRate', 'validFrom']);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.startPriceListSuccessor(list, { hourlyRate: rate.trim(), validFrom: from });
      onSaved();
    });
  }

  return (
    <form onSubmit={submit} className="form successor-form" aria-labelledby="successor-title">
      <h3 id="successor-title">New rate from a date</h3>
      <div className="form-row">
        <label>
          New hourly rate
          <input
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            inputMode="decimal"
            placeholder="90.00"
            required
            {...fields.props('hourlyRate')}
          />
        </label>
        <label>
          Starting on
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            required
            {...fields.props('validFrom')}
          />
        </label>
        <FieldError errors={fields} field="hourlyRate" />
        <FieldError errors={fields} field="validFrom" />
      </div>
      <ErrorMessage error={fields.rest} />
      <div className="form-actions">
        <button type="submit" className="button secondary" disabled={busy}>
          Start new rate
        </button>
      </div>
    </form>
  );
}
