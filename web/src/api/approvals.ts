import type {
  ApprovalBatchResult,
  ApprovalDetail,
  ApprovalQueue,
  ApprovalQueueQuery,
  ApprovalSlice,
  Inbox,
} from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** The queue's filters as the address holds them (text), by the API's names; absent means "any". */
export type QueueFilters = Pick<ApprovalQueueQuery, 'state' | 'from' | 'to'> & { teamId?: string };

/** A decision on one slice; all but approve take a comment (reject requires one). */
export type SliceDecision = 'approve' | 'reject' | 'grant-recall' | 'refuse-recall' | 'reopen';
export type BatchDecision = 'approve' | 'reject';

/** Timesheet Approval (FLOW-2, FLOW-8, FLOW-10) and the inbox. */
export const approvalsApi = {
  queue: (filters: QueueFilters, cursor?: string | null) =>
    request<ApprovalQueue>('GET', `/approvals${query({ ...filters, cursor, limit: 50 })}`),
  slice: (id: number) => request<ApprovalDetail>('GET', `/approvals/${id}`),
  /** Sends the version read, so a slice changed meanwhile answers 409 `version_conflict` (API-4). */
  decide: (slice: Pick<ApprovalSlice, 'id' | 'version'>, decision: SliceDecision, comment = '') =>
    request<ApprovalSlice>('POST', `/approvals/${slice.id}/${decision}`, {
      body: comment === '' ? { version: slice.version } : { version: slice.version, comment },
    }),
  /** Each slice is decided on its own: the answer says per slice whether it was done or why not. */
  batch: (ids: number[], decision: BatchDecision, comment?: string) =>
    request<ApprovalBatchResult>('POST', '/approvals/batch', {
      body: comment === undefined ? { ids, decision } : { ids, decision, comment },
    }),
  inbox: () => request<Inbox>('GET', '/inbox'),
};
