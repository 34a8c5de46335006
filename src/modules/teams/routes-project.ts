import { actorOf } from '../../http/access.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import { errorResponses } from '../../lib/schemas.js';
import {
  assignmentParams,
  assignmentSet,
  candidatePage,
  candidatesQuery,
  globalTeamOut,
  projectChecksUpdate,
  projectParams,
  projectTeamsOut,
  settingsOut,
  settingsUpdate,
  teamChecksOut,
} from './schema.js';
import { createAssignmentService } from './service-assignments.js';
import type { createTeamService } from './service.js';

const tags = ['teams'];

/** A project's teams page, global-team assignment and the team-check switches (PRICE-2). */
export function projectTeamRoutes(app: App, deps: Deps, teams: ReturnType<typeof createTeamService>) {
  const service = createAssignmentService(deps);

  app.get(
    '/api/projects/:key/teams',
    {
      // The project's teams tab (TEAM-8): decided by the service on the project (404 without BROWSE_PROJECT, 403 in a denied group).
      config: { access: 'project.teamList' },
      schema: {
        tags,
        summary: "The project's teams, the global teams (and whether each is assigned here) and its team-check switch",
        params: projectParams,
        response: { 200: projectTeamsOut, ...errorResponses },
      },
    },
    async (req) => service.projectTeams(actorOf(req), req.params.key),
  );

  app.get(
    '/api/projects/:key/teams/available-users',
    {
      config: { access: 'team.manage' },
      schema: {
        tags,
        summary:
          'Users who may join a team of the project (TEAM-5): active, with BROWSE_PROJECT, in no team of the project yet',
        params: projectParams,
        querystring: candidatesQuery,
        response: { 200: candidatePage, ...errorResponses },
      },
    },
    async (req) => teams.candidates(actorOf(req), { projectKey: req.params.key, teamId: req.query.teamId }, req.query),
  );

  app.put(
    '/api/projects/:key/teams/:teamId/assignment',
    {
      config: { access: 'project.teams' },
      schema: {
        tags,
        summary:
          'Assign or unassign a global team (TEAM-4: nobody in the project twice; TEAM-7: not while work logs record it)',
        params: assignmentParams,
        body: assignmentSet,
        response: { 200: globalTeamOut, ...errorResponses },
      },
    },
    async (req) => service.assign(actorOf(req), req.params.key, req.params.teamId, req.body.assigned),
  );

  app.patch(
    '/api/projects/:key/team-checks',
    {
      config: { access: 'project.teams' },
      schema: {
        tags,
        summary:
          'Turn the team & price-list check off (or back to the global setting) for the project (send the project version)',
        params: projectParams,
        body: projectChecksUpdate,
        response: { 200: teamChecksOut, ...errorResponses },
      },
    },
    async (req) => service.setProjectChecks(actorOf(req), req.params.key, req.body),
  );

  app.get(
    '/api/admin/settings',
    {
      config: { access: 'admin.settings' },
      schema: {
        tags: ['administration'],
        summary: 'Installation settings',
        response: { 200: settingsOut, ...errorResponses },
      },
    },
    async () => service.settings(),
  );

  app.patch(
    '/api/admin/settings',
    {
      config: { access: 'admin.settings' },
      schema: {
        tags: ['administration'],
        summary: 'Turn the team & price-list check on or off for the installation (send the version)',
        body: settingsUpdate,
        response: { 200: settingsOut, ...errorResponses },
      },
    },
    async (req) => service.updateSettings(actorOf(req), req.body),
  );
}
