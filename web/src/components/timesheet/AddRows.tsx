import { useRef, useState } from 'react';
import { timesheetsApi } from '../../api/timesheets.js';
import type { TimesheetGrid, TimesheetItem } from '../../../../src/contracts.js';
import { useDebounced } from '../../useDebounced.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { addDays } from './gridModel.js';

interface Props {
  sheet: TimesheetGrid;
  /** Items that have a row already. */
  shown: ReadonlySet<string>;
  userId?: number;
  onAdd: (items: TimesheetItem[]) => void;
}

/** "Add row" (items the user may log work on, found by key or title) and "copy rows from last week". */
export function AddRows({ sheet, shown, userId, onAdd }: Props) {
  const [q, setQ] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const [copyError, setCopyError] = useState<unknown>(null);
  const [copying, setCopying] = useState(false);
  const settled = useDebounced(q.trim());
  const found = useResource(
    () => (settled ? timesheetsApi.items(settled, userId) : Promise.resolve([])),
    [settled, userId],
  );
  const previous = sheet.view === 'month' ? 'last month' : 'last week';

  function add(item: TimesheetItem) {
    onAdd([item]);
    setMessage(`Added a row for ${item.key}.`);
    setQ('');
    // The list of matches goes away with the query; the search field keeps the focus.
    search.current?.focus();
  }

  async function copy() {
    setCopying(true);
    setCopyError(null);
    try {
      const last = await timesheetsApi.grid({ date: addDays(sheet.start, -1), view: sheet.view, userId });
      const items = last.rows.filter((row) => row.editable && !shown.has(row.item.key)).map((row) => row.item);
      onAdd(items);
      setMessage(
        items.length === 0
          ? `No rows to copy: every row of ${previous} is here already, or ${previous} has none.`
          : `Copied ${items.length === 1 ? 'one row' : `${items.length} rows`} from ${previous}.`,
      );
    } catch (failure) {
      setCopyError(failure);
    } finally {
      setCopying(false);
    }
  }

  const matches = (found.data ?? []).filter((item) => !shown.has(item.key));
  return (
    <section className="ts-add panel" aria-label="Add rows">
      <div className="ts-add-bar">
        {/* The matches follow the search field, so Tab goes from the field to the first of them. */}
        <div className="ts-add-search">
          <label>
            Add a row
            <input
              ref={search}
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder="Find a work item by key or title"
              autoComplete="off"
            />
          </label>
          {settled && (
            <ul className="ts-matches" aria-label="Matching work items">
              {!found.loading && matches.length === 0 && !found.error && (
                <li className="muted">No work item you may log work on matches “{settled}”.</li>
              )}
              {matches.map((item) => (
                <li key={item.key}>
                  <button type="button" className="button link" onClick={() => add(item)}>
                    <span className="key">{item.key}</span> {item.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" className="button secondary" onClick={copy} disabled={copying}>
          Copy rows from {previous}
        </button>
      </div>
      <ErrorMessage error={found.error ?? copyError} />
      <p className="ts-note" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
