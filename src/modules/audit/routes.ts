import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import { auditPage, auditQuery } from './schema.js';
import { createAuditService } from './service.js';

export function auditRoutes(app: App, deps: Deps) {
  const service = createAuditService(deps);
  app.get(
    '/api/audit',
    {
      config: { access: 'admin.audit' },
      schema: {
        tags: ['administration'],
        summary:
          'Search the audit log, newest first; rows about projects and items the reader may not browse or view are left out (EXPL-4)',
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (req) => service.search(actorOf(req), req.query),
  );
}
