import type { LeaveRequest } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';

const STATE_LABELS: Record<LeaveRequest['state'], string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const leaveStateLabel = (state: LeaveRequest['state']) => STATE_LABELS[state] ?? state;

/** The state as a badge: its words, never its colour alone, carry the meaning. */
export function LeaveStateBadge({ state }: { state: LeaveRequest['state'] }) {
  return <span className={`badge leave-state leave-${state}`}>{leaveStateLabel(state)}</span>;
}

/** Days as the API counts them (half days 0.5): "1 day", "4.5 days". */
export const daysText = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/** A request's days, e.g. "Jun 3, 2030 (from noon) – Jun 7, 2030", or one date for a single day. */
export function leaveDatesText(leave: Pick<LeaveRequest, 'startDate' | 'endDate' | 'startHalf' | 'endHalf'>): string {
  const start = `${formatDate(leave.startDate)}${leave.startHalf ? ' (from noon)' : ''}`;
  if (leave.startDate === leave.endDate) return leave.endHalf ? `${formatDate(leave.endDate)} (until noon)` : start;
  return `${start} – ${formatDate(leave.endDate)}${leave.endHalf ? ' (until noon)' : ''}`;
}

/** An allowance in days a year, or the words for a type without one. */
export const allowanceText = (allowanceDays: number | null) =>
  allowanceDays === null ? 'no allowance' : `${daysText(allowanceDays)} a year`;
