import { periodHistory } from '../../api/periods.js';
import { formatDateTime } from '../../dates.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { monthName } from './labels.js';

const DONE: Record<string, string> = { closed: 'closed', open: 'reopened' };

/** A month's closes and reopens, oldest first: who, when, and their comment (FLOW-7). */
export function PeriodHistoryDialog(props: { teamId: number; teamName: string; start: string; onClose: () => void }) {
  const { teamId, teamName, start, onClose } = props;
  const history = useResource(() => periodHistory(teamId, start), [teamId, start]);
  const items = history.data?.items ?? [];
  return (
    <Dialog title={`History of ${monthName(start)}, ${teamName}`} onClose={onClose}>
      <ErrorMessage error={history.error} />
      {history.loading && <p className="muted">Loading…</p>}
      {history.data &&
        (items.length === 0 ? (
          <p className="muted">This month has never been closed.</p>
        ) : (
          <ol className="period-history">
            {items.map((entry, index) => (
              <li key={index}>
                <span className="muted">{formatDateTime(entry.at)}</span> {entry.actor?.displayName ?? 'A former user'}{' '}
                <strong>{DONE[entry.to] ?? entry.to}</strong> the month
                {entry.comment && <span> — “{entry.comment}”</span>}
              </li>
            ))}
          </ol>
        ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
