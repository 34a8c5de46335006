import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { today } from '../dates.js';
import { describeDuration, DURATION_HELP, formatDuration, readDuration } from '../duration.js';
import type { Worklog, WorklogInput } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { useResource } from '../useResource.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { FormButtons } from './FormButtons.js';
import { TextField } from './TextField.js';
import { TeamChangedDialog, teamChangeOf, type TeamChange } from './TeamChangedDialog.js';
import { WorklogPreviewPanel } from './WorklogPreviewPanel.js';
import { WorklogTeamFacts } from './WorklogTeamFacts.js';

interface Props {
  itemKey: string;
  /** Given when editing; absent when logging new work. */
  worklog?: Worklog;
  onClose: () => void;
  onSaved: (worklog: Worklog | undefined) => void;
}

const FIELDS = ['startDate', 'startTime', 'durationSeconds', 'description'];

export function LogWorkDialog({ itemKey, worklog, onClose, onSaved }: Props) {
  const [startDate, setStartDate] = useState(worklog?.startDate ?? today());
  const [startTime, setStartTime] = useState(worklog?.startTime?.slice(0, 5) ?? '');
  const [duration, setDuration] = useState(worklog ? formatDuration(worklog.durationSeconds) : '');
  const [description, setDescription] = useState(worklog?.description ?? '');
  const [teamChange, setTeamChange] = useState<TeamChange | null>(null);
  const { busy, error, setError, run } = useAction((failure) => {
    if (failure instanceof ApiError && failure.code === 'team_changed') {
      setTeamChange(teamChangeOf(failure.problem));
      return true;
    }
    return false;
  });
  // New work only: what it would record on the chosen date, or why it may not be logged (PRICE-3).
  const preview = useResource(
    () => (worklog || !startDate ? Promise.resolve(undefined) : api.previewWorklog(itemKey, startDate)),
    [itemKey, startDate, worklog],
  );
  const helpId = useId();

  // WL-6: the parsed value (or why it is not one) shows as the user types, before saving.
  const reading = readDuration(duration);
  const seconds = reading.seconds;
  const fields = useFieldErrors(error, FIELDS);
  // A date outside the work-date window is already refused by the preview: shown at the date, before saving.
  const previewFields = useFieldErrors(preview.error, ['startDate']);
  const dateErrors = fields.message('startDate') ? fields : previewFields;
  const refused = preview.data?.allowed === false;

  function save(confirmTeamChange: boolean) {
    if (seconds === undefined) {
      setError(new ApiError(400, 'invalid_duration', reading.error, 'durationSeconds'));
      return;
    }
    const input: WorklogInput = {
      startDate,
      startTime: startTime || null,
      durationSeconds: seconds,
      description: description.trim(),
    };
    void run(async () => {
      const saved = worklog
        ? await api.updateWorklog(worklog, input, confirmTeamChange)
        : await api.createWorklog(itemKey, input);
      setTeamChange(null);
      onSaved(saved);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save(false);
  }

  return (
    <>
      <Dialog title={worklog ? `Edit work log on ${itemKey}` : `Log work on ${itemKey}`} onClose={onClose}>
        <form onSubmit={submit} className="form" noValidate>
          <div className="form-row">
            <TextField
              label="Date"
              type="date"
              value={startDate}
              onChange={setStartDate}
              required
              errors={dateErrors}
              field="startDate"
            />
            <TextField
              label="Start time (optional)"
              type="time"
              value={startTime}
              onChange={setStartTime}
              errors={fields}
              field="startTime"
            />
          </div>
          <label>
            Duration
            <input
              value={duration}
              onChange={(e) => {
                setDuration(e.target.value);
                // The live reading takes over again from a refusal of what was there before.
                if (fields.message('durationSeconds')) setError(null);
              }}
              placeholder="1h 30m"
              autoFocus
              {...fields.props('durationSeconds', fields.message('durationSeconds') ? undefined : helpId)}
            />
          </label>
          {fields.message('durationSeconds') ? (
            <FieldError errors={fields} field="durationSeconds" />
          ) : (
            <p id={helpId} className="hint" aria-live="polite">
              {seconds !== undefined
                ? `= ${describeDuration(seconds)}`
                : duration.trim()
                  ? reading.error
                  : DURATION_HELP}
            </p>
          )}
          <TextField
            label="Description"
            value={description}
            onChange={setDescription}
            rows={3}
            errors={fields}
            field="description"
          />
          {worklog ? (
            <section className="worklog-preview" aria-label="Team and price list">
              <h3>Recorded with</h3>
              <WorklogTeamFacts
                team={worklog.team}
                priceList={worklog.priceList}
                rate={worklog.rate}
                currency={worklog.currency}
              />
            </section>
          ) : (
            <WorklogPreviewPanel preview={preview.data} error={previewFields.rest} />
          )}
          <ErrorMessage error={fields.rest} />
          <FormButtons onCancel={onClose} label="Save" busyLabel="Saving…" busy={busy} disabled={refused} />
        </form>
      </Dialog>
      {teamChange && (
        <TeamChangedDialog
          change={teamChange}
          busy={busy}
          onConfirm={() => save(true)}
          onCancel={() => setTeamChange(null)}
        />
      )}
    </>
  );
}
