import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleTeams } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { ProjectTeamChecks } from '../../db/types.js';
import { notFound } from '../../lib/errors.js';
import { selectTeams } from './repo.js';

/** The queries of global-team assignments (TEAM-1, TEAM-7) and the team-check switches (PRICE-2). */

/** A project's own teams and all global teams (with whether each is assigned to it), those the caller can see, by name. */
export function findProjectTeams(db: Database, actor: Actor, projectId: number) {
  const visible = () => selectTeams(db).where(visibleTeams(actor, 't')).orderBy('t.name').orderBy('t.id');
  return Promise.all([
    visible().where('t.project_id', '=', projectId).execute(),
    visible()
      .where('t.project_id', 'is', null)
      .select(
        sql<boolean>`exists (select 1 from team_projects tp where tp.team_id = t.id and tp.project_id = ${projectId})`.as(
          'assigned',
        ),
      )
      .execute(),
  ]);
}

/**
 * Locks a global team's row (see lockTeam); project teams are not assignable, so one is reported like a missing team,
 * which says nothing about other projects' teams.
 */
export async function lockGlobalTeam(trx: Database, teamId: number): Promise<void> {
  const team = await trx
    .selectFrom('teams')
    .select('id')
    .where('id', '=', teamId)
    .where('project_id', 'is', null)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!team) throw notFound('global team');
}

/** TEAM-7: does a work log of the project record the team? */
export async function teamHasWorklogs(trx: Database, teamId: number, projectId: number): Promise<boolean> {
  const q = trx.selectFrom('worklogs').select('id').where('team_id', '=', teamId).where('project_id', '=', projectId);
  return Boolean(await q.limit(1).executeTakeFirst());
}

export function findAssignment(trx: Database, teamId: number, projectId: number) {
  return trx
    .selectFrom('team_projects')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export function insertAssignment(trx: Database, assignment: { teamId: number; projectId: number; actorId: number }) {
  return trx
    .insertInto('team_projects')
    .values({ team_id: assignment.teamId, project_id: assignment.projectId, assigned_by: assignment.actorId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAssignment(trx: Database, teamId: number, projectId: number): Promise<void> {
  await trx.deleteFrom('team_projects').where('team_id', '=', teamId).where('project_id', '=', projectId).execute();
}

/** The project's switch and version. */
export function findProjectChecks(db: Database, projectId: number) {
  return db
    .selectFrom('projects')
    .select(['team_checks', 'version'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
}

/** The project's switch, locked for the rest of the transaction (`for no key update`: see lockTeam). */
export function lockProjectChecks(trx: Database, projectId: number) {
  return trx
    .selectFrom('projects')
    .select(['id', 'team_checks', 'version'])
    .where('id', '=', projectId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
}

export function updateProjectChecks(trx: Database, projectId: number, teamChecks: ProjectTeamChecks) {
  return trx
    .updateTable('projects')
    .set({ team_checks: teamChecks, version: sql`version + 1` })
    .where('id', '=', projectId)
    .returning(['id', 'team_checks', 'version'])
    .executeTakeFirstOrThrow();
}

/** The installation's switch. */
export async function findGlobalChecks(db: Database): Promise<boolean> {
  return (await db.selectFrom('app_settings').select('team_checks').executeTakeFirstOrThrow()).team_checks;
}
