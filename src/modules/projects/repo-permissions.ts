import { type Insertable, type Selectable } from 'kysely';
import { administeringUsers } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { DB } from '../../db/types.js';
import { containsPattern } from '../../lib/like.js';
import type { GrantCreate, RoleMemberCreate } from './schema.js';

/** A project's access links (PRJ-3) — its permission grants and project-role members — and the subjects they name. */

export type GrantRow = Awaited<ReturnType<typeof findGrants>>[number];

export function findGrants(db: Database, projectId: number) {
  return db
    .selectFrom('project_permission_grants as g')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('groups as gr', 'gr.id', 'g.group_id')
    .leftJoin('project_roles as r', 'r.id', 'g.role_id')
    .select([
      'g.id',
      'g.permission',
      'g.user_id',
      'g.group_id',
      'g.role_id',
      'u.display_name',
      'gr.name as group_name',
      'r.name as role_name',
    ])
    .where('g.project_id', '=', projectId)
    .orderBy('g.permission')
    .orderBy('g.id')
    .execute();
}

/** The new grant, or undefined when the subject already holds it. */
export function insertGrant(trx: Database, projectId: number, input: GrantCreate) {
  const { permission, roleId } = input;
  return insertLink(trx, 'project_permission_grants', {
    project_id: projectId,
    permission,
    ...subject(input),
    role_id: roleId ?? null,
  });
}

export type RoleMemberRow = Awaited<ReturnType<typeof findRoleMembers>>[number];

export function findRoleMembers(db: Database, projectId: number) {
  return db
    .selectFrom('project_role_members as m')
    .innerJoin('project_roles as r', 'r.id', 'm.role_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('groups as g', 'g.id', 'm.group_id')
    .select([
      'm.id',
      'm.role_id',
      'r.name as role_name',
      'm.user_id',
      'm.group_id',
      'u.display_name',
      'g.name as group_name',
    ])
    .where('m.project_id', '=', projectId)
    .orderBy('r.name')
    .orderBy('m.id')
    .execute();
}

/** The new membership, or undefined when the subject already holds the role. */
export function insertRoleMember(trx: Database, projectId: number, input: RoleMemberCreate) {
  return insertLink(trx, 'project_role_members', { project_id: projectId, role_id: input.roleId, ...subject(input) });
}

/** A project's access links (PRJ-3): its permission grants and its project-role memberships. */
export type LinkTable = 'project_permission_grants' | 'project_role_members';

const subject = (input: { userId?: number; groupId?: number }) => ({
  user_id: input.userId ?? null,
  group_id: input.groupId ?? null,
});

function insertLink<T extends LinkTable>(trx: Database, table: T, values: Insertable<DB[T]>) {
  return trx
    .insertInto(table as LinkTable)
    .values(values as Insertable<DB[LinkTable]>)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst() as Promise<Selectable<DB[T]> | undefined>;
}

/** Removes the project's grant or role membership with this id; undefined when it has none such. */
export function deleteLink<T extends LinkTable>(trx: Database, table: T, projectId: number, id: number) {
  return trx
    .deleteFrom(table as LinkTable)
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .returningAll()
    .executeTakeFirst() as Promise<Selectable<DB[T]> | undefined>;
}

/** Active users and groups matching `q` (20 at most per kind), and every project role. */
export async function searchSubjects(db: Database, q: string) {
  const like = containsPattern(q);
  const [users, groups, roles] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'login', 'display_name'])
      .where('active', '=', true)
      .where((eb) => eb.or([eb('login', 'ilike', like), eb('display_name', 'ilike', like)]))
      .orderBy('login')
      .limit(20)
      .execute(),
    db.selectFrom('groups').select(['id', 'name']).where('name', 'ilike', like).orderBy('name').limit(20).execute(),
    db.selectFrom('project_roles').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return { users, groups, roles };
}

/**
 * Locks the project against concurrent changes of its access links, so that the check for a lockout and the change it
 * checks see the same links (`for no key update`: rows that only reference the project are still written meanwhile).
 */
export async function lockProjectLinks(trx: Database, projectId: number): Promise<void> {
  await trx.selectFrom('projects').select('id').where('id', '=', projectId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

/** Whether an active user other than a system administrator holds ADMINISTER_PROJECT on the project. */
export async function hasProjectAdministrator(db: Database, projectId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.active', '=', true)
    .where('u.system_admin', '=', false)
    .where(administeringUsers('u', projectId))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
