import type { LeaveRequest } from '../../../../src/contracts.js';
import { leaveApi } from '../../api/leave.js';
import { useAction } from '../../useAction.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { daysText, leaveDatesText, LeaveStateBadge } from './labels.js';

interface Props {
  year: number;
  items: LeaveRequest[];
  /** After a cancellation: what was done, in words. */
  onChanged: (message: string) => void;
}

/** My requests touching the year, each with its state and the approver's comment; Cancel where the server allows it. */
export function MyLeaveTable({ year, items, onChanged }: Props) {
  const cancel = useAction();
  if (items.length === 0) return <p className="muted">No leave requested in {year}.</p>;
  return (
    <>
      <ErrorMessage error={cancel.error} />
      <div className="table-scroll">
        <Table
          labelledBy="my-leave-heading"
          className="stacked-table leave-table"
          columns={['Dates', { label: 'Days', className: 'numeric' }, 'Type', 'State', 'Comment', 'Decision', ACTIONS]}
        >
          {items.map((l) => {
            const dates = leaveDatesText(l);
            return (
              <tr key={l.id}>
                <td data-label="Dates">{dates}</td>
                <td data-label="Days" className="numeric">
                  {l.days}
                </td>
                <td data-label="Type">{l.type.name}</td>
                <td data-label="State">
                  <LeaveStateBadge state={l.state} />
                </td>
                <td data-label="Comment" className="leave-comment">
                  {l.comment}
                </td>
                <td data-label="Decision" className="leave-comment">
                  {l.decisionComment}
                  {l.decidedBy && <span className="muted"> ({l.decidedBy.displayName})</span>}
                </td>
                {l.abilities.cancel ? (
                  <RowActions>
                    <RowButton
                      danger
                      name={`Cancel the leave ${dates}`}
                      disabled={cancel.busy}
                      onClick={() =>
                        void cancel.run(async () => {
                          await leaveApi.decide(l, 'cancel');
                          onChanged(`Cancelled the leave ${dates} (${daysText(l.days)}).`);
                        })
                      }
                    >
                      Cancel
                    </RowButton>
                  </RowActions>
                ) : (
                  <td />
                )}
              </tr>
            );
          })}
        </Table>
      </div>
    </>
  );
}
