import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { escapeLike } from '../../lib/like.js';

const groupsOfUser = sql<
  Array<{ id: number; name: string }>
>`coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
  from group_members gm join groups g on g.id = gm.group_id where gm.user_id = u.id), '[]')`;

function selectUsers(db: Database) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.login', 'u.display_name', 'u.email', 'u.active', 'u.system_admin', 'u.version'])
    .select(groupsOfUser.as('groups'));
}
export type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

/** A page of users by login (one more than the limit), matching `q` in login or display name. */
export function findUsers(db: Database, query: { q?: string; limit: number; afterLogin?: string }) {
  let q = selectUsers(db)
    .orderBy('u.login')
    .limit(query.limit + 1);
  if (query.afterLogin !== undefined) q = q.where('u.login', '>', query.afterLogin);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('u.login', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]));
  }
  return q.execute();
}

export function findUser(db: Database, id: number) {
  return selectUsers(db).where('u.id', '=', id).executeTakeFirst();
}

export function findMembers(db: Database, groupId: number) {
  return selectUsers(db)
    .innerJoin('group_members as m', 'm.user_id', 'u.id')
    .where('m.group_id', '=', groupId)
    .orderBy('u.login')
    .execute();
}

export async function loginTaken(db: Database, login: string) {
  return !!(await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(login)`, '=', login.toLowerCase())
    .executeTakeFirst());
}

/** Inserts a user and puts them in the `users` group (ID-2). */
export async function insertUser(
  db: Database,
  user: { login: string; displayName: string; email: string; passwordHash: string | null; systemAdmin: boolean },
) {
  const row = await db
    .insertInto('users')
    .values({
      login: user.login,
      display_name: user.displayName,
      email: user.email,
      password_hash: user.passwordHash,
      system_admin: user.systemAdmin,
    })
    .returning(['id', 'login', 'display_name', 'email', 'active', 'system_admin'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('group_members')
    .columns(['group_id', 'user_id'])
    .expression(
      db
        .selectFrom('groups')
        .select(['id', sql.lit(row.id).as('user_id')])
        .where('name', '=', 'users'),
    )
    .execute();
  return row;
}

const userColumns = ['id', 'login', 'display_name', 'email', 'active', 'system_admin', 'version'] as const;

export function lockUser(trx: Database, id: number) {
  return trx.selectFrom('users').select(userColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateUser(
  trx: Database,
  id: number,
  set: { display_name?: string; email?: string; active?: boolean; system_admin?: boolean; password_hash?: string },
) {
  return trx
    .updateTable('users')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export async function userExists(db: Database, id: number) {
  return !!(await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst());
}

export async function endSessionsOf(trx: Database, userId: number) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function findGroups(db: Database) {
  return db
    .selectFrom('groups as g')
    .select(['g.id', 'g.name', 'g.version'])
    .select(sql<number>`(select count(*) from group_members m where m.group_id = g.id)`.as('member_count'))
    .orderBy('g.name')
    .execute();
}

export function findGroup(db: Database, id: number) {
  return db.selectFrom('groups').select(['id', 'name', 'version']).where('id', '=', id).executeTakeFirst();
}

/** The group, locked for the change that follows; a group deleted meanwhile is gone (404). */
export async function lockGroup(trx: Database, id: number) {
  const group = await trx.selectFrom('groups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!group) throw notFound('group');
  return group;
}

/** Whether another group than `exceptId` has the name, in any case. */
export async function groupNameTaken(db: Database, name: string, exceptId?: number) {
  let q = db
    .selectFrom('groups')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export function insertGroup(trx: Database, name: string) {
  return trx.insertInto('groups').values({ name }).returningAll().executeTakeFirstOrThrow();
}

export function renameGroup(trx: Database, id: number, name: string) {
  return trx
    .updateTable('groups')
    .set({ name, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A change of members is a change of the group: a deletion previewed before it is stale (ID-6). */
export async function bumpGroupVersion(trx: Database, groupId: number) {
  await trx
    .updateTable('groups')
    .set({ version: sql`version + 1` })
    .where('id', '=', groupId)
    .execute();
}

/** The membership added, or undefined when the user was a member already. */
export function addMember(trx: Database, groupId: number, userId: number) {
  return trx
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The membership removed, or undefined when the user was not a member. */
export function removeMember(trx: Database, groupId: number, userId: number) {
  return trx
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}
