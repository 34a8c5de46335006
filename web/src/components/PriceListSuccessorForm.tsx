import { useState } from 'react';
import type { PriceList } from '../../../src/contracts.js';
import { api } from '../api.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ValidFromField, RateField } from './PriceListFields.js';

/** PRICE-8: a new rate is a new price list; this one ends the day before the new rate starts. */
export function PriceListSuccessorForm({ list, onSaved }: { list: PriceList; onSaved: () => void }) {
  const [rate, setRate] = useState('');
  const [from, setFrom] = useState('');

  const { busy, fields, submit } = useFormSubmit(['hourlyRate', 'validFrom'], async () => {
    await api.startPriceListSuccessor(list, { hourlyRate: rate.trim(), validFrom: from });
    onSaved();
  });

  return (
    <form onSubmit={submit} className="form successor-form" aria-labelledby="successor-title">
      <h3 id="successor-title">New rate from a date</h3>
      <div className="form-row">
        <RateField label="New hourly rate" value={rate} onChange={setRate} placeholder="90.00" errors={fields} />
        <ValidFromField label="Starting on" value={from} onChange={setFrom} errors={fields} />
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
