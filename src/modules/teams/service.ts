import type { Actor, AuthorizedTeam } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findProjectId } from '../projects/repo.js';
import {
  presentPeriod,
  presentTeam,
  presentTeamDetail,
  presentUser,
  projectIdsOfTeams,
  teamListAbilities,
  type ProjectFactsById,
} from './present.js';
import { addMemberships, findCandidatePage, findHistoryPage, usersInOtherTeams } from './repo-members.js';
import {
  deleteTeam,
  findCurrentMembers,
  findMemberships,
  findTeam,
  findTeamPage,
  findTeamParts,
  insertDefaultRoles,
  insertTeam,
  lockProjects,
  lockTeam,
  projectsOfTeam,
  teamNameTaken,
  updateTeam,
  type TeamRow,
} from './repo.js';
import { checkNewMembers, deletionRefusal, memberConflict } from './rules.js';
import type { CandidatesQuery, HistoryQuery, TeamCreate, TeamDetail, TeamListQuery, TeamUpdate } from './schema.js';

type TeamDeps = Pick<Deps, 'db' | 'authz'>;

/** Teams as lists show them, with abilities decided on project facts loaded in one batch. */
export async function presentTeams({ db, authz }: TeamDeps, actor: Actor, rows: TeamRow[]) {
  const [members, facts] = await Promise.all([
    findCurrentMembers(
      db,
      rows.map((r) => r.id),
    ),
    authz.loadProjects(projectIdsOfTeams(rows)),
  ]);
  return rows.map((r) => presentTeam(actor, r, members.get(r.id) ?? [], facts));
}

/**
 * A team as it now stands (the caller was authorized by the operation that asks). With the team that
 * authorization returned, its project's facts are reused rather than loaded again.
 */
export async function describeTeam(
  { db, authz }: TeamDeps,
  actor: Actor,
  teamId: number,
  authorized?: AuthorizedTeam,
): Promise<TeamDetail> {
  const row = await findTeam(db, teamId);
  if (!row) throw notFound('team');
  const [parts, loaded] = await Promise.all([
    findTeamParts(db, actor, row),
    authorized ? undefined : authz.loadProjects(projectIdsOfTeams([row])),
  ]);
  const facts: ProjectFactsById =
    loaded ??
    new Map([authorized!.project, ...authorized!.servedProjects].flatMap((p) => (p ? [[p.projectId, p]] : [])));
  return presentTeamDetail(actor, row, facts, parts);
}

