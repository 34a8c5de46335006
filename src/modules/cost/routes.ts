import { FILE, routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  costExportQuery,
  costPeople,
  costPeopleQuery,
  costRateCreate,
  costRateList,
  costRateOut,
  costRateParams,
  costReportOut,
  costReportQuery,
} from './schema.js';
import { createCostService } from './service.js';

/** Cost rates and the cost report (APP-5, REP-2), in the Cost area, for the money roles (PRICE-7). */
export function costRoutes(app: App, deps: Deps) {
  const service = createCostService(deps);
  const route = routeTable(app, { tags: ['cost'] });

  route({
    method: 'GET',
    url: '/api/cost/rates',
    access: 'cost.view',
    summary: 'Every person’s cost rates, effective-dated (money: app_admin, billing_admin, billing_viewer)',
    response: costRateList,
    handler: ({ actor }) => service.rates(actor),
  });

  route({
    method: 'GET',
    url: '/api/cost/people',
    access: 'cost.rates',
    summary: 'Active people by name or login, to give a cost rate to (billing_admin; at most 20)',
    querystring: costPeopleQuery,
    response: costPeople,
    handler: ({ actor, query }) => service.people(actor, query.q),
  });

  route({
    method: 'POST',
    url: '/api/cost/rates',
    access: 'cost.rates',
    summary: 'Set a person’s cost rate from a day on (billing_admin); 409 cost_rate_exists for a day that has one',
    body: costRateCreate,
    response: costRateOut,
    status: 201,
    handler: ({ actor, body }) => service.createRate(actor, body),
  });

  route({
    method: 'DELETE',
    url: '/api/cost/rates/:id',
    access: 'cost.rates',
    summary: 'Remove a cost rate (billing_admin)',
    params: costRateParams,
    response: null,
    handler: ({ actor, params }) => service.deleteRate(actor, params.id),
  });

  route({
    method: 'GET',
    url: '/api/cost/report',
    access: 'cost.view',
    summary:
      'The cost report: planned hours and scheduled cost, logged hours, actual cost and revenue by user, team, project or month',
    querystring: costReportQuery,
    response: costReportOut,
    handler: ({ actor, query }) => service.report(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/cost/report/export',
    access: 'cost.view',
    summary: 'The cost report as CSV or XLSX, with the columns of the screen (REP-4)',
    querystring: costExportQuery,
    response: FILE,
    handler: ({ actor, query }) => service.exportReport(actor, query),
  });
}
