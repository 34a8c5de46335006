import type { ApprovalDetail } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';
import { formatDuration } from '../../duration.js';

type Row = ApprovalDetail['rows'][number];
type Cell = Row['cells'][number];

const dayHeading = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
const dayOf = (date: string) => dayHeading.format(new Date(`${date}T00:00:00Z`));

const CHANGE_WORDS = { added: 'new', changed: 'changed' } as const;

/**
 * The slice's days × items (FLOW-10). Items the approver may not view show as "Restricted item" with their hours only
 * (ITEM-9). A cell that differs from the last approval says so in words ("new", "changed"), its colour only repeats
 * it. The grid scrolls sideways inside its own box with the item column kept in view.
 */
export function SliceGrid({ detail }: { detail: ApprovalDetail }) {
  const { days, rows, totals } = detail;
  const anyChange = rows.some((row) => row.cells.some((cell) => cell.change !== null));
  return (
    <>
      {anyChange && (
        <p className="hint">
          Cells marked <strong>new</strong> or <strong>changed</strong> differ from what was last approved.
        </p>
      )}
      <div className="approval-grid-scroll" role="region" aria-label="Hours by day, scrollable" tabIndex={0}>
        <table className="table compact approval-grid">
          <caption className="visually-hidden">Hours by item and day</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              {days.map((day) => (
                <th scope="col" key={day} className="numeric" title={formatDate(day)}>
                  {dayOf(day)}
                </th>
              ))}
              <th scope="col" className="numeric">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={days.length + 2} className="muted">
                  No hours in this timesheet.
                </td>
              </tr>
            )}
            {rows.map((row, index) => (
              <tr key={row.item?.key ?? `restricted-${index}`}>
                <th scope="row">
                  <ItemName row={row} />
                </th>
                {days.map((day) => (
                  <GridCell key={day} cell={row.cells.find((c) => c.date === day)} />
                ))}
                <td className="numeric total">{formatDuration(row.cells.reduce((sum, c) => sum + c.seconds, 0))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {days.map((day, i) => (
                <td key={day} className="numeric total">
                  {totals.days[i] ? formatDuration(totals.days[i]) : ''}
                </td>
              ))}
              <td className="numeric total">{formatDuration(totals.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

function ItemName({ row }: { row: Row }) {
  if (row.restricted || !row.item) {
    return (
      <span className="restricted-item" title="An item you may not view: only its hours are shown.">
        Restricted item
      </span>
    );
  }
  return (
    <>
      <span className="key">{row.item.key}</span> {row.item.title}
    </>
  );
}

function GridCell({ cell }: { cell: Cell | undefined }) {
  if (!cell || (cell.seconds === 0 && cell.change === null)) return <td className="numeric" />;
  return (
    <td className={cell.change ? `numeric cell-${cell.change}` : 'numeric'}>
      {formatDuration(cell.seconds)}
      {cell.change && <span className="cell-change">{CHANGE_WORDS[cell.change]}</span>}
    </td>
  );
}
