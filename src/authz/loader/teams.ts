import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { effectiveTeamChecks, type ProjectFacts, type ProjectTeamFacts, type TeamFacts } from '../facts.js';

/** Teams by id: their name and project (null: a global team), and the projects a global team is assigned to (TEAM-8). */
export async function loadTeams(db: Database, teamIds: readonly number[]): Promise<Map<number, TeamFacts>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('teams as t')
    .select(['t.id', 't.name', 't.project_id'])
    .select(
      sql<
        number[]
      >`coalesce((select array_agg(tp.project_id order by tp.project_id) from team_projects tp where tp.team_id = t.id), '{}')`.as(
        'assigned',
      ),
    )
    .where('t.id', 'in', [...teamIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { teamId: r.id, teamName: r.name, projectId: r.project_id, assignedProjectIds: r.assigned.map(Number) },
    ]),
  );
}

export interface ProjectTeamRow {
  project_id: number;
  project_key: string;
  project_checks: 'inherit' | 'disabled';
  global_checks: boolean;
  teams: Array<{
    team_id: number;
    team_name: string;
    global: boolean;
    price_lists: Array<{
      id: number;
      name: string;
      currency: string;
      hourly_rate: string | number;
      valid_from: string;
      valid_to: string | null;
    }> | null;
  }> | null;
}

/** A project's team-check switches and the teams working on it with their price lists, as columns of a query over `projects p`. */
export const projectTeamColumns = sql`p.team_checks as project_checks,
  (select tw_s.team_checks from app_settings tw_s) as global_checks,
  (select json_agg(json_build_object('team_id', t.id, 'team_name', t.name, 'global', t.project_id is null,
     'price_lists', (select json_agg(json_build_object('id', pl.id, 'name', pl.name, 'currency', pl.currency, 'hourly_rate', pl.hourly_rate::text,
                       'valid_from', pl.valid_from, 'valid_to', pl.valid_to) order by pl.valid_from) from price_lists pl where pl.team_id = t.id)) order by t.id)
   from teams t where t.project_id = p.id or t.id in (select tp.team_id from team_projects tp where tp.project_id = p.id)) as teams`;

export function projectTeamsFromRow(r: ProjectTeamRow): ProjectTeamFacts {
  return {
    projectId: r.project_id,
    projectKey: r.project_key,
    checks: effectiveTeamChecks(r.global_checks, r.project_checks),
    teams: (r.teams ?? []).map((t) => ({
      teamId: t.team_id,
      teamName: t.team_name,
      global: t.global,
      priceLists: (t.price_lists ?? []).map((pl) => ({
        id: pl.id,
        name: pl.name,
        currency: pl.currency,
        hourlyRate: String(pl.hourly_rate),
        validFrom: pl.valid_from,
        validTo: pl.valid_to,
      })),
    })),
  };
}

/** The team layer's facts of projects (PRICE-2, PRICE-3): the switches, and every team working on each project with its price lists. */
export async function loadProjectTeams(
  db: Database,
  projectIds: readonly number[],
): Promise<Map<number, ProjectTeamFacts>> {
  if (projectIds.length === 0) return new Map();
  const { rows } = await sql<ProjectTeamRow>`select p.id as project_id, p.key as project_key, ${projectTeamColumns}
    from projects p where p.id in (${sql.join([...projectIds])})`.execute(db);
  return new Map(rows.map((r) => [r.project_id, projectTeamsFromRow(r)]));
}

/** The projects a team's decisions need the facts of: a project team's own, a global team's assigned ones (TEAM-8). */
export function teamProjectIds(team: TeamFacts | undefined): number[] {
  if (team === undefined) return [];
  return team.projectId !== null ? [team.projectId] : [...(team.assignedProjectIds ?? [])];
}

/** A team's project facts (none for a global team) and those of the projects it serves, from projects already loaded. */
export function teamProjects(
  team: TeamFacts | undefined,
  loaded: ReadonlyMap<number, ProjectFacts>,
): { project: ProjectFacts | undefined; servedProjects: ProjectFacts[] } {
  if (team?.projectId != null) return { project: loaded.get(team.projectId), servedProjects: [] };
  return { project: undefined, servedProjects: teamProjectIds(team).flatMap((id) => loaded.get(id) ?? []) };
}
