import type { ApprovalSlice } from '../../../../src/contracts.js';
import { formatDate } from '../../dates.js';

const STATE_LABELS: Record<ApprovalSlice['state'], string> = {
  open: 'Open',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  recall_requested: 'Recall requested',
};

export const stateLabel = (state: string) => STATE_LABELS[state as ApprovalSlice['state']] ?? state;

/** A slice's period, e.g. "Jun 2, 2025 – Jun 8, 2025". */
export const periodLabel = (slice: { start: string; end: string }) =>
  `${formatDate(slice.start)} – ${formatDate(slice.end)}`;

/** A slice's team, or the words for work logged without one. */
export const teamLabel = (team: { name: string } | null) => team?.name ?? 'No team';

/** The state as a badge: its words, never its colour alone, carry the meaning. */
export function StateBadge({ state }: { state: string }) {
  return <span className={`badge slice-state slice-${state}`}>{stateLabel(state)}</span>;
}
