import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  deleteQuery,
  priceListCreate,
  priceListList,
  priceListOut,
  priceListParams as params,
  priceListUpdate,
  successorCreate,
  successorOut,
} from './schema.js';
import { createPriceListService } from './service.js';

const manage = 'pricelist.manage' as const;

/** Team price lists (PRICE-1, PRICE-6, PRICE-8). Rates leave the server only for money roles (PRICE-7). */
export function priceListRoutes(app: App, deps: Deps) {
  const service = createPriceListService(deps);
  const route = routeTable(app, { tags: ['price lists'] });

  route({
    method: 'GET',
    url: '/api/teams/:id/price-lists',
    access: 'team.view',
    summary: "The team's price lists by validity; hourlyRate only for app_admin, billing_admin and billing_viewer",
    params,
    response: priceListList,
    handler: ({ actor, params }) => service.list(actor, params.id),
  });

  route({
    method: 'POST',
    url: '/api/teams/:id/price-lists',
    access: manage,
    summary: "Create a price list; its validity may not overlap another of the team's (409 price_list_overlap)",
    params,
    body: priceListCreate,
    response: priceListOut,
    status: 201,
    handler: ({ actor, params, body }) => service.create(actor, params.id, body),
  });

  route({
    method: 'PATCH',
    url: '/api/price-lists/:id',
    access: manage,
    summary:
      'Rename, or change rate, currency or validity (send the version you read); a used list keeps its rate and currency and every work log inside its validity',
    params,
    body: priceListUpdate,
    response: priceListOut,
    handler: ({ actor, params, body }) => service.update(actor, params.id, body),
  });

  route({
    method: 'DELETE',
    url: '/api/price-lists/:id',
    access: manage,
    summary: 'Delete a price list no work log uses (send the version you read)',
    params,
    querystring: deleteQuery,
    response: null,
    handler: ({ actor, params, query }) => service.remove(actor, params.id, query.version),
  });

  route({
    method: 'POST',
    url: '/api/price-lists/:id/successor',
    access: manage,
    summary:
      'A new rate from a date: ends this price list the day before and creates its successor, in one transaction',
    params,
    body: successorCreate,
    response: successorOut,
    status: 201,
    handler: ({ actor, params, body }) => service.succeed(actor, params.id, body),
  });
}
