import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  gridOut,
  gridQuery,
  itemSearchOut,
  itemSearchQuery,
  recallBody,
  sliceHistoryOut,
  sliceOut,
  sliceParams,
  submitBody,
  submitOut,
} from './schema.js';
import { createTimesheetService } from './service.js';

/** The timesheet grid, submitting and recalling slices (FLOW-1, FLOW-2, FLOW-8). */
export function timesheetRoutes(app: App, deps: Deps) {
  const service = createTimesheetService(deps);
  const route = routeTable(app, { tags: ['timesheets'] });

  route({
    method: 'GET',
    url: '/api/timesheets',
    access: 'timesheet.view',
    summary:
      "A user's week or month timesheet: rows of items with work logs, each cell's lock and each day's, the slices and totals",
    querystring: gridQuery,
    response: gridOut,
    handler: ({ actor, query }) => service.grid(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/timesheets/items',
    access: 'timesheet.view',
    summary: 'Items the user may log work on, for a new row of the timesheet (at most 20)',
    querystring: itemSearchQuery,
    response: itemSearchOut,
    handler: ({ actor, query }) => service.items(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/timesheets/submit',
    access: 'timesheet.submit',
    summary: "Submit a user's open and rejected timesheet slices within a date range",
    body: submitBody,
    response: submitOut,
    handler: ({ actor, body }) => service.submit(actor, body),
  });

  route({
    method: 'POST',
    url: '/api/timesheets/slices/:id/recall',
    access: 'timesheet.recall',
    summary: 'Ask for an approved slice of my timesheet to be recalled',
    params: sliceParams,
    body: recallBody,
    response: sliceOut,
    handler: ({ actor, params, body }) => service.recall(actor, params.id, body),
  });

  route({
    method: 'GET',
    url: '/api/timesheets/slices/:id/history',
    access: 'timesheet.view',
    summary: "A slice's transitions: who, when, from, to, comment",
    params: sliceParams,
    response: sliceHistoryOut,
    handler: ({ actor, params }) => service.history(actor, params.id),
  });
}
