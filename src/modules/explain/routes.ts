import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses, itemKey, pageQuery, projectKey } from '../../lib/schemas.js';
import { checkAccessQuery, explainQuery, explanation, itemAccessPage, projectAccessPage } from './schema.js';
import { createExplainService } from './service.js';

const tags = ['explain'];

export function explainRoutes(app: App, deps: Deps) {
  const service = createExplainService(deps);

  app.get(
    '/api/explain',
    {
      config: { access: 'self.explain' },
      schema: {
        tags,
        summary: '"Why can\'t I see this?" — the layers consulted for the caller and the rule that decided (EXPL-1)',
        querystring: explainQuery,
        response: { 200: explanation, ...errorResponses },
      },
    },
    async (req) => service.explain(actorOf(req), req.query),
  );

  app.get(
    '/api/admin/check-access',
    {
      config: { access: 'admin.explain' },
      schema: {
        tags: ['administration'],
        summary: '"Check access": explain any user\'s decision on an action and resource (EXPL-1)',
        querystring: checkAccessQuery,
        response: { 200: explanation, ...errorResponses },
      },
    },
    async (req) => service.explain(actorOf(req), req.query),
  );

  app.get(
    '/api/items/:key/access',
    {
      config: { access: 'item.security' },
      schema: {
        tags,
        summary:
          'Who has access to a work item: every user who can view it, with edit and log-work (today, installation time zone), and why (EXPL-2)',
        params: z.strictObject({ key: itemKey }),
        querystring: z.strictObject(pageQuery),
        response: { 200: itemAccessPage, ...errorResponses },
      },
    },
    async (req) => service.itemAccess(actorOf(req), req.params.key, req.query),
  );

  app.get(
    '/api/projects/:key/access',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary:
          'Who has access to a project: every user who can browse it, each project permission and how it reaches them (EXPL-2)',
        params: z.strictObject({ key: projectKey }),
        querystring: z.strictObject(pageQuery),
        response: { 200: projectAccessPage, ...errorResponses },
      },
    },
    async (req) => service.projectAccess(actorOf(req), req.params.key, req.query),
  );
}
