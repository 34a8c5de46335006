import { useState, type FormEvent } from 'react';
import type { CostGroup } from '../../../../src/contracts.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { GROUP_LABELS, thisYearSoFar, type CostState } from './state.js';

interface Props {
  initial: CostState;
  onApply: (state: CostState) => void;
  /** A field the server refused, shown next to it (API-5). */
  errors: FieldErrors;
}

/** What the cost report covers: a date range (this year so far unless chosen) and how it groups (REP-2). */
export function CostReportForm({ initial, onApply, errors }: Props) {
  const [values, setValues] = useState(initial);
  const yearSoFar = thisYearSoFar();
  const set = (field: 'from' | 'to') => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  function apply(event: FormEvent) {
    event.preventDefault();
    onApply(values);
  }
  return (
    <form className="form panel report-form" onSubmit={apply} aria-label="Cost report">
      <div className="form-row">
        <TextField label="From" type="date" value={values.from} onChange={set('from')} errors={errors} field="from" />
        <TextField label="To" type="date" value={values.to} onChange={set('to')} errors={errors} field="to" />
        <SelectField
          label="Group by"
          value={values.groupBy}
          onChange={(groupBy) => setValues((v) => ({ ...v, groupBy: groupBy as CostGroup }))}
          errors={errors}
          field="groupBy"
        >
          {Object.entries(GROUP_LABELS).map(([group, label]) => (
            <option key={group} value={group}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions start">
        <button type="submit" className="button">
          Show report
        </button>
        <button type="button" className="button secondary" onClick={() => onApply({ ...values, ...yearSoFar })}>
          This year so far
        </button>
      </div>
    </form>
  );
}
