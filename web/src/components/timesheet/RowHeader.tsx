import { useId } from 'react';
import { href } from '../../router.js';
import type { GridRow } from './gridModel.js';

/** The timer controls of a row: absent on someone else's timesheet. */
export interface RowTimer {
  /** The item the running timer is on, or null. */
  running: string | null;
  onStart: (itemKey: string) => void;
}

interface Props {
  row: GridRow;
  timer: RowTimer | null;
  onRemove: (itemKey: string) => void;
}

/** The item of a row (the sticky first column): key, title, why it is read-only, its timer, and "remove" for a row without time. */
export function RowHeader({ row, timer, onRemove }: Props) {
  const reasonId = useId();
  const { item } = row;
  return (
    <th role="rowheader" scope="row" className="ts-item">
      <a href={href.item(item.key)} className="key">
        {item.key}
      </a>{' '}
      <span className="ts-title">{item.title}</span>
      {!row.editable && (
        <span className="badge ts-readonly" title={row.reason ?? undefined} aria-describedby={reasonId}>
          Read-only
          <span id={reasonId} className="visually-hidden">
            {row.reason}
          </span>
        </span>
      )}
      <span className="ts-row-actions">
        {timer && timer.running === item.key && <span className="badge ts-timing">Timer running</span>}
        {timer && timer.running === null && row.editable && (
          <button
            type="button"
            className="button link small"
            aria-label={`Start timer on ${item.key}`}
            onClick={() => timer.onStart(item.key)}
          >
            Start timer
          </button>
        )}
        {row.added && (
          <button
            type="button"
            className="button link small"
            aria-label={`Remove row ${item.key}`}
            onClick={() => onRemove(item.key)}
          >
            Remove
          </button>
        )}
      </span>
    </th>
  );
}
