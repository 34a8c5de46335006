import { sql } from 'kysely';
import { abilities, type Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { canViewTeam } from '../../authz/sql.js';
import { findProjectId } from '../projects/service.js';
import { lockProjects, memberConflict, selectTeams, teamHasWorklogs, teamOuts, usersInOtherTeams } from './repo.js';

type Checks = 'inherit' | 'disabled';

function teamChecksOut(project: { team_checks: Checks; version: number }, global: boolean) {
  return {
    project: project.team_checks,
    global,
    version: project.version,
    effective: !global
      ? ('off_globally' as const)
      : project.team_checks === 'disabled'
        ? ('off_for_project' as const)
        : ('on' as const),
  };
}

async function globalChecks(db: Database): Promise<boolean> {
  return (await db.selectFrom('app_settings').select('team_checks').executeTakeFirstOrThrow()).team_checks;
}

/** A project's teams page, global team assignments (TEAM-1, TEAM-4, TEAM-7) and the team-check switches (PRICE-2). */
export function createAssignmentService({ db, authz }: Deps) {
  const loadProjects = (ids: number[]) => authz.loadProjects(ids);

  /** The project's own teams and the global teams, with whether each is assigned here — those the caller can see (TEAM-8). */
  async function projectTeams(actor: Actor, key: string) {
    const projectId = await findProjectId(db, key);
    const facts = await authz.authorize(actor, 'project.teamList', { projectId, noun: 'project' });
    const [project, global, own, globals] = await Promise.all([
      db
        .selectFrom('projects')
        .select(['team_checks', 'version'])
        .where('id', '=', projectId!)
        .executeTakeFirstOrThrow(),
      globalChecks(db),
      selectTeams(db)
        .where('t.project_id', '=', projectId!)
        .where(canViewTeam(actor.userId, 't'))
        .orderBy('t.name')
        .orderBy('t.id')
        .execute(),
      selectTeams(db)
        .where('t.project_id', 'is', null)
        .where(canViewTeam(actor.userId, 't'))
        .select(
          sql<boolean>`exists (select 1 from team_projects tp where tp.team_id = t.id and tp.project_id = ${projectId})`.as(
            'assigned',
          ),
        )
        .orderBy('t.name')
        .orderBy('t.id')
        .execute(),
    ]);
    const [projectOuts, globalOuts] = await Promise.all([
      teamOuts(db, loadProjects, actor, own),
      teamOuts(db, loadProjects, actor, globals),
    ]);
    return {
      teamChecks: teamChecksOut(project, global),
      projectTeams: projectOuts,
      globalTeams: globalOuts.map((t, i) => ({ ...t, assigned: globals[i].assigned })),
      abilities: abilities(
        actor.subject,
        { project: facts, team: { teamId: 0, teamName: '(new team)', projectId: projectId! } },
        {
          canCreateTeam: { action: 'team.create' },
          canAssignTeams: { action: 'project.teams' },
          canSwitchChecks: { action: 'project.teams' },
        },
      ),
    };
  }

  /**
   * Assigns or unassigns a global team. Assigning is refused while it would put a user in the project twice
   * (TEAM-4), naming them; unassigning while a work log of the project records the team (TEAM-7). Unchanged
   * is a no-op. Locks: the team, then the project — the order every membership change uses.
   */
  async function assign(actor: Actor, key: string, teamId: number, assigned: boolean) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.teams', { projectId, noun: 'project' });
    // The answer names the team: it must be one the caller can see (TEAM-8).
    await authz.authorizeTeam(actor, 'team.view', teamId);
    await db.transaction().execute(async (trx) => {
      // Project teams are not assignable; the same 404 as a missing team says nothing about other projects' teams.
      const team = await trx
        .selectFrom('teams')
        .select('id')
        .where('id', '=', teamId)
        .where('project_id', 'is', null)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (!team) throw notFound('global team');
      await lockProjects(trx, [projectId!]);
      const current = await trx
        .selectFrom('team_projects')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('project_id', '=', projectId!)
        .executeTakeFirst();
      if (Boolean(current) === assigned) return;
      if (assigned) {
        const members = await trx
          .selectFrom('team_memberships')
          .select('user_id')
          .where('team_id', '=', teamId)
          .where('left_at', 'is', null)
          .execute();
        const taken = await usersInOtherTeams(trx, {
          userIds: members.map((m) => m.user_id),
          projectIds: [projectId!],
          teamId,
        });
        if (taken.length) throw memberConflict(taken, `project ${key}`);
        const row = await trx
          .insertInto('team_projects')
          .values({ team_id: teamId, project_id: projectId!, assigned_by: actor.userId })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actorId: actor.userId,
          action: 'team.assign',
          entityType: 'team',
          entityId: teamId,
          projectId,
          after: row,
        });
      } else {
        if (await teamHasWorklogs(trx, teamId, projectId)) {
          throw conflict(
            'team_has_worklogs',
            `work logs of ${key} were recorded with this team, so it stays assigned (TEAM-7)`,
          );
        }
        await trx
          .deleteFrom('team_projects')
          .where('team_id', '=', teamId)
          .where('project_id', '=', projectId!)
          .execute();
        await recordAudit(trx, {
          actorId: actor.userId,
          action: 'team.unassign',
          entityType: 'team',
          entityId: teamId,
          projectId,
          before: current,
        });
      }
    });
    const row = await selectTeams(db).where('t.id', '=', teamId).executeTakeFirstOrThrow();
    const [out] = await teamOuts(db, loadProjects, actor, [row]);
    return { ...out, assigned };
  }

  /** PRICE-2: the project's switch, effective while the check is on globally. */
  async function setProjectChecks(actor: Actor, key: string, input: { teamChecks: Checks; version: number }) {
    const projectId = await findProjectId(db, key);
    await authz.authorize(actor, 'project.teams', { projectId, noun: 'project' });
    const after = await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('projects')
        .select(['id', 'team_checks', 'version'])
        .where('id', '=', projectId!)
        .forNoKeyUpdate()
        .executeTakeFirstOrThrow();
      if (before.version !== input.version)
        throw conflict('version_conflict', `the project changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      const row = await trx
        .updateTable('projects')
        .set({ team_checks: input.teamChecks, version: sql`version + 1` })
        .where('id', '=', projectId!)
        .returning(['id', 'team_checks', 'version'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'project.teamChecks',
        entityType: 'project',
        entityId: projectId!,
        projectId,
        before,
        after: row,
      });
      return row;
    });
    return teamChecksOut(after, await globalChecks(db));
  }

  async function settings() {
    const row = await db.selectFrom('app_settings').select(['team_checks', 'version']).executeTakeFirstOrThrow();
    return { teamChecks: row.team_checks, version: row.version };
  }

  /** PRICE-2: the installation's switch (Administration). */
  async function updateSettings(actor: Actor, input: { teamChecks: boolean; version: number }) {
    return db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('app_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
      if (before.version !== input.version)
        throw conflict('version_conflict', `the settings changed since version ${input.version}; reload them`, {
          currentVersion: before.version,
        });
      const after = await trx
        .updateTable('app_settings')
        .set({ team_checks: input.teamChecks, updated_at: new Date(), version: sql`version + 1` })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'settings.update',
        entityType: 'app_settings',
        entityId: 'app',
        before,
        after,
      });
      return { teamChecks: after.team_checks, version: after.version };
    });
  }

  return { projectTeams, assign, setProjectChecks, settings, updateSettings };
}
