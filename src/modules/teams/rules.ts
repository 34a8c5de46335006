import type { Database } from '../../db/index.js';
import { TEAM_PERMISSIONS, type TeamPermission } from '../../db/types.js';
import { AppError, badRequest, conflict, unprocessable } from '../../lib/errors.js';
import { findJoiningUsers, findMembersAmong, type UserNamed } from './repo-members.js';

/**
 * The team rules each decided in one place, for the operation that refuses and for the ability that hides the button:
 * TEAM-3 default roles, TEAM-4 one team per user and project, TEAM-5 who may join, TEAM-7 deletion.
 */

/**
 * TEAM-7: a team with a price list cannot be deleted, then one a work log records. The delete operation throws this
 * (read under the team's lock) and `canDelete` is false whenever it is not null.
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

/** TEAM-3: the two default roles cannot be changed or deleted. */
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

/** Permissions in TEAM_PERMISSIONS order, each once. */
export function normalizeLevels(levels: Iterable<TeamPermission>): TeamPermission[] {
  const set = new Set(levels);
  return TEAM_PERMISSIONS.filter((p) => set.has(p));
}

const named = (users: UserNamed[]) => users.map((u) => `${u.login} (${u.display_name})`).join(', ');
const userRefs = (users: UserNamed[]) => users.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name }));

/** TEAM-4: the 409 naming the users who are already in another team of `where`. */
export function memberConflict(users: UserNamed[], where: string): AppError {
  return conflict(
    'team_member_conflict',
    `a user belongs to at most one team per project (TEAM-4); already in another team of ${where}: ${named(users)}`,
    { users: userRefs(users) },
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
  const rows = await findJoiningUsers(trx, userIds, options.browseProjectId);
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = userIds.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw badRequest(field === 'leadUserId' ? field : `${field}.${missing}`, `no such user: ${userIds[missing]}`);
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
    const already = await findMembersAmong(trx, options.teamId, userIds);
    if (already.length)
      throw conflict('already_member', `already members of this team: ${named(already)}`, { users: userRefs(already) });
  }
}
