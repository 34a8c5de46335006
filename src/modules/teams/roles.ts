import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { TeamPermission } from '../../db/types.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { lockTeam, normalizeLevels, roleChangeRefusal, roleDeletionDecision } from './repo.js';
import type { roleCreate, roleUpdate } from './schema.js';

const roleColumns = ['id', 'team_id', 'name', 'kind', 'permissions', 'version'] as const;

function roleOut(r: {
  id: number;
  name: string;
  kind: 'lead' | 'member' | 'custom';
  permissions: TeamPermission[];
  version: number;
}) {
  return { id: r.id, name: r.name, kind: r.kind, permissions: normalizeLevels(r.permissions), version: r.version };
}

function requireCustom(role: { kind: string; name: string }) {
  const refusal = roleChangeRefusal(role);
  if (refusal) throw refusal;
}

async function requireFreeName(trx: Database, teamId: number, name: string) {
  const taken = await trx
    .selectFrom('team_roles')
    .select('id')
    .where('team_id', '=', teamId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
  if (taken) throw conflict('role_name_taken', `the team already has a role named '${name}'`);
}

/** The team's role by id, or 404 (read before authorizing only to know what a change would grant). */
async function findRole(db: Database, teamId: number, roleId: number) {
  return db
    .selectFrom('team_roles')
    .select(roleColumns)
    .where('team_id', '=', teamId)
    .where('id', '=', roleId)
    .executeTakeFirst();
}

/**
 * Custom team roles (TEAM-3): created, changed and deleted by holders of MANAGE_TEAM (and team
 * administrators). A role's permissions are granted to its holders, so defining one is bound by what the
 * caller holds (grant boundary).
 */
export function createRoleService({ db, authz }: Deps) {
  async function create(actor: Actor, teamId: number, input: z.infer<typeof roleCreate>) {
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, {
      grantLevels: normalizeLevels(input.permissions),
    });
    return db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      await requireFreeName(trx, teamId, input.name);
      const role = await trx
        .insertInto('team_roles')
        .values({ team_id: teamId, name: input.name, kind: 'custom', permissions: normalizeLevels(input.permissions) })
        .returning(roleColumns)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.role.create',
        entityType: 'team_role',
        entityId: role.id,
        projectId: team.projectId,
        after: role,
      });
      return roleOut(role);
    });
  }

  /** Only the permissions a role gains are granted; dropping some, or renaming, needs MANAGE_TEAM alone. */
  async function update(actor: Actor, teamId: number, roleId: number, input: z.infer<typeof roleUpdate>) {
    const read = await findRole(db, teamId, roleId);
    // A default role is refused below whatever it would grant (422, not 403).
    const gained =
      input.permissions && read?.kind === 'custom'
        ? normalizeLevels(input.permissions).filter((p) => !read.permissions.includes(p))
        : [];
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: gained });
    return db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const before = await trx
        .selectFrom('team_roles')
        .select(roleColumns)
        .where('team_id', '=', teamId)
        .where('id', '=', roleId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('team role');
      requireCustom(before);
      if (before.version !== input.version)
        throw conflict('version_conflict', `the role changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase())
        await requireFreeName(trx, teamId, input.name);
      const after = await trx
        .updateTable('team_roles')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.permissions !== undefined ? { permissions: normalizeLevels(input.permissions) } : {}),
          version: sql`version + 1`,
        })
        .where('id', '=', roleId)
        .returning(roleColumns)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.role.update',
        entityType: 'team_role',
        entityId: roleId,
        projectId: team.projectId,
        before,
        after,
      });
      return roleOut(after);
    });
  }

  /**
   * Deleting a role takes it from its holders (TEAM-3). A member left with no role falls back to the Team
   * Member role, so every member keeps at least one; that gives WORK_ON_ISSUES, so it is a grant then.
   */
  async function remove(actor: Actor, teamId: number, roleId: number) {
    const fallback = (await soleHolders(db, teamId, roleId)).length > 0;
    const deletion = roleDeletionDecision(fallback);
    const team = await authz.authorizeTeam(actor, deletion.action, teamId, { grantLevels: deletion.grantLevels });
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const before = await trx
        .selectFrom('team_roles')
        .select(roleColumns)
        .where('team_id', '=', teamId)
        .where('id', '=', roleId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('team role');
      requireCustom(before);
      const sole = await soleHolders(trx, teamId, roleId);
      if (sole.length > 0 && !fallback)
        throw conflict('concurrent_change', "the role's holders changed meanwhile; reload and try again");
      if (sole.length) {
        const member = await trx
          .selectFrom('team_roles')
          .select('id')
          .where('team_id', '=', teamId)
          .where('kind', '=', 'member')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('team_membership_roles')
          .values(sole.map((m) => ({ membership_id: m.membership_id, role_id: member.id })))
          .execute();
      }
      await trx.deleteFrom('team_roles').where('id', '=', roleId).execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'team.role.delete',
        entityType: 'team_role',
        entityId: roleId,
        projectId: team.projectId,
        before,
        after: { fellBackToTeamMember: sole.map((m) => m.user_id) },
      });
    });
  }

  return { create, update, remove };
}

/** Current members whose only role is `roleId`. */
async function soleHolders(db: Database, teamId: number, roleId: number) {
  return db
    .selectFrom('team_memberships as m')
    .innerJoin('team_membership_roles as mr', 'mr.membership_id', 'm.id')
    .select(['m.id as membership_id', 'm.user_id'])
    .where('m.team_id', '=', teamId)
    .where('m.left_at', 'is', null)
    .where('mr.role_id', '=', roleId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('team_membership_roles as o')
            .select('o.role_id')
            .whereRef('o.membership_id', '=', 'm.id')
            .where('o.role_id', '<>', roleId),
        ),
      ),
    )
    .execute();
}
