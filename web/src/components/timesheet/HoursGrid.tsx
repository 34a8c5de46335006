import { useRef, useState, type KeyboardEvent } from 'react';
import type { TimesheetCell, TimesheetGrid, TimesheetItem } from '../../../../src/contracts.js';
import { formatDate, today } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { GridCell } from './GridCell.js';
import { cellId, dayClass, readCell, readOnlyReason, totalsOf, type GridRow } from './gridModel.js';
import { isTypingKey, moveFor, type Position } from './gridKeys.js';
import { CellInfo } from './CellInfo.js';
import { DayHeaders } from './DayHeaders.js';
import { GridTotals, RowTotal } from './GridTotals.js';
import { RowHeader, type RowTimer } from './RowHeader.js';
import type { CellStatus } from './useCellSaver.js';

interface Props {
  sheet: TimesheetGrid;
  rows: GridRow[];
  statuses: ReadonlyMap<string, CellStatus>;
  timer: RowTimer | null;
  /** Saves a cell's new total; null empties it. */
  onSave: (item: TimesheetItem, date: string, seconds: number | null) => void;
  /** Text in a cell that is not a duration, left by moving away. */
  onInvalid: (item: TimesheetItem, date: string, message: string) => void;
  /** A cell with several work logs: they are listed in a dialog. */
  onOpen: (row: GridRow, cell: TimesheetCell) => void;
  onReload: () => void;
  onRemoveRow: (itemKey: string) => void;
}

interface Editing {
  key: string;
  date: string;
  draft: string;
  selectAll: boolean;
}

/**
 * The week's (or month's) grid: rows are work items, columns days (FLOW-1). One cell at a time is in the tab order
 * (a roving focus); arrows, Home/End, Tab and Shift+Tab move between cells; Enter, F2 or typing edits, Enter or Tab
 * commits, Escape cancels.
 */
