import { useState } from 'react';
import { createCharge } from '../../api/charges.js';
import { today } from '../../dates.js';
import { formatValues } from '../../money.js';
import { navigate } from '../../router.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { TextField } from '../TextField.js';
import { invoicesHref } from './view.js';

const FIELDS = ['invoiceNumber', 'invoiceDate', 'amount', 'currency', 'worklogIds'] as const;

interface Props {
  worklogIds: number[];
  /** The value of the selected work per currency, when the reader sees money: a hint for the amount. */
  values: { currency: string; amount: string }[] | undefined;
}

/** The invoice reference the selected work logs are charged under (FLOW-9); errors show next to their field. */
export function InvoiceForm({ worklogIds, values }: Props) {
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [invoiceDate, setInvoiceDate] = useState(today);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(() => values?.[0]?.currency ?? 'EUR');
  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    const charge = await createCharge({ invoiceNumber, invoiceDate, amount, currency, worklogIds });
    navigate(invoicesHref.charge(charge.id));
  });
  const count = worklogIds.length;

  return (
    <form className="form panel invoice-form" onSubmit={submit} aria-label="Invoice">
      <h2>Invoice</h2>
      <div className="form-row">
        <TextField
          label="Invoice number"
          value={invoiceNumber}
          onChange={setInvoiceNumber}
          required
          maxLength={100}
          errors={fields}
          field="invoiceNumber"
        />
        <TextField
          label="Invoice date"
          type="date"
          value={invoiceDate}
          onChange={setInvoiceDate}
          required
          errors={fields}
          field="invoiceDate"
        />
      </div>
      <div className="form-row">
        <TextField
          label="Amount"
          inputMode="decimal"
          placeholder="1250.00"
          value={amount}
          onChange={setAmount}
          required
          errors={fields}
          field="amount"
          aria-describedby="invoice-amount-hint"
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
      <p className="hint" id="invoice-amount-hint">
        {values && values.length > 0
          ? `The selected work is worth ${formatValues(values)} at its recorded rates.`
          : 'The amount invoiced, with up to two decimals.'}
      </p>
      <FieldError errors={fields} field="worklogIds" />
      <ErrorMessage error={fields.rest} />
      <div className="form-actions start">
        <button type="submit" className="button" disabled={busy || count === 0}>
          {busy ? 'Charging…' : count === 1 ? 'Charge 1 work log' : `Charge ${count} work logs`}
        </button>
      </div>
    </form>
  );
}
