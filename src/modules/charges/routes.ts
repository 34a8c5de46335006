import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  candidatesOut,
  candidatesQuery,
  chargeCreate,
  chargeDetail,
  chargeFiltersOut,
  chargeFiltersQuery,
  chargeIdParams,
  chargeListQuery,
  chargeOut,
  chargePage,
  chargeRevoke,
} from './schema.js';
import { createChargeService } from './service.js';

/** Charging approved work logs under an invoice reference (FLOW-9), in the Cost area (APP-2). */
export function chargeRoutes(app: App, deps: Deps) {
  const service = createChargeService(deps);
  const route = routeTable(app, { tags: ['charges'] });

  route({
    method: 'GET',
    url: '/api/charges/candidates',
    access: 'charge.manage',
    summary: 'Approved, uncharged work logs the caller may view, by project, team, client and date, with totals',
    querystring: candidatesQuery,
    response: candidatesOut,
    handler: ({ actor, query }) => service.candidates(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/charges/filters',
    access: 'charge.manage',
    summary: 'The projects, teams and clients of the chargeable work logs in a date range',
    querystring: chargeFiltersQuery,
    response: chargeFiltersOut,
    handler: ({ actor, query }) => service.filters(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/charges',
    access: 'charge.manage',
    summary: 'Charge work logs under an invoice reference: all of them or none (409 not_chargeable names the others)',
    body: chargeCreate,
    response: chargeOut,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/charges',
    access: 'charge.list',
    summary: 'Charges (invoices), newest first, with their totals',
    querystring: chargeListQuery,
    response: chargePage,
    handler: ({ actor, query }) => service.list(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/charges/:id',
    access: 'charge.list',
    summary: 'A charge with the work logs the caller may view (the others as hours only) and its history',
    params: chargeIdParams,
    response: chargeDetail,
    handler: ({ actor, params }) => service.detail(actor, params.id),
  });

  route({
    method: 'POST',
    url: '/api/charges/:id/revoke',
    access: 'charge.manage',
    summary: 'Revoke a charge (send the version you read): its work logs may be changed again',
    params: chargeIdParams,
    body: chargeRevoke,
    response: chargeOut,
    handler: ({ actor, params, body }) => service.revoke(actor, params.id, body.version),
  });
}
