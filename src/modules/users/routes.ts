import { z } from 'zod';
import { createDeleteGroupCommand } from '../../commands/delete-group.js';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  groupCreate,
  groupDeleteQuery,
  groupDeletionPreview,
  groupList,
  groupOut,
  groupUpdate,
  idParams,
  memberList,
  memberParams,
  userCreate,
  userListQuery,
  userOut,
  userPage,
  userUpdate,
} from './schema.js';
import { createUserService } from './service.js';

const tags = ['administration'];
const access = 'admin.users' as const;

export function userRoutes(app: App, deps: Deps) {
  const service = createUserService(deps);
  const deleteGroup = createDeleteGroupCommand(deps);

  app.get(
    '/api/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Users',
        querystring: userListQuery,
        response: { 200: userPage, ...errorResponses },
      },
    },
    async (req) => service.list(req.query),
  );

  app.post(
    '/api/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a user (joins the group users)',
        body: userCreate,
        response: { 201: userOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.body)),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One user',
        params: idParams,
        response: { 200: userOut, ...errorResponses },
      },
    },
    async (req) => service.get(req.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change, deactivate or reactivate a user',
        params: idParams,
        body: userUpdate,
        response: { 200: userOut, ...errorResponses },
      },
    },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/groups',
    {
      config: { access },
      schema: { tags, summary: 'Groups', response: { 200: groupList, ...errorResponses } },
    },
    async () => service.listGroups(),
  );

  app.post(
    '/api/groups',
    {
      config: { access },
      schema: { tags, summary: 'Create a group', body: groupCreate, response: { 201: groupOut, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await service.createGroup(actorOf(req), req.body)),
  );

  app.patch(
    '/api/groups/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rename a group',
        params: idParams,
        body: groupUpdate,
        response: { 200: groupOut, ...errorResponses },
      },
    },
    async (req) => service.renameGroup(actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/groups/:id/deletion-preview',
    {
      config: { access },
      schema: {
        tags,
        summary: 'What deleting a group would remove and whose access would change (ID-6, EXPL-3); nothing is written',
        params: idParams,
        response: { 200: groupDeletionPreview, ...errorResponses },
      },
    },
    async (req) => deleteGroup.preview(actorOf(req), req.params.id),
  );

  app.delete(
    '/api/groups/:id',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Delete a group (not the built-in ones) with everything it carries; send the version previewed, and confirm=true when the preview listed anything (ID-6)',
        params: idParams,
        querystring: groupDeleteQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteGroup.run(actorOf(req), req.params.id, {
        version: req.query.version,
        confirm: req.query.confirm === 'true',
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/groups/:id/members',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Members of a group',
        params: idParams,
        response: { 200: memberList, ...errorResponses },
      },
    },
    async (req) => service.members(req.params.id),
  );

  app.put(
    '/api/groups/:id/members/:userId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a user to a group',
        params: memberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.setMember(actorOf(req), req.params.id, req.params.userId, true);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/groups/:id/members/:userId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Remove a user from a group',
        params: memberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.setMember(actorOf(req), req.params.id, req.params.userId, false);
      return reply.code(204).send(null);
    },
  );
}
