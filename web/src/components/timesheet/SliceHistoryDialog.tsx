import { timesheetsApi } from '../../api/timesheets.js';
import type { TimesheetSlice } from '../../../../src/contracts.js';
import { formatDate, formatDateTime } from '../../dates.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';

const STATE_WORDS: Record<string, string> = {
  open: 'open',
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  recall_requested: 'recall requested',
};

/** A slice's transitions, oldest first: who moved it, when, from and to which state, with their comment (FLOW-2). */
export function SliceHistoryDialog({
  slice,
  name,
  onClose,
}: {
  slice: TimesheetSlice;
  name: string;
  onClose: () => void;
}) {
  const history = useResource(() => timesheetsApi.history(slice.id!), [slice.id]);
  return (
    <Dialog title={`History of ${name}, ${formatDate(slice.start)} – ${formatDate(slice.end)}`} onClose={onClose}>
      <ErrorMessage error={history.error} />
      {history.loading && <p className="muted">Loading…</p>}
      {history.data && (
        <ol className="ts-history">
          {history.data.items.map((entry, index) => (
            <li key={index}>
              <span className="muted">{formatDateTime(entry.at)}</span> {entry.actor?.displayName ?? 'Someone'}:{' '}
              {entry.from ? `${STATE_WORDS[entry.from] ?? entry.from} → ` : ''}
              <strong>{STATE_WORDS[entry.to] ?? entry.to}</strong>
              {entry.comment && <span> — “{entry.comment}”</span>}
            </li>
          ))}
        </ol>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
