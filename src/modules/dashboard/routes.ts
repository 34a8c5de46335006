import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { dashboardOut } from './schema.js';
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
}
