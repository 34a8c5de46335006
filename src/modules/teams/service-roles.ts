import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { presentRole } from './present.js';
import {
  deleteRole,
  findRole,
  findSoleHolders,
  giveTeamMemberRole,
  insertRole,
  lockRole,
  roleNameTaken,
  updateRole,
} from './repo-roles.js';
import { lockTeam } from './repo.js';
import { normalizeLevels, roleChangeRefusal, roleDeletionDecision } from './rules.js';
import type { RoleCreate, RoleUpdate } from './schema.js';

async function requireFreeName(trx: Database, teamId: number, name: string) {
  if (await roleNameTaken(trx, teamId, name))
    throw conflict('role_name_taken', `the team already has a role named '${name}'`);
}

/** The custom role, locked; a missing one is a 404 and a default one is refused (TEAM-3). */
async function lockCustomRole(trx: Database, teamId: number, roleId: number) {
  const role = await lockRole(trx, teamId, roleId);
  if (!role) throw notFound('team role');
  const refusal = roleChangeRefusal(role);
  if (refusal) throw refusal;
  return role;
}

/**
 * Custom team roles (TEAM-3): created, changed and deleted by holders of MANAGE_TEAM (and team
 * administrators). A role's permissions are granted to its holders, so defining one is bound by what the
 * caller holds (grant boundary).
 */
export function createRoleService({ db, authz }: Deps) {
  async function create(actor: Actor, teamId: number, input: RoleCreate) {
    const permissions = normalizeLevels(input.permissions);
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: permissions });
    return db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      await requireFreeName(trx, teamId, input.name);
      const role = await insertRole(trx, { teamId, name: input.name, permissions });
      await audit(trx, actor, 'team.role.create', role.id, { projectId: team.projectId, after: role });
      return presentRole(role);
    });
  }

  /** Only the permissions a role gains are granted; dropping some, or renaming, needs MANAGE_TEAM alone. */
  async function update(actor: Actor, teamId: number, roleId: number, input: RoleUpdate) {
    const read = await findRole(db, teamId, roleId);
    // A default role is refused below whatever it would grant (422, not 403).
    const gained =
      input.permissions && read?.kind === 'custom'
        ? normalizeLevels(input.permissions).filter((p) => !read.permissions.includes(p))
        : [];
    const team = await authz.authorizeTeam(actor, 'team.grant', teamId, { grantLevels: gained });
    return db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const before = await lockCustomRole(trx, teamId, roleId);
      checkVersion('role', before.version, input.version);
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase())
        await requireFreeName(trx, teamId, input.name);
      const after = await updateRole(trx, roleId, {
        name: input.name,
        permissions: input.permissions === undefined ? undefined : normalizeLevels(input.permissions),
      });
      await audit(trx, actor, 'team.role.update', roleId, { projectId: team.projectId, before, after });
      return presentRole(after);
    });
  }

  /**
   * Deleting a role takes it from its holders (TEAM-3). A member left with no role falls back to the Team
   * Member role, so every member keeps at least one; that gives WORK_ON_ISSUES, so it is a grant then.
   */
  async function remove(actor: Actor, teamId: number, roleId: number) {
    const fallback = (await findSoleHolders(db, teamId, roleId)).length > 0;
    const deletion = roleDeletionDecision(fallback);
    const team = await authz.authorizeTeam(actor, deletion.action, teamId, { grantLevels: deletion.grantLevels });
    await db.transaction().execute(async (trx) => {
      await lockTeam(trx, teamId);
      const before = await lockCustomRole(trx, teamId, roleId);
      const sole = await findSoleHolders(trx, teamId, roleId);
      if (sole.length > 0 && !fallback)
        throw conflict('concurrent_change', "the role's holders changed meanwhile; reload and try again");
      await giveTeamMemberRole(
        trx,
        teamId,
        sole.map((m) => m.membership_id),
      );
      await deleteRole(trx, roleId);
      await audit(trx, actor, 'team.role.delete', roleId, {
        projectId: team.projectId,
        before,
        after: { fellBackToTeamMember: sole.map((m) => m.user_id) },
      });
    });
  }

  return { create, update, remove };
}
