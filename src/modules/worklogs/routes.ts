import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  itemKeyParams,
  timeSummary,
  worklogCreate,
  worklogDeleteQuery,
  worklogIdParams,
  worklogOut,
  worklogPage,
  worklogPageQuery,
  worklogPreview,
  worklogPreviewQuery,
  worklogRangePage,
  worklogRangeQuery,
  worklogUpdate,
} from './schema.js';
import { createWorklogService } from './service.js';

export function worklogRoutes(app: App, deps: Deps) {
  const service = createWorklogService(deps);
  const route = routeTable(app, { tags: ['work logs'] });

  route({
    method: 'POST',
    url: '/api/worklogs',
    access: 'worklog.create',
    summary: 'Log work on a work item',
    body: worklogCreate,
    response: worklogOut,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'PATCH',
    url: '/api/worklogs/:id',
    access: 'worklog.edit',
    summary: 'Change a work log (optimistic: send the version you read)',
    params: worklogIdParams,
    body: worklogUpdate,
    response: worklogOut,
    handler: ({ actor, params, body }) => service.update(actor, params.id, body),
  });

  route({
    method: 'DELETE',
    url: '/api/worklogs/:id',
    access: 'worklog.delete',
    summary: 'Delete a work log (send the version you read)',
    params: worklogIdParams,
    querystring: worklogDeleteQuery,
    response: null,
    handler: ({ actor, params, query }) => service.remove(actor, params.id, query.version),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/worklogs',
    access: 'worklog.view',
    summary: 'Work logs of a work item, newest first',
    params: itemKeyParams,
    querystring: worklogPageQuery,
    response: worklogPage,
    handler: ({ actor, params, query }) => service.listForItem(actor, params.key, query),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/time-summary',
    access: 'item.timePanels',
    summary: 'Time-tracking panels of the item screen: time spent (item and visible subtree) and my last work log',
    params: itemKeyParams,
    response: timeSummary,
    handler: ({ actor, params }) => service.timeSummary(actor, params.key),
  });

  route({
    method: 'GET',
    url: '/api/me/worklogs',
    access: 'worklog.list',
    summary: 'My work logs over a date range, newest first, with the range total',
    querystring: worklogRangeQuery,
    response: worklogRangePage,
    handler: ({ actor, query }) => service.listByAuthor(actor, actor.userId, query),
  });

  route({
    method: 'GET',
    url: '/api/users/:id/worklogs',
    access: 'worklog.listFor',
    summary:
      "A member's work logs over a date range (own, or through VIEW_MEMBER_WORKLOGS, team_admin or app_admin), on items the caller can view",
    params: worklogIdParams,
    querystring: worklogRangeQuery,
    response: worklogRangePage,
    handler: ({ actor, params, query }) => service.listByAuthor(actor, params.id, query),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/worklog-preview',
    access: 'worklog.create',
    summary:
      'What logging work on the item at a date would record (team, price list; rate for money roles) and whether it may',
    params: itemKeyParams,
    querystring: worklogPreviewQuery,
    response: worklogPreview,
    handler: ({ actor, params, query }) => service.preview(actor, params.key, query),
  });
}
