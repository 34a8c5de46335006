import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { previewOut } from '../security/schema.js';
import {
  grantCreate,
  grantList,
  grantParams,
  grantPreviewBody,
  lockoutQuery,
  projectKeyParams as params,
  roleMemberCreate,
  roleMemberList,
  roleMemberParams,
  roleMemberPreviewBody,
  subjectsOut,
  subjectsQuery,
} from './schema.js';
import { createProjectPermissionService } from './service-permissions.js';

/** A project's permission scheme (PRJ-3): grants, project-role members, their previews (EXPL-3), the subjects. */
export function projectPermissionRoutes(app: App, deps: Deps) {
  const service = createProjectPermissionService(deps);
  const route = routeTable(app, { tags: ['projects'] });

  route({
    method: 'GET',
    url: '/api/projects/:key/permissions',
    access: 'project.permissions',
    summary: 'Project permission grants',
    params,
    response: grantList,
    handler: ({ actor, params }) => service.listGrants(actor, params.key),
  });

  route({
    method: 'POST',
    url: '/api/projects/:key/permissions',
    access: 'project.permissions',
    summary: 'Grant a project permission to a user, group or project role',
    params,
    body: grantCreate,
    response: grantList,
    status: 201,
    handler: ({ actor, params, body }) => service.addGrant(actor, params.key, body),
  });

  route({
    method: 'DELETE',
    url: '/api/projects/:key/permissions/:grantId',
    access: 'project.permissions',
    summary:
      'Revoke a project permission grant; confirmLockout=true when it leaves nobody administering the project (409 project_lockout otherwise)',
    params: grantParams,
    querystring: lockoutQuery,
    response: null,
    handler: ({ actor, params, query }) => service.removeGrant(actor, params.key, params.grantId, query.confirmLockout),
  });

  route({
    method: 'POST',
    url: '/api/projects/:key/permissions/preview',
    access: 'project.permissions',
    summary:
      'Dry run of a grant or a revocation: whose project permissions would change, and a lockout (nothing is saved)',
    params,
    body: grantPreviewBody,
    response: previewOut,
    handler: ({ actor, params, body }) => service.previewGrant(actor, params.key, body),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key/subjects',
    access: 'project.permissions',
    summary: 'Users, groups and project roles a project administrator can name in grants and item security',
    params,
    querystring: subjectsQuery,
    response: subjectsOut,
    handler: ({ actor, params, query }) => service.subjects(actor, params.key, query),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key/role-members',
    access: 'project.permissions',
    summary: 'Who holds which project role',
    params,
    response: roleMemberList,
    handler: ({ actor, params }) => service.listRoleMembers(actor, params.key),
  });

  route({
    method: 'POST',
    url: '/api/projects/:key/role-members',
    access: 'project.permissions',
    summary: 'Give a user or group a project role',
    params,
    body: roleMemberCreate,
    response: roleMemberList,
    status: 201,
    handler: ({ actor, params, body }) => service.addRoleMember(actor, params.key, body),
  });

  route({
    method: 'DELETE',
    url: '/api/projects/:key/role-members/:memberId',
    access: 'project.permissions',
    summary:
      'Take a project role away; confirmLockout=true when it leaves nobody administering the project (409 project_lockout otherwise)',
    params: roleMemberParams,
    querystring: lockoutQuery,
    response: null,
    handler: ({ actor, params, query }) =>
      service.removeRoleMember(actor, params.key, params.memberId, query.confirmLockout),
  });

  route({
    method: 'POST',
    url: '/api/projects/:key/role-members/preview',
    access: 'project.permissions',
    summary:
      'Dry run of a new role member or a removal: whose project permissions would change, and a lockout (nothing is saved)',
    params,
    body: roleMemberPreviewBody,
    response: previewOut,
    handler: ({ actor, params, body }) => service.previewRoleMember(actor, params.key, body),
  });
}
