import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleProjects, visibleTeams } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { TEAM_PERMISSIONS } from '../../db/types.js';
import { notFound } from '../../lib/errors.js';

/** The team queries: teams with what their abilities need, a team's page, its changes and the locks. */

export interface TeamRow {
  id: number;
  project_id: number | null;
  name: string;
  description: string;
  version: number;
  project_key: string | null;
  project_name: string | null;
  /** The projects a global team is assigned to: their administrators see it (TEAM-8). */
  assigned_project_ids: number[];
  /** TEAM-7: whether a price list, or a work log, keeps the team from being deleted (`deletionRefusal`). */
  has_price_lists: boolean;
  has_worklogs: boolean;
}

/** Teams with what their abilities need; lists add `visibleTeams` (TEAM-8). */
export function selectTeams(db: Database) {
  return db
    .selectFrom('teams as t')
    .leftJoin('projects as p', 'p.id', 't.project_id')
    .select([
      't.id',
      't.project_id',
      't.name',
      't.description',
      't.version',
      'p.key as project_key',
      'p.name as project_name',
    ])
    .select(
      sql<
        number[]
      >`coalesce((select array_agg(tp.project_id order by tp.project_id) from team_projects tp where tp.team_id = t.id), '{}')`.as(
        'assigned_project_ids',
      ),
    )
    .select(sql<boolean>`exists (select 1 from price_lists pl where pl.team_id = t.id)`.as('has_price_lists'))
    .select(sql<boolean>`exists (select 1 from worklogs w where w.team_id = t.id)`.as('has_worklogs'));
}

/**
 * Teams (`teams <alias>`) working on one of the projects (TEAM-4): a project team of one, or a global team assigned to
 * one. `projects`: their ids, or a query of them.
 */
export function worksOnProjects(alias: string, projects: number[] | Expression<unknown>): Expression<SqlBool> {
  const ids = Array.isArray(projects) ? sql`(${sql.join(projects)})` : projects;
  const projectId = sql.ref(`${alias}.project_id`);
  return sql<SqlBool>`(${projectId} in ${ids} or (${projectId} is null and exists (select 1 from team_projects tw_tp
    where tw_tp.team_id = ${sql.ref(`${alias}.id`)} and tw_tp.project_id in ${ids})))`;
}

export function findTeam(db: Database, teamId: number): Promise<TeamRow | undefined> {
  return selectTeams(db).where('t.id', '=', teamId).executeTakeFirst();
}

/** A page of the teams the caller can see (TEAM-8) — decided in SQL by the twin of `team.view` — by name. */
export function findTeamPage(
  db: Database,
  actor: Actor,
  query: { limit: number; after?: [string, number]; scope?: 'global' | 'project'; projectKey?: string },
): Promise<TeamRow[]> {
  let q = selectTeams(db).where(visibleTeams(actor, 't'));
  if (query.scope === 'global') q = q.where('t.project_id', 'is', null);
  if (query.scope === 'project') q = q.where('t.project_id', 'is not', null);
  if (query.projectKey) {
    // A project the caller may not browse shows no teams at all, like one that does not exist.
    const project = db
      .selectFrom('projects as tw_p')
      .select('tw_p.id')
      .where('tw_p.key', '=', query.projectKey)
      .where(visibleProjects(actor, 'tw_p.id'));
    q = q.where(worksOnProjects('t', project));
  }
  const after = query.after;
  if (after) q = q.where(sql<boolean>`(t.name, t.id) > (${after[0]}, ${after[1]})`);
  return q
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(query.limit + 1)
    .execute();
}

/** The team page's parts: its roles (defaults first), current members with their roles, and a global team's projects the caller may browse. */
export function findTeamParts(db: Database, actor: Actor, team: { id: number; project_id: number | null }) {
  return Promise.all([
    db
      .selectFrom('team_roles')
      .select(['id', 'name', 'kind', 'permissions', 'version'])
      .where('team_id', '=', team.id)
      .orderBy(sql`case kind when 'lead' then 0 when 'member' then 1 else 2 end`)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('team_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.login', 'u.display_name', 'm.joined_at'])
      .select(
        sql<
          number[]
        >`coalesce((select array_agg(mr.role_id order by mr.role_id) from team_membership_roles mr where mr.membership_id = m.id), '{}')`.as(
          'role_ids',
        ),
      )
      .where('m.team_id', '=', team.id)
      .where('m.left_at', 'is', null)
      .orderBy('u.login')
      .execute(),
    team.project_id !== null
      ? Promise.resolve([])
      : db
          .selectFrom('team_projects as tp')
          .innerJoin('projects as p', 'p.id', 'tp.project_id')
          .select(['p.key', 'p.name'])
          .where('tp.team_id', '=', team.id)
          .where(visibleProjects(actor, 'tp.project_id'))
          .orderBy('p.key')
          .execute(),
  ]);
}

