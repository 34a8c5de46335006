import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import {
  addMemberships,
  endMembership,
  findHeldRoles,
  findMembershipId,
  findRolesAmong,
  replaceMembershipRoles,
  usersInOtherTeams,
  type HeldRole,
} from './repo-members.js';
import { lockProjects, lockTeam, projectsOfTeam } from './repo.js';
import { checkNewMembers, memberConflict, normalizeLevels } from './rules.js';
import type { MembersAdd, MemberUpdate } from './schema.js';
import { describeTeam } from './service.js';

/** Every named role must be one of the team's (checked after authorization, so nothing is revealed before it). */
function requireRoles(roles: HeldRole[], roleIds: number[] | undefined) {
  const missing = roleIds?.findIndex((id) => !roles.some((r) => r.id === id)) ?? -1;
  if (missing >= 0) throw badRequest(`roleIds.${missing}`, `no such role in this team: ${roleIds![missing]}`);
}

const levelsOf = (roles: HeldRole[]) => normalizeLevels(roles.flatMap((r) => r.permissions));

/** Team membership (TEAM-3 roles, TEAM-4 one team per project, TEAM-5 who may join, TEAM-6 history). */
export function createMemberService(deps: Deps) {
  const { db, authz } = deps;

  /**
   * Adds members holding the given roles (default Team Member) and answers the team as it now stands. Giving a role's
   * permissions is a grant: the caller must hold them in the team (grant boundary). TEAM-4 is checked under the team's
   * and its projects' locks, so two requests racing to put one user into two teams of a project leave exactly one
   * membership.
   */
  async function add(actor: Actor, teamId: number, input: MembersAdd) {
    const roles = await findRolesAmong(db, teamId, input.roleIds);
    const granted = levelsOf(roles);
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: granted });
    requireRoles(roles, input.roleIds);
    await db.transaction().execute(async (trx) => {
      const row = await lockTeam(trx, teamId);
      // The grant was authorized for the roles as read before; a role widened meanwhile is decided again.
      if (levelsOf(await findRolesAmong(trx, teamId, input.roleIds)).some((p) => !granted.includes(p))) {
        throw conflict('concurrent_change', 'a role changed meanwhile; reload and try again');
      }
      const projectIds = await projectsOfTeam(trx, row);
      await lockProjects(trx, projectIds);
      await checkNewMembers(trx, { teamId, userIds: input.userIds, browseProjectId: row.project_id, field: 'userIds' });
      const taken = await usersInOtherTeams(trx, { userIds: input.userIds, projectIds, teamId });
      if (taken.length)
        throw memberConflict(
          taken,
          row.project_id === null ? 'a project this global team is assigned to' : "this team's project",
        );
      const roleIds = roles.map((r) => r.id);
      const added = await addMemberships(trx, { teamId, userIds: input.userIds, roleIds, actorId: actor.userId });
      await audit(trx, actor, 'team.members.add', teamId, {
        projectId: team.projectId,
        after: { memberships: added, roleIds },
      });
    });
    return describeTeam(deps, actor, teamId);
  }

  /**
   * Replaces a member's roles (at least one) and answers the team as it now stands. Only permissions the member gains
   * count as granted.
   */
  async function setRoles(actor: Actor, teamId: number, userId: number, input: MemberUpdate) {
    const [roles, held] = await Promise.all([
      findRolesAmong(db, teamId, input.roleIds),
      findHeldRoles(db, teamId, userId),
    ]);
    const had = new Set(levelsOf(held));
    const gained = levelsOf(roles).filter((p) => !had.has(p));
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: gained });
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const membershipId = await findMembershipId(trx, teamId, userId);
      if (membershipId === undefined) throw notFound('team member');
      requireRoles(roles, input.roleIds);
      const before = await findHeldRoles(trx, teamId, userId);
      // The grant was authorized against the roles read before; if they changed meanwhile, the caller decides again.
      if (before.map((r) => r.id).join() !== held.map((r) => r.id).join())
        throw conflict('concurrent_change', "the member's roles changed meanwhile; reload and try again");
      await replaceMembershipRoles(trx, membershipId, input.roleIds);
      await audit(trx, actor, 'team.member.roles', membershipId, {
        projectId: team.projectId,
        before: { userId, roleIds: before.map((r) => r.id) },
        after: { userId, roleIds: input.roleIds },
      });
    });
    return describeTeam(deps, actor, teamId);
  }

  /** Ends the membership (TEAM-6: the period is kept, with who ended it). */
  async function remove(actor: Actor, teamId: number, userId: number) {
    const team = await authz.authorizeTeam(actor, 'team.manage', teamId);
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const closed = await endMembership(trx, { teamId, userId, actorId: actor.userId });
      if (!closed) throw notFound('team member');
      await audit(trx, actor, 'team.member.remove', closed.id, { projectId: team.projectId, after: closed });
    });
  }

  return { add, setRoles, remove };
}
