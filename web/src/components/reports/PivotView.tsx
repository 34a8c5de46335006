import { useEffect, useState, type FormEvent } from 'react';
import { getPivot, getReportFilters, pivotExportHref, type ReportState } from '../../api/reports.js';
import { formatValues } from '../../money.js';
import { href, navigate } from '../../router.js';
import { useResource } from '../../useResource.js';
import { SelectField } from '../SelectField.js';
import { Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { hours } from './labels.js';
import { addressOf } from './state.js';

interface Props {
  state: ReportState;
  onError: (error: unknown) => void;
}

/**
 * The pivot over the work-item tree (REP-3, ITEM-9): a project's tree or one item's subtree with hours rolled up. Mode
 * "all items" shows the items the user may view, each over its viewable descendants; "efforts and costs" — offered
 * only to whom the server says may run it — shows the whole subtree's totals and no item.
 */
export function PivotView({ state, onError }: Props) {
  const [project, setProject] = useState(state.pivotProject);
  const [root, setRoot] = useState(state.root);
  const choices = useResource(() => getReportFilters(state.from, state.to), [state.from, state.to]).data;
  const picked = Boolean(state.pivotProject || state.root);
  const pivot = useResource(() => (picked ? getPivot(state) : Promise.resolve(undefined)), [addressOf(state), picked]);
  useEffect(() => onError(pivot.error), [pivot.error, onError]);

  function show(event: FormEvent) {
    event.preventDefault();
    navigate(addressOf({ ...state, pivotProject: project, root: root.trim().toUpperCase(), mode: 'all' }));
  }
  const data = pivot.data;
  return (
    <>
      <form className="form panel" onSubmit={show} aria-label="Pivot">
        <div className="form-row">
          <SelectField label="Project" value={project} onChange={setProject}>
            <option value="">Pick a project</option>
            {choices?.projects.map((p) => (
              <option key={p.id} value={p.key}>
                {p.key} — {p.name}
              </option>
            ))}
          </SelectField>
          <TextField label="Work item (optional)" value={root} onChange={setRoot} placeholder="e.g. ACME-12" />
        </div>
        <div className="form-actions start">
          <button type="submit" className="button" disabled={!project && !root.trim()}>
            Show pivot
          </button>
        </div>
      </form>
      {data && (data.abilities.canRunEfforts || data.mode === 'efforts') && (
        <nav className="view-switch" aria-label="Pivot mode">
          <a href={addressOf({ ...state, mode: 'all' })} aria-current={data.mode === 'all' ? 'page' : undefined}>
            All items
          </a>
          <a
            href={addressOf({ ...state, mode: 'efforts' })}
            aria-current={data.mode === 'efforts' ? 'page' : undefined}
          >
            Efforts and costs
          </a>
        </nav>
      )}
      {picked && !data && !pivot.error && <p className="muted">Loading…</p>}
      {data && (
        <div className="button-row report-downloads">
          <a className="button secondary" href={pivotExportHref(state, 'csv')} download>
            Download CSV
          </a>
          <a className="button secondary" href={pivotExportHref(state, 'xlsx')} download>
            Download Excel
          </a>
        </div>
      )}
      {data?.mode === 'efforts' && (
        <div className="panel" role="status">
          <p>
            Everything logged under {data.root.key} — {data.root.name}, whatever its items’ security:{' '}
            <strong>{hours(data.total.seconds)}</strong> in {data.total.entries} work logs
            {data.money && data.total.revenue ? `, worth ${formatValues(data.total.revenue)}` : ''}.
          </p>
        </div>
      )}
      {data?.mode === 'all' && (
        <div className="table-scroll">
          <Table
            caption={`Hours under ${data.root.key}`}
            className="report-table pivot-table"
            columns={[
              'Work item',
              { label: 'Own hours', className: 'numeric' },
              { label: 'Hours with items below', className: 'numeric' },
              data.money && { label: 'Revenue', className: 'numeric' },
            ]}
          >
            {(data.items ?? []).map((item) => (
              <tr key={item.key}>
                <th scope="row" style={{ paddingLeft: `${0.75 + item.depth * 1.25}rem` }}>
                  <a href={href.item(item.key)}>{item.key}</a> {item.title}
                </th>
                <td className="numeric">{hours(item.ownSeconds)}</td>
                <td className="numeric">{hours(item.seconds)}</td>
                {data.money && <td className="numeric">{formatValues(item.revenue ?? [])}</td>}
              </tr>
            ))}
            <tr className="total">
              <th scope="row">Total</th>
              <td />
              <td className="numeric">{hours(data.total.seconds)}</td>
              {data.money && <td className="numeric">{formatValues(data.total.revenue ?? [])}</td>}
            </tr>
          </Table>
        </div>
      )}
    </>
  );
}
