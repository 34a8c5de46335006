import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { today } from '../dates.js';
import type { PriceList, PriceListChanges } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { PriceListSuccessorForm } from './PriceListSuccessorForm.js';

interface Props {
  teamId: number;
  teamName: string;
  /** Given when editing; absent when creating. */
  list?: PriceList;
  onClose: () => void;
  onSaved: () => void;
}

const rateHelp = 'A decimal amount per hour, like 85.50.';

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
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['name', 'currency', 'hourlyRate', 'validFrom', 'validTo']);
  const showsRate = !list || list.hourlyRate !== undefined;
  const fixedMoney = list ? !list.abilities.canChangeRate : false;

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
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
  }

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
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              {...fields.props('name')}
            />
          </label>
          <label>
            Currency
            <input
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
              maxLength={3}
              required
              readOnly={fixedMoney}
              {...fields.props('currency')}
            />
          </label>
          {showsRate && (
            <label>
              Hourly rate
              <input
                value={rate}
                onChange={(e) => setRate(e.target.value)}
                inputMode="decimal"
                placeholder="85.50"
                required
                readOnly={fixedMoney}
                title={rateHelp}
                {...fields.props('hourlyRate')}
              />
            </label>
          )}
          <FieldError errors={fields} field="name" />
          <FieldError errors={fields} field="currency" />
          <FieldError errors={fields} field="hourlyRate" />
        </div>
        <div className="form-row">
          <label>
            Valid from
            <input
              type="date"
              value={validFrom}
              onChange={(e) => setValidFrom(e.target.value)}
              required
              {...fields.props('validFrom')}
            />
          </label>
          <label>
            Valid to (optional)
            <input
              type="date"
              value={validTo}
              onChange={(e) => setValidTo(e.target.value)}
              {...fields.props('validTo')}
            />
          </label>
          <FieldError errors={fields} field="validFrom" />
          <FieldError errors={fields} field="validTo" />
        </div>
        {fixedMoney && (
          <p className="hint-inline muted">
            Work logs use this price list, so its rate and currency stay as they are. To change the rate, start a new
            one from a date below.
          </p>
        )}
        <ErrorMessage error={fields.rest} />
        <div className="form-actions">
          {list?.abilities.canDelete && (
            <button type="button" className="button danger" onClick={remove} disabled={busy}>
              Delete price list
            </button>
          )}
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : list ? 'Save' : 'Create price list'}
          </button>
        </div>
      </form>
      {list?.abilities.canStartSuccessor && list.hourlyRate !== undefined && (
        <PriceListSuccessorForm list={list} onSaved={onSaved} />
      )}
    </Dialog>
  );
}
