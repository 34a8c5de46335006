import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses, idParam } from '../../lib/schemas.js';
import { accessPreview, denyAdd, denyList, denyPreviewBody, roleGrant, roleList, rolePreviewBody } from './schema.js';
import { createAccessService } from './service.js';

const tags = ['administration'];

export function accessRoutes(app: App, deps: Deps) {
  const service = createAccessService(deps);

  app.post(
    '/api/deny-permissions/preview',
    {
      config: { access: 'admin.denies' },
      schema: {
        tags,
        summary: 'Dry run: whose denied surfaces would change (nothing is saved)',
        body: denyPreviewBody,
        response: { 200: accessPreview, ...errorResponses },
      },
    },
    async (req) => service.preview(actorOf(req), { addDeny: req.body.add, removeDenyId: req.body.removeId }),
  );

  app.post(
    '/api/app-roles/preview',
    {
      config: { access: 'admin.roles' },
      schema: {
        tags,
        summary: 'Dry run: whose app areas would change (nothing is saved)',
        body: rolePreviewBody,
        response: { 200: accessPreview, ...errorResponses },
      },
    },
    async (req) => service.preview(actorOf(req), { grantRole: req.body.grant, revokeRoleGrantId: req.body.revokeId }),
  );

  app.get(
    '/api/deny-permissions',
    {
      config: { access: 'admin.denies' },
      schema: {
        tags,
        summary: 'Deny permissions: the catalogue and which groups are denied what (DENY)',
        response: { 200: denyList, ...errorResponses },
      },
    },
    async () => service.listDenies(),
  );

  app.post(
    '/api/deny-permissions',
    {
      config: { access: 'admin.denies' },
      schema: {
        tags,
        summary: 'DENY a permission to a group',
        body: denyAdd,
        response: { 201: denyList, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addDeny(actorOf(req), req.body.permission, req.body.groupId)),
  );

  app.delete(
    '/api/deny-permissions/:id',
    {
      config: { access: 'admin.denies' },
      schema: {
        tags,
        summary: 'Lift a denial',
        params: z.strictObject({ id: idParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.removeDeny(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/app-roles',
    {
      config: { access: 'admin.roles' },
      schema: {
        tags,
        summary: 'App roles, the areas each opens, who holds them, and prerequisite warnings (APP-1, APP-2, APP-6)',
        response: { 200: roleList, ...errorResponses },
      },
    },
    async () => service.listRoles(),
  );

  app.post(
    '/api/app-roles',
    {
      config: { access: 'admin.roles' },
      schema: {
        tags,
        summary: 'Grant an app role to a user or a group',
        body: roleGrant,
        response: { 201: roleList, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.grantRole(actorOf(req), req.body)),
  );

  app.delete(
    '/api/app-roles/:id',
    {
      config: { access: 'admin.roles' },
      schema: {
        tags,
        summary: 'Revoke an app role grant',
        params: z.strictObject({ id: idParam }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.revokeRole(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
