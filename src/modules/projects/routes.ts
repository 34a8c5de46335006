import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  grantCreate,
  grantList,
  grantParams,
  projectCreate,
  projectKeyParams as keyParams,
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

const tags = ['projects'];

export function projectRoutes(app: App, deps: Deps) {
  const service = createProjectService(deps);

  app.get(
    '/api/projects',
    {
      config: { access: 'project.list' },
      schema: {
        tags,
        summary: 'Projects the caller may browse, by key',
        querystring: projectListQuery,
        response: { 200: projectPage, ...errorResponses },
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );

  app.post(
    '/api/projects',
    {
      config: { access: 'project.create' },
      schema: {
        tags,
        summary: 'Create a project (Administration)',
        body: projectCreate,
        response: { 201: projectOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(actorOf(req), req.body)),
  );

  app.get(
    '/api/projects/:key',
    {
      config: { access: 'project.view' },
      schema: { tags, summary: 'One project', params: keyParams, response: { 200: projectOut, ...errorResponses } },
    },
    async (req) => service.get(actorOf(req), req.params.key),
  );

  app.patch(
    '/api/projects/:key',
    {
      config: { access: 'project.edit' },
      schema: {
        tags,
        summary: 'Change name, client or settings (optimistic: send the version you read)',
        params: keyParams,
        body: projectUpdate,
        response: { 200: projectOut, ...errorResponses },
      },
    },
    async (req) => service.update(actorOf(req), req.params.key, req.body),
  );

  app.get(
    '/api/projects/:key/permissions',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Project permission grants',
        params: keyParams,
        response: { 200: grantList, ...errorResponses },
      },
    },
    async (req) => service.listGrants(actorOf(req), req.params.key),
  );

  app.post(
    '/api/projects/:key/permissions',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Grant a project permission to a user, group or project role',
        params: keyParams,
        body: grantCreate,
        response: { 201: grantList, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.addGrant(actorOf(req), req.params.key, req.body)),
  );

  app.delete(
    '/api/projects/:key/permissions/:grantId',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Revoke a project permission grant',
        params: grantParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.removeGrant(actorOf(req), req.params.key, req.params.grantId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/projects/:key/subjects',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Users, groups and project roles a project administrator can name in grants and item security',
        params: keyParams,
        querystring: subjectsQuery,
        response: { 200: subjectsOut, ...errorResponses },
      },
    },
    async (req) => service.subjects(actorOf(req), req.params.key, req.query),
  );

  app.get(
    '/api/projects/:key/role-members',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Who holds which project role',
        params: keyParams,
        response: { 200: roleMemberList, ...errorResponses },
      },
    },
    async (req) => service.listRoleMembers(actorOf(req), req.params.key),
  );

  app.post(
    '/api/projects/:key/role-members',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Give a user or group a project role',
        params: keyParams,
        body: roleMemberCreate,
        response: { 201: roleMemberList, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.addRoleMember(actorOf(req), req.params.key, req.body)),
  );

  app.delete(
    '/api/projects/:key/role-members/:memberId',
    {
      config: { access: 'project.permissions' },
      schema: {
        tags,
        summary: 'Take a project role away',
        params: roleMemberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.removeRoleMember(actorOf(req), req.params.key, req.params.memberId);
      return reply.code(204).send(null);
    },
  );
}
