import { useState, type FormEvent } from 'react';
import type { ReportDimension } from '../../../../src/contracts.js';
import { REPORT_DIMENSIONS, REPORT_PERIODS } from '../../../../src/contracts.js';
import { getItemAnalysis, getReportFilters, type ReportState } from '../../api/reports.js';
import { useDebounced } from '../../useDebounced.js';
import type { FieldErrors } from '../../useFieldErrors.js';
import { useResource } from '../../useResource.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';
import { DIMENSION_LABELS } from './labels.js';
import { presets } from './state.js';

interface Props {
  initial: ReportState;
  onApply: (state: ReportState) => void;
  /** A field the server refused, shown next to it (API-5). */
  errors: FieldErrors;
}

type Filter = 'projects' | 'users' | 'teams' | 'priceLists' | 'clients';

/**
 * What a report covers and how it groups: a date range (or a named one), up to three groupings, and a filter on each
 * of project, user, team, price list and client — the choices those of the work logs the caller's reports count — and
 * on work items by key, with suggestions of the items the caller's reports count work on.
 */
export function ReportForm({ initial, onApply, errors }: Props) {
  const [values, setValues] = useState(initial);
  const validRange = Boolean(values.from && values.to && values.from <= values.to);
  const choices = useResource(
    () => (validRange ? getReportFilters(values.from, values.to) : Promise.resolve(undefined)),
    [values.from, values.to, validRange],
  ).data;
  // Suggestions for the work-item filter: the items with counted work in the range whose key or title has the text.
  const typed = useDebounced(values.itemKeys.split(',').pop()?.trim() ?? '', 250);
  const suggestions = useResource(
    () =>
      validRange && typed.length >= 2
        ? getItemAnalysis({ ...values, itemKeys: '', projects: '', q: typed }, 0)
        : Promise.resolve(undefined),
    [values.from, values.to, validRange, typed],
  ).data;
  const set = (field: 'from' | 'to' | 'itemKeys' | Filter) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));
  // A grouping chosen again in another place moves there; so does a second period (one of day, week, month).
  const setGrouping = (index: number) => (value: string) =>
    setValues((v) => {
      if (value === '') return { ...v, groupBy: v.groupBy.slice(0, index) };
      const chosen = value as ReportDimension;
      const clashes = (d: ReportDimension) => d === chosen || (REPORT_PERIODS.has(d) && REPORT_PERIODS.has(chosen));
      const groupBy = v.groupBy.map((d, k) => (k === index ? chosen : d));
      if (index === v.groupBy.length) groupBy.push(chosen);
      return { ...v, groupBy: groupBy.filter((d, k) => k === index || !clashes(d)) };
    });

  function apply(event: FormEvent) {
    event.preventDefault();
    const itemKeys = values.itemKeys
      .split(',')
      .map((k) => k.trim().toUpperCase())
      .filter(Boolean)
      .join(',');
    onApply({ ...values, itemKeys });
  }

  const filter = (field: Filter, label: string, options: Array<{ id: number; name: string }> | undefined) =>
    options && (
      <SelectField label={label} value={values[field]} onChange={set(field)} errors={errors} field={field}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.name}
          </option>
        ))}
      </SelectField>
    );

  return (
    <form className="form panel report-form" onSubmit={apply} aria-label="Report">
      <div className="form-row">
        <TextField label="From" type="date" value={values.from} onChange={set('from')} errors={errors} field="from" />
        <TextField label="To" type="date" value={values.to} onChange={set('to')} errors={errors} field="to" />
        <div className="field">
          <span id="report-presets">Range</span>
          <div className="button-row" role="group" aria-labelledby="report-presets">
            {presets().map((p) => (
              <button
                key={p.label}
                type="button"
                className="button secondary small"
                aria-pressed={values.from === p.from && values.to === p.to}
                onClick={() => setValues((v) => ({ ...v, from: p.from, to: p.to }))}
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="form-row">
        {[0, 1, 2].map((index) =>
          index > values.groupBy.length ? null : (
            <SelectField
              key={index}
              label={index === 0 ? 'Group by' : 'Then by'}
              value={values.groupBy[index] ?? ''}
              onChange={setGrouping(index)}
              errors={index === 0 ? errors : undefined}
              field={index === 0 ? 'groupBy' : undefined}
            >
              {index > 0 && <option value="">—</option>}
              {REPORT_DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </option>
              ))}
            </SelectField>
          ),
        )}
      </div>
      <div className="form-row">
        {filter(
          'projects',
          'Project',
          choices?.projects.map((p) => ({ id: p.id, name: `${p.key} — ${p.name}` })),
        )}
        {filter(
          'users',
          'User',
          choices?.users.map((u) => ({ id: u.id, name: u.displayName })),
        )}
        {filter('teams', 'Team', choices?.teams)}
        {filter('priceLists', 'Price list', choices?.priceLists)}
        {filter('clients', 'Client', choices?.clients)}
        <TextField
          label="Work items"
          value={values.itemKeys}
          onChange={set('itemKeys')}
          placeholder="ACME-12,ACME-14"
          list="report-item-suggestions"
          autoComplete="off"
          errors={errors}
          field="itemKeys"
        />
        <datalist id="report-item-suggestions">
          {suggestions?.items.map((i) => {
            const earlier = values.itemKeys.split(',').slice(0, -1);
            return <option key={i.key} value={[...earlier, i.key].join(',')} label={`${i.key} ${i.title}`} />;
          })}
        </datalist>
      </div>
      <div className="form-actions start">
        <button type="submit" className="button">
          Show report
        </button>
      </div>
    </form>
  );
}
