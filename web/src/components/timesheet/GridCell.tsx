import { useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { TimesheetCell } from '../../../../src/contracts.js';
import { describeDuration, formatDuration } from '../../duration.js';
import { readCell } from './gridModel.js';
import type { CellStatus } from './useCellSaver.js';

interface Props {
  cell: TimesheetCell;
  /** The item and day, for the editor's label: "ACME-1 on Mon 6 Jan". */
  label: string;
  /** Why the cell may not be changed (ITEM-9, FLOW-1, 3, 9), or null. */
  readOnly: string | null;
  status: CellStatus | undefined;
  active: boolean;
  /** The editor's text while the cell is being edited, else null. */
  draft: string | null;
  /** Editing started from the cell's value (Enter): it is selected, so typing replaces it. */
  selectAll: boolean;
  className: string;
  cellRef: (element: HTMLTableCellElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLTableCellElement>) => void;
  /** A second click (or tap) on the focused cell: what Enter does. */
  onActivate: () => void;
  onDraft: (text: string) => void;
  onEditorKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  onEditorBlur: () => void;
}

/**
 * One day of one work item: its hours, an editor while editing (with the parsed value shown before saving, WL-6),
 * the reason it is read-only (on hover through the title; read out as its description; on focus the grid shows it
 * under itself), and where its last change stands.
 */
export function GridCell(props: Props) {
  const { cell, label, readOnly, status, active, draft } = props;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const wasActive = useRef(false);
  const editing = draft !== null;

  useLayoutEffect(() => {
    const editor = input.current;
    if (!editing || !editor) return;
    editor.focus();
    if (props.selectAll) editor.select();
    else editor.setSelectionRange(editor.value.length, editor.value.length);
    // Only when the editor opens; typing must not move the caret.
  }, [editing]);

  const count = cell.worklogs.length;
  const shown = status?.state === 'saving' ? status.seconds : cell.seconds || null;
  const notes = [
    readOnly && `Read-only: ${readOnly}`,
    count > 1 && `${count} work logs; press Enter to see them.`,
  ].filter(Boolean);
  const describedBy = [notes.length > 0 && `${id}-notes`, status && status.state !== 'saving' && `${id}-status`]
    .filter(Boolean)
    .join(' ');
  const reading = editing ? readCell(draft) : null;

  return (
    <td
      role="gridcell"
      ref={props.cellRef}
      tabIndex={active && !editing ? 0 : -1}
      aria-readonly={readOnly ? true : undefined}
      aria-describedby={describedBy || undefined}
      title={readOnly ?? undefined}
      className={props.className}
      onFocus={(event) => event.target === event.currentTarget && props.onFocus()}
      onKeyDown={(event) => event.target === event.currentTarget && props.onKeyDown(event)}
      onPointerDown={() => (wasActive.current = active)}
      onClick={() => wasActive.current && !editing && props.onActivate()}
      onDoubleClick={() => !editing && props.onActivate()}
    >
      {editing ? (
        <>
          <input
            ref={input}
            className="ts-editor"
            aria-label={`Hours on ${label}`}
            value={draft}
            onChange={(event) => props.onDraft(event.target.value)}
            onKeyDown={props.onEditorKeyDown}
            onBlur={props.onEditorBlur}
            aria-invalid={reading && 'error' in reading && reading.error ? true : undefined}
            aria-describedby={`${id}-reading`}
            inputMode="decimal"
            autoComplete="off"
          />
          <span id={`${id}-reading`} className="ts-reading" aria-live="polite">
            {reading?.error ?? (reading?.seconds ? `= ${describeDuration(reading.seconds)}` : 'Empty: no time')}
          </span>
        </>
      ) : (
        <span className="ts-value">
          {shown ? formatDuration(shown) : ''}
          {count > 1 && (
            <span className="ts-several" aria-hidden="true">
              {' '}
              ×{count}
            </span>
          )}
        </span>
      )}
      {notes.length > 0 && (
        <span id={`${id}-notes`} className="visually-hidden">
          {notes.join(' ')}
        </span>
      )}
      {status && <StatusNote id={`${id}-status`} status={status} />}
    </td>
  );
}

function StatusNote({ id, status }: { id: string; status: CellStatus }) {
  switch (status.state) {
    case 'saving':
      return (
        <span className="ts-status saving" aria-hidden="true">
          …
        </span>
      );
    case 'saved':
      return (
        <span id={id} className="ts-status saved">
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">Saved</span>
        </span>
      );
    case 'conflict':
      return (
        <span id={id} className="ts-status problem">
          Changed elsewhere — reload
        </span>
      );
    case 'refused':
      return (
        <span id={id} className="ts-status problem">
          {status.message}
        </span>
      );
  }
}
