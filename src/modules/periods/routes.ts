import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  periodChange,
  periodHistoryOut,
  periodOut,
  periodParams,
  periodsOut,
  periodsQuery,
  teamParams,
} from './schema.js';
import { createPeriodService } from './service.js';

/** Team periods (FLOW-3, FLOW-7): a team's months, closed and reopened by MANAGE_TEAM holders, with their history. */
export function periodRoutes(app: App, deps: Deps) {
  const service = createPeriodService(deps);
  const route = routeTable(app, { tags: ['teams'] });

  route({
    method: 'GET',
    url: '/api/teams/:id/periods',
    access: 'team.view',
    summary:
      "The team's twelve months of a year (this year by default): open or closed, version, who changed them last",
    params: teamParams,
    querystring: periodsQuery,
    response: periodsOut,
    handler: ({ actor, params, query }) => service.list(actor, params.id, query.year),
  });

  route({
    method: 'POST',
    url: '/api/teams/:id/periods/:start/close',
    access: 'period.manage',
    summary:
      'Close the month starting `start`: no work log of the team dated in it is created, changed or deleted until it is reopened (409 invalid_transition when closed already)',
    params: periodParams,
    body: periodChange,
    response: periodOut,
    handler: ({ actor, params, body }) => service.transition(actor, params.id, params.start, 'close', body),
  });

  route({
    method: 'POST',
    url: '/api/teams/:id/periods/:start/reopen',
    access: 'period.manage',
    summary: 'Reopen a closed month of the team (409 invalid_transition when it is open)',
    params: periodParams,
    body: periodChange,
    response: periodOut,
    handler: ({ actor, params, body }) => service.transition(actor, params.id, params.start, 'reopen', body),
  });

  route({
    method: 'GET',
    url: '/api/teams/:id/periods/:start/history',
    access: 'team.view',
    summary: "The month's closes and reopens, oldest first: who, when, from, to, comment (FLOW-7)",
    params: periodParams,
    response: periodHistoryOut,
    handler: ({ actor, params }) => service.history(actor, params.id, params.start),
  });
}
