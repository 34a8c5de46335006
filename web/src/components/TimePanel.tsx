import { api } from '../api.js';
import { formatDate } from '../dates.js';
import { formatDuration } from '../duration.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';

/** The item screen's time-tracking panel; the caller shows it only when the API grants canViewTimePanels (DENY-1). */
export function TimePanel({ itemKey }: { itemKey: string }) {
  const summary = useResource(() => api.getTimeSummary(itemKey), [itemKey]);
  const data = summary.data;
  return (
    <section className="panel time-panel" aria-labelledby="time-panel-title">
      <h2 id="time-panel-title">Time spent</h2>
      <ErrorMessage error={summary.error} />
      {!data ? (
        !summary.error && <p className="muted">Loading…</p>
      ) : (
        <dl className="facts">
          <div>
            <dt>On this item</dt>
            <dd>{formatDuration(data.timeSpentSeconds)}</dd>
          </div>
          <div>
            <dt>Including child items</dt>
            <dd>{formatDuration(data.subtreeTimeSpentSeconds)}</dd>
          </div>
          <div>
            <dt>My last work log</dt>
            <dd>
              {data.myLastWorklog ? (
                <>
                  {formatDuration(data.myLastWorklog.durationSeconds)}{' '}
                  <span className="muted">on {formatDate(data.myLastWorklog.startDate)}</span>
                </>
              ) : (
                <span className="muted">None yet</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
