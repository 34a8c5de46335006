import type { KeyboardEvent } from 'react';
import type { ApprovalSlice } from '../../../../src/contracts.js';
import type { BatchDecision } from '../../api/approvals.js';
import { formatDateTime } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { Table } from '../Table.js';
import { approvalsHref, type ApprovalsView } from './filters.js';
import { periodLabel, StateBadge, teamLabel } from './labels.js';

/** What a batch did to one row: done, or refused with the server's words. */
export type RowResult = { ok: true; decision: BatchDecision } | { ok: false; message: string };

interface Props {
  slices: ApprovalSlice[];
  view: ApprovalsView;
  selected: ReadonlySet<number>;
  onSelect: (ids: number[], on: boolean) => void;
  results: ReadonlyMap<number, RowResult>;
}

/** A slice may be picked for a batch when the server says it may be approved or rejected. */
export const selectable = (slice: ApprovalSlice) => slice.abilities.approve || slice.abilities.reject;

const sliceName = (slice: ApprovalSlice) =>
  `${slice.owner.displayName}, ${periodLabel(slice)}, ${teamLabel(slice.team)}`;

/** Enter ticks a checkbox too, as Space does, so a keyboard user need not know which key a checkbox takes. */
export function enterToggles(event: KeyboardEvent<HTMLInputElement>) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  event.currentTarget.click();
}

/** The queue: one row per slice; on a phone each row is a card (stacked-table). */
export function QueueTable({ slices, view, selected, onSelect, results }: Props) {
  return (
    <Table
      caption="Timesheets routed to you"
      className="stacked-table approvals-queue"
      columns={[
        { label: 'Select', hidden: true },
        'Person',
        'Period',
        'Team',
        { label: 'Hours', className: 'numeric' },
        'State',
        'Updated',
      ]}
    >
      {slices.map((slice) => {
        const result = results.get(slice.id);
        return (
          <tr key={slice.id} className={selected.has(slice.id) ? 'selected' : undefined}>
            <td data-label="Select">
              <input
                type="checkbox"
                aria-label={`Select ${sliceName(slice)}`}
                checked={selected.has(slice.id)}
                disabled={!selectable(slice)}
                onChange={(e) => onSelect([slice.id], e.target.checked)}
                onKeyDown={enterToggles}
              />
            </td>
            <td data-label="Person">{slice.owner.displayName}</td>
            <td data-label="Period">
              <a href={approvalsHref({ ...view, slice: slice.id })} aria-label={`Open ${sliceName(slice)}`}>
                {periodLabel(slice)}
              </a>
            </td>
            <td data-label="Team">{teamLabel(slice.team)}</td>
            <td data-label="Hours" className="numeric">
              {formatDuration(slice.seconds)}
            </td>
            <td data-label="State">
              <StateBadge state={slice.state} />
              {result && <RowResultNote result={result} />}
            </td>
            <td data-label="Updated">{formatDateTime(slice.updatedAt)}</td>
          </tr>
        );
      })}
    </Table>
  );
}

function RowResultNote({ result }: { result: RowResult }) {
  if (result.ok) {
    return (
      <span className="row-result done">
        {result.decision === 'approve' ? 'Approved just now' : 'Rejected just now'}
      </span>
    );
  }
  return <span className="row-result refused">Not done: {result.message}</span>;
}
