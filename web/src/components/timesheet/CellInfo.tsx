import type { TimesheetCell } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { readOnlyReason, type GridRow } from './gridModel.js';
import type { CellStatus } from './useCellSaver.js';

/** What the focused cell is and what may be done there, shown under the grid (screen readers hear it as the cell's description). */
export function CellInfo({ row, cell, status }: { row: GridRow; cell: TimesheetCell; status: CellStatus | undefined }) {
  const reason = readOnlyReason(row, cell);
  const problem =
    status?.state === 'refused'
      ? status.message
      : status?.state === 'conflict'
        ? 'Changed elsewhere — press Enter to reload.'
        : null;
  return (
    <>
      <strong>
        {row.item.key}, {formatDate(cell.date)}:
      </strong>{' '}
      {reason ? (
        <span className="reason">Read-only: {reason}</span>
      ) : problem ? (
        <span className="reason">{problem}</span>
      ) : cell.worklogs.length > 1 ? (
        `${cell.worklogs.length} work logs — press Enter to see them.`
      ) : (
        <span className="muted">
          Type hours (1.5, 1h 30m, 90m or 1:30); Enter edits and saves, Escape cancels, Delete empties.
        </span>
      )}
    </>
  );
}
