import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { itemKeyParams as params } from '../items/schema.js';
import { dashboardOut, watchOut } from './schema.js';
import { createDashboardService } from './service.js';

/** The Dashboard area (APP-2): every widget of the caller in one answer. */
export function dashboardRoutes(app: App, deps: Deps) {
  const service = createDashboardService(deps);
  const route = routeTable(app, { tags: ['dashboard'] });

  route({
    method: 'GET',
    url: '/api/dashboard',
    access: 'dashboard.view',
    summary:
      'My week against its capacity, my last work logs, my timesheet, my items; waiting approvals; my teams’ hours and missing timesheets',
    response: dashboardOut,
    handler: ({ actor }) => service.dashboard(actor),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/watch',
    access: 'item.view',
    summary: 'Whether I watch the work item (quick watch on the Dashboard)',
    params,
    response: watchOut,
    handler: ({ actor, params }) => service.watching(actor, params.key),
  });

  route({
    method: 'PUT',
    url: '/api/items/:key/watch',
    access: 'item.view',
    summary: 'Watch a work item I may view: the Dashboard’s quick watch shows it with its hours',
    params,
    response: watchOut,
    handler: ({ actor, params }) => service.setWatch(actor, params.key, true),
  });

  route({
    method: 'DELETE',
    url: '/api/items/:key/watch',
    access: 'item.view',
    summary: 'Stop watching a work item',
    params,
    response: watchOut,
    handler: ({ actor, params }) => service.setWatch(actor, params.key, false),
  });
}
