import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { TeamPermission } from '../../db/types.js';

/** The queries of a team's custom roles (TEAM-3). */

const roleColumns = ['id', 'team_id', 'name', 'kind', 'permissions', 'version'] as const;

export async function roleNameTaken(trx: Database, teamId: number, name: string): Promise<boolean> {
  const taken = await trx
    .selectFrom('team_roles')
    .select('id')
    .where('team_id', '=', teamId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
  return Boolean(taken);
}

function selectRole(db: Database, teamId: number, roleId: number) {
  return db.selectFrom('team_roles').select(roleColumns).where('team_id', '=', teamId).where('id', '=', roleId);
}

/** The team's role by id (read before authorizing only to know what a change would grant). */
export function findRole(db: Database, teamId: number, roleId: number) {
  return selectRole(db, teamId, roleId).executeTakeFirst();
}

/** The team's role by id, locked for the rest of the transaction. */
export function lockRole(trx: Database, teamId: number, roleId: number) {
  return selectRole(trx, teamId, roleId).forUpdate().executeTakeFirst();
}

export function insertRole(trx: Database, role: { teamId: number; name: string; permissions: TeamPermission[] }) {
  return trx
    .insertInto('team_roles')
    .values({ team_id: role.teamId, name: role.name, kind: 'custom', permissions: role.permissions })
    .returning(roleColumns)
    .executeTakeFirstOrThrow();
}

export function updateRole(trx: Database, roleId: number, change: { name?: string; permissions?: TeamPermission[] }) {
  return (
    trx
      .updateTable('team_roles')
      // Kysely leaves out the fields that are undefined: those the change does not name.
      .set({ name: change.name, permissions: change.permissions, version: sql`version + 1` })
      .where('id', '=', roleId)
      .returning(roleColumns)
      .executeTakeFirstOrThrow()
  );
}

/** Deletes the role; the TEAM-3 fallback (`giveTeamMemberRole`) runs first for holders it would leave without a role. */
export async function deleteRole(trx: Database, roleId: number): Promise<void> {
  await trx.deleteFrom('team_roles').where('id', '=', roleId).execute();
}

/** Current members whose only role is `roleId`. */
export function findSoleHolders(db: Database, teamId: number, roleId: number) {
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

/** Gives the team's Team Member role to the memberships. */
export async function giveTeamMemberRole(trx: Database, teamId: number, membershipIds: number[]): Promise<void> {
  if (!membershipIds.length) return;
  const member = await trx
    .selectFrom('team_roles')
    .select('id')
    .where('team_id', '=', teamId)
    .where('kind', '=', 'member')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('team_membership_roles')
    .values(membershipIds.map((membership_id) => ({ membership_id, role_id: member.id })))
    .execute();
}
