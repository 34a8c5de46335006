import { z } from 'zod';
import { ACTION_NAMES, ACTIONS, type Action } from '../../authz/catalogue.js';
import { LAYERS } from '../../authz/decide.js';
import { actorOf } from '../../http/access.js';
import {
  calendarDate,
  errorResponses,
  idParam as id,
  itemKey,
  page,
  pageQuery,
  projectKey,
} from '../../lib/schemas.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { createExplainService } from './service.js';

const tags = ['explain'];
const reason = z.object({
  layer: z.enum(LAYERS),
  outcome: z.enum(['allow', 'deny']),
  code: z.string(),
  message: z.string(),
  inheritedFrom: z.string().optional(),
});
const explanation = z.object({
  user: z.object({ id: z.number(), login: z.string(), displayName: z.string() }),
  action: z.string(),
  resource: z.object({ kind: z.enum(['item', 'project', 'team', 'global']), key: z.string().nullable() }),
  /** The work date a dated action (the team and price-list check, PRICE-3) was explained for; null for undated actions. */
  date: calendarDate.nullable(),
  allowed: z.boolean(),
  hidden: z.boolean(),
  deciding: reason,
  layers: z.array(reason),
});
const answer = z.object({ allowed: z.boolean(), why: z.string(), layer: z.string() });
const userRef = z.object({ id: z.number(), login: z.string(), displayName: z.string() });

export function explainRoutes(app: App, deps: Deps) {
  const service = createExplainService(deps);

  // Work-log actions are explained on their work item (worklog.create), so they are not offered here.
  const explainable = ACTION_NAMES.filter((a) => ACTIONS[a].scope !== 'worklog') as [Action, ...Action[]];
  const query = {
    action: z.enum(explainable),
    item: itemKey.optional(),
    project: projectKey.optional(),
    /** The work date, for the team and price-list check of logging work (PRICE-3); today in the installation's time zone when absent. */
    date: calendarDate.optional(),
    team: id.optional(),
  };

  app.get(
    '/api/explain',
    {
      config: { access: 'self.explain' },
      schema: {
        tags,
        summary: '"Why can\'t I see this?" — the layers consulted for the caller and the rule that decided (EXPL-1)',
        querystring: z.strictObject(query),
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
        querystring: z.strictObject({ ...query, userId: id }),
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
        response: {
          200: page(
            z.object({ user: userRef, view: answer, edit: answer, logWork: answer.extend({ date: calendarDate }) }),
          ),
          ...errorResponses,
        },
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
        response: {
          200: page(
            z.object({
              user: userRef,
              permissions: z.array(
                z.object({ permission: z.string(), allowed: z.boolean(), why: z.array(z.string()) }),
              ),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (req) => service.projectAccess(actorOf(req), req.params.key, req.query),
  );
}
