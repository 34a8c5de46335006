import type {
  CalendarFeed,
  CalendarFeedCreated,
  CalendarFeedIn,
  CalendarFeeds,
  LeaveQueuePage,
  LeaveRequest,
  LeaveRequestIn,
  LeaveType,
  LeaveTypeChange,
  LeaveTypeIn,
  MyLeave,
} from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** A decision on a request routed to me, or my own cancellation; reject and revoke say why. */
export type LeaveDecision = 'cancel' | 'approve' | 'reject' | 'revoke';
export type LeaveQueueState = 'pending' | 'approved';

/** Leave (FLOW-4): my requests and balances, the Leave Approval queue and its decisions, and the leave types. */
export const leaveApi = {
  mine: (year: number) => request<MyLeave>('GET', `/me/leave${query({ year })}`),
  request: (input: LeaveRequestIn) => request<LeaveRequest>('POST', '/me/leave', { body: input }),
  queue: (state: LeaveQueueState, cursor?: string | null) =>
    request<LeaveQueuePage>('GET', `/leave${query({ state, cursor, limit: 50 })}`),
  get: (id: number) => request<LeaveRequest>('GET', `/leave/${id}`),
  /** Sends the version read, so a request changed meanwhile answers 409 `version_conflict` (API-4). */
  decide: (leave: Pick<LeaveRequest, 'id' | 'version'>, decision: LeaveDecision, comment = '') =>
    request<LeaveRequest>('POST', `/leave/${leave.id}/${decision}`, {
      body: comment === '' ? { version: leave.version } : { version: leave.version, comment },
    }),

  types: () => request<{ items: LeaveType[] }>('GET', '/admin/leave-types'),
  createType: (input: LeaveTypeIn) => request<LeaveType>('POST', '/admin/leave-types', { body: input }),
  updateType: (type: Pick<LeaveType, 'id' | 'version'>, change: Omit<LeaveTypeChange, 'version'>) =>
    request<LeaveType>('PATCH', `/admin/leave-types/${type.id}`, { body: { version: type.version, ...change } }),
};

/** Calendar feeds (issue 16): my leave, or a team's, as an iCal address for a calendar application. */
export const feedApi = {
  list: () => request<CalendarFeeds>('GET', '/me/feeds'),
  create: (input: CalendarFeedIn) => request<CalendarFeedCreated>('POST', '/me/feeds', { body: input }),
  revoke: (id: number) => request<CalendarFeed>('POST', `/me/feeds/${id}/revoke`, { body: {} }),
};
