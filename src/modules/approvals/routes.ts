import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  approvalDetail,
  approvalQueue,
  approvalQueueQuery,
  approvalSliceOut,
  approveBody,
  batchBody,
  batchResult,
  decisionBody,
  inboxOut,
  rejectBody,
  sliceIdParams,
} from './schema.js';
import { createApprovalService } from './service.js';

/** Timesheet Approval: the queue of slices, approve, reject, recall decisions, reopen; the inbox (FLOW-2, FLOW-8, FLOW-10). */
export function approvalRoutes(app: App, deps: Deps) {
  const service = createApprovalService(deps);
  const route = routeTable(app, { tags: ['timesheet approval'] });

  route({
    method: 'GET',
    url: '/api/approvals',
    access: 'timesheet.queue',
    summary: 'The slices routed to me for approval, newest period first, with their total',
    querystring: approvalQueueQuery,
    response: approvalQueue,
    handler: ({ actor, query }) => service.queue(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/approvals/:id',
    access: 'timesheet.review',
    summary: "A slice's days × items grid, what changed since its last approval, and its history",
    params: sliceIdParams,
    response: approvalDetail,
    handler: ({ actor, params }) => service.detail(actor, params.id),
  });

  route({
    method: 'POST',
    url: '/api/approvals/:id/approve',
    access: 'timesheet.approve',
    summary: 'Approve a submitted slice (never one of my own)',
    params: sliceIdParams,
    body: approveBody,
    response: approvalSliceOut,
    handler: ({ actor, params, body }) => service.transition(actor, 'timesheet.approve', params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/approvals/:id/reject',
    access: 'timesheet.reject',
    summary: 'Reject a submitted slice, with a comment',
    params: sliceIdParams,
    body: rejectBody,
    response: approvalSliceOut,
    handler: ({ actor, params, body }) => service.transition(actor, 'timesheet.reject', params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/approvals/:id/grant-recall',
    access: 'timesheet.grantRecall',
    summary: "Grant the owner's recall request: the slice opens again",
    params: sliceIdParams,
    body: decisionBody,
    response: approvalSliceOut,
    handler: ({ actor, params, body }) => service.transition(actor, 'timesheet.grantRecall', params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/approvals/:id/refuse-recall',
    access: 'timesheet.refuseRecall',
    summary: "Refuse the owner's recall request: the slice stays approved",
    params: sliceIdParams,
    body: decisionBody,
    response: approvalSliceOut,
    handler: ({ actor, params, body }) => service.transition(actor, 'timesheet.refuseRecall', params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/approvals/:id/reopen',
    access: 'timesheet.reopen',
    summary: 'Reopen a submitted or approved slice (app_admin)',
    params: sliceIdParams,
    body: decisionBody,
    response: approvalSliceOut,
    handler: ({ actor, params, body }) => service.transition(actor, 'timesheet.reopen', params.id, body),
  });

  route({
    method: 'POST',
    url: '/api/approvals/batch',
    access: 'timesheet.queue',
    summary: 'Approve or reject many slices: each in its own transaction, each with its own answer',
    body: batchBody,
    response: batchResult,
    handler: ({ actor, body }) => service.batch(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/inbox',
    access: 'self.inbox',
    summary: 'My inbox: slices waiting for me, and decisions on my timesheets',
    response: inboxOut,
    tags: ['inbox'],
    handler: ({ actor }) => service.inbox(actor),
  });
}
