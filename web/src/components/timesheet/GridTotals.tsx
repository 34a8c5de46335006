import type { TimesheetGrid } from '../../../../src/contracts.js';
import { formatDuration } from '../../duration.js';

const hours = (seconds: number) => (seconds ? formatDuration(seconds) : '0h');

/** A row's total, the last cell of its row. */
export function RowTotal({ seconds }: { seconds: number }) {
  return (
    <td role="gridcell" aria-readonly="true" className="ts-total">
      {hours(seconds)}
    </td>
  );
}

interface Props {
  sheet: TimesheetGrid;
  perDay: number[];
  total: number;
}

/**
 * The totals per day and for the period against the owner's capacity from their calendar; a holiday or company day off
 * on a working day is named, and so is approved leave — by its type only where the server names it (FLOW-4: "absent"
 * for every reader but the owner, the approvers and app_admin).
 */
export function GridTotals({ sheet, perDay, total }: Props) {
  const capacity = sheet.days.reduce((sum, day) => sum + day.capacitySeconds, 0) || sheet.totals.capacity;
  return (
    <tfoot>
      <tr role="row">
        <th role="rowheader" scope="row" className="ts-item">
          Total
        </th>
        {sheet.days.map((day, index) => (
          <td role="gridcell" aria-readonly="true" key={day.date} className="ts-total">
            {hours(perDay[index])}
            {day.capacitySeconds > 0 && <span className="ts-capacity"> / {hours(day.capacitySeconds)}</span>}
            {day.off && <span className="ts-capacity ts-off"> {day.off.name}</span>}
            {day.leave && (
              <span className="ts-capacity ts-off">
                {' '}
                {day.leave.half ? `${day.leave.name}, half day` : day.leave.name}
              </span>
            )}
          </td>
        ))}
        <td role="gridcell" aria-readonly="true" className="ts-total ts-sum">
          {hours(total)}
          <span className="ts-capacity"> / {hours(capacity)}</span>
        </td>
      </tr>
    </tfoot>
  );
}
