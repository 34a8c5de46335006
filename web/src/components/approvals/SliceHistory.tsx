import type { SliceTransition } from '../../../../src/contracts.js';
import { formatDateTime } from '../../dates.js';
import { Table } from '../Table.js';
import { stateLabel } from './labels.js';

/** Every state change of the slice (FLOW-7): who, when, from, to and the comment. */
export function SliceHistory({ entries }: { entries: SliceTransition[] }) {
  if (entries.length === 0) return <p className="muted">No decisions yet.</p>;
  return (
    <Table caption="History" className="stacked-table slice-history" columns={['When', 'Who', 'Change', 'Comment']}>
      {entries.map((entry, i) => (
        <tr key={`${entry.at}-${i}`}>
          <td data-label="When">{formatDateTime(entry.at)}</td>
          <td data-label="Who">{entry.actor?.displayName ?? <span className="muted">Unknown</span>}</td>
          <td data-label="Change">
            {entry.from === null ? '' : `${stateLabel(entry.from)} → `}
            {stateLabel(entry.to)}
          </td>
          <td data-label="Comment" className="description">
            {entry.comment}
          </td>
        </tr>
      ))}
    </Table>
  );
}
