import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import { errorResponses, itemKey, page, pageQuery, projectKey } from '../../http/schemas.js';
import type { App, Deps } from '../../http/types.js';
import { commentCreate, commentOut, itemCreate, itemOut, itemSummary, itemUpdate } from './schema.js';
import { createItemService } from './service.js';

const keyParams = z.strictObject({ key: itemKey });
const tags = ['work items'];

export function itemRoutes(app: App, deps: Deps) {
  const service = createItemService(deps);

  app.get('/api/projects/:key/items', {
    config: { access: 'project.view' },
    schema: {
      tags, summary: 'Children of a work item (top-level items without `parent`)',
      params: z.strictObject({ key: projectKey }),
      querystring: z.strictObject({ ...pageQuery, parent: itemKey.optional() }),
      response: { 200: page(itemSummary), ...errorResponses },
    },
  }, async (req) => service.listChildren(actorOf(req), req.params.key, req.query));

  app.post('/api/projects/:key/items', {
    config: { access: 'item.create' },
    schema: { tags, summary: 'Create a work item', params: z.strictObject({ key: projectKey }), body: itemCreate, response: { 201: itemOut, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.params.key, req.body)));

  app.get('/api/items/:key', {
    config: { access: 'item.view' },
    schema: { tags, summary: 'One work item with its path and the caller\'s abilities', params: keyParams, response: { 200: itemOut, ...errorResponses } },
  }, async (req) => service.get(actorOf(req), req.params.key));

  app.patch('/api/items/:key', {
    config: { access: 'item.edit' },
    schema: { tags, summary: 'Change a work item (optimistic: send the version you read)', params: keyParams, body: itemUpdate, response: { 200: itemOut, ...errorResponses } },
  }, async (req) => service.update(actorOf(req), req.params.key, req.body));

  app.get('/api/items/:key/comments', {
    config: { access: 'item.view' },
    schema: { tags, summary: 'Comments on a work item', params: keyParams, querystring: z.strictObject(pageQuery), response: { 200: page(commentOut), ...errorResponses } },
  }, async (req) => service.listComments(actorOf(req), req.params.key, req.query));

  app.post('/api/items/:key/comments', {
    config: { access: 'item.comment' },
    schema: { tags, summary: 'Comment on a work item', params: keyParams, body: commentCreate, response: { 201: commentOut, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await service.addComment(actorOf(req), req.params.key, req.body)));
}
