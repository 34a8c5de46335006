import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { planCreate, planDelete, planOut, planParams, planUpdate, scheduleOut, scheduleQuery } from './schema.js';
import { createPlanningService } from './service.js';

/** Planning (FLOW-5): the Schedule timeline, and planned tasks and personal events on it. */
export function planningRoutes(app: App, deps: Deps) {
  const service = createPlanningService(deps);
  const route = routeTable(app, { tags: ['planning'] });

  route({
    method: 'GET',
    url: '/api/schedule',
    access: 'plan.view',
    summary:
      'The Schedule timeline: a row per person whose plans I see (myself; my teams’ members where I plan for them), with capacity, plans, leave (masked) and utilisation per day; my teams’ placeholders',
    querystring: scheduleQuery,
    response: scheduleOut,
    handler: ({ actor, query }) => service.schedule(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/schedule/tasks',
    access: 'plan.edit',
    summary:
      'Plan a task or event for a person I plan for, or a placeholder "to be staffed" for a team; billable only for billing_admin, a client only for client_admin',
    body: planCreate,
    response: planOut,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'PATCH',
    url: '/api/schedule/tasks/:id',
    access: 'plan.edit',
    summary: 'Move, resize or edit a plan (at the version seen); 404 for a plan on a work item I may not view',
    params: planParams,
    body: planUpdate,
    response: planOut,
    handler: ({ actor, params, body }) => service.update(actor, params.id, body),
  });

  route({
    method: 'DELETE',
    url: '/api/schedule/tasks/:id',
    access: 'plan.edit',
    summary: 'Remove a plan (at the version seen)',
    params: planParams,
    querystring: planDelete,
    response: null,
    handler: ({ actor, params, query }) => service.remove(actor, params.id, query.version),
  });
}
