import { z } from 'zod';
import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import { projectTeamRoutes } from './routes-project.js';
import {
  candidatePage,
  candidatesQuery,
  historyPage,
  historyQuery,
  memberParams,
  membersAdd,
  memberUpdate,
  roleCreate,
  roleOut,
  roleParams,
  roleUpdate,
  teamCreate,
  teamDetail,
  teamListOut,
  teamListQuery,
  teamParams,
  teamUpdate,
  versionQuery,
} from './schema.js';
import { createMemberService } from './service-members.js';
import { createRoleService } from './service-roles.js';
import { createTeamService } from './service.js';

const tags = ['teams'];

/**
 * Teams, their roles and members. Team actions are decided by the service on the team (`authorizeTeam`):
 * the route's declaration names the action; only global ones (the list) are decided before the handler.
 */
export function teamRoutes(app: App, deps: Deps) {
  const teams = createTeamService(deps);
  const roles = createRoleService(deps);
  const members = createMemberService(deps);

  app.get(
    '/api/teams',
    {
      config: { access: 'team.list' },
      schema: {
        tags,
        summary: 'Global teams, and project teams of projects the caller may browse, by name',
        querystring: teamListQuery,
        response: {
          200: teamListOut,
          ...errorResponses,
        },
      },
    },
    async (req) => teams.list(actorOf(req), req.query),
  );

  app.post(
    '/api/teams',
    {
      config: { access: 'team.create' },
      schema: {
        tags,
        summary:
          'Create a team (of a project, or global without projectKey) with its default roles; the lead gets Team Lead, the others Team Member',
        body: teamCreate,
        response: { 201: teamDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await teams.create(actorOf(req), req.body)),
  );

  app.get(
    '/api/teams/available-users',
    {
      config: { access: 'team.manage' },
      schema: {
        tags,
        summary: 'Users who may join the team (TEAM-5); without teamId, a new global team',
        querystring: candidatesQuery,
        response: { 200: candidatePage, ...errorResponses },
      },
    },
    async (req) => teams.candidates(actorOf(req), { projectKey: null, teamId: req.query.teamId }, req.query),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: 'team.view' },
      schema: {
        tags,
        summary: 'One team: roles, current members, assigned projects',
        params: teamParams,
        response: { 200: teamDetail, ...errorResponses },
      },
    },
    async (req) => teams.get(actorOf(req), req.params.id),
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { access: 'team.manage' },
      schema: {
        tags,
        summary: 'Rename or describe a team (send the version you read)',
        params: teamParams,
        body: teamUpdate,
        response: { 200: teamDetail, ...errorResponses },
      },
    },
    async (req) => teams.update(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/teams/:id',
    {
      config: { access: 'team.delete' },
      schema: {
        tags,
        summary: 'Delete a team without price lists or work logs (TEAM-7); its members become free',
        params: teamParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await teams.remove(actorOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/teams/:id/history',
    {
      config: { access: 'team.view' },
      schema: {
        tags,
        summary: 'Membership periods, newest first (TEAM-6)',
        params: teamParams,
        querystring: historyQuery,
        response: { 200: historyPage, ...errorResponses },
      },
    },
    async (req) => teams.history(actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/teams/:id/roles',
    {
      config: { access: 'team.grant' },
      schema: {
        tags,
        summary: 'Create a custom role (only with permissions the caller holds in the team)',
        params: teamParams,
        body: roleCreate,
        response: { 201: roleOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await roles.create(actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/teams/:id/roles/:roleId',
    {
      config: { access: 'team.grant' },
      schema: {
        tags,
        summary: 'Change a custom role (default roles are immutable)',
        params: roleParams,
        body: roleUpdate,
        response: { 200: roleOut, ...errorResponses },
      },
    },
    async (req) => roles.update(actorOf(req), req.params.id, req.params.roleId, req.body),
  );

  app.delete(
    '/api/teams/:id/roles/:roleId',
    {
      config: { access: 'team.manage' },
      schema: {
        tags,
        summary: 'Delete a custom role; members left without a role hold Team Member',
        params: roleParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await roles.remove(actorOf(req), req.params.id, req.params.roleId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/teams/:id/members',
    {
      config: { access: 'team.grant' },
      schema: {
        tags,
        summary: 'Add members holding the given roles (default Team Member)',
        params: teamParams,
        body: membersAdd,
        response: { 201: teamDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await members.add(actorOf(req), req.params.id, req.body)),
  );

  app.put(
    '/api/teams/:id/members/:userId',
    {
      config: { access: 'team.grant' },
      schema: {
        tags,
        summary: "Replace a member's roles (at least one)",
        params: memberParams,
        body: memberUpdate,
        response: { 200: teamDetail, ...errorResponses },
      },
    },
    async (req) => members.setRoles(actorOf(req), req.params.id, req.params.userId, req.body),
  );

  app.delete(
    '/api/teams/:id/members/:userId',
    {
      config: { access: 'team.manage' },
      schema: {
        tags,
        summary: 'End a membership (kept in the history)',
        params: memberParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await members.remove(actorOf(req), req.params.id, req.params.userId);
      return reply.code(204).send(null);
    },
  );

  projectTeamRoutes(app, deps, teams);
}
