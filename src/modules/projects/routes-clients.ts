import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { clientCreate, clientListQuery, clientOut, clientPage } from './schema.js';
import { createClientService } from './service-clients.js';

/** The clients a project may name (FLOW-6, APP-4). */
export function clientRoutes(app: App, deps: Deps) {
  const service = createClientService(deps);
  const route = routeTable(app, { tags: ['clients'] });

  route({
    method: 'GET',
    url: '/api/clients',
    access: 'client.list',
    summary: 'Clients by name (for client managers and readers, app_admin and system administrators)',
    querystring: clientListQuery,
    response: clientPage,
    handler: ({ actor, query }) => service.list(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/clients',
    access: 'client.create',
    summary: 'Create a client (client_admin, app_admin, system administrators)',
    body: clientCreate,
    response: clientOut,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });
}
