import type { MyLeave } from '../../../../src/contracts.js';
import { Table } from '../Table.js';

/** My balance per type with an allowance, in days of the year: allowance, taken (approved), pending and remaining. */
/** Named by the heading `leave-balances-heading` above it. */
export function LeaveBalances({ balances }: { balances: MyLeave['balances'] }) {
  if (balances.length === 0) return <p className="muted">No leave type has an allowance.</p>;
  return (
    <div className="table-scroll">
      <Table
        labelledBy="leave-balances-heading"
        className="stacked-table leave-table"
        columns={[
          'Type',
          { label: 'Allowance', className: 'numeric' },
          { label: 'Taken', className: 'numeric' },
          { label: 'Pending', className: 'numeric' },
          { label: 'Remaining', className: 'numeric' },
        ]}
      >
        {balances.map((b) => (
          <tr key={b.type.id}>
            <td data-label="Type">{b.type.name}</td>
            <td data-label="Allowance" className="numeric">
              {b.allowanceDays}
            </td>
            <td data-label="Taken" className="numeric">
              {b.takenDays}
            </td>
            <td data-label="Pending" className="numeric">
              {b.pendingDays}
            </td>
            <td data-label="Remaining" className="numeric">
              {b.remainingDays}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
