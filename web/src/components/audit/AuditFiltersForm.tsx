import { useState, type FormEvent } from 'react';
import type { AuditFacets } from '../../../../src/contracts.js';
import { auditApi } from '../../api/audit.js';
import { navigate } from '../../router.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { auditHref, NO_FILTERS, type FilterValues } from './filters.js';
import { SearchPicker, type Choice } from './SearchPicker.js';

interface Props {
  facets: AuditFacets;
  /** The filters of the address; the form starts from them and sends its own there. */
  filters: FilterValues;
  /** A refusal of a filter by the server, shown next to it (API-5). */
  errors: FieldErrors;
  /** Whether to offer "Clear filters". */
  canClear: boolean;
}

const searchPeople = async (q: string): Promise<Choice[]> =>
  (await auditApi.users(q)).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.login})` }));
const searchProjects = async (q: string): Promise<Choice[]> =>
  (await auditApi.projects(q)).map((p) => ({ value: p.key, label: `${p.key} · ${p.name}` }));

/** The audit log's filters (EXPL-4). Applying them changes the address, which the list follows. */
export function AuditFiltersForm({ facets, filters, errors, canClear }: Props) {
  const [values, setValues] = useState(filters);
  const set = (field: keyof FilterValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  // The chosen actor by name, also when the address named them and no search has found them yet.
  const actor = useResource(
    () => (values.actorId ? auditApi.user(values.actorId).catch(() => null) : Promise.resolve(null)),
    [values.actorId],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(auditHref(values));
  }

  return (
    <form className="form panel audit-filters" onSubmit={apply} aria-label="Audit log filters">
      <div className="form-row">
        <SearchPicker
          label="Actor"
          anyLabel="Anyone"
          search={searchPeople}
          value={values.actorId}
          valueLabel={actor.data ? `${actor.data.displayName} (${actor.data.login})` : `User #${values.actorId}`}
          onChange={(choice) => set('actorId')(choice?.value ?? '')}
          errors={errors}
          field="actorId"
        />
        <SearchPicker
          label="Project"
          anyLabel="Any project"
          search={searchProjects}
          value={values.projectKey}
          valueLabel={values.projectKey}
          onChange={(choice) => set('projectKey')(choice?.value ?? '')}
          errors={errors}
          field="projectKey"
        />
      </div>
      <div className="form-row">
        <SelectField label="Action" value={values.action} onChange={set('action')} errors={errors} field="action">
          <option value="">Any action</option>
          {facets.actions.map((a) => (
            <option key={a.action} value={a.action}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Entity type"
          value={values.entityType}
          onChange={set('entityType')}
          errors={errors}
          field="entityType"
        >
          <option value="">Any entity</option>
          {facets.entityTypes.map((t) => (
            <option key={t.entityType} value={t.entityType}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Entity id"
          value={values.entityId}
          onChange={set('entityId')}
          maxLength={100}
          errors={errors}
          field="entityId"
        />
      </div>
      <div className="form-row">
        <TextField label="From" type="date" value={values.from} onChange={set('from')} errors={errors} field="from" />
        <TextField label="To" type="date" value={values.to} onChange={set('to')} errors={errors} field="to" />
      </div>
      <div className="form-actions start">
        <button type="submit" className="button">
          Apply filters
        </button>
        {canClear && (
          <button type="button" className="button secondary" onClick={() => navigate(auditHref(NO_FILTERS))}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
