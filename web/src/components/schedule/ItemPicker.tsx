import { useId, useState } from 'react';
import { api } from '../../api.js';
import { timesheetsApi } from '../../api/timesheets.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useDebounced } from '../../useDebounced.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';

export interface PickedItem {
  id: number;
  key: string;
  title: string;
}

interface Props {
  value: PickedItem | null;
  onChange: (item: PickedItem | null) => void;
  errors: FieldErrors;
}

/**
 * The work item of a planned task, found by key or title the way the timesheet finds rows (the items I may log work
 * on); the plan needs its id, which the item's page answers.
 */
export function ItemPicker({ value, onChange, errors }: Props) {
  const [q, setQ] = useState('');
  const [picking, setPicking] = useState<unknown>(null);
  const settled = useDebounced(q.trim());
  const found = useResource(() => (settled ? timesheetsApi.items(settled) : Promise.resolve([])), [settled]);
  const labelId = useId();

  async function pick(key: string) {
    setPicking(null);
    try {
      const item = await api.getItem(key);
      onChange({ id: item.id, key: item.key, title: item.title });
      setQ('');
    } catch (failure) {
      setPicking(failure);
    }
  }

  if (value) {
    return (
      <div className="field sch-item">
        <span id={labelId}>Work item</span>
        <p className="sch-item-chosen" aria-labelledby={labelId}>
          <span className="key">{value.key}</span> {value.title}{' '}
          <button type="button" className="button link" onClick={() => onChange(null)}>
            Remove the work item
          </button>
        </p>
        <FieldError errors={errors} field="itemId" />
      </div>
    );
  }
  const matches = found.data ?? [];
  return (
    <div className="field sch-item">
      <label>
        Work item (optional)
        <input
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          placeholder="Find a work item by key or title"
          autoComplete="off"
          {...errors.props('itemId')}
        />
      </label>
      <FieldError errors={errors} field="itemId" />
      {settled && (
        <ul className="sch-matches" aria-label="Matching work items">
          {!found.loading && matches.length === 0 && !found.error && (
            <li className="muted">No work item matches “{settled}”.</li>
          )}
          {matches.map((item) => (
            <li key={item.key}>
              <button type="button" className="button link" onClick={() => void pick(item.key)}>
                <span className="key">{item.key}</span> {item.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={found.error ?? picking} />
    </div>
  );
}
