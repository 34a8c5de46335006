import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  grantCreate,
  grantList,
  grantParams,
  projectCreate,
  projectKeyParams as params,
  projectListQuery,
  projectOut,
  projectPage,
  projectUpdate,
  roleMemberCreate,
  roleMemberList,
  roleMemberParams,
  subjectsOut,
  subjectsQuery,
} from './schema.js';
import { createProjectService } from './service.js';

export function projectRoutes(app: App, deps: Deps) {
  const service = createProjectService(deps);
  const route = routeTable(app, { tags: ['projects'] });

  route({
    method: 'GET',
    url: '/api/projects',
    access: 'project.list',
    summary: 'Projects the caller may browse, by key',
    querystring: projectListQuery,
    response: projectPage,
    handler: ({ actor, query }) => service.list(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/projects',
    access: 'project.create',
    summary: 'Create a project (Administration)',
    body: projectCreate,
    response: projectOut,
    status: 201,
    handler: ({ actor, body }) => service.create(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key',
    access: 'project.view',
    summary: 'One project',
    params,
    response: projectOut,
    handler: ({ actor, params }) => service.get(actor, params.key),
  });

  route({
    method: 'PATCH',
    url: '/api/projects/:key',
    access: 'project.edit',
    summary: 'Change name, client or settings (optimistic: send the version you read)',
    params,
    body: projectUpdate,
    response: projectOut,
    handler: ({ actor, params, body }) => service.update(actor, params.key, body),
  });

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
    summary: 'Revoke a project permission grant',
    params: grantParams,
    response: null,
    handler: ({ actor, params }) => service.removeGrant(actor, params.key, params.grantId),
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
    summary: 'Take a project role away',
    params: roleMemberParams,
    response: null,
    handler: ({ actor, params }) => service.removeRoleMember(actor, params.key, params.memberId),
  });
}
