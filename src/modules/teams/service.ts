import { sql } from 'kysely';
import type { z } from 'zod';
import { abilities, type Actor, type AuthorizedTeam } from '../../authz/engine.js';
import type { ProjectFacts } from '../../authz/facts.js';
import { canBrowseProject, canViewTeam, projectIdsWithPermission } from '../../authz/sql.js';
import { conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { findProjectId } from '../projects/service.js';
import { escapeLike } from '../../lib/like.js';
import {
  addMemberships,
  checkNewMembers,
  deletionRefusal,
  grantAbilities,
  insertDefaultRoles,
  lockProjects,
  lockTeam,
  mayGrant,
  memberConflict,
  normalizeLevels,
  projectIdsOfTeams,
  projectsOfTeam,
  roleChangeRefusal,
  roleDeletionDecision,
  selectTeams,
  teamAbilities,
  teamOuts,
  usersInOtherTeams,
  type ProjectFactsById,
} from './repo.js';
import type { teamCreate, teamUpdate } from './schema.js';

/** Teams (TEAM-1, TEAM-3, TEAM-7): lists, detail, create, rename, delete, membership history. */
export function createTeamService({ db, authz }: Deps) {
  const loadProjects = (ids: number[]) => authz.loadProjects(ids);

  /** The teams the caller can see (TEAM-8) — decided in SQL by the twin of `team.view`, paged by name. */
  async function list(
    actor: Actor,
    query: { limit: number; cursor?: string; scope?: 'global' | 'project'; projectKey?: string },
  ) {
    const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
    let q = selectTeams(db).where(canViewTeam(actor.userId, 't'));
    if (query.scope === 'global') q = q.where('t.project_id', 'is', null);
    if (query.scope === 'project') q = q.where('t.project_id', 'is not', null);
    if (query.projectKey) {
      // A project the caller may not browse shows no teams at all, like one that does not exist.
      const key = query.projectKey;
      q = q.where((eb) => {
        const project = eb
          .selectFrom('projects as tw_p')
          .select('tw_p.id')
          .where('tw_p.key', '=', key)
          .where(canBrowseProject(actor.userId, 'tw_p.id'));
        return eb.or([
          eb('t.project_id', 'in', project),
          eb.and([
            eb('t.project_id', 'is', null),
            eb.exists(
              eb
                .selectFrom('team_projects as tp')
                .select('tp.team_id')
                .whereRef('tp.team_id', '=', 't.id')
                .where('tp.project_id', 'in', project),
            ),
          ]),
        ]);
      });
    }
    if (after) q = q.where(sql<boolean>`(t.name, t.id) > (${after[0]}, ${after[1]})`);
    const rows = await q
      .orderBy('t.name')
      .orderBy('t.id')
      .limit(query.limit + 1)
      .execute();
    const page = pageOf(rows, query.limit, (r) => [r.name, r.id]);
    // Whether the Teams area may offer "Create global team": the engine's answer for a new global team.
    const listAbilities = abilities(
      actor.subject,
      { team: { teamId: 0, teamName: '(new team)', projectId: null } },
      { canCreateGlobalTeam: { action: 'team.create' } },
    );
    return {
      items: await teamOuts(db, loadProjects, actor, page.items),
      nextCursor: page.nextCursor,
      abilities: listAbilities,
    };
  }

  async function get(actor: Actor, teamId: number) {
    const team = await authz.authorizeTeam(actor, 'team.view', teamId);
    return describe(actor, teamId, team);
  }

  /**
   * A team as it now stands (the caller was authorized by the operation that asks). With the team that
   * authorization returned, its project's facts are reused rather than loaded again.
   */
  async function describe(actor: Actor, teamId: number, authorized?: AuthorizedTeam) {
    const row = await selectTeams(db).where('t.id', '=', teamId).executeTakeFirst();
    if (!row) throw notFound('team');
    const [roles, members, projects, loaded] = await Promise.all([
      db
        .selectFrom('team_roles')
        .select(['id', 'name', 'kind', 'permissions', 'version'])
        .where('team_id', '=', teamId)
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
        .where('m.team_id', '=', teamId)
        .where('m.left_at', 'is', null)
        .orderBy('u.login')
        .execute(),
      row.project_id !== null
        ? Promise.resolve([])
        : db
            .selectFrom('team_projects as tp')
            .innerJoin('projects as p', 'p.id', 'tp.project_id')
            .select(['p.key', 'p.name'])
            .where('tp.team_id', '=', teamId)
            .where(canBrowseProject(actor.userId, 'tp.project_id'))
            .orderBy('p.key')
            .execute(),
      authorized ? Promise.resolve(new Map<number, ProjectFacts>()) : loadProjects(projectIdsOfTeams([row])),
    ]);
    const facts: ProjectFactsById = authorized
      ? new Map([authorized.project, ...authorized.servedProjects].flatMap((p) => (p ? [[p.projectId, p]] : [])))
      : loaded;
    const { grantable, givableRoles } = grantAbilities(actor, row, facts, roles);
    const teamAbility = teamAbilities(actor, row, facts);
    const roleIdsOf = members.map((m) => m.role_ids.map(Number));
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      project: row.project_id === null ? null : { key: row.project_key ?? '', name: row.project_name ?? '' },
      memberCount: members.length,
      abilities: { ...teamAbility, grantable },
      version: row.version,
      roles: roles.map((r) => {
        // The role's deletion is decided as the delete operation decides it: a grant of WORK_ON_ISSUES when holders would fall back to Team Member.
        const deletion = roleDeletionDecision(roleIdsOf.some((ids) => ids.length === 1 && ids[0] === r.id));
        const changeable = roleChangeRefusal(r) === null;
        return {
          ...r,
          permissions: normalizeLevels(r.permissions),
          canGive: givableRoles.has(r.id),
          abilities: {
            canEdit: changeable && teamAbility.canManage,
            canDelete: changeable && mayGrant(actor, row, facts, deletion.grantLevels),
          },
        };
      }),
      members: members.map((m, i) => ({
        user: { id: m.id, login: m.login, displayName: m.display_name },
        roleIds: roleIdsOf[i],
        joinedAt: m.joined_at,
        // memberUpdate keeps at least one role; a role is taken away only while another stays.
        abilities: {
          canRemove: teamAbility.canManage,
          canChangeRoles: teamAbility.canManage,
          canDropRole: teamAbility.canManage && roleIdsOf[i].length > 1,
        },
      })),
      assignedProjects: projects.map((p) => ({ key: p.key, name: p.name })),
    };
  }

  /** TEAM-3: a new team with its two default roles; the creator picks the lead, the others join as Team Members. */
  async function create(actor: Actor, input: z.infer<typeof teamCreate>) {
    // A project that does not exist is refused like one the caller may not browse (id 0 names no project).
    const projectId = input.projectKey === undefined ? null : ((await findProjectId(db, input.projectKey)) ?? 0);
    await authz.authorizeTeam(actor, 'team.create', { projectId });
    const memberIds = (input.memberIds ?? []).filter((id) => id !== input.leadUserId);
    const teamId = await db.transaction().execute(async (trx) => {
      if (projectId !== null) await lockProjects(trx, [projectId]);
      await requireFreeName(trx, projectId, input.name);
      if (input.leadUserId !== undefined)
        await checkNewMembers(trx, {
          teamId: null,
          userIds: [input.leadUserId],
          browseProjectId: projectId,
          field: 'leadUserId',
        });
      await checkNewMembers(trx, { teamId: null, userIds: memberIds, browseProjectId: projectId, field: 'memberIds' });
      const everyone = [...(input.leadUserId === undefined ? [] : [input.leadUserId]), ...memberIds];
      if (projectId !== null) {
        const taken = await usersInOtherTeams(trx, { userIds: everyone, projectIds: [projectId], teamId: null });
        if (taken.length) throw memberConflict(taken, `project ${input.projectKey}`);
      }
      const team = await trx
        .insertInto('teams')
        .values({
          project_id: projectId,
          name: input.name,
          description: input.description ?? '',
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const roles = await insertDefaultRoles(trx, team.id);
      const roleOf = (kind: 'lead' | 'member') => roles[kind];
      if (input.leadUserId !== undefined)
        await addMemberships(trx, {
          teamId: team.id,
          userIds: [input.leadUserId],
          roleIds: [roleOf('lead')],
          actorId: actor.userId,
        });
      await addMemberships(trx, {
        teamId: team.id,
        userIds: memberIds,
        roleIds: [roleOf('member')],
        actorId: actor.userId,
      });
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.create',
        entityType: 'team',
        entityId: team.id,
        projectId,
        after: { team, leadUserId: input.leadUserId ?? null, memberIds },
      });
      return team.id;
    });
    return describe(actor, teamId);
  }

  async function update(actor: Actor, teamId: number, input: z.infer<typeof teamUpdate>) {
    await authz.authorizeTeam(actor, 'team.manage', teamId);
    await db.transaction().execute(async (trx) => {
      const before = await lockTeam(trx, teamId);
      if (before.version !== input.version)
        throw conflict('version_conflict', `the team changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase())
        await requireFreeName(trx, before.project_id, input.name);
      const after = await trx
        .updateTable('teams')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          version: sql`version + 1`,
        })
        .where('id', '=', teamId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.update',
        entityType: 'team',
        entityId: teamId,
        projectId: before.project_id,
        before,
        after,
      });
    });
    return describe(actor, teamId);
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
      if (before.version !== version)
        throw conflict('version_conflict', `the team changed since version ${version}; reload it`, {
          currentVersion: before.version,
        });
      const refusal = deletionRefusal(await selectTeams(trx).where('t.id', '=', teamId).executeTakeFirstOrThrow());
      if (refusal) throw refusal;
      const members = await trx
        .selectFrom('team_memberships')
        .select(['user_id', 'joined_at'])
        .where('team_id', '=', teamId)
        .where('left_at', 'is', null)
        .execute();
      const projects = await projectsOfTeam(trx, before);
      await trx.deleteFrom('teams').where('id', '=', teamId).execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.delete',
        entityType: 'team',
        entityId: teamId,
        projectId: before.project_id,
        before: { team: before, members, assignedProjectIds: before.project_id === null ? projects : [] },
      });
    });
  }

  /** TEAM-6: every period of membership, newest first. */
  async function history(actor: Actor, teamId: number, query: { limit: number; cursor?: string; userId?: number }) {
    await authz.authorizeTeam(actor, 'team.view', teamId);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    let q = db
      .selectFrom('team_memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('users as jb', 'jb.id', 'm.joined_by')
      .leftJoin('users as lb', 'lb.id', 'm.left_by')
      .select([
        'm.id',
        'm.joined_at',
        'm.left_at',
        'u.id as user_id',
        'u.login',
        'u.display_name',
        'jb.id as joined_by_id',
        'jb.display_name as joined_by_name',
        'lb.id as left_by_id',
        'lb.display_name as left_by_name',
      ])
      .where('m.team_id', '=', teamId);
    if (query.userId !== undefined) q = q.where('m.user_id', '=', query.userId);
    if (after) q = q.where('m.id', '<', after[0]);
    const page = pageOf(
      await q
        .orderBy('m.id', 'desc')
        .limit(query.limit + 1)
        .execute(),
      query.limit,
      (r) => [r.id],
    );
    return {
      items: page.items.map((r) => ({
        id: r.id,
        user: { id: r.user_id, login: r.login, displayName: r.display_name },
        joinedAt: r.joined_at,
        leftAt: r.left_at,
        joinedBy: r.joined_by_id === null ? null : { id: r.joined_by_id, displayName: r.joined_by_name ?? '' },
        leftBy: r.left_by_id === null ? null : { id: r.left_by_id, displayName: r.left_by_name ?? '' },
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Users who may join a team (TEAM-5): active; for a project team, with BROWSE_PROJECT on its project; not a
   * member already; not in another team of any project the team works on (for a global team: every project it
   * is assigned to; a new global team has none). `teamId` absent: a new team of `projectKey` (null: global).
   */
  async function candidates(
    actor: Actor,
    where: { projectKey: string | null; teamId?: number },
    query: { limit: number; cursor?: string; q?: string },
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
    let q = db.selectFrom('users as u').select(['u.id', 'u.login', 'u.display_name']).where('u.active', '=', true);
    if (team.projectId !== null)
      q = q.where(sql<boolean>`${team.projectId} in ${projectIdsWithPermission(sql.ref('u.id'), 'BROWSE_PROJECT')}`);
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('team_memberships as m')
            .innerJoin('teams as t', 't.id', 'm.team_id')
            .select('m.id')
            .whereRef('m.user_id', '=', 'u.id')
            .where('m.left_at', 'is', null)
            .where((eb) =>
              eb.or([
                eb('t.id', '=', team.teamId),
                ...(projectIds.length
                  ? [
                      eb('t.project_id', 'in', projectIds),
                      eb.and([
                        eb('t.project_id', 'is', null),
                        eb.exists(
                          eb
                            .selectFrom('team_projects as tp')
                            .select('tp.team_id')
                            .whereRef('tp.team_id', '=', 't.id')
                            .where('tp.project_id', 'in', projectIds),
                        ),
                      ]),
                    ]
                  : []),
              ]),
            ),
        ),
      ),
    );
    if (query.q)
      q = q.where((eb) =>
        eb.or([
          eb('u.login', 'ilike', `%${escapeLike(query.q!)}%`),
          eb('u.display_name', 'ilike', `%${escapeLike(query.q!)}%`),
        ]),
      );
    if (after) q = q.where('u.login', '>', after[0]);
    const page = pageOf(
      await q
        .orderBy('u.login')
        .limit(query.limit + 1)
        .execute(),
      query.limit,
      (r) => [r.login],
    );
    return {
      items: page.items.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
      nextCursor: page.nextCursor,
    };
  }

  return { list, get, describe, create, update, remove, history, candidates };
}

/** Team names are unique per project, and among global teams, ignoring case. */
async function requireFreeName(trx: Deps['db'], projectId: number | null, name: string) {
  const taken = await trx
    .selectFrom('teams')
    .select('id')
    .where(sql<boolean>`coalesce(project_id, 0) = ${projectId ?? 0}`)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
  if (taken)
    throw conflict(
      'team_name_taken',
      `a team named '${name}' already exists ${projectId === null ? 'among the global teams' : 'in this project'}`,
    );
}
