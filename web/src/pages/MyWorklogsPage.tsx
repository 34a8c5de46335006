import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LoadMoreButton } from '../components/LoadMoreButton.js';
import { TextField } from '../components/TextField.js';
import { WorklogTable } from '../components/WorklogTable.js';
import { formatDate, weekOf } from '../dates.js';
import { formatDuration, formatHours } from '../duration.js';
import { href } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useFieldErrors } from '../useFieldErrors.js';

export function MyWorklogsPage() {
  const [range, setRange] = useState(() => weekOf(new Date()));
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [formError, setFormError] = useState<ApiError | null>(null);
  const list = useCursorList((cursor) => api.listMyWorklogs(range.from, range.to, cursor), [range.from, range.to]);
  useDocumentTitle('My work logs');
  const fields = useFieldErrors(formError ?? list.error, ['from', 'to']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!from || !to || from > to) {
      setFormError(
        new ApiError(
          400,
          'invalid_range',
          from && to ? 'Choose an end date on or after the start date.' : 'Choose both dates.',
          from ? 'to' : 'from',
        ),
      );
      return;
    }
    setFormError(null);
    setRange({ from, to });
  }

  // The server sums the whole range; every page carries the total.
  const totalSeconds = list.lastPage?.totalSeconds ?? 0;

  return (
    <section>
      <h1>My work logs</h1>
      <form onSubmit={submit} className="form inline-form" aria-label="Date range">
        <TextField label="From" type="date" value={from} onChange={setFrom} required errors={fields} field="from" />
        <TextField label="To" type="date" value={to} onChange={setTo} required errors={fields} field="to" />
        <button type="submit" className="button">
          Show
        </button>
      </form>
      <ErrorMessage error={fields.rest} />

      {list.loading && list.items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        !list.error && (
          <>
            <p className="total" aria-live="polite">
              Total {formatDate(range.from)} to {formatDate(range.to)}: <strong>{formatDuration(totalSeconds)}</strong>{' '}
              <span className="muted">({formatHours(totalSeconds)} hours)</span>
            </p>
            {list.items.length === 0 ? (
              <p className="muted empty-state">
                No work logged in this range. To log work, open a work item from <a href={href.projects()}>Projects</a>{' '}
                and choose Log work.
              </p>
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
