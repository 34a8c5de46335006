import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
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

const tags = ['item security'];
const access = 'item.security' as const;

export function securityRoutes(app: App, deps: Deps) {
  const service = createSecurityService(deps);

  app.get(
    '/api/items/:key/security',
    {
      config: { access },
      schema: {
        tags,
        summary: "The item's security setting: own, inherited (and from where) or none",
        params,
        response: { 200: securityOut, ...errorResponses },
      },
    },
    async (req) => service.get(actorOf(req), req.params.key),
  );

  app.put(
    '/api/items/:key/security',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Give the item its own setting (allow/deny view and edit per user, group or project role)',
        params,
        body: securitySet,
        response: { 200: securityOut, ...errorResponses },
      },
    },
    async (req) => service.set(actorOf(req), req.params.key, req.body),
  );

  app.post(
    '/api/items/:key/security/preview',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Dry run of a setting: whose view / edit / log-work access to the item and its subtree would change (nothing is saved)',
        params,
        body: securitySet,
        response: { 200: previewOut, ...errorResponses },
      },
    },
    async (req) => service.preview(actorOf(req), req.params.key, req.body),
  );

  app.delete(
    '/api/items/:key/security',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Clear the own setting so the item inherits again; children=true clears the whole subtree',
        params,
        querystring: securityClearQuery,
        response: { 200: securityOut, ...errorResponses },
      },
    },
    async (req) => service.clear(actorOf(req), req.params.key, req.query.children),
  );

  app.post(
    '/api/security/batch',
    {
      config: { access },
      schema: {
        tags,
        summary: "Set several items' settings; each item is checked on its own; all or nothing",
        body: securityBatch,
        response: { 200: securityBatchOut, ...errorResponses },
      },
    },
    async (req) => service.setMany(actorOf(req), req.body.items),
  );
}
