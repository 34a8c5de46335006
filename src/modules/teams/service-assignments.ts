import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { conflict } from '../../lib/errors.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { presentTeamChecks, projectTeamsAbilities } from './present.js';
import {
  deleteAssignment,
  findAssignment,
  findGlobalChecks,
  findProjectChecks,
  findProjectTeams,
  insertAssignment,
  lockGlobalTeam,
  lockProjectChecks,
  teamHasWorklogs,
  updateProjectChecks,
} from './repo-assignments.js';
import { usersInOtherTeams } from './repo-members.js';
import { findProjectId } from '../projects/repo.js';
import { findMemberships, findTeam, lockProjects } from './repo.js';
import { memberConflict } from './rules.js';
import type { GlobalTeamOut, ProjectChecksUpdate, ProjectTeamsOut } from './schema.js';
import { presentTeams } from './service.js';

/** A project's teams page, global team assignments (TEAM-1, TEAM-4, TEAM-7) and the project's team-check switch (PRICE-2). */
export function createAssignmentService(deps: Deps) {
  const { db, authz } = deps;

  /** `project.teams` on the project by key: 404 for a missing project, or one the caller may not browse. */
  async function authorizeProject(actor: Actor, key: string): Promise<number> {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.teams', { projectId, noun: 'project' });
    return projectId!;
  }

  /** The project's own teams and the global teams, with whether each is assigned here — those the caller can see (TEAM-8). */
  async function projectTeams(actor: Actor, key: string): Promise<ProjectTeamsOut> {
    const projectId = await findProjectId(db, key);
    const facts = await authz.authorize(actor, 'project.teamList', { projectId, noun: 'project' });
    const [project, global, [own, globals]] = await Promise.all([
      findProjectChecks(db, projectId!),
      findGlobalChecks(db),
      findProjectTeams(db, actor, projectId!),
    ]);
    const [projectOuts, globalOuts] = await Promise.all([
      presentTeams(deps, actor, own),
      presentTeams(deps, actor, globals),
    ]);
    return {
      teamChecks: presentTeamChecks(project, global),
      projectTeams: projectOuts,
      globalTeams: globalOuts.map((t, i) => ({ ...t, assigned: globals[i].assigned })),
      abilities: projectTeamsAbilities(actor, facts, projectId!),
    };
  }

  /**
   * Assigns or unassigns a global team. Assigning is refused while it would put a user in the project twice
   * (TEAM-4), naming them; unassigning while a work log of the project records the team (TEAM-7). Unchanged
   * is a no-op. Locks: the team, then the project — the order every membership change uses.
   */
  async function assign(actor: Actor, key: string, teamId: number, assigned: boolean): Promise<GlobalTeamOut> {
    const projectId = await authorizeProject(actor, key);
    // The answer names the team: it must be one the caller can see (TEAM-8).
    await authz.authorizeTeam(actor, 'team.view', teamId);
    await db.transaction().execute(async (trx) => {
      await lockGlobalTeam(trx, teamId);
      await lockProjects(trx, [projectId]);
      const current = await findAssignment(trx, teamId, projectId);
      if (Boolean(current) === assigned) return;
      if (assigned) {
        const members = await findMemberships(trx, teamId);
        const userIds = members.map((m) => m.user_id);
        const taken = await usersInOtherTeams(trx, { userIds, projectIds: [projectId], teamId });
        if (taken.length) throw memberConflict(taken, `project ${key}`);
        const row = await insertAssignment(trx, { teamId, projectId, actorId: actor.userId });
        await audit(trx, actor, 'team.assign', teamId, { projectId, after: row });
      } else {
        if (await teamHasWorklogs(trx, teamId, projectId)) {
          throw conflict(
            'team_has_worklogs',
            `work logs of ${key} were recorded with this team, so it stays assigned (TEAM-7)`,
          );
        }
        await deleteAssignment(trx, teamId, projectId);
        await audit(trx, actor, 'team.unassign', teamId, { projectId, before: current });
      }
    });
    const [out] = await presentTeams(deps, actor, [(await findTeam(db, teamId))!]);
    return { ...out, assigned };
  }

  /** PRICE-2: the project's switch, effective while the check is on globally. */
  async function setProjectChecks(actor: Actor, key: string, input: ProjectChecksUpdate) {
    const projectId = await authorizeProject(actor, key);
    const after = await db.transaction().execute(async (trx) => {
      const before = await lockProjectChecks(trx, projectId);
      checkVersion('project', before.version, input.version);
      const row = await updateProjectChecks(trx, projectId, input.teamChecks);
      await audit(trx, actor, 'project.teamChecks', projectId, { projectId, before, after: row });
      return row;
    });
    return presentTeamChecks(after, await findGlobalChecks(db));
  }

  return { projectTeams, assign, setProjectChecks };
}
