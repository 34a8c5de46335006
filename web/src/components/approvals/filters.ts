import type { ApprovalState } from '../../../../src/contracts.js';
import type { QueueFilters } from '../../api/approvals.js';
import { hashQuery, href } from '../../router.js';

/** What the Timesheet Approval address holds: the queue's filters and, when one is open, a slice. */
export interface ApprovalsView {
  team: string;
  state: ApprovalState;
  from: string;
  to: string;
  slice: number | null;
}

export const QUEUE_STATES: { value: ApprovalState; label: string }[] = [
  { value: 'waiting', label: 'Waiting for a decision' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'recall_requested', label: 'Recall requested' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'Any state' },
];

/** The queue opens on what waits for a decision: submitted slices and recall requests. */
export const DEFAULT_STATE: ApprovalState = 'waiting';

const isState = (value: string | null): value is ApprovalState => QUEUE_STATES.some((s) => s.value === value);

/** The view of an address (`#/approvals?team=3&state=approved&slice=12`); unknown or malformed values are ignored. */
export function approvalsViewOf(hash: string): ApprovalsView {
  const params = hashQuery(hash);
  const state = params.get('state');
  const slice = params.get('slice') ?? '';
  return {
    team: params.get('team')?.trim() ?? '',
    state: isState(state) ? state : DEFAULT_STATE,
    from: params.get('from')?.trim() ?? '',
    to: params.get('to')?.trim() ?? '',
    slice: /^[1-9]\d{0,9}$/.test(slice) ? Number(slice) : null,
  };
}

/** The address of a view; the default state is left out so the plain address is the usual queue. */
export function approvalsHref(view: Partial<ApprovalsView>): string {
  return href.approvals({
    team: view.team,
    state: view.state === DEFAULT_STATE ? undefined : view.state,
    from: view.from,
    to: view.to,
    slice: view.slice ? String(view.slice) : undefined,
  });
}

/** The queue's filters as the API names them; the server checks them and names a refused one (API-5). */
export function queueFilters(view: ApprovalsView): QueueFilters {
  return {
    teamId: view.team || undefined,
    state: view.state,
    from: view.from || undefined,
    to: view.to || undefined,
  };
}

/** The form fields, by the API's names, that a 400 may name. */
export const FILTER_FIELDS = ['teamId', 'state', 'from', 'to'] as const;
