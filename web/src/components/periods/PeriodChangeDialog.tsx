import { useState } from 'react';
import { ApiError } from '../../api.js';
import { changePeriod } from '../../api/periods.js';
import type { TeamPeriod } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';
import { monthName } from './labels.js';

interface Props {
  teamId: number;
  teamName: string;
  period: TeamPeriod;
  onClose: () => void;
  onChanged: () => void;
  /** The month changed since the list was read (a 409): reload the list. */
  onStale: () => void;
}

/** The confirmation of closing or reopening a month (FLOW-3), with an optional comment kept in its history (FLOW-7). */
export function PeriodChangeDialog({ teamId, teamName, period, onClose, onChanged, onStale }: Props) {
  const [comment, setComment] = useState('');
  const closing = period.state === 'open';
  const month = monthName(period.start);
  const { busy, fields, submit } = useFormSubmit(['comment'], async () => {
    try {
      await changePeriod(teamId, period, closing ? 'close' : 'reopen', comment.trim() ? { comment } : {});
    } catch (failure) {
      // Someone else closed or reopened the month meanwhile (409): the list behind the dialog shows it as it is now.
      if (failure instanceof ApiError && failure.status === 409) onStale();
      throw failure;
    }
    onChanged();
  });
  const span = `${formatDate(period.start)} – ${formatDate(period.end)}`;

  return (
    <Dialog title={`${closing ? 'Close' : 'Reopen'} ${month} for ${teamName}?`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>
          {closing
            ? `Nobody — administrators included — will be able to log, change or delete work of ${teamName} dated ${span} until the month is reopened.`
            : `Work of ${teamName} dated ${span} can be logged, changed and deleted again.`}
        </p>
        <TextField
          label="Comment (optional)"
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={setComment}
          errors={fields}
          field="comment"
        />
        <ErrorMessage error={fields.rest} />
        <FormButtons
          onCancel={onClose}
          label={closing ? 'Close month' : 'Reopen month'}
          busyLabel={closing ? 'Closing…' : 'Reopening…'}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
