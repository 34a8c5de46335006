import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { auditFacets, auditPage, auditQuery } from './schema.js';
import { createAuditService } from './service.js';

export function auditRoutes(app: App, deps: Deps) {
  const service = createAuditService(deps);
  const route = routeTable(app, { tags: ['administration'] });

  route({
    method: 'GET',
    url: '/api/audit',
    access: 'admin.audit',
    summary:
      'Search the audit log, newest first; rows about projects and items the reader may not browse or view are left out (EXPL-4)',
    querystring: auditQuery,
    response: auditPage,
    handler: ({ actor, query }) => service.search(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/audit/facets',
    access: 'admin.audit',
    summary: 'What the audit search filters on: the audited actions and entity types in plain words (EXPL-4)',
    response: auditFacets,
    handler: async ({ actor }) => service.facets(actor),
  });
}
