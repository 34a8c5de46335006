import { useState } from 'react';
import { api } from '../api.js';
import { today } from '../dates.js';
import type { PriceList, PriceListChanges } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FormButtons } from './FormButtons.js';
import { ValidFromField, RateField } from './PriceListFields.js';
import { PriceListSuccessorForm } from './PriceListSuccessorForm.js';
import { TextField } from './TextField.js';

interface Props {
  teamId: number;
  teamName: string;
  /** Given when editing; absent when creating. */
  list?: PriceList;
  onClose: () => void;
  onSaved: () => void;
}

const FIELDS = ['name', 'currency', 'hourlyRate', 'validFrom', 'validTo'];

/**
 * The price-list editor (PRICE-1): name, currency, hourly rate and validity. The rate field exists only where
 * the API sent a rate, i.e. for those who see money (PRICE-7). A list that work logs use keeps its rate and
 * currency (PRICE-6); a new rate starts a successor instead (PRICE-8).
 */
export function PriceListDialog({ teamId, teamName, list, onClose, onSaved }: Props) {
  const [name, setName] = useState(list?.name ?? '');
  const [currency, setCurrency] = useState(list?.currency ?? 'EUR');
  const [rate, setRate] = useState(list?.hourlyRate ?? '');
  const [validFrom, setValidFrom] = useState(list?.validFrom ?? today());
  const [validTo, setValidTo] = useState(list?.validTo ?? '');
  const showsRate = !list || list.hourlyRate !== undefined;
  const fixedMoney = list ? !list.abilities.canChangeRate : false;

  const { busy, fields, submit, run } = useFormSubmit(FIELDS, async () => {
    const input = {
      name: name.trim(),
      currency: currency.trim().toUpperCase(),
      validFrom,
      validTo: validTo || null,
    };
    if (!list) {
      await api.createPriceList(teamId, { ...input, hourlyRate: rate.trim() });
    } else {
      // Only what changed: an unchanged rate or currency is no change to a used list (PRICE-6).
      const changes: PriceListChanges = {
        name: input.name,
        validFrom: input.validFrom,
        validTo: input.validTo,
      };
      if (input.currency !== list.currency) changes.currency = input.currency;
      if (showsRate && rate.trim() !== list.hourlyRate) changes.hourlyRate = rate.trim();
      await api.updatePriceList(list, changes);
    }
    onSaved();
  });

  function remove() {
    if (!list || !window.confirm(`Delete the price list "${list.name}"?`)) return;
    void run(async () => {
      await api.deletePriceList(list);
      onSaved();
    });
  }

  return (
    <Dialog title={list ? `Price list ${list.name}` : `New price list for ${teamName}`} onClose={onClose} wide>
      <form onSubmit={submit} className="form" aria-label="Price list">
        <div className="form-row">
          <TextField label="Name" value={name} onChange={setName} required autoFocus errors={fields} field="name" />
          <TextField
            label="Currency"
            value={currency}
            onChange={setCurrency}
            maxLength={3}
            required
            readOnly={fixedMoney}
            errors={fields}
            field="currency"
          />
          {showsRate && (
            <RateField label="Hourly rate" value={rate} onChange={setRate} readOnly={fixedMoney} errors={fields} />
          )}
        </div>
        <div className="form-row">
          <ValidFromField label="Valid from" value={validFrom} onChange={setValidFrom} errors={fields} />
          <TextField
            label="Valid to (optional)"
            type="date"
            value={validTo}
            onChange={setValidTo}
            errors={fields}
            field="validTo"
          />
        </div>
        {fixedMoney && (
          <p className="hint-inline muted">
            Work logs use this price list, so its rate and currency stay as they are. To change the rate, start a new
            one from a date below.
          </p>
        )}
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label={list ? 'Save' : 'Create price list'} busyLabel="Saving…" busy={busy}>
          {list?.abilities.canDelete && (
            <button type="button" className="button danger" onClick={remove} disabled={busy}>
              Delete price list
            </button>
          )}
        </FormButtons>
      </form>
      {list?.abilities.canStartSuccessor && list.hourlyRate !== undefined && (
        <PriceListSuccessorForm list={list} onSaved={onSaved} />
      )}
    </Dialog>
  );
}
