import { sql } from 'kysely';
import { browsingUsers } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { TeamPermission } from '../../db/types.js';
import { containsPattern } from '../../lib/like.js';
import { worksOnProjects } from './repo.js';

/** The membership queries: who holds which roles, who may join (TEAM-4, TEAM-5), the history (TEAM-6). */

export interface UserNamed {
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
): Promise<UserNamed[]> {
  if (!options.userIds.length || !options.projectIds.length) return [];
  return trx
    .selectFrom('team_memberships as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.login', 'u.display_name'])
    .distinct()
    .where('m.left_at', 'is', null)
    .where('m.user_id', 'in', options.userIds)
    .where('t.id', '<>', options.teamId ?? 0)
    .where(worksOnProjects('t', options.projectIds))
    .orderBy('u.login')
    .execute();
}

/** Users about to join a team, with whether each is active and may browse the project (null: a global team's). */
export function findJoiningUsers(trx: Database, userIds: number[], browseProjectId: number | null) {
  return trx
    .selectFrom('users as u')
    .select(['u.id', 'u.login', 'u.display_name', 'u.active'])
    .select(
      (browseProjectId === null ? sql<boolean>`true` : sql<boolean>`${browsingUsers('u', browseProjectId)}`).as(
        'browses',
      ),
    )
    .where('u.id', 'in', userIds)
    .execute();
}

/** The users among `userIds` who are current members of the team, by login. */
export function findMembersAmong(trx: Database, teamId: number, userIds: number[]): Promise<UserNamed[]> {
  return trx
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.login', 'u.display_name'])
    .where('m.team_id', '=', teamId)
    .where('m.left_at', 'is', null)
    .where('m.user_id', 'in', userIds)
    .orderBy('u.login')
    .execute();
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

export type HeldRole = { id: number; kind: string; permissions: TeamPermission[] };

/** The team's roles among `roleIds` (or its Team Member role when none are named). */
export function findRolesAmong(db: Database, teamId: number, roleIds: number[] | undefined): Promise<HeldRole[]> {
  let q = db.selectFrom('team_roles').select(['id', 'kind', 'permissions']).where('team_id', '=', teamId);
  q = roleIds === undefined ? q.where('kind', '=', 'member') : q.where('id', 'in', roleIds);
  return q.execute();
}

/** The roles a user currently holds in the team, by id. */
export function findHeldRoles(db: Database, teamId: number, userId: number): Promise<HeldRole[]> {
  return db
    .selectFrom('team_memberships as m')
    .innerJoin('team_membership_roles as mr', 'mr.membership_id', 'm.id')
    .innerJoin('team_roles as r', 'r.id', 'mr.role_id')
    .select(['r.id', 'r.kind', 'r.permissions'])
    .where('m.team_id', '=', teamId)
    .where('m.user_id', '=', userId)
    .where('m.left_at', 'is', null)
    .orderBy('r.id')
    .execute();
}

export async function findMembershipId(trx: Database, teamId: number, userId: number): Promise<number | undefined> {
  const row = await trx
    .selectFrom('team_memberships')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

export async function replaceMembershipRoles(trx: Database, membershipId: number, roleIds: number[]): Promise<void> {
  await trx.deleteFrom('team_membership_roles').where('membership_id', '=', membershipId).execute();
  await trx
    .insertInto('team_membership_roles')
    .values(roleIds.map((role_id) => ({ membership_id: membershipId, role_id })))
    .execute();
}

/** Ends the user's current membership (TEAM-6: the period is kept, with who ended it); undefined when there is none. */
export function endMembership(trx: Database, options: { teamId: number; userId: number; actorId: number }) {
  return trx
    .updateTable('team_memberships')
    .set({ left_at: sql<Date>`greatest(now(), joined_at)`, left_by: options.actorId })
    .where('team_id', '=', options.teamId)
    .where('user_id', '=', options.userId)
    .where('left_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** TEAM-6: a page of the team's membership periods, newest first, after the id `beforeId`. */
export function findHistoryPage(
  db: Database,
  teamId: number,
  query: { limit: number; userId?: number; beforeId?: number },
) {
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
  if (query.beforeId !== undefined) q = q.where('m.id', '<', query.beforeId);
  return q
    .orderBy('m.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

export type HistoryRow = Awaited<ReturnType<typeof findHistoryPage>>[number];

/**
 * TEAM-5: a page of active users, by login after `afterLogin`, who may join the team: with BROWSE_PROJECT on a project
 * team's project (`browseProjectId`), not a member of the team already (`teamId`; 0 for a new team), and not in another
 * team of any of `projectIds` (TEAM-4). `q` matches login or display name.
 */
export function findCandidatePage(
  db: Database,
  options: { teamId: number; browseProjectId: number | null; projectIds: number[]; q?: string; afterLogin?: string },
  limit: number,
): Promise<UserNamed[]> {
  const { teamId, projectIds } = options;
  let q = db.selectFrom('users as u').select(['u.id', 'u.login', 'u.display_name']).where('u.active', '=', true);
  if (options.browseProjectId !== null) q = q.where(browsingUsers('u', options.browseProjectId));
  q = q.where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('team_memberships as m')
          .innerJoin('teams as t', 't.id', 'm.team_id')
          .select('m.id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.left_at', 'is', null)
          .where((eb) =>
            eb.or([eb('t.id', '=', teamId), ...(projectIds.length ? [worksOnProjects('t', projectIds)] : [])]),
          ),
      ),
    ),
  );
  if (options.q) {
    const like = containsPattern(options.q);
    q = q.where((eb) => eb.or([eb('u.login', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (options.afterLogin !== undefined) q = q.where('u.login', '>', options.afterLogin);
  return q
    .orderBy('u.login')
    .limit(limit + 1)
    .execute();
}
