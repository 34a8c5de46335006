import { sql } from 'kysely';
import { abilities, type Actor } from '../../authz/engine.js';
import type { ProjectFacts } from '../../authz/facts.js';
import { projectIdsWithPermission } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { TEAM_PERMISSIONS, type TeamPermission } from '../../db/types.js';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../lib/errors.js';
import type { TeamOut } from './schema.js';

/** Queries and checks shared by the team operations: loading teams, the locks and the TEAM-4/TEAM-5 rules. */

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

/** Teams with what their abilities need; lists add `canViewTeam` (TEAM-8). */
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
 * TEAM-7, the one place it is decided: a team with a price list cannot be deleted, then one a work log records. The
 * delete operation throws this (read under the team's lock) and `canDelete` is false whenever it is not null.
 */
export function deletionRefusal(team: { has_price_lists: boolean; has_worklogs: boolean }): AppError | null {
  if (team.has_price_lists)
    return conflict(
      'team_has_price_lists',
      'the team has price lists and cannot be deleted (TEAM-7); remove its members to stop it being used',
    );
  if (team.has_worklogs)
    return conflict(
      'team_has_worklogs',
      'work logs were recorded with this team, so it cannot be deleted (TEAM-7); remove its members instead',
    );
  return null;
}

/** TEAM-3, the one place it is decided: the two default roles cannot be changed or deleted. */
export function roleChangeRefusal(role: { kind: string; name: string }): AppError | null {
  if (role.kind === 'custom') return null;
  return unprocessable(
    'default_role_immutable',
    `'${role.name}' is a default role of every team and cannot be changed or deleted (TEAM-3)`,
  );
}

/**
 * TEAM-3: deleting a role its sole holders would be left without falls back to Team Member, which gives WORK_ON_ISSUES —
 * then the deletion is a grant. The delete operation and the role's `canDelete` both decide this.
 */
export function roleDeletionDecision(hasSoleHolders: boolean): {
  action: 'team.manage' | 'team.grant';
  grantLevels: TeamPermission[];
} {
  return hasSoleHolders
    ? { action: 'team.grant', grantLevels: ['WORK_ON_ISSUES'] }
    : { action: 'team.manage', grantLevels: [] };
}

export type Member = { id: number; login: string; displayName: string };

/** Current members of each team, by login. */
export async function currentMembers(db: Database, teamIds: number[]): Promise<Map<number, Member[]>> {
  const out = new Map<number, Member[]>(teamIds.map((id) => [id, []]));
  if (!teamIds.length) return out;
  const rows = await db
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'u.id', 'u.login', 'u.display_name'])
    .where('m.team_id', 'in', teamIds)
    .where('m.left_at', 'is', null)
    .orderBy('u.login')
    .execute();
  for (const r of rows) out.get(r.team_id)!.push({ id: r.id, login: r.login, displayName: r.display_name });
  return out;
}

/** The project facts team abilities are decided on: each team's own project, and the projects global teams are assigned to (TEAM-8). */
export type ProjectFactsById = Map<number, ProjectFacts>;
export const projectIdsOfTeams = (rows: ReadonlyArray<Pick<TeamRow, 'project_id' | 'assigned_project_ids'>>) => [
  ...new Set(rows.flatMap((r) => (r.project_id === null ? r.assigned_project_ids.map(Number) : [r.project_id]))),
];

/** Records with the caller's abilities, decided from project facts loaded in one batch. */
export async function teamOuts(
  db: Database,
  loadProjects: (ids: number[]) => Promise<ProjectFactsById>,
  actor: Actor,
  rows: TeamRow[],
): Promise<TeamOut[]> {
  const [members, facts] = await Promise.all([
    currentMembers(
      db,
      rows.map((r) => r.id),
    ),
    loadProjects(projectIdsOfTeams(rows)),
  ]);
  return rows.map((r) => {
    const list = members.get(r.id) ?? [];
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      project: r.project_id === null ? null : { key: r.project_key ?? '', name: r.project_name ?? '' },
      members: list,
      memberCount: list.length,
      abilities: teamAbilities(actor, r, facts),
      version: r.version,
    };
  });
}

/** The engine's abilities; `canDelete` also asks `deletionRefusal` (TEAM-7), the check the delete operation makes, so the UI offers no doomed button. */
export function teamAbilities(actor: Actor, team: TeamRow, facts: ProjectFactsById) {
  const decided = abilities(actor.subject, teamResource(team, facts), {
    canManage: { action: 'team.manage' },
    canDelete: { action: 'team.delete' },
    canManagePriceLists: { action: 'pricelist.manage' },
  });
  return { ...decided, canDelete: decided.canDelete && deletionRefusal(team) === null };
}

/**
 * What the caller may give in the team (the grant boundary), for the team page's role editor and pickers:
 * each team permission, and each role with its permissions — one `team.grant` decision each.
 */
export function grantAbilities(
  actor: Actor,
  team: TeamRow,
  facts: ProjectFactsById,
  roles: ReadonlyArray<{ id: number; permissions: TeamPermission[] }>,
) {
  const may = (levels: TeamPermission[]) => mayGrant(actor, team, facts, levels);
  return {
    grantable: TEAM_PERMISSIONS.filter((p) => may([p])),
    givableRoles: new Set(roles.filter((r) => may(r.permissions)).map((r) => r.id)),
  };
}

/** One `team.grant` decision (an empty list: MANAGE_TEAM alone), from facts already loaded. */
export function mayGrant(
  actor: Actor,
  team: TeamRow,
  facts: ProjectFactsById,
  levels: readonly TeamPermission[],
): boolean {
  return abilities(actor.subject, teamResource(team, facts), { give: { action: 'team.grant', grantLevels: levels } })
    .give;
}

