import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { projectPermissionRoutes } from './routes-permissions.js';
import {
  projectArchive,
  projectCreate,
  projectKeyParams as params,
  projectListQuery,
  projectOut,
  projectPage,
  projectUpdate,
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
    method: 'PUT',
    url: '/api/projects/:key/archived',
    access: 'project.edit',
    summary: 'Archive a project or make it active again (PRJ-1: archived, it takes no new work logs or items)',
    params,
    body: projectArchive,
    response: projectOut,
    handler: ({ actor, params, body }) => service.archive(actor, params.key, body),
  });

  projectPermissionRoutes(app, deps);
}
