import type { ChargeWorklog } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';
import { formatMoney } from '../../money.js';
import { href } from '../../router.js';
import { Table } from '../Table.js';

interface Selection {
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
}

interface Props {
  worklogs: ChargeWorklog[];
  caption: string;
  /** Checkboxes to pick work logs (the charging flow); none on a charge's own list. */
  selection?: Selection;
}

/** Work logs with their item, author, team, hours and — for money readers — rate and value (PRICE-7). */
export function ChargeWorklogTable({ worklogs, caption, selection }: Props) {
  const priced = worklogs.some((w) => w.value !== undefined);
  return (
    <Table
      caption={caption}
      className="stacked-table charge-worklogs"
      columns={[
        selection !== undefined && { label: 'Charge', className: 'select-column' },
        'Date',
        'Work item',
        'Author',
        'Team',
        { label: 'Hours', className: 'numeric' },
        priced && { label: 'Value', className: 'numeric' },
      ]}
    >
      {worklogs.map((w) => (
        <tr key={w.id} className={selection?.selected.has(w.id) ? 'selected' : undefined}>
          {selection && (
            <td className="select-column">
              <input
                type="checkbox"
                checked={selection.selected.has(w.id)}
                onChange={() => selection.onToggle(w.id)}
                aria-label={`Charge ${w.item.key} of ${w.author.displayName} on ${formatDate(w.date)}`}
              />
            </td>
          )}
          <td data-label="Date" className="nowrap">
            {formatDate(w.date)}
          </td>
          <td data-label="Work item">
            <a href={href.item(w.item.key)} className="key">
              {w.item.key}
            </a>{' '}
            {w.item.title}
            {w.description && <div className="muted description">{w.description}</div>}
          </td>
          <td data-label="Author">{w.author.displayName}</td>
          <td data-label="Team">{w.team?.name ?? '—'}</td>
          <td data-label="Hours" className="numeric nowrap">
            {formatDuration(w.seconds)}
          </td>
          {priced && (
            <td data-label="Value" className="numeric nowrap">
              {w.value !== undefined && w.currency !== undefined ? formatMoney(w.value, w.currency) : '—'}
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}
