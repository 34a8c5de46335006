import type { LeaveRow, LeaveTypeRow } from './repo.js';
import type { LeaveBalance, LeaveOut, LeaveTypeOut } from './schema.js';

/** The word every reader who may not know a leave request's type reads instead of it (FLOW-4). */
export const ABSENT = 'absent';

export const leaveTypeOut = (row: LeaveTypeRow): LeaveTypeOut => ({
  id: row.id,
  name: row.name,
  allowanceDays: row.allowance_days,
  archived: row.archived,
  version: row.version,
});

/** A request as its owner, a routed approver or app_admin reads it — nobody else is answered one (404). */
export function leaveOut(row: LeaveRow, abilities: LeaveOut['abilities']): LeaveOut {
  return {
    id: row.id,
    user: { id: row.user_id, displayName: row.user_name },
    type: { id: row.type_id, name: row.type_name },
    startDate: row.start_date,
    endDate: row.end_date,
    startHalf: row.start_half,
    endHalf: row.end_half,
    days: row.days,
    comment: row.comment,
    state: row.state,
    decisionComment: row.decision_comment,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, displayName: row.decided_by_name ?? '' },
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
    abilities,
  };
}

/** The yearly balance of each type with an allowance. */
export function balancesOut(
  types: readonly LeaveTypeRow[],
  used: ReadonlyArray<{ type_id: number; approved: number; pending: number }>,
  year: number,
): LeaveBalance[] {
  return types
    .filter((t) => t.allowance_days !== null && !t.archived)
    .map((t) => {
      const u = used.find((x) => x.type_id === t.id);
      const taken = u?.approved ?? 0;
      const pending = u?.pending ?? 0;
      return {
        type: { id: t.id, name: t.name },
        year,
        allowanceDays: t.allowance_days!,
        takenDays: taken,
        pendingDays: pending,
        remainingDays: t.allowance_days! - taken - pending,
      };
    });
}

/**
 * What an audit row keeps of a request: dates, days and state — never its type, which the audit log's readers (every
 * administrator) may not all know (FLOW-4).
 */
export const leaveAudit = (row: Pick<LeaveRow, 'user_id' | 'start_date' | 'end_date' | 'days' | 'state'>) => ({
  userId: row.user_id,
  startDate: row.start_date,
  endDate: row.end_date,
  days: row.days,
  state: row.state,
});
