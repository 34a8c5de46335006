import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  itemKeyParams,
  timeSummary,
  worklogCreate,
  worklogDeleteQuery,
  worklogIdParams,
  worklogOut,
  worklogPage,
  worklogPageQuery,
  worklogPreview,
  worklogPreviewQuery,
  worklogRangePage,
  worklogRangeQuery,
  worklogUpdate,
} from './schema.js';
import { createWorklogService } from './service.js';

const tags = ['work logs'];

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
        params: worklogIdParams,
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
        params: worklogIdParams,
        querystring: worklogDeleteQuery,
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
        params: itemKeyParams,
        querystring: worklogPageQuery,
        response: { 200: worklogPage, ...errorResponses },
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
        params: itemKeyParams,
        response: { 200: timeSummary, ...errorResponses },
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
        querystring: worklogRangeQuery,
        response: { 200: worklogRangePage, ...errorResponses },
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
        params: worklogIdParams,
        querystring: worklogRangeQuery,
        response: { 200: worklogRangePage, ...errorResponses },
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
        params: itemKeyParams,
        querystring: worklogPreviewQuery,
        response: { 200: worklogPreview, ...errorResponses },
      },
    },
    async (req) => service.preview(actorOf(req), req.params.key, req.query),
  );
}
