import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { summaryOut, summaryQuery } from './schema.js';
import { createReportService } from './service.js';

/** The Reports area (REP-1, REP-4): summaries and their exports over the work logs the caller may see. */
export function reportRoutes(app: App, deps: Deps) {
  const service = createReportService(deps);
  const route = routeTable(app, { tags: ['reports'] });

  route({
    method: 'GET',
    url: '/api/reports/summary',
    access: 'report.view',
    summary:
      'Hours (revenue for money roles) grouped by up to three of project, item, user, team, price list, client and period, with subtotals',
    querystring: summaryQuery,
    response: summaryOut,
    handler: ({ actor, query }) => service.summary(actor, query),
  });
}
