import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LoadMoreButton } from '../components/LoadMoreButton.js';
import { WorklogTable } from '../components/WorklogTable.js';
import { weekOf } from '../dates.js';
import { formatDuration, formatHours } from '../duration.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

export function MyWorklogsPage() {
  const [range, setRange] = useState(() => weekOf(new Date()));
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [formError, setFormError] = useState<string | null>(null);
  const list = useCursorList((cursor) => api.listMyWorklogs(range.from, range.to, cursor), [range.from, range.to]);
  useDocumentTitle('My work logs');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!from || !to || from > to) {
      setFormError('Choose a start date on or before the end date.');
      return;
    }
    setFormError(null);
    setRange({ from, to });
  }

  // The server sums the whole range; the sum of loaded rows is only a fallback.
  const totalSeconds =
    list.lastPage?.totalSeconds ?? list.items.reduce((sum, worklog) => sum + worklog.durationSeconds, 0);

  return (
    <section>
      <h1>My work logs</h1>
      <form onSubmit={submit} className="form inline-form" aria-label="Date range">
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <button type="submit" className="button">
          Show
        </button>
      </form>
      <ErrorMessage error={formError ?? list.error} />

      {list.loading && list.items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        !list.error && (
          <>
            <p className="total" aria-live="polite">
              Total {range.from} to {range.to}: <strong>{formatDuration(totalSeconds)}</strong>{' '}
              <span className="muted">({formatHours(totalSeconds)} hours)</span>
            </p>
            {list.items.length === 0 ? (
              <p className="muted">No work logged in this range.</p>
            ) : (
              <WorklogTable worklogs={list.items} caption="My work logs" showItem onChanged={list.reload} />
            )}
            <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
          </>
        )
      )}
    </section>
  );
}
