import { useId, useState } from 'react';
import { timesheetsApi } from '../../api/timesheets.js';
import type { TimesheetGrid, TimesheetSlice } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { useAction } from '../../useAction.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { SliceHistoryDialog } from './SliceHistoryDialog.js';

export const SLICE_STATES: Record<TimesheetSlice['state'], string> = {
  open: 'Open',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  recall_requested: 'Recall requested',
};

interface Props {
  sheet: TimesheetGrid;
  userId?: number;
  /** After a submit or recall: the grid reloads (its locks follow the slices). */
  onChanged: () => void;
}

/** A slice of a month-period project (longer than a week). */
const spansMonth = (slice: TimesheetSlice) => Date.parse(slice.end) - Date.parse(slice.start) > 7 * 86_400_000;

const sliceName = (slice: TimesheetSlice) => (slice.team ? `Team ${slice.team.name}` : 'No team');

/**
 * The period's slices, one per team the hours were logged with (FLOW-10), with their states; "Submit" sends every
 * open or rejected slice of the shown range (FLOW-1, 2), "Request recall" asks to reopen an approved one (FLOW-7).
 */
export function SlicePanel({ sheet, userId, onChanged }: Props) {
  const headingId = useId();
  const [message, setMessage] = useState('');
  const [history, setHistory] = useState<TimesheetSlice | null>(null);
  const { busy, error, run } = useAction();
  const within = (slice: TimesheetSlice) => slice.start >= sheet.start && slice.end <= sheet.end;
  const submittable = sheet.slices.filter((slice) => slice.abilities.submit && within(slice));
  const period = sheet.view === 'month' ? 'month' : 'week';

  const submit = () =>
    run(async () => {
      setMessage('');
      const { slices } = await timesheetsApi.submit({ start: sheet.start, end: sheet.end }, userId);
      setMessage(`Submitted ${slices.map(sliceName).join(', ')} for approval.`);
      onChanged();
    });
  const recall = (slice: TimesheetSlice) =>
    run(async () => {
      setMessage('');
      await timesheetsApi.recall(slice.id!);
      setMessage(`Recall of ${sliceName(slice)} requested; the approver decides.`);
      onChanged();
    });

  return (
    <section className="panel ts-slices" aria-labelledby={headingId}>
      <h2 id={headingId}>Approval</h2>
      {sheet.slices.length === 0 ? (
        <p className="muted">Nothing logged in this {period} yet.</p>
      ) : (
        <ul className="ts-slice-list">
          {sheet.slices.map((slice) => (
            <li key={`${slice.team?.id ?? 'none'}:${slice.start}`}>
              <div className="ts-slice-head">
                <strong>{sliceName(slice)}</strong>
                <span className={`badge slice-${slice.state}`}>{SLICE_STATES[slice.state]}</span>
                <span>{formatDuration(slice.seconds)}</span>
                <span className="muted">
                  {formatDate(slice.start)} – {formatDate(slice.end)}
                </span>
              </div>
              {slice.lastComment && (
                <p className={slice.state === 'rejected' ? 'ts-comment rejected' : 'ts-comment'}>
                  {slice.state === 'rejected' ? 'Rejected: ' : 'Comment: '}“{slice.lastComment}”
                </p>
              )}
              {slice.abilities.submit && !within(slice) && (
                <p className="ts-note">
                  This slice runs beyond the shown {period}; submit it from the {spansMonth(slice) ? 'month' : 'week'}{' '}
                  view that holds it whole.
                </p>
              )}
              <div className="ts-slice-actions">
                {slice.abilities.recall && slice.id !== null && (
                  <button
                    type="button"
                    className="button secondary small"
                    disabled={busy}
                    onClick={() => recall(slice)}
                  >
                    Request recall
                  </button>
                )}
                {slice.id !== null && (
                  <button
                    type="button"
                    className="button link small"
                    onClick={() => setHistory(slice)}
                    aria-label={`History of ${sliceName(slice)}`}
                  >
                    History
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {submittable.length > 0 && (
        <button type="button" className="button" disabled={busy} onClick={submit}>
          Submit {period}
        </button>
      )}
      <ErrorMessage error={error} />
      <p className="ts-note" aria-live="polite">
        {message}
      </p>
      {history && <SliceHistoryDialog slice={history} name={sliceName(history)} onClose={() => setHistory(null)} />}
    </section>
  );
}