export type TeamParts = Awaited<ReturnType<typeof findTeamParts>>;

export type MemberUser = { id: number; login: string; display_name: string };

/** Current members of each team, by login. */
export async function findCurrentMembers(db: Database, teamIds: number[]): Promise<Map<number, MemberUser[]>> {
  const out = new Map<number, MemberUser[]>(teamIds.map((id) => [id, []]));
  if (!teamIds.length) return out;
  const rows = await db
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'u.id', 'u.login', 'u.display_name'])
    .where('m.team_id', 'in', teamIds)
    .where('m.left_at', 'is', null)
    .orderBy('u.login')
    .execute();
  for (const r of rows) out.get(r.team_id)!.push(r);
  return out;
}

/** The current memberships of a team, as the audit of its deletion and the TEAM-4 check of its assignment read them. */
export function findMemberships(trx: Database, teamId: number) {
  return trx
    .selectFrom('team_memberships')
    .select(['user_id', 'joined_at'])
    .where('team_id', '=', teamId)
    .where('left_at', 'is', null)
    .execute();
}

/** Team names are unique per project, and among global teams, ignoring case. */
export async function teamNameTaken(trx: Database, projectId: number | null, name: string): Promise<boolean> {
  const taken = await trx
    .selectFrom('teams')
    .select('id')
    .where(sql<boolean>`coalesce(project_id, 0) = ${projectId ?? 0}`)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
  return Boolean(taken);
}

export function insertTeam(
  trx: Database,
  team: { project_id: number | null; name: string; description: string; created_by: number },
) {
  return trx.insertInto('teams').values(team).returningAll().executeTakeFirstOrThrow();
}

export function updateTeam(trx: Database, teamId: number, change: { name?: string; description?: string }) {
  return (
    trx
      .updateTable('teams')
      // Kysely leaves out the fields that are undefined: those the change does not name.
      .set({ name: change.name, description: change.description, version: sql`version + 1` })
      .where('id', '=', teamId)
      .returningAll()
      .executeTakeFirstOrThrow()
  );
}

/** Deletes the team; its roles, assignments and memberships go with it. */
export async function deleteTeam(trx: Database, teamId: number): Promise<void> {
  await trx.deleteFrom('teams').where('id', '=', teamId).execute();
}

/** The two default roles every team is created with (TEAM-3): Team Lead (all permissions) and Team Member (WORK_ON_ISSUES). */
export async function insertDefaultRoles(db: Database, teamId: number): Promise<{ lead: number; member: number }> {
  const roles = await db
    .insertInto('team_roles')
    .values([
      { team_id: teamId, name: 'Team Lead', kind: 'lead', permissions: [...TEAM_PERMISSIONS] },
      { team_id: teamId, name: 'Team Member', kind: 'member', permissions: ['WORK_ON_ISSUES'] },
    ])
    .returning(['id', 'kind'])
    .execute();
  return { lead: roles.find((r) => r.kind === 'lead')!.id, member: roles.find((r) => r.kind === 'member')!.id };
}

/**
 * Locks the team row for the rest of the transaction; a team deleted meanwhile is gone (404). `for no key
 * update` serializes the team's changes with each other but, unlike `for update`, does not block rows that
 * merely reference the team (a work log or price list being recorded), so those cannot deadlock with us.
 */
export async function lockTeam(trx: Database, teamId: number) {
  const team = await trx.selectFrom('teams').selectAll().where('id', '=', teamId).forNoKeyUpdate().executeTakeFirst();
  if (!team) throw notFound('team');
  return team;
}

/**
 * The projects a team works on: its own, or the projects a global team is assigned to. Read after the
 * team row is locked, so no assignment can change them before the transaction ends.
 */
export async function projectsOfTeam(
  trx: Database,
  team: { id: number; project_id: number | null },
): Promise<number[]> {
  if (team.project_id !== null) return [team.project_id];
  return (
    await trx
      .selectFrom('team_projects')
      .select('project_id')
      .where('team_id', '=', team.id)
      .orderBy('project_id')
      .execute()
  ).map((r) => r.project_id);
}

/**
 * Locks project rows in ascending id order. Every transaction that adds a membership or an assignment locks
 * its team first, then its projects this way, so two of them touching one project run one after the other
 * (and the second sees what the first wrote), and none can wait on the other in a cycle. (`for no key update`:
 * see lockTeam.)
 */
export async function lockProjects(trx: Database, projectIds: number[]): Promise<void> {
  if (!projectIds.length) return;
  await sql`select id from projects where id in (${sql.join([...new Set(projectIds)])}) order by id for no key update`.execute(
    trx,
  );
}
