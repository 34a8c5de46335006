import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
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

const tags = ['price lists'];
const manage = 'pricelist.manage' as const;

/** Team price lists (PRICE-1, PRICE-6, PRICE-8). Rates leave the server only for money roles (PRICE-7). */
export function priceListRoutes(app: App, deps: Deps) {
  const service = createPriceListService(deps);

  app.get(
    '/api/teams/:id/price-lists',
    {
      config: { access: 'team.view' },
      schema: {
        tags,
        summary: "The team's price lists by validity; hourlyRate only for app_admin, billing_admin and billing_viewer",
        params,
        response: { 200: priceListList, ...errorResponses },
      },
    },
    async (req) => service.list(actorOf(req), req.params.id),
  );

  app.post(
    '/api/teams/:id/price-lists',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: "Create a price list; its validity may not overlap another of the team's (409 price_list_overlap)",
        params,
        body: priceListCreate,
        response: { 201: priceListOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/price-lists/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          'Rename, or change rate, currency or validity (send the version you read); a used list keeps its rate and currency and every work log inside its validity',
        params,
        body: priceListUpdate,
        response: { 200: priceListOut, ...errorResponses },
      },
    },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/price-lists/:id',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Delete a price list no work log uses (send the version you read)',
        params,
        querystring: deleteQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/price-lists/:id/successor',
    {
      config: { access: manage },
      schema: {
        tags,
        summary:
          'A new rate from a date: ends this price list the day before and creates its successor, in one transaction',
        params,
        body: successorCreate,
        response: { 201: successorOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.succeed(actorOf(req), req.params.id, req.body)),
  );
}
