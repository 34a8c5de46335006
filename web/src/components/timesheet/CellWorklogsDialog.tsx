import { useState } from 'react';
import { ApiError, errorText } from '../../api.js';
import { timesheetsApi } from '../../api/timesheets.js';
import type { TimesheetCell, TimesheetCellWorklog } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { Dialog } from '../Dialog.js';
import { teamChangeOf } from '../TeamChangedDialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { DurationInput } from './DurationInput.js';
import type { GridRow } from './gridModel.js';
import { readOnlyReason } from './gridModel.js';
import { cellWorklog } from './useCellSaver.js';

interface Props {
  row: GridRow;
  cell: TimesheetCell;
  userId?: number;
  /** The cell's work logs after a change here. */
  onChanged: (worklogs: TimesheetCellWorklog[]) => void;
  onReload: () => void;
  onClose: () => void;
}

/** A refusal in plain words; a stale version (API-4) and a team change (PRICE-5) say what to do next. */
function problemText(failure: unknown): string {
  if (failure instanceof ApiError && failure.code === 'version_conflict') return 'Changed elsewhere — reload.';
  if (failure instanceof ApiError && failure.code === 'team_changed') {
    const { recordedTeam, currentTeam } = teamChangeOf(failure.problem);
    const team = (named: { name: string } | null) => (named ? `team ${named.name}` : 'no team');
    return `This work log was recorded with ${team(recordedTeam)}; the author is now in ${team(currentTeam)}.`;
  }
  return errorText(failure);
}

/** The work logs of one cell (item × day), each changed or deleted on its own, and another one added. */
export function CellWorklogsDialog({ row, cell, userId, onChanged, onReload, onClose }: Props) {
  const readOnly = readOnlyReason(row, cell);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  /** Changes the server answered with `team_changed` (PRICE-5): the durations to save once the move is confirmed. */
  const [moves, setMoves] = useState<Record<number, number>>({});

  async function act(
    slot: string,
    action: () => Promise<TimesheetCellWorklog[]>,
    moving?: { id: number; seconds: number },
  ) {
    setBusy(true);
    setProblems(({ [slot]: _, ...rest }) => rest);
    if (moving) setMoves(({ [moving.id]: _, ...rest }) => rest);
    try {
      onChanged(await action());
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'version_conflict') setConflict(true);
      if (failure instanceof ApiError && failure.code === 'team_changed' && moving)
        setMoves((previous) => ({ ...previous, [moving.id]: moving.seconds }));
      setProblems((previous) => ({ ...previous, [slot]: problemText(failure) }));
    } finally {
      setBusy(false);
    }
  }

  const change = (worklog: TimesheetCellWorklog, seconds: number, confirmTeamChange = false) =>
    act(
      String(worklog.id),
      async () => {
        const saved = cellWorklog(await timesheetsApi.changeWorklog(worklog, seconds, confirmTeamChange));
        return cell.worklogs.map((each) => (each.id === worklog.id ? saved : each));
      },
      { id: worklog.id, seconds },
    );
  const remove = (worklog: TimesheetCellWorklog) =>
    act(String(worklog.id), async () => {
      await timesheetsApi.deleteWorklog(worklog);
      return cell.worklogs.filter((each) => each.id !== worklog.id);
    });
  const add = (seconds: number) =>
    act('new', async () => {
      const created = await timesheetsApi.logCell(row.item.key, cell.date, seconds, userId);
      return [...cell.worklogs, cellWorklog(created)];
    });

  return (
    <Dialog title={`Work logs on ${row.item.key}, ${formatDate(cell.date)}`} onClose={onClose} wide>
      {readOnly && <p className="notice">Read-only: {readOnly}</p>}
      <ul className="ts-worklogs">
        {cell.worklogs.map((worklog, index) => (
          <li key={worklog.id}>
            <div className="ts-worklog-facts">
              <strong>{formatDuration(worklog.seconds)}</strong>
              {worklog.startTime && <span className="muted"> from {worklog.startTime.slice(0, 5)}</span>}
              {worklog.description && <span> — {worklog.description}</span>}
            </div>
            {!readOnly && (
              <DurationInput
                label={`Duration of work log ${index + 1}`}
                initial={formatDuration(worklog.seconds)}
                busy={busy}
                submitLabel="Save"
                onSubmit={(seconds) => change(worklog, seconds)}
                extra={
                  <button
                    type="button"
                    className="button danger small"
                    disabled={busy}
                    onClick={() => remove(worklog)}
                    aria-label={`Delete work log ${index + 1}`}
                  >
                    Delete
                  </button>
                }
              />
            )}
            <ErrorMessage error={problems[String(worklog.id)]} />
            {moves[worklog.id] !== undefined && (
              <button
                type="button"
                className="button secondary small"
                disabled={busy}
                onClick={() => change(worklog, moves[worklog.id], true)}
              >
                Move to the current team and save
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <>
          <h3>Add a work log</h3>
          <DurationInput label="Duration" initial="" busy={busy} submitLabel="Add" onSubmit={add} />
          <ErrorMessage error={problems.new} />
        </>
      )}
      <div className="form-actions">
        {conflict && (
          <button type="button" className="button secondary" onClick={onReload}>
            Reload
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
