import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { clientCreate, clientListQuery, clientOut, clientPage, clientParams, clientUpdate } from './schema.js';
import { createClientService } from './service.js';

/** The Clients area (FLOW-6, APP-4): clients a project (and, with planning, a task) may name. */
export function clientRoutes(app: App, deps: Deps) {
  const service = createClientService(deps);
  const route = routeTable(app, { tags: ['clients'] });

  route({
    method: 'GET',
    url: '/api/clients',
    access: 'client.list',
    summary:
      'Clients by name, archived ones when asked (client readers and managers, app_admin, system administrators)',
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

  route({
    method: 'GET',
    url: '/api/clients/:id',
    access: 'client.view',
    summary: 'A client with its contact, notes and how many projects name it',
    params: clientParams,
    response: clientOut,
    handler: ({ actor, params }) => service.get(actor, params.id),
  });

  route({
    method: 'PATCH',
    url: '/api/clients/:id',
    access: 'client.update',
    summary: 'Change a client’s name, contact or notes, or archive it (client_admin, app_admin, system administrators)',
    params: clientParams,
    body: clientUpdate,
    response: clientOut,
    handler: ({ actor, params, body }) => service.update(actor, params.id, body),
  });
}
