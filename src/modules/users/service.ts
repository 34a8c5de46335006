import { sql } from 'kysely';
import type { z } from 'zod';
import { decide } from '../../authz/decide.js';
import { enforce, type Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { AppError, conflict, notFound, unprocessable } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { hashPassword } from '../auth/secrets.js';
import { escapeLike } from '../../lib/like.js';
import {
  auditFootprint,
  carriesAnything,
  groupFootprint,
  previewGroupDeletion,
  removeGroup,
} from './group-deletion.js';
import { isBuiltInGroup, type groupCreate, type groupUpdate, type userCreate, type userUpdate } from './schema.js';

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

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;
const userOut = (r: UserRow) => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  email: r.email,
  active: r.active,
  systemAdmin: r.system_admin,
  groups: r.groups,
  version: r.version,
});

/** Creates a user in the caller's transaction and puts them in the `users` group (ID-2). Used by the API, CLI and seeds. */
export async function insertUser(
  db: Database,
  input: { login: string; displayName: string; email: string; password?: string; systemAdmin?: boolean },
) {
  const user = await db
    .insertInto('users')
    .values({
      login: input.login,
      display_name: input.displayName,
      email: input.email,
      password_hash: input.password ? await hashPassword(input.password) : null,
      system_admin: input.systemAdmin ?? false,
    })
    .returning(['id', 'login', 'display_name', 'email', 'active', 'system_admin'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('group_members')
    .columns(['group_id', 'user_id'])
    .expression(
      db
        .selectFrom('groups')
        .select(['id', sql.lit(user.id).as('user_id')])
        .where('name', '=', 'users'),
    )
    .execute();
  return user;
}

/** User and group management (ID-1, ID-2) for the Administration area. */
/** A group as the API shows it, with what the caller may do to it (ID-2: built-in groups are neither renamed nor deleted). */
function groupOf(group: { id: number; name: string; version: number }, memberCount: number) {
  const builtIn = isBuiltInGroup(group.name);
  return {
    id: group.id,
    name: group.name,
    version: group.version,
    memberCount,
    abilities: { canRename: !builtIn, canDelete: !builtIn },
  };
}

export function createUserService({ db }: Deps) {
  async function list(query: { q?: string; limit: number; cursor?: string }) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    let q = selectUsers(db)
      .orderBy('u.login')
      .limit(query.limit + 1);
    if (after) q = q.where('u.login', '>', after[0]);
    if (query.q)
      q = q.where((eb) =>
        eb.or([
          eb('u.login', 'ilike', `%${escapeLike(query.q!)}%`),
          eb('u.display_name', 'ilike', `%${escapeLike(query.q!)}%`),
        ]),
      );
    const page = pageOf(await q.execute(), query.limit, (r) => [r.login]);
    return { items: page.items.map(userOut), nextCursor: page.nextCursor };
  }

  async function get(id: number) {
    const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('user');
    return userOut(row);
  }

  /** Nobody grants more than they hold: only system administrators make system administrators. */
  /** Touching the system administrator flag, or a system administrator, is its own action (grant boundary). */
  function checkGrantBoundary(actor: Actor, touchesSystemAdmin: boolean) {
    if (touchesSystemAdmin)
      enforce(decide('admin.systemAdmins', actor.subject, {}, { explain: false }), undefined, actor.decided);
  }

  async function create(actor: Actor, input: z.infer<typeof userCreate>) {
    checkGrantBoundary(actor, input.systemAdmin !== undefined);
    const id = await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where(sql`lower(login)`, '=', input.login.toLowerCase())
        .executeTakeFirst();
      if (taken) throw conflict('login_taken', `the login '${input.login}' is taken`);
      const user = await insertUser(trx, input);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: user,
      });
      return user.id;
    });
    return get(id);
  }

  async function update(actor: Actor, id: number, input: z.infer<typeof userUpdate>) {
    checkGrantBoundary(actor, input.systemAdmin !== undefined);
    if (id === actor.userId && input.active === false)
      throw unprocessable('cannot_deactivate_self', 'you cannot deactivate yourself', 'active');
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('users')
        .select(['id', 'login', 'display_name', 'email', 'active', 'system_admin', 'version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('user');
      // Otherwise an app_admin could set a system administrator's password and sign in as them.
      checkGrantBoundary(actor, before.system_admin);
      if (before.version !== input.version)
        throw conflict('version_conflict', `the user changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      const after = await trx
        .updateTable('users')
        .set({
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(input.systemAdmin !== undefined ? { system_admin: input.systemAdmin } : {}),
          ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .returning(['id', 'login', 'display_name', 'email', 'active', 'system_admin', 'version'])
        .executeTakeFirstOrThrow();
      // Deactivation ends the user's sessions at once (ID-1); tokens stop working through the active check.
      if (input.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after: { ...after, passwordChanged: input.password !== undefined },
      });
    });
    return get(id);
  }

  async function listGroups() {
    const rows = await db
      .selectFrom('groups as g')
      .select(['g.id', 'g.name', 'g.version'])
      .select(sql<number>`(select count(*) from group_members m where m.group_id = g.id)`.as('member_count'))
      .orderBy('g.name')
      .execute();
    return { items: rows.map((r) => groupOf(r, Number(r.member_count))) };
  }

  async function createGroup(actor: Actor, input: z.infer<typeof groupCreate>) {
    return db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('groups')
        .select('id')
        .where(sql`lower(name)`, '=', input.name.toLowerCase())
        .executeTakeFirst();
      if (taken) throw conflict('group_name_taken', `a group named '${input.name}' exists`);
      const group = await trx
        .insertInto('groups')
        .values({ name: input.name })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'group.create',
        entityType: 'group',
        entityId: group.id,
        after: group,
      });
      return groupOf(group, 0);
    });
  }

  async function lockGroup(trx: Database, id: number) {
    const group = await trx.selectFrom('groups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!group) throw notFound('group');
    return group;
  }

  /** A change of members is a change of the group: a deletion previewed before it is stale (ID-6). */
  async function bumpVersion(trx: Database, groupId: number) {
    await trx
      .updateTable('groups')
      .set({ version: sql`version + 1` })
      .where('id', '=', groupId)
      .execute();
  }

  async function renameGroup(actor: Actor, id: number, input: z.infer<typeof groupUpdate>) {
    await db.transaction().execute(async (trx) => {
      const before = await lockGroup(trx, id);
      if (isBuiltInGroup(before.name))
        throw unprocessable('built_in_group', `the group '${before.name}' is built in and keeps its name`);
      if (before.version !== input.version)
        throw conflict('version_conflict', `the group changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      const taken = await trx
        .selectFrom('groups')
        .select('id')
        .where(sql`lower(name)`, '=', input.name.toLowerCase())
        .where('id', '<>', id)
        .executeTakeFirst();
      if (taken) throw conflict('group_name_taken', `a group named '${input.name}' exists`);
      const after = await trx
        .updateTable('groups')
        .set({ name: input.name, version: sql`version + 1` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'group.rename',
        entityType: 'group',
        entityId: id,
        before,
        after,
      });
    });
    return (await listGroups()).items.find((g) => g.id === id)!;
  }

  function refuseBuiltIn(group: { name: string }) {
    if (isBuiltInGroup(group.name))
      throw unprocessable('built_in_group', `the group '${group.name}' is built in and cannot be deleted`);
  }

  /** ID-6 / EXPL-3: what deleting the group would remove and whose access would change; nothing is written. */
  async function previewGroupDelete(actor: Actor, id: number) {
    const group = await db
      .selectFrom('groups')
      .select(['id', 'name', 'version'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!group) throw notFound('group');
    refuseBuiltIn(group);
    return previewGroupDeletion(db, actor, group);
  }

  /**
   * ID-6: the version the caller previewed, and `confirm` when the group still carries anything; the audit row's
   * `before` lists every row removed.
   */
  async function deleteGroup(actor: Actor, id: number, input: { version: number; confirm: boolean }) {
    await db.transaction().execute(async (trx) => {
      const group = await lockGroup(trx, id);
      refuseBuiltIn(group);
      if (group.version !== input.version)
        throw conflict(
          'version_conflict',
          `the group changed since version ${input.version}; look at what its deletion removes again`,
          { currentVersion: group.version },
        );
      const footprint = await groupFootprint(trx, id);
      if (carriesAnything(footprint) && !input.confirm) {
        throw new AppError(
          422,
          'confirmation_required',
          `the group '${group.name}' still has members, grants, denials, roles or item-security entries; preview the deletion and confirm it`,
          'confirm',
        );
      }
      await removeGroup(trx, id);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'group.delete',
        entityType: 'group',
        entityId: id,
        before: { group, ...auditFootprint(footprint) },
      });
    });
  }

  async function setMember(actor: Actor, groupId: number, userId: number, member: boolean) {
    await db.transaction().execute(async (trx) => {
      const group = await lockGroup(trx, groupId);
      checkGrantBoundary(actor, group.name === 'administrators');
      const user = await trx.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
      if (!user) throw notFound('user');
      if (member) {
        const added = await trx
          .insertInto('group_members')
          .values({ group_id: groupId, user_id: userId })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        if (added) await bumpVersion(trx, groupId);
        if (added)
          await recordAudit(trx, {
            actorId: actor.userId,
            action: 'group.member.add',
            entityType: 'group',
            entityId: groupId,
            after: { userId },
          });
      } else {
        const removed = await trx
          .deleteFrom('group_members')
          .where('group_id', '=', groupId)
          .where('user_id', '=', userId)
          .returningAll()
          .executeTakeFirst();
        if (removed) await bumpVersion(trx, groupId);
        if (removed)
          await recordAudit(trx, {
            actorId: actor.userId,
            action: 'group.member.remove',
            entityType: 'group',
            entityId: groupId,
            before: { userId },
          });
      }
    });
  }

  async function members(groupId: number) {
    if (!(await db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst()))
      throw notFound('group');
    const rows = await selectUsers(db)
      .innerJoin('group_members as m', 'm.user_id', 'u.id')
      .where('m.group_id', '=', groupId)
      .orderBy('u.login')
      .execute();
    return { items: rows.map(userOut) };
  }

  return {
    list,
    get,
    create,
    update,
    listGroups,
    createGroup,
    renameGroup,
    previewGroupDelete,
    deleteGroup,
    setMember,
    members,
  };
}
