import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  childrenQuery,
  commentCreate,
  commentOut,
  commentPage,
  commentsQuery,
  itemCopy,
  itemCreate,
  itemKeyParams as params,
  itemMove,
  itemOut,
  itemPage,
  itemTrashQuery,
  itemUpdate,
  moveTargetPage,
  moveTargetsQuery,
  projectKeyParams,
  trashItemParams,
  trashOut,
} from './schema.js';
import { createItemService } from './service.js';
import { createTrashService } from './trash.js';
import { createTreeService } from './tree.js';

const tags = ['work items'];

export function itemRoutes(app: App, deps: Deps) {
  const service = createItemService(deps);
  const route = routeTable(app, { tags });

  route({
    method: 'GET',
    url: '/api/projects/:key/items',
    access: 'project.view',
    summary: 'Children of a work item (top-level items without `parent`)',
    params: projectKeyParams,
    querystring: childrenQuery,
    response: itemPage,
    handler: ({ actor, params, query }) => service.listChildren(actor, params.key, query),
  });

  route({
    method: 'POST',
    url: '/api/projects/:key/items',
    access: 'item.create',
    summary: 'Create a work item',
    params: projectKeyParams,
    body: itemCreate,
    response: itemOut,
    status: 201,
    handler: ({ actor, params, body }) => service.create(actor, params.key, body),
  });

  route({
    method: 'GET',
    url: '/api/items/:key',
    access: 'item.view',
    summary: "One work item with its path and the caller's abilities",
    params,
    response: itemOut,
    handler: ({ actor, params }) => service.get(actor, params.key),
  });

  route({
    method: 'PATCH',
    url: '/api/items/:key',
    access: 'item.edit',
    summary: 'Change a work item (optimistic: send the version you read)',
    params,
    body: itemUpdate,
    response: itemOut,
    handler: ({ actor, params, body }) => service.update(actor, params.key, body),
  });

  route({
    method: 'GET',
    url: '/api/items/:key/comments',
    access: 'item.view',
    summary: 'Comments on a work item',
    params,
    querystring: commentsQuery,
    response: commentPage,
    handler: ({ actor, params, query }) => service.listComments(actor, params.key, query),
  });

  route({
    method: 'POST',
    url: '/api/items/:key/comments',
    access: 'item.comment',
    summary: 'Comment on a work item',
    params,
    body: commentCreate,
    response: commentOut,
    status: 201,
    handler: ({ actor, params, body }) => service.addComment(actor, params.key, body),
  });
}

export function treeRoutes(app: App, deps: Deps) {
  const tree = createTreeService(deps);
  const items = createItemService(deps);
  const trash = createTrashService(deps);
  const route = routeTable(app, { tags });

  route({
    method: 'GET',
    url: '/api/items/:key/move-targets',
    access: 'item.edit',
    summary: 'Where the item may move: the viewable items outside its subtree, searched by key or title',
    params,
    querystring: moveTargetsQuery,
    response: moveTargetPage,
    handler: ({ actor, params, query }) => tree.moveTargets(actor, params.key, query),
  });

  route({
    method: 'POST',
    url: '/api/items/:key/move',
    access: 'item.edit',
    summary: 'Move an item (and its subtree) under another parent, or to the top (parentKey null)',
    params,
    body: itemMove,
    response: itemOut,
    handler: async ({ actor, params, body }) => {
      await tree.move(actor, params.key, body);
      return items.get(actor, params.key);
    },
  });

  route({
    method: 'POST',
    url: '/api/items/:key/copy',
    access: 'item.view',
    summary:
      "Paste a copy of the item and the visible part of its subtree under a parent; copies inherit the target's security",
    params,
    body: itemCopy,
    response: itemOut,
    status: 201,
    handler: async ({ actor, params, body }) => items.get(actor, await tree.copy(actor, params.key, body)),
  });

  route({
    method: 'DELETE',
    url: '/api/items/:key',
    access: 'item.delete',
    summary: 'Move an item and its subtree to the trash (their security settings are dropped)',
    params,
    querystring: itemTrashQuery,
    response: null,
    handler: ({ actor, params, query }) => tree.trash(actor, params.key, query.version),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key/trash',
    access: 'project.edit',
    summary: "Items in the project's trash (project administrators)",
    params: projectKeyParams,
    response: trashOut,
    handler: ({ actor, params }) => trash.listTrash(actor, params.key),
  });

  route({
    method: 'POST',
    url: '/api/items/:key/restore',
    access: 'project.edit',
    summary: 'Restore an item and its subtree from the trash',
    params,
    response: itemOut,
    handler: async ({ actor, params }) => {
      await trash.restore(actor, params.key);
      return items.get(actor, params.key);
    },
  });

  route({
    method: 'DELETE',
    url: '/api/projects/:key/trash/:itemKey',
    access: 'project.edit',
    summary:
      'Purge an item and its subtree from the trash for good (refused with `item_has_worklogs` while work logs are on it)',
    params: trashItemParams,
    response: null,
    handler: ({ actor, params }) => trash.purge(actor, params.key, params.itemKey),
  });
}
