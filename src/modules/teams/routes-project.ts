import { routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  assignmentParams,
  assignmentSet,
  candidatePage,
  candidatesQuery,
  globalTeamOut,
  projectChecksUpdate,
  projectParams as params,
  projectTeamsOut,
  teamChecksOut,
} from './schema.js';
import { createAssignmentService } from './service-assignments.js';
import type { createTeamService } from './service.js';

/** A project's teams page, global-team assignment and the project's team-check switch (PRICE-2). */
export function projectTeamRoutes(app: App, deps: Deps, teams: ReturnType<typeof createTeamService>) {
  const service = createAssignmentService(deps);
  const route = routeTable(app, { tags: ['teams'] });

  route({
    method: 'GET',
    url: '/api/projects/:key/teams',
    // The project's teams tab (TEAM-8): decided by the service on the project (404 without BROWSE_PROJECT, 403 in a denied group).
    access: 'project.teamList',
    summary: "The project's teams, the global teams (and whether each is assigned here) and its team-check switch",
    params,
    response: projectTeamsOut,
    handler: ({ actor, params }) => service.projectTeams(actor, params.key),
  });

  route({
    method: 'GET',
    url: '/api/projects/:key/teams/available-users',
    access: 'team.manage',
    summary:
      'Users who may join a team of the project (TEAM-5): active, with BROWSE_PROJECT, in no team of the project yet',
    params,
    querystring: candidatesQuery,
    response: candidatePage,
    handler: ({ actor, params, query }) =>
      teams.candidates(actor, { projectKey: params.key, teamId: query.teamId }, query),
  });

  route({
    method: 'PUT',
    url: '/api/projects/:key/teams/:teamId/assignment',
    access: 'project.teams',
    summary:
      'Assign or unassign a global team (TEAM-4: nobody in the project twice; TEAM-7: not while work logs record it)',
    params: assignmentParams,
    body: assignmentSet,
    response: globalTeamOut,
    handler: ({ actor, params, body }) => service.assign(actor, params.key, params.teamId, body.assigned),
  });

  route({
    method: 'PATCH',
    url: '/api/projects/:key/team-checks',
    access: 'project.teams',
    summary:
      'Turn the team & price-list check off (or back to the global setting) for the project (send the project version)',
    params,
    body: projectChecksUpdate,
    response: teamChecksOut,
    handler: ({ actor, params, body }) => service.setProjectChecks(actor, params.key, body),
  });
}
