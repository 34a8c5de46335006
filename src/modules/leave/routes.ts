import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  leaveCreate,
  leaveDecision,
  leaveOut,
  leavePage,
  leaveParams,
  leaveQueueQuery,
  leaveTypeCreate,
  leaveTypeList,
  leaveTypeOut,
  leaveTypeParams,
  leaveTypeUpdate,
  myLeaveOut,
  myLeaveQuery,
} from './schema.js';
import { createLeaveService } from './service.js';

/** Leave (FLOW-4): my requests and balances, the Leave Approval area's queue and decisions, and the leave types. */
export function leaveRoutes(app: App, deps: Deps) {
  const service = createLeaveService(deps);
  const route = routeTable(app, { tags: ['leave'] });

  route({
    method: 'GET',
    url: '/api/me/leave',
    access: 'leave.mine',
    summary: 'My leave requests touching the year, my balances per type with an allowance, and the types to request',
    querystring: myLeaveQuery,
    response: myLeaveOut,
    handler: ({ actor, query }) => service.mine(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/me/leave',
    access: 'leave.request',
    summary:
      'Request leave: counted in working days of my calendar (half days 0.5); 409 leave_overlap, 422 leave_no_working_days or leave_allowance_exceeded',
    body: leaveCreate,
    response: leaveOut,
    status: 201,
    handler: ({ actor, body }) => service.request(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/leave',
    access: 'leave.queue',
    summary: 'Leave requests routed to me (Leave Approval), pending or approved, never my own',
    querystring: leaveQueueQuery,
    response: leavePage,
    handler: ({ actor, query }) => service.queue(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/leave/:id',
    access: 'leave.view',
    summary: 'A leave request, for its owner, the approvers it is routed to and app_admin (404 for everyone else)',
    params: leaveParams,
    response: leaveOut,
    handler: ({ actor, params }) => service.get(actor, params.id),
  });

  for (const [verb, action, summary] of [
    ['cancel', 'leave.cancel', 'Cancel my pending request'],
    ['approve', 'leave.approve', 'Approve a pending request routed to me (never my own)'],
    ['reject', 'leave.reject', 'Reject a pending request routed to me, with a comment'],
    ['revoke', 'leave.revoke', 'Revoke an approval back to pending, with a comment'],
  ] as const)
    route({
      method: 'POST',
      url: `/api/leave/:id/${verb}`,
      access: action,
      summary: `${summary}; 409 leave_state when the request is not in a state it applies to`,
      params: leaveParams,
      body: leaveDecision,
      response: leaveOut,
      handler: ({ actor, params, body }) => service.transition(actor, action, params.id, body),
    });

  route({
    method: 'GET',
    url: '/api/admin/leave-types',
    access: 'leave.types',
    summary: 'Leave types with their yearly allowance, archived ones too',
    response: leaveTypeList,
    handler: () => service.types(),
  });

  route({
    method: 'POST',
    url: '/api/admin/leave-types',
    access: 'leave.types',
    summary: 'Add a leave type (an allowance in days a year, or none)',
    body: leaveTypeCreate,
    response: leaveTypeOut,
    status: 201,
    handler: ({ actor, body }) => service.createType(actor, body),
  });

  route({
    method: 'PATCH',
    url: '/api/admin/leave-types/:id',
    access: 'leave.types',
    summary: 'Rename a leave type, change its allowance or archive it',
    params: leaveTypeParams,
    body: leaveTypeUpdate,
    response: leaveTypeOut,
    handler: ({ actor, params, body }) => service.updateType(actor, params.id, body),
  });
}
