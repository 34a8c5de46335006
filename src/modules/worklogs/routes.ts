import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import { calendarDate, errorResponses, idParam as id, itemKey, page, pageQuery } from '../../lib/schemas.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { worklogCreate, worklogOut, worklogPreview, worklogUpdate } from './schema.js';
import { createWorklogService } from './service.js';

const tags = ['work logs'];
const idParams = z.strictObject({ id });

export function worklogRoutes(app: App, deps: Deps) {
  const service = createWorklogService(deps);

  app.post(
    '/api/worklogs',
    {
      config: { access: 'worklog.create' },
      schema: {
        tags,
        summary: 'Log work on a work item',
        body: worklogCreate,
        response: { 201: worklogOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.body)),
  );

  app.patch(
    '/api/worklogs/:id',
    {
      config: { access: 'worklog.edit' },
      schema: {
        tags,
        summary: 'Change a work log (optimistic: send the version you read)',
        params: idParams,
        body: worklogUpdate,
        response: { 200: worklogOut, ...errorResponses },
      },
    },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/worklogs/:id',
    {
      config: { access: 'worklog.delete' },
      schema: {
        tags,
        summary: 'Delete a work log (send the version you read)',
        params: idParams,
        querystring: z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/items/:key/worklogs',
    {
      config: { access: 'worklog.view' },
      schema: {
        tags,
        summary: 'Work logs of a work item, newest first',
        params: z.strictObject({ key: itemKey }),
        querystring: z.strictObject(pageQuery),
        response: { 200: page(worklogOut), ...errorResponses },
      },
    },
    async (req) => service.listForItem(actorOf(req), req.params.key, req.query),
  );

  app.get(
    '/api/items/:key/time-summary',
    {
      config: { access: 'item.timePanels' },
      schema: {
        tags,
        summary: 'Time-tracking panels of the item screen: time spent (item and visible subtree) and my last work log',
        params: z.strictObject({ key: itemKey }),
        response: {
          200: z.object({
            itemKey: z.string(),
            timeSpentSeconds: z.number(),
            subtreeTimeSpentSeconds: z.number(),
            myLastWorklog: worklogOut.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => service.timeSummary(actorOf(req), req.params.key),
  );

  app.get(
    '/api/me/worklogs',
    {
      config: { access: 'worklog.list' },
      schema: {
        tags,
        summary: 'My work logs over a date range, newest first, with the range total',
        querystring: z.strictObject({ ...pageQuery, from: calendarDate.optional(), to: calendarDate.optional() }),
        response: { 200: page(worklogOut).extend({ totalSeconds: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.listByAuthor(actorOf(req), actorOf(req).userId, req.query),
  );

  app.get(
    '/api/users/:id/worklogs',
    {
      config: { access: 'worklog.listFor' },
      schema: {
        tags,
        summary:
          "A member's work logs over a date range (own, or through VIEW_MEMBER_WORKLOGS, team_admin or app_admin), on items the caller can view",
        params: idParams,
        querystring: z.strictObject({ ...pageQuery, from: calendarDate.optional(), to: calendarDate.optional() }),
        response: { 200: page(worklogOut).extend({ totalSeconds: z.number() }), ...errorResponses },
      },
    },
    async (req) => service.listByAuthor(actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/items/:key/worklog-preview',
    {
      config: { access: 'worklog.create' },
      schema: {
        tags,
        summary:
          'What logging work on the item at a date would record (team, price list; rate for money roles) and whether it may',
        params: z.strictObject({ key: itemKey }),
        querystring: z.strictObject({ startDate: calendarDate, userId: id.optional() }),
        response: { 200: worklogPreview, ...errorResponses },
      },
    },
    async (req) => service.preview(actorOf(req), req.params.key, req.query),
  );
}
