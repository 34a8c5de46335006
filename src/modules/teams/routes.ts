import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
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
  teamParams as params,
  teamUpdate,
  versionQuery,
} from './schema.js';
import { createMemberService } from './service-members.js';
import { createRoleService } from './service-roles.js';
import { createTeamService } from './service.js';

/**
 * Teams, their roles and members. Team actions are decided by the service on the team (`authorizeTeam`):
 * the route's declaration names the action; only global ones (the list) are decided before the handler.
 */
export function teamRoutes(app: App, deps: Deps) {
  const teams = createTeamService(deps);
  const roles = createRoleService(deps);
  const members = createMemberService(deps);
  const route = routeTable(app, { tags: ['teams'] });

  route({
    method: 'GET',
    url: '/api/teams',
    access: 'team.list',
    summary: 'Global teams, and project teams of projects the caller may browse, by name',
    querystring: teamListQuery,
    response: teamListOut,
    handler: ({ actor, query }) => teams.list(actor, query),
  });

  route({
    method: 'POST',
    url: '/api/teams',
    access: 'team.create',
    summary:
      'Create a team (of a project, or global without projectKey) with its default roles; the lead gets Team Lead, the others Team Member',
    body: teamCreate,
    response: teamDetail,
    status: 201,
    handler: ({ actor, body }) => teams.create(actor, body),
  });

  route({
    method: 'GET',
    url: '/api/teams/available-users',
    access: 'team.manage',
    summary: 'Users who may join the team (TEAM-5); without teamId, a new global team',
    querystring: candidatesQuery,
    response: candidatePage,
    handler: ({ actor, query }) => teams.candidates(actor, { projectKey: null, teamId: query.teamId }, query),
  });

  route({
    method: 'GET',
    url: '/api/teams/:id',
    access: 'team.view',
    summary: 'One team: roles, current members, assigned projects',
    params,
    response: teamDetail,
    handler: ({ actor, params }) => teams.get(actor, params.id),
  });

  route({
    method: 'PATCH',
    url: '/api/teams/:id',
    access: 'team.manage',
    summary: 'Rename or describe a team (send the version you read)',
    params,
    body: teamUpdate,
    response: teamDetail,
    handler: ({ actor, params, body }) => teams.update(actor, params.id, body),
  });

  route({
    method: 'DELETE',
    url: '/api/teams/:id',
    access: 'team.delete',
    summary: 'Delete a team without price lists or work logs (TEAM-7); its members become free',
    params,
    querystring: versionQuery,
    response: null,
    handler: ({ actor, params, query }) => teams.remove(actor, params.id, query.version),
  });

  route({
    method: 'GET',
    url: '/api/teams/:id/history',
    access: 'team.view',
    summary: 'Membership periods, newest first (TEAM-6)',
    params,
    querystring: historyQuery,
    response: historyPage,
    handler: ({ actor, params, query }) => teams.history(actor, params.id, query),
  });

  route({
    method: 'POST',
    url: '/api/teams/:id/roles',
    access: 'team.grant',
    summary: 'Create a custom role (only with permissions the caller holds in the team)',
    params,
    body: roleCreate,
    response: roleOut,
    status: 201,
    handler: ({ actor, params, body }) => roles.create(actor, params.id, body),
  });

  route({
    method: 'PATCH',
    url: '/api/teams/:id/roles/:roleId',
    access: 'team.grant',
    summary: 'Change a custom role (default roles are immutable)',
    params: roleParams,
    body: roleUpdate,
    response: roleOut,
    handler: ({ actor, params, body }) => roles.update(actor, params.id, params.roleId, body),
  });

  route({
    method: 'DELETE',
    url: '/api/teams/:id/roles/:roleId',
    access: 'team.manage',
    summary: 'Delete a custom role; members left without a role hold Team Member',
    params: roleParams,
    response: null,
    handler: ({ actor, params }) => roles.remove(actor, params.id, params.roleId),
  });

  route({
    method: 'POST',
    url: '/api/teams/:id/members',
    access: 'team.grant',
    summary: 'Add members holding the given roles (default Team Member)',
    params,
    body: membersAdd,
    response: teamDetail,
    status: 201,
    handler: ({ actor, params, body }) => members.add(actor, params.id, body),
  });

  route({
    method: 'PUT',
    url: '/api/teams/:id/members/:userId',
    access: 'team.grant',
    summary: "Replace a member's roles (at least one)",
    params: memberParams,
    body: memberUpdate,
    response: teamDetail,
    handler: ({ actor, params, body }) => members.setRoles(actor, params.id, params.userId, body),
  });

  route({
    method: 'DELETE',
    url: '/api/teams/:id/members/:userId',
    access: 'team.manage',
    summary: 'End a membership (kept in the history)',
    params: memberParams,
    response: null,
    handler: ({ actor, params }) => members.remove(actor, params.id, params.userId),
  });

  projectTeamRoutes(app, deps, teams);
}
