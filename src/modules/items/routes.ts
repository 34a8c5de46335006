import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  childrenQuery,
  commentCreate,
  commentOut,
  commentPage,
  commentsQuery,
  itemCopy,
  itemCreate,
  itemKeyParams as keyParams,
  itemMove,
  itemOut,
  itemPage,
  itemTrashQuery,
  itemUpdate,
  projectKeyParams,
  trashOut,
} from './schema.js';
import { createItemService } from './service.js';
import { createTreeService } from './tree.js';

const tags = ['work items'];

export function itemRoutes(app: App, deps: Deps) {
  const service = createItemService(deps);

  app.get(
    '/api/projects/:key/items',
    {
      config: { access: 'project.view' },
      schema: {
        tags,
        summary: 'Children of a work item (top-level items without `parent`)',
        params: projectKeyParams,
        querystring: childrenQuery,
        response: { 200: itemPage, ...errorResponses },
      },
    },
    async (req) => service.listChildren(actorOf(req), req.params.key, req.query),
  );

  app.post(
    '/api/projects/:key/items',
    {
      config: { access: 'item.create' },
      schema: {
        tags,
        summary: 'Create a work item',
        params: projectKeyParams,
        body: itemCreate,
        response: { 201: itemOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.params.key, req.body)),
  );

  app.get(
    '/api/items/:key',
    {
      config: { access: 'item.view' },
      schema: {
        tags,
        summary: "One work item with its path and the caller's abilities",
        params: keyParams,
        response: { 200: itemOut, ...errorResponses },
      },
    },
    async (req) => service.get(actorOf(req), req.params.key),
  );

  app.patch(
    '/api/items/:key',
    {
      config: { access: 'item.edit' },
      schema: {
        tags,
        summary: 'Change a work item (optimistic: send the version you read)',
        params: keyParams,
        body: itemUpdate,
        response: { 200: itemOut, ...errorResponses },
      },
    },
    async (req) => service.update(actorOf(req), req.params.key, req.body),
  );

  app.get(
    '/api/items/:key/comments',
    {
      config: { access: 'item.view' },
      schema: {
        tags,
        summary: 'Comments on a work item',
        params: keyParams,
        querystring: commentsQuery,
        response: { 200: commentPage, ...errorResponses },
      },
    },
    async (req) => service.listComments(actorOf(req), req.params.key, req.query),
  );

  app.post(
    '/api/items/:key/comments',
    {
      config: { access: 'item.comment' },
      schema: {
        tags,
        summary: 'Comment on a work item',
        params: keyParams,
        body: commentCreate,
        response: { 201: commentOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.addComment(actorOf(req), req.params.key, req.body)),
  );
}

export function treeRoutes(app: App, deps: Deps) {
  const tree = createTreeService(deps);
  const items = createItemService(deps);

  app.post(
    '/api/items/:key/move',
    {
      config: { access: 'item.edit' },
      schema: {
        tags,
        summary: 'Move an item (and its subtree) under another parent, or to the top (parentKey null)',
        params: keyParams,
        body: itemMove,
        response: { 200: itemOut, ...errorResponses },
      },
    },
    async (req) => {
      await tree.move(actorOf(req), req.params.key, req.body);
      return items.get(actorOf(req), req.params.key);
    },
  );

  app.post(
    '/api/items/:key/copy',
    {
      config: { access: 'item.view' },
      schema: {
        tags,
        summary:
          "Paste a copy of the item and the visible part of its subtree under a parent; copies inherit the target's security",
        params: keyParams,
        body: itemCopy,
        response: { 201: itemOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await items.get(actorOf(req), await tree.copy(actorOf(req), req.params.key, req.body))),
  );

  app.delete(
    '/api/items/:key',
    {
      config: { access: 'item.delete' },
      schema: {
        tags,
        summary: 'Move an item and its subtree to the trash (their security settings are dropped)',
        params: keyParams,
        querystring: itemTrashQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await tree.trash(actorOf(req), req.params.key, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/projects/:key/trash',
    {
      config: { access: 'project.edit' },
      schema: {
        tags,
        summary: "Items in the project's trash (project administrators)",
        params: projectKeyParams,
        response: { 200: trashOut, ...errorResponses },
      },
    },
    async (req) => tree.listTrash(actorOf(req), req.params.key),
  );

  app.post(
    '/api/items/:key/restore',
    {
      config: { access: 'project.edit' },
      schema: {
        tags,
        summary: 'Restore an item and its subtree from the trash',
        params: keyParams,
        response: { 200: itemOut, ...errorResponses },
      },
    },
    async (req) => {
      await tree.restore(actorOf(req), req.params.key);
      return items.get(actorOf(req), req.params.key);
    },
  );
}
