import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { TeamPermission } from '../../db/types.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import {
  addMemberships,
  checkNewMembers,
  lockProjects,
  lockTeam,
  memberConflict,
  normalizeLevels,
  projectsOfTeam,
  usersInOtherTeams,
} from './repo.js';
import type { membersAdd, memberUpdate } from './schema.js';

type Role = { id: number; kind: string; permissions: TeamPermission[] };

/** The team's roles among `roleIds` (or its Team Member role when none are named). */
async function rolesOf(db: Database, teamId: number, roleIds: number[] | undefined): Promise<Role[]> {
  let q = db.selectFrom('team_roles').select(['id', 'kind', 'permissions']).where('team_id', '=', teamId);
  q = roleIds === undefined ? q.where('kind', '=', 'member') : q.where('id', 'in', roleIds);
  return q.execute();
}

/** Every named role must be one of the team's (checked after authorization, so nothing is revealed before it). */
function requireRoles(roles: Role[], roleIds: number[] | undefined) {
  const missing = roleIds?.findIndex((id) => !roles.some((r) => r.id === id)) ?? -1;
  if (missing >= 0) throw badRequest(`roleIds.${missing}`, `no such role in this team: ${roleIds![missing]}`);
}

const levelsOf = (roles: Role[]) => normalizeLevels(roles.flatMap((r) => r.permissions));

/** Team membership (TEAM-3 roles, TEAM-4 one team per project, TEAM-5 who may join, TEAM-6 history). */
export function createMemberService({ db, authz }: Deps) {
  /**
   * Adds members holding the given roles (default Team Member). Giving a role's permissions is a grant: the
   * caller must hold them in the team (grant boundary). TEAM-4 is checked under the team's and its projects'
   * locks, so two requests racing to put one user into two teams of a project leave exactly one membership.
   */
  async function add(actor: Actor, teamId: number, input: z.infer<typeof membersAdd>) {
    const roles = await rolesOf(db, teamId, input.roleIds);
    const granted = levelsOf(roles);
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: granted });
    requireRoles(roles, input.roleIds);
    await db.transaction().execute(async (trx) => {
      const row = await lockTeam(trx, teamId);
      // The grant was authorized for the roles as read before; a role widened meanwhile is decided again.
      if (levelsOf(await rolesOf(trx, teamId, input.roleIds)).some((p) => !granted.includes(p))) {
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
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.members.add',
        entityType: 'team',
        entityId: teamId,
        projectId: team.projectId,
        after: { memberships: added, roleIds },
      });
    });
  }

  /** Replaces a member's roles (at least one). Only permissions the member gains count as granted. */
  async function setRoles(actor: Actor, teamId: number, userId: number, input: z.infer<typeof memberUpdate>) {
    const [roles, held] = await Promise.all([rolesOf(db, teamId, input.roleIds), currentRoles(db, teamId, userId)]);
    const had = new Set(levelsOf(held));
    const gained = levelsOf(roles).filter((p) => !had.has(p));
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: gained });
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const membership = await trx
        .selectFrom('team_memberships')
        .select('id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('left_at', 'is', null)
        .executeTakeFirst();
      if (!membership) throw notFound('team member');
      requireRoles(roles, input.roleIds);
      const before = await currentRoles(trx, teamId, userId);
      // The grant was authorized against the roles read before; if they changed meanwhile, the caller decides again.
      if (before.map((r) => r.id).join() !== held.map((r) => r.id).join())
        throw conflict('concurrent_change', "the member's roles changed meanwhile; reload and try again");
      await trx.deleteFrom('team_membership_roles').where('membership_id', '=', membership.id).execute();
      await trx
        .insertInto('team_membership_roles')
        .values(input.roleIds.map((role_id) => ({ membership_id: membership.id, role_id })))
        .execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.member.roles',
        entityType: 'team_membership',
        entityId: membership.id,
        projectId: team.projectId,
        before: { userId, roleIds: before.map((r) => r.id) },
        after: { userId, roleIds: input.roleIds },
      });
    });
  }

  /** Ends the membership (TEAM-6: the period is kept, with who ended it). */
  async function remove(actor: Actor, teamId: number, userId: number) {
    const team = await authz.authorizeTeam(actor, 'team.manage', teamId);
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const closed = await trx
        .updateTable('team_memberships')
        .set({ left_at: sql<Date>`greatest(now(), joined_at)`, left_by: actor.userId })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('left_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!closed) throw notFound('team member');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.member.remove',
        entityType: 'team_membership',
        entityId: closed.id,
        projectId: team.projectId,
        after: closed,
      });
    });
  }

  return { add, setRoles, remove };
}

/** The roles a user currently holds in the team, by id. */
async function currentRoles(db: Database, teamId: number, userId: number): Promise<Role[]> {
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
