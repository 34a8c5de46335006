import { useEffect, useState, type FormEvent } from 'react';
import { getItemAnalysis, getWorkload, type ReportState } from '../../api/reports.js';
import { href, navigate } from '../../router.js';
import { useCursorList } from '../../useCursorList.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { LoadMoreButton } from '../LoadMoreButton.js';
import { Table } from '../Table.js';
import { hours } from './labels.js';
import { addressOf } from './state.js';

/**
 * ITEM-9's two views in the Reports area. The workload shows, per person, hours per day or week against capacity —
 * counting work on items the reader may not view, naming none. Items across projects is the cross-project work-item
 * analysis: viewable items only, each with the hours the reports count.
 */

interface ViewProps {
  state: ReportState;
  onError: (error: unknown) => void;
}

const DAY = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
const WEEK = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** A column's header: "Mon 2" for a day, "Mar 2" for the week starting that Monday. */
const columnLabel = (start: string, period: 'day' | 'week') =>
  (period === 'day' ? DAY : WEEK).format(new Date(`${start}T00:00:00Z`));

/** A person's share of their capacity, as the cell's title and class: over capacity is overbooked. */
function load(seconds: number, capacity: number): { className?: string; title: string } {
  if (capacity === 0) return seconds > 0 ? { className: 'over', title: 'Work on a day off' } : { title: 'Day off' };
  const share = Math.round((seconds * 100) / capacity);
  return { className: share > 100 ? 'over' : share < 50 ? 'under' : undefined, title: `${share}% of capacity` };
}

export function WorkloadView({ state, onError }: ViewProps) {
  const address = addressOf(state);
  const workload = useResource(() => getWorkload(state), [address]);
  useEffect(() => onError(workload.error), [workload.error, onError]);
  if (workload.error) return null;
  if (!workload.data) return <p className="muted">Loading…</p>;
  const { columns, people, period, truncated } = workload.data;
  return (
    <>
      <nav className="view-switch" aria-label="Workload columns">
        {(['day', 'week'] as const).map((p) => (
          <a key={p} href={addressOf({ ...state, period: p })} aria-current={period === p ? 'page' : undefined}>
            {p === 'day' ? 'By day' : 'By week'}
          </a>
        ))}
      </nav>
      <p className="muted">
        Each person’s hours against their working time (weekly hours, holidays, company days off). The totals count all
        work of the people you see on projects you may browse, including items you may not open; no item is named.
      </p>
      {truncated && <p className="notice">Only the first {people.length} people are shown; filter by team or user.</p>}
      {people.length === 0 ? (
        <p className="muted">No one’s work is shown to you here.</p>
      ) : (
        <div className="table-scroll">
          <Table
            caption={period === 'day' ? 'Workload' : 'Workload (weeks from Monday)'}
            className="report-table workload-table"
            columns={[
              'Person',
              ...columns.map((c) => ({ label: columnLabel(c.start, period), className: 'numeric' })),
              { label: 'Total', className: 'numeric' },
            ]}
          >
            {people.map((p) => (
              <tr key={p.user.id}>
                <th scope="row">{p.user.displayName}</th>
                {p.cells.map((seconds, i) => {
                  const cell = load(seconds, p.capacity[i]);
                  return (
                    <td key={columns[i].start} className={`numeric ${cell.className ?? ''}`} title={cell.title}>
                      {seconds === 0 ? '·' : hours(seconds)}
                    </td>
                  );
                })}
                <td className="numeric" title={load(p.seconds, p.capacitySeconds).title}>
                  {hours(p.seconds)} / {hours(p.capacitySeconds)}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </>
  );
}

/** The cross-project analysis: items with counted work in the range, most hours first, searchable by key or title. */
export function ItemAnalysisView({ state, onError }: ViewProps) {
  const [text, setText] = useState(state.q);
  const list = useCursorList(
    (cursor) =>
      getItemAnalysis(state, Number(cursor ?? 0)).then((page) => ({
        items: page.items,
        nextCursor: page.nextOffset === null ? null : String(page.nextOffset),
      })),
    [addressOf(state)],
  );
  const firstPageError = list.items.length === 0 ? list.error : null;
  useEffect(() => onError(firstPageError), [firstPageError, onError]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(addressOf({ ...state, q: text.trim() }));
  };
  return (
    <>
      <form className="form item-search" role="search" onSubmit={search}>
        <label className="field">
          <span>Key or title contains</span>
          <input type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button secondary">
          Search
        </button>
      </form>
      {firstPageError ? null : list.loading && !list.lastPage ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 ? (
        <p className="muted">No work items with work in this report.</p>
      ) : (
        <div className="table-scroll">
          <Table
            caption="Work items across projects"
            className="report-table"
            columns={[
              'Work item',
              'Project',
              'Status',
              { label: 'Hours', className: 'numeric' },
              { label: 'People', className: 'numeric' },
              'Last work',
            ]}
          >
            {list.items.map((item) => (
              <tr key={item.key}>
                <td>
                  <a href={href.item(item.key)}>{item.key}</a> {item.title}
                </td>
                <td>{item.project.name}</td>
                <td>{item.status}</td>
                <td className="numeric">{hours(item.seconds)}</td>
                <td className="numeric">{item.people}</td>
                <td>{item.lastDate}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <ErrorMessage error={list.error && list.items.length > 0 ? list.error : null} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
