import { useState, type FormEvent } from 'react';
import { listChargeFilters, type CandidateFilters } from '../../api/charges.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';

interface Props {
  initial: CandidateFilters;
  onApply: (filters: CandidateFilters) => void;
  /** A filter the server refused, shown next to it (API-5). */
  errors: FieldErrors;
}

/** Which work logs to look at: project, team, client and period. The choices are those of chargeable work logs. */
export function ChargeFiltersForm({ initial, onApply, errors }: Props) {
  const [values, setValues] = useState(initial);
  const set = (field: keyof CandidateFilters) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const validRange = !values.from || !values.to || values.from <= values.to;
  const options = useResource(
    () => listChargeFilters(validRange ? values.from : '', validRange ? values.to : ''),
    [values.from, values.to, validRange],
  );
  const choices = options.data ?? { projects: [], teams: [], clients: [] };

  function apply(event: FormEvent) {
    event.preventDefault();
    // A new object each time, so applying the same filters again reloads the list.
    onApply({ ...values });
  }

  return (
    <form className="form panel charge-filters" onSubmit={apply} aria-label="Which work logs">
      <div className="form-row">
        <TextField label="From" type="date" value={values.from} onChange={set('from')} errors={errors} field="from" />
        <TextField label="To" type="date" value={values.to} onChange={set('to')} errors={errors} field="to" />
        <SelectField
          label="Project"
          value={values.projectId}
          onChange={set('projectId')}
          errors={errors}
          field="projectId"
        >
          <option value="">Any project</option>
          {choices.projects.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.key} — {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Team" value={values.teamId} onChange={set('teamId')} errors={errors} field="teamId">
          <option value="">Any team</option>
          {choices.teams.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Client" value={values.clientId} onChange={set('clientId')} errors={errors} field="clientId">
          <option value="">Any client</option>
          {choices.clients.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions start">
        <button type="submit" className="button">
          Show work logs
        </button>
      </div>
    </form>
  );
}
