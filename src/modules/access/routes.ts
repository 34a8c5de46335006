import { z } from 'zod';
import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { idParam } from '../../lib/schemas.js';
import { accessPreview, denyAdd, denyList, denyPreviewBody, roleGrant, roleList, rolePreviewBody } from './schema.js';
import { createAccessService } from './service.js';

const params = z.strictObject({ id: idParam });

export function accessRoutes(app: App, deps: Deps) {
  const service = createAccessService(deps);
  const route = routeTable(app, { tags: ['administration'] });

  route({
    method: 'POST',
    url: '/api/deny-permissions/preview',
    access: 'admin.denies',
    summary: 'Dry run: whose denied surfaces would change (nothing is saved)',
    body: denyPreviewBody,
    response: accessPreview,
    handler: ({ actor, body }) => service.preview(actor, { addDeny: body.add, removeDenyId: body.removeId }),
  });

  route({
    method: 'POST',
    url: '/api/app-roles/preview',
    access: 'admin.roles',
    summary: 'Dry run: whose app areas would change (nothing is saved)',
    body: rolePreviewBody,
    response: accessPreview,
    handler: ({ actor, body }) => service.preview(actor, { grantRole: body.grant, revokeRoleGrantId: body.revokeId }),
  });

  route({
    method: 'GET',
    url: '/api/deny-permissions',
    access: 'admin.denies',
    summary: 'Deny permissions: the catalogue and which groups are denied what (DENY)',
    response: denyList,
    handler: () => service.listDenies(),
  });

  route({
    method: 'POST',
    url: '/api/deny-permissions',
    access: 'admin.denies',
    summary: 'DENY a permission to a group',
    body: denyAdd,
    response: denyList,
    status: 201,
    handler: ({ actor, body }) => service.addDeny(actor, body.permission, body.groupId),
  });

  route({
    method: 'DELETE',
    url: '/api/deny-permissions/:id',
    access: 'admin.denies',
    summary: 'Lift a denial',
    params,
    response: null,
    handler: ({ actor, params }) => service.removeDeny(actor, params.id),
  });

  route({
    method: 'GET',
    url: '/api/app-roles',
    access: 'admin.roles',
    summary: 'App roles, the areas each opens, who holds them, and prerequisite warnings (APP-1, APP-2, APP-6)',
    response: roleList,
    handler: () => service.listRoles(),
  });

  route({
    method: 'POST',
    url: '/api/app-roles',
    access: 'admin.roles',
    summary: 'Grant an app role to a user or a group',
    body: roleGrant,
    response: roleList,
    status: 201,
    handler: ({ actor, body }) => service.grantRole(actor, body),
  });

  route({
    method: 'DELETE',
    url: '/api/app-roles/:id',
    access: 'admin.roles',
    summary: 'Revoke an app role grant',
    params,
    response: null,
    handler: ({ actor, params }) => service.revokeRole(actor, params.id),
  });
}
