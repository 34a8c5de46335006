import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import { calendarDate, errorResponses, idParam as id, page, pageQuery } from '../../lib/schemas.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { createAuditService } from './service.js';

const auditOut = z.object({
  id: z.number(),
  at: z.date(),
  actor: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  projectId: z.number().nullable(),
  itemId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

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
        querystring: z.strictObject({
          ...pageQuery,
          actorId: id.optional(),
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          projectId: id.optional(),
          from: calendarDate.optional(),
          to: calendarDate.optional(),
        }),
        response: { 200: page(auditOut), ...errorResponses },
      },
    },
    async (req) => service.search(actorOf(req), req.query),
  );
}
