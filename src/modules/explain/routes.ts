import { z } from 'zod';
import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { itemKey, pageQuery, projectKey } from '../../lib/schemas.js';
import { checkAccessQuery, explainQuery, explanation, itemAccessPage, projectAccessPage } from './schema.js';
import { createExplainService } from './service.js';

export function explainRoutes(app: App, deps: Deps) {
  const service = createExplainService(deps);
  const route = routeTable(app, { tags: ['explain'] });

  route({
    method: 'GET',
    url: '/api/explain',
    access: 'self.explain',
    summary: '"Why can\'t I see this?" — the layers consulted for the caller and the rule that decided (EXPL-1)',
    querystring: explainQuery,
    response: explanation,
    handler: ({ actor, query }) => service.explain(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/admin/check-access',
    access: 'admin.explain',
    tags: ['administration'],
    summary: '"Check access": explain any user\'s decision on an action and resource (EXPL-1)',
    querystring: checkAccessQuery,
    response: explanation,
    handler: ({ actor, query }) => service.explain(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/access',
    access: 'item.security',
    summary:
      'Who has access to a work item: every user who can view it, with edit and log-work (today, installation time zone), and why (EXPL-2)',
    params: z.strictObject({ key: itemKey }),
    querystring: z.strictObject(pageQuery),
    response: itemAccessPage,
    handler: ({ actor, params, query }) => service.itemAccess(actor, params.key, query),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key/access',
    access: 'project.permissions',
    summary:
      'Who has access to a project: every user who can browse it, each project permission and how it reaches them (EXPL-2)',
    params: z.strictObject({ key: projectKey }),
    querystring: z.strictObject(pageQuery),
    response: projectAccessPage,
    handler: ({ actor, params, query }) => service.projectAccess(actor, params.key, query),
  });
}