export function HoursGrid({ sheet, rows, statuses, timer, ...actions }: Props) {
  const [active, setActive] = useState<{ key: string; date: string } | null>(null);
  const [editing, setEditingState] = useState<Editing | null>(null);
  const [focusInside, setFocusInside] = useState(false);
  const editingRef = useRef<Editing | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const days = sheet.days;
  const size = { rows: rows.length, cols: days.length };
  const todayIso = today();
  const totals = totalsOf(rows, days);

  const setEditing = (next: Editing | null) => {
    editingRef.current = next;
    setEditingState(next);
  };

  const activeRow = Math.max(0, active ? rows.findIndex((row) => row.item.key === active.key) : 0);
  const todayCol = days.findIndex((day) => day.date === todayIso);
  const activeCol = active ? days.findIndex((day) => day.date === active.date) : -1;
  const at: Position = { row: activeRow, col: activeCol >= 0 ? activeCol : Math.max(0, todayCol) };

  function focusAt(position: Position) {
    const row = rows[position.row];
    const day = days[position.col];
    if (!row || !day) return;
    setActive({ key: row.item.key, date: day.date });
    cells.current.get(cellId(row.item.key, day.date))?.focus();
  }

  function activate(row: GridRow, cell: TimesheetCell) {
    const status = statuses.get(cellId(row.item.key, cell.date));
    if (cell.worklogs.length > 1) actions.onOpen(row, cell);
    else if (status?.state === 'conflict') actions.onReload();
    else if (!readOnlyReason(row, cell))
      setEditing({
        key: row.item.key,
        date: cell.date,
        draft: cell.seconds ? formatDuration(cell.seconds) : '',
        selectAll: true,
      });
  }

  function onCellKey(event: KeyboardEvent<HTMLTableCellElement>, position: Position) {
    const row = rows[position.row];
    const cell = row.cells[position.col];
    const move = moveFor(event.key, { shift: event.shiftKey, ctrl: event.ctrlKey || event.metaKey }, position, size);
    if (move === 'leave') return;
    if (move) {
      event.preventDefault();
      focusAt(move);
      return;
    }
    const editable = !readOnlyReason(row, cell);
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      activate(row, cell);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && editable && cell.worklogs.length === 1) {
      event.preventDefault();
      actions.onSave(row.item, cell.date, null);
    } else if (isTypingKey(event) && editable) {
      event.preventDefault();
      if (cell.worklogs.length > 1) actions.onOpen(row, cell);
      else setEditing({ key: row.item.key, date: cell.date, draft: event.key, selectAll: false });
    }
  }

  /** Ends editing with the draft saved; false (still editing) when the text is not a duration. */
  function commit(row: GridRow, cell: TimesheetCell, leaving = false): boolean {
    const current = editingRef.current;
    if (!current || current.key !== row.item.key || current.date !== cell.date) return true;
    const reading = readCell(current.draft);
    if ('error' in reading && reading.error !== undefined) {
      if (!leaving) return false;
      setEditing(null);
      actions.onInvalid(row.item, cell.date, `Not saved: ${reading.error}`);
      return true;
    }
    setEditing(null);
    const seconds = reading.seconds ?? null;
    if (seconds !== (cell.seconds || null)) actions.onSave(row.item, cell.date, seconds);
    return true;
  }

  function onEditorKey(event: KeyboardEvent<HTMLInputElement>, position: Position) {
    const row = rows[position.row];
    const cell = row.cells[position.col];
    if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(null);
      focusAt(position);
      return;
    }
    const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
    if (event.key !== 'Enter' && event.key !== 'Tab' && !vertical) return;
    event.preventDefault();
    if (!commit(row, cell)) return;
    const move =
      event.key === 'Enter' ? null : moveFor(event.key, { shift: event.shiftKey, ctrl: false }, position, size);
    focusAt(move && move !== 'leave' ? move : position);
  }

  if (rows.length === 0)
    return (
      <p className="muted empty-state">
        No work logged from {formatDate(sheet.start)} to {formatDate(sheet.end)}. Add a row to log time.{' '}
        <CapacityNote sheet={sheet} />
      </p>
    );

  const focusedRow = rows[at.row];
  const focusedCell = focusedRow?.cells[at.col];
  return (
    <>
      <div
        className="ts-scroll"
        onFocus={() => setFocusInside(true)}
        onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setFocusInside(false)}
      >
        <table role="grid" className="ts-grid" aria-label={`Hours of ${sheet.user.displayName}`}>
          <DayHeaders days={days} todayIso={todayIso} />
          <tbody>
            {rows.map((row, r) => (
              <tr role="row" key={row.item.key}>
                <RowHeader row={row} timer={timer} onRemove={actions.onRemoveRow} />
                {row.cells.map((cell, c) => {
                  const id = cellId(row.item.key, cell.date);
                  const draft = editing?.key === row.item.key && editing.date === cell.date ? editing : null;
                  const reason = readOnlyReason(row, cell);
                  return (
                    <GridCell
                      key={cell.date}
                      cell={cell}
                      label={`${row.item.key} on ${formatDate(cell.date)}`}
                      readOnly={reason}
                      status={statuses.get(id)}
                      active={at.row === r && at.col === c}
                      draft={draft?.draft ?? null}
                      selectAll={draft?.selectAll ?? false}
                      className={`${dayClass('ts-cell', cell.date, todayIso)}${reason ? ' readonly' : ''}`}
                      cellRef={(element) => {
                        if (element) cells.current.set(id, element);
                        else cells.current.delete(id);
                      }}
                      onFocus={() => setActive({ key: row.item.key, date: cell.date })}
                      onKeyDown={(event) => onCellKey(event, { row: r, col: c })}
                      onActivate={() => activate(row, cell)}
                      onDraft={(text) => draft && setEditing({ ...draft, draft: text })}
                      onEditorKeyDown={(event) => onEditorKey(event, { row: r, col: c })}
                      onEditorBlur={() => commit(row, cell, true)}
                    />
                  );
                })}
                <RowTotal seconds={totals.perRow[r]} />
              </tr>
            ))}
          </tbody>
          <GridTotals sheet={sheet} perDay={totals.perDay} total={totals.total} />
        </table>
      </div>
      <p className="ts-cell-info" aria-hidden="true">
        {focusInside && focusedRow && focusedCell && (
          <CellInfo
            row={focusedRow}
            cell={focusedCell}
            status={statuses.get(cellId(focusedRow.item.key, focusedCell.date))}
          />
        )}
      </p>
    </>
  );
}

/** The period's working time from the owner's calendar, and the days off in it, for a period with no rows yet. */
function CapacityNote({ sheet }: { sheet: Pick<TimesheetGrid, 'days' | 'totals'> }) {
  const off = sheet.days.filter((d) => d.off);
  const leave = sheet.days.filter((d) => d.leave);
  const leaveWords = (d: (typeof leave)[number]) =>
    `${formatDate(d.date)} ${d.leave!.name}${d.leave!.half ? ' (half day)' : ''}`;
  return (
    <>
      Working time: {formatDuration(sheet.totals.capacity)}
      {off.length > 0 && <>; days off: {off.map((d) => `${formatDate(d.date)} ${d.off!.name}`).join(', ')}</>}
      {leave.length > 0 && <>; leave: {leave.map(leaveWords).join(', ')}</>}.
    </>
  );
}