/** Teams (TEAM-1, TEAM-3, TEAM-7): lists, detail, create, rename, delete, membership history, candidates. */
export function createTeamService(deps: Deps) {
  const { db, authz } = deps;

  /** The teams the caller can see (TEAM-8), paged by name. */
  async function list(actor: Actor, query: TeamListQuery) {
    const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
    const rows = await findTeamPage(db, actor, { ...query, after });
    const page = pageOf(rows, query.limit, (r) => [r.name, r.id]);
    return {
      items: await presentTeams(deps, actor, page.items),
      nextCursor: page.nextCursor,
      abilities: teamListAbilities(actor),
    };
  }

  async function get(actor: Actor, teamId: number) {
    const team = await authz.authorizeTeam(actor, 'team.view', teamId);
    return describeTeam(deps, actor, teamId, team);
  }

  /** TEAM-3: a new team with its two default roles; the creator picks the lead, the others join as Team Members. */
  async function create(actor: Actor, input: TeamCreate) {
    // A project that does not exist is refused like one the caller may not browse (id 0 names no project).
    const projectId = input.projectKey === undefined ? null : ((await findProjectId(db, input.projectKey)) ?? 0);
    await authz.authorizeTeam(actor, 'team.create', { projectId });
    const lead = input.leadUserId === undefined ? [] : [input.leadUserId];
    const memberIds = (input.memberIds ?? []).filter((id) => id !== input.leadUserId);
    const teamId = await db.transaction().execute(async (trx) => {
      if (projectId !== null) await lockProjects(trx, [projectId]);
      await requireFreeName(trx, projectId, input.name);
      if (lead.length)
        await checkNewMembers(trx, { teamId: null, userIds: lead, browseProjectId: projectId, field: 'leadUserId' });
      await checkNewMembers(trx, { teamId: null, userIds: memberIds, browseProjectId: projectId, field: 'memberIds' });
      if (projectId !== null) {
        const taken = await usersInOtherTeams(trx, {
          userIds: [...lead, ...memberIds],
          projectIds: [projectId],
          teamId: null,
        });
        if (taken.length) throw memberConflict(taken, `project ${input.projectKey}`);
      }
      const team = await insertTeam(trx, {
        project_id: projectId,
        name: input.name,
        description: input.description ?? '',
        created_by: actor.userId,
      });
      const roles = await insertDefaultRoles(trx, team.id);
      const joining = { teamId: team.id, actorId: actor.userId };
      await addMemberships(trx, { ...joining, userIds: lead, roleIds: [roles.lead] });
      await addMemberships(trx, { ...joining, userIds: memberIds, roleIds: [roles.member] });
      await audit(trx, actor, 'team.create', team.id, {
        projectId,
        after: { team, leadUserId: input.leadUserId ?? null, memberIds },
      });
      return team.id;
    });
    return describeTeam(deps, actor, teamId);
  }

  async function update(actor: Actor, teamId: number, input: TeamUpdate) {
    await authz.authorizeTeam(actor, 'team.manage', teamId);
    await db.transaction().execute(async (trx) => {
      const before = await lockTeam(trx, teamId);
      checkVersion('team', before.version, input.version);
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase())
        await requireFreeName(trx, before.project_id, input.name);
      const after = await updateTeam(trx, teamId, input);
      await audit(trx, actor, 'team.update', teamId, { projectId: before.project_id, before, after });
    });
    return describeTeam(deps, actor, teamId);
  }

  /**
   * TEAM-7: a team with a price list cannot be deleted (end its members' memberships instead), nor one a work
   * log records (the log keeps its team). Deleting removes its roles, assignments and memberships, so its
   * members are free to join other teams.
   */
  async function remove(actor: Actor, teamId: number, version: number) {
    await authz.authorizeTeam(actor, 'team.delete', teamId);
    await db.transaction().execute(async (trx) => {
      const before = await lockTeam(trx, teamId);
      checkVersion('team', before.version, version);
      const refusal = deletionRefusal((await findTeam(trx, teamId))!);
      if (refusal) throw refusal;
      const members = await findMemberships(trx, teamId);
      const projects = await projectsOfTeam(trx, before);
      await deleteTeam(trx, teamId);
      await audit(trx, actor, 'team.delete', teamId, {
        projectId: before.project_id,
        before: { team: before, members, assignedProjectIds: before.project_id === null ? projects : [] },
      });
    });
  }

  /** TEAM-6: every period of membership, newest first. */
  async function history(actor: Actor, teamId: number, query: HistoryQuery) {
    await authz.authorizeTeam(actor, 'team.view', teamId);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const rows = await findHistoryPage(db, teamId, { ...query, beforeId: after?.[0] });
    const page = pageOf(rows, query.limit, (r) => [r.id]);
    return { items: page.items.map(presentPeriod), nextCursor: page.nextCursor };
  }

  /**
   * Users who may join a team (TEAM-5): active; for a project team, with BROWSE_PROJECT on its project; not a
   * member already; not in another team of any project the team works on (for a global team: every project it
   * is assigned to; a new global team has none). `teamId` absent: a new team of `projectKey` (null: global).
   */
  async function candidates(
    actor: Actor,
    where: { projectKey: string | null; teamId?: number },
    query: Omit<CandidatesQuery, 'teamId'>,
  ) {
    const projectId = where.projectKey === null ? null : ((await findProjectId(db, where.projectKey)) ?? 0);
    const team =
      where.teamId === undefined
        ? await authz.authorizeTeam(actor, 'team.create', { projectId })
        : await authz.authorizeTeam(actor, 'team.manage', where.teamId);
    // Through a project's page, only that project's teams.
    if (where.teamId !== undefined && projectId !== null && team.projectId !== projectId) throw notFound('team');
    const projectIds =
      where.teamId === undefined
        ? projectId === null
          ? []
          : [projectId]
        : await projectsOfTeam(db, { id: team.teamId, project_id: team.projectId });
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await findCandidatePage(
      db,
      { teamId: team.teamId, browseProjectId: team.projectId, projectIds, q: query.q, afterLogin: after?.[0] },
      query.limit,
    );
    const page = pageOf(rows, query.limit, (r) => [r.login]);
    return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
  }

  return { list, get, create, update, remove, history, candidates };
}

/** Team names are unique per project, and among global teams, ignoring case. */
async function requireFreeName(trx: Deps['db'], projectId: number | null, name: string) {
  if (await teamNameTaken(trx, projectId, name))
    throw conflict(
      'team_name_taken',
      `a team named '${name}' already exists ${projectId === null ? 'among the global teams' : 'in this project'}`,
    );
}
