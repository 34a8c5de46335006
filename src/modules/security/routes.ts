import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  itemKeyParams as params,
  previewOut,
  securityBatch,
  securityBatchOut,
  securityClearQuery,
  securityOut,
  securitySet,
} from './schema.js';
import { createSecurityService } from './service.js';

const access = 'item.security' as const;

export function securityRoutes(app: App, deps: Deps) {
  const service = createSecurityService(deps);
  const route = routeTable(app, { tags: ['item security'] });

  route({
    method: 'GET',
    url: '/api/items/:key/security',
    access,
    summary: "The item's security setting: own, inherited (and from where) or none",
    params,
    response: securityOut,
    handler: ({ actor, params }) => service.get(actor, params.key),
  });

  route({
    method: 'PUT',
    url: '/api/items/:key/security',
    access,
    summary: 'Give the item its own setting (allow/deny view and edit per user, group or project role)',
    params,
    body: securitySet,
    response: securityOut,
    handler: ({ actor, params, body }) => service.set(actor, params.key, body),
  });

  route({
    method: 'POST',
    url: '/api/items/:key/security/preview',
    access,
    summary:
      'Dry run of a setting: whose view / edit / log-work access to the item and its subtree would change (nothing is saved)',
    params,
    body: securitySet,
    response: previewOut,
    handler: ({ actor, params, body }) => service.preview(actor, params.key, body),
  });

  route({
    method: 'DELETE',
    url: '/api/items/:key/security',
    access,
    summary: 'Clear the own setting so the item inherits again; children=true clears the whole subtree',
    params,
    querystring: securityClearQuery,
    response: securityOut,
    handler: ({ actor, params, query }) => service.clear(actor, params.key, query.children),
  });

  route({
    method: 'POST',
    url: '/api/security/batch',
    access,
    summary: "Set several items' settings; each item is checked on its own; all or nothing",
    body: securityBatch,
    response: securityBatchOut,
    handler: ({ actor, body }) => service.setMany(actor, body.items),
  });
}
