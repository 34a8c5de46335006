import { useState } from 'react';
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
}

/** The confirmation of closing or reopening a month (FLOW-3), with an optional comment kept in its history (FLOW-7). */
export function PeriodChangeDialog({ teamId, teamName, period, onClose, onChanged }: Props) {
  const [comment, setComment] = useState('');
  const closing = period.state === 'open';
  const month = monthName(period.start);
  const { busy, fields, submit } = useFormSubmit(['comment'], async () => {
    await changePeriod(teamId, period, closing ? 'close' : 'reopen', comment.trim() ? { comment } : {});
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
