import { useState } from 'react';
import { ErrorMessage } from '../ErrorMessage.js';
import { SelectField } from '../SelectField.js';
import { useDebounced } from '../../useDebounced.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  /** The select's label; the search field is "Find <label>". */
  label: string;
  /** The first option, which sets no filter ("Anyone", "Any project"). */
  anyLabel: string;
  search: (q: string) => Promise<Choice[]>;
  /** The chosen value, '' for any, and what it reads as when the matches do not hold it. */
  value: string;
  valueLabel: string;
  onChange: (choice: Choice | null) => void;
  errors?: FieldErrors;
  field?: string;
}

/**
 * A filter on one person or project: type to search, then pick from the matches or "any". Unlike UserSearch, nothing
 * is picked for the reader: a filter starts and stays open until they choose.
 */
export function SearchPicker({ label, anyLabel, search, value, valueLabel, onChange, errors, field }: Props) {
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim());
  const found = useResource(() => search(settled), [settled]);
  const matches = found.data ?? [];

  const options = value !== '' && !matches.some((m) => m.value === value) ? [{ value, label: valueLabel }] : [];
  return (
    <div className="user-search audit-picker">
      <label>
        Find {label.toLowerCase()}
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Type to search" />
      </label>
      <SelectField
        label={label}
        value={value}
        onChange={(picked) => onChange([...options, ...matches].find((m) => m.value === picked) ?? null)}
        errors={errors}
        field={field}
      >
        <option value="">{anyLabel}</option>
        {[...options, ...matches].map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={found.error} />
    </div>
  );
}
