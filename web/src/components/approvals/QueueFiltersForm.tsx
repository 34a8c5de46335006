import { useState, type FormEvent } from 'react';
import { navigate } from '../../router.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { approvalsHref, QUEUE_STATES, type ApprovalsView } from './filters.js';

interface Props {
  /** The view of the address; the form starts from its filters and sends its own there. */
  view: ApprovalsView;
  /** The teams to offer: those of the slices the queue has shown. */
  teams: { id: number; name: string }[];
  /** A filter the server refused, shown next to it (API-5). */
  errors: FieldErrors;
}

/** The queue's filters: team, state and period. Applying them changes the address, which the queue follows. */
export function QueueFiltersForm({ view, teams, errors }: Props) {
  const [values, setValues] = useState(view);
  const set = (field: 'team' | 'state' | 'from' | 'to') => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(approvalsHref({ ...values, slice: null }));
  }

  const knownTeam = values.team === '' || teams.some((t) => String(t.id) === values.team);
  return (
    <form className="form panel approvals-filters" onSubmit={apply} aria-label="Queue filters">
      <div className="form-row">
        <SelectField label="Team" value={values.team} onChange={set('team')} errors={errors} field="teamId">
          <option value="">Any team</option>
          {!knownTeam && <option value={values.team}>Team #{values.team}</option>}
          {teams.map((team) => (
            <option key={team.id} value={String(team.id)}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="State" value={values.state} onChange={set('state')} errors={errors} field="state">
          {QUEUE_STATES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Period from"
          type="date"
          value={values.from}
          onChange={set('from')}
          errors={errors}
          field="from"
        />
        <TextField label="Period to" type="date" value={values.to} onChange={set('to')} errors={errors} field="to" />
      </div>
      <div className="form-actions start">
        <button type="submit" className="button">
          Apply filters
        </button>
      </div>
    </form>
  );
}
