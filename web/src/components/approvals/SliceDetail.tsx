import { useState } from 'react';
import { approvalsApi } from '../../api/approvals.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { useDocumentTitle } from '../../useDocumentTitle.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { approvalsHref, type ApprovalsView } from './filters.js';
import { periodLabel, StateBadge, teamLabel } from './labels.js';
import { SliceActions } from './SliceActions.js';
import { SliceGrid } from './SliceGrid.js';
import { SliceHistory } from './SliceHistory.js';

/**
 * One slice as its approver reviews it (FLOW-10): the days × items grid with what changed since the last approval, the
 * work logs removed since, its history and the decisions the server allows. A slice the caller may not review is a 404.
 */
export function SliceDetail({ id, view }: { id: number; view: ApprovalsView }) {
  const detail = useResource(() => approvalsApi.slice(id), [id]);
  const [done, setDone] = useState('');
  const slice = detail.data?.slice;
  useDocumentTitle(slice ? `Timesheet of ${slice.owner.displayName}` : 'Timesheet approval');

  const back = (
    <p>
      <a href={approvalsHref({ ...view, slice: null })}>← Back to the queue</a>
    </p>
  );
  if (!detail.data) {
    return (
      <section>
        {back}
        <h1>Timesheet approval</h1>
        <ErrorMessage error={detail.error} />
        {detail.loading && <p className="muted">Loading…</p>}
      </section>
    );
  }

  const { removedSinceApproval, history } = detail.data;
  const s = detail.data.slice;
  return (
    <section className="slice-detail">
      {back}
      <h1>
        Timesheet of {s.owner.displayName}, {periodLabel(s)}
      </h1>
      <dl className="facts">
        <div>
          <dt>Team</dt>
          <dd>{teamLabel(s.team)}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <StateBadge state={s.state} />
          </dd>
        </div>
        <div>
          <dt>Hours</dt>
          <dd>{formatDuration(s.seconds)}</dd>
        </div>
      </dl>
      <p className="approvals-summary" role="status">
        {done}
      </p>
      <SliceActions
        slice={s}
        onDone={(message) => {
          setDone(message);
          detail.reload();
        }}
      />
      <ErrorMessage error={detail.error} />

      <h2>Hours</h2>
      <SliceGrid detail={detail.data} />

      {removedSinceApproval.length > 0 && (
        <>
          <h2>Removed since the last approval</h2>
          <ul className="removed-worklogs">
            {removedSinceApproval.map((w, i) => (
              <li key={`${w.date}-${i}`}>
                <span className="cell-change">removed</span> {formatDate(w.date)}: {formatDuration(w.seconds)} on{' '}
                {w.item ? (
                  <>
                    <span className="key">{w.item.key}</span> {w.item.title}
                  </>
                ) : (
                  <span className="restricted-item">a restricted item</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>History</h2>
      <SliceHistory entries={history} />
    </section>
  );
}