/** The resource facts of a team action: the team, its project, the projects a global team serves (TEAM-8). */
export function teamResource(
  team: Pick<TeamRow, 'id' | 'name' | 'project_id' | 'assigned_project_ids'>,
  facts: ProjectFactsById,
) {
  const assigned = team.assigned_project_ids.map(Number);
  return {
    project: team.project_id === null ? undefined : facts.get(team.project_id),
    servedProjects: team.project_id === null ? assigned.flatMap((id) => facts.get(id) ?? []) : [],
    team: { teamId: team.id, teamName: team.name, projectId: team.project_id, assignedProjectIds: assigned },
  };
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

/** Permissions in TEAM_PERMISSIONS order, each once. */
export function normalizeLevels(levels: Iterable<TeamPermission>): TeamPermission[] {
  const set = new Set(levels);
  return TEAM_PERMISSIONS.filter((p) => set.has(p));
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

export interface Conflict {
  id: number;
  login: string;
  display_name: string;
}

/**
 * TEAM-4: the users among `userIds` who already belong, through a team other than `teamId`, to one of the
 * projects — as members of a project team of it, or of a global team assigned to it.
 */
export async function usersInOtherTeams(
  trx: Database,
  options: { userIds: number[]; projectIds: number[]; teamId: number | null },
): Promise<Conflict[]> {
  if (!options.userIds.length || !options.projectIds.length) return [];
  const projects = sql.join(options.projectIds);
  const { rows } = await sql<Conflict>`
    select distinct u.id, u.login, u.display_name from team_memberships m
      join teams t on t.id = m.team_id join users u on u.id = m.user_id
    where m.left_at is null and m.user_id in (${sql.join(options.userIds)}) and t.id <> ${options.teamId ?? 0}
      and (t.project_id in (${projects})
        or (t.project_id is null and exists (select 1 from team_projects tp where tp.team_id = t.id and tp.project_id in (${projects}))))
    order by u.login`.execute(trx);
  return rows;
}

export function memberConflict(users: Conflict[], where: string): AppError {
  const names = users.map((u) => `${u.login} (${u.display_name})`).join(', ');
  return conflict(
    'team_member_conflict',
    `a user belongs to at most one team per project (TEAM-4); already in another team of ${where}: ${names}`,
    {
      users: users.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
    },
  );
}

/**
 * Users about to join a team: they exist (400), are active (ID-1) and — for a project team — may browse its
 * project (TEAM-5); none is a current member already.
 */
export async function checkNewMembers(
  trx: Database,
  options: { teamId: number | null; userIds: number[]; browseProjectId: number | null; field: string },
) {
  const { userIds, field } = options;
  if (!userIds.length) return;
  const rows = await trx
    .selectFrom('users as u')
    .select(['u.id', 'u.login', 'u.display_name', 'u.active'])
    .select((eb) =>
      (options.browseProjectId === null
        ? sql<boolean>`true`
        : sql<boolean>`${options.browseProjectId} in ${projectIdsWithPermission(eb.ref('u.id'), 'BROWSE_PROJECT')}`
      ).as('browses'),
    )
    .where('u.id', 'in', userIds)
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = userIds.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw badRequest(field === 'leadUserId' ? field : `${field}.${missing}`, `no such user: ${userIds[missing]}`);
  const named = (list: typeof rows) => list.map((u) => `${u.login} (${u.display_name})`).join(', ');
  const inactive = rows.filter((r) => !r.active);
  if (inactive.length)
    throw unprocessable('user_inactive', `deactivated users cannot join a team: ${named(inactive)}`, field);
  const outsiders = rows.filter((r) => !r.browses);
  if (outsiders.length)
    throw unprocessable(
      'user_cannot_browse',
      `members of a project team need BROWSE_PROJECT on its project (TEAM-5): ${named(outsiders)}`,
      field,
    );
  if (options.teamId !== null) {
    const already = await trx
      .selectFrom('team_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.login', 'u.display_name', 'u.active'])
      .where('m.team_id', '=', options.teamId)
      .where('m.left_at', 'is', null)
      .where('m.user_id', 'in', userIds)
      .orderBy('u.login')
      .execute();
    if (already.length) {
      throw conflict(
        'already_member',
        `already members of this team: ${named(already.map((u) => ({ ...u, browses: true })))}`,
        {
          users: already.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
        },
      );
    }
  }
}

/** Opens memberships for users, each holding the given roles. */
export async function addMemberships(
  trx: Database,
  options: { teamId: number; userIds: number[]; roleIds: number[]; actorId: number },
) {
  if (!options.userIds.length) return [];
  const rows = await trx
    .insertInto('team_memberships')
    .values(options.userIds.map((user_id) => ({ team_id: options.teamId, user_id, joined_by: options.actorId })))
    .returning(['id', 'user_id'])
    .execute();
  if (options.roleIds.length) {
    await trx
      .insertInto('team_membership_roles')
      .values(rows.flatMap((m) => options.roleIds.map((role_id) => ({ membership_id: m.id, role_id }))))
      .execute();
  }
  return rows;
}

/** TEAM-7: does a work log record the team (on the project, when given)? */
export async function teamHasWorklogs(trx: Database, teamId: number, projectId?: number): Promise<boolean> {
  let q = trx.selectFrom('worklogs').select('id').where('team_id', '=', teamId);
  if (projectId !== undefined) q = q.where('project_id', '=', projectId);
  return Boolean(await q.limit(1).executeTakeFirst());
}
