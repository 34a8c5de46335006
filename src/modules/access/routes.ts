import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import { errorResponses, id, idParam } from '../../lib/schemas.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { APP_ROLES, DENY_PERMISSIONS } from '../../db/types.js';
import { createAccessService } from './service.js';
import { changeOut } from '../security/schema.js';

const tags = ['administration'];
const subjectOut = z.object({ kind: z.enum(['user', 'group']), id: z.number(), name: z.string() });
const denies = z.object({
  catalogue: z.array(z.object({ permission: z.enum(DENY_PERMISSIONS), label: z.string(), hides: z.array(z.string()) })),
  grants: z.array(
    z.object({
      id: z.number(),
      permission: z.enum(DENY_PERMISSIONS),
      effect: z.literal('DENY'),
      group: z.object({ id: z.number(), name: z.string() }),
    }),
  ),
});
const roles = z.object({
  roles: z.array(
    z.object({
      role: z.enum(APP_ROLES),
      areas: z.array(z.string()),
      prerequisites: z.array(z.string()),
      grants: z.array(z.object({ id: z.number(), subject: subjectOut })),
    }),
  ),
  warnings: z.array(
    z.object({
      code: z.string(),
      user: z.object({ id: z.number(), login: z.string() }),
      role: z.string(),
      missing: z.array(z.string()),
      message: z.string(),
    }),
  ),
});

const preview = z.object({ changes: z.array(changeOut) });

/** A grant names exactly one subject — the same rule for the save and its preview (the table's check would answer 500). */
const roleGrant = z
  .strictObject({ role: z.enum(APP_ROLES), userId: id.optional(), groupId: id.optional() })
  .refine((v) => (v.userId === undefined) !== (v.groupId === undefined), {
    message: 'give exactly one of userId, groupId',
    path: ['userId'],
  });

export function accessRoutes(app: App, deps: Deps) {
  const service = createAccessService(deps);

  app.post(
    '/api/deny-permissions/preview',
    {
      config: { access: 'admin.denies' },
      schema: {
        tags,
        summary: 'Dry run: whose denied surfaces would change (nothing is saved)',
        body: z.strictObject({
          add: z.strictObject({ permission: z.enum(DENY_PERMISSIONS), groupId: id }).optional(),
          removeId: id.optional(),
        }),
        response: { 200: preview, ...errorResponses },
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
        body: z.strictObject({ grant: roleGrant.optional(), revokeId: id.optional() }),
        response: { 200: preview, ...errorResponses },
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
        response: { 200: denies, ...errorResponses },
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
        body: z.strictObject({ permission: z.enum(DENY_PERMISSIONS), groupId: id }),
        response: { 201: denies, ...errorResponses },
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
        response: { 200: roles, ...errorResponses },
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
        response: { 201: roles, ...errorResponses },
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
