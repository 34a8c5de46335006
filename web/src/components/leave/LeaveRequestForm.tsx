import { useState } from 'react';
import type { LeaveRequest, LeaveType } from '../../../../src/contracts.js';
import { leaveApi } from '../../api/leave.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FieldError } from '../FieldError.js';
import { SelectField } from '../SelectField.js';
import { TextField } from '../TextField.js';

const FIELDS = ['typeId', 'startDate', 'endDate', 'startHalf', 'endHalf', 'comment'] as const;

interface Props {
  /** The types a new request may name (none archived). */
  types: LeaveType[];
  onRequested: (leave: LeaveRequest) => void;
}

/**
 * A request for my own leave (FLOW-4): a type, the first and the last day, half days at either end, a comment. The
 * server counts the working days of my calendar and checks my allowance and other leave; a refusal naming a field
 * shows next to it (API-5).
 */
export function LeaveRequestForm({ types, onRequested }: Props) {
  const [typeId, setTypeId] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [startHalf, setStartHalf] = useState(false);
  const [endHalf, setEndHalf] = useState(false);
  const [comment, setComment] = useState('');
  // Until one is chosen (or when the chosen one is offered no more): the first type with an allowance, else the first.
  const fallback = types.find((t) => t.allowanceDays !== null) ?? types[0];
  const chosen = types.some((t) => String(t.id) === typeId) ? typeId : String(fallback?.id ?? '');
  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    const leave = await leaveApi.request({
      typeId: Number(chosen),
      startDate,
      endDate,
      startHalf,
      endHalf,
      comment: comment.trim(),
    });
    setStartDate('');
    setEndDate('');
    setStartHalf(false);
    setEndHalf(false);
    setComment('');
    onRequested(leave);
  });

  if (types.length === 0)
    return <p className="muted">No leave type can be requested yet: an administrator adds the leave types.</p>;
  return (
    <form onSubmit={submit} className="form leave-form" aria-labelledby="leave-request-heading">
      <div className="form-row">
        <SelectField label="Type" value={chosen} onChange={setTypeId} errors={fields} field="typeId">
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="First day"
          type="date"
          value={startDate}
          onChange={(day) => {
            setStartDate(day);
            // A one-day request needs one date; the last day follows the first until it is set.
            if (endDate === '' || endDate === startDate) setEndDate(day);
          }}
          required
          errors={fields}
          field="startDate"
        />
        <TextField
          label="Last day"
          type="date"
          value={endDate}
          onChange={setEndDate}
          required
          errors={fields}
          field="endDate"
        />
      </div>
      <div className="leave-halves">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={startHalf}
            onChange={(e) => setStartHalf(e.target.checked)}
            {...fields.props('startHalf')}
          />{' '}
          From noon on the first day
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={endHalf}
            onChange={(e) => setEndHalf(e.target.checked)}
            {...fields.props('endHalf')}
          />{' '}
          Until noon on the last day
        </label>
      </div>
      <FieldError errors={fields} field="startHalf" />
      <FieldError errors={fields} field="endHalf" />
      <TextField
        label="Comment (optional)"
        rows={2}
        value={comment}
        onChange={setComment}
        maxLength={1000}
        errors={fields}
        field="comment"
      />
      <ErrorMessage error={fields.rest} />
      <div className="form-actions start">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Requesting…' : 'Request leave'}
        </button>
      </div>
    </form>
  );
}
