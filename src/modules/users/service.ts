import { decide } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { enforce, QUICK } from '../../authz/enforce.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { hashPassword } from '../auth/secrets.js';
import { groupOut, userOut } from './present.js';
import * as repo from './repo.js';
import {
  isBuiltInGroup,
  type GroupCreate,
  type GroupUpdate,
  type UserCreate,
  type UserListQuery,
  type UserUpdate,
} from './schema.js';

/** Creates a user in the caller's transaction and puts them in the `users` group (ID-2). Used by the API, CLI and seeds. */
export async function insertUser(
  db: Database,
  input: { login: string; displayName: string; email: string; password?: string; systemAdmin?: boolean },
) {
  return repo.insertUser(db, {
    login: input.login,
    displayName: input.displayName,
    email: input.email,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    systemAdmin: input.systemAdmin ?? false,
  });
}

/**
 * Nobody grants more than they hold: only system administrators make system administrators. Touching the system
 * administrator flag, or a system administrator, is its own action (grant boundary).
 */
function checkGrantBoundary(actor: Actor, touchesSystemAdmin: boolean) {
  if (touchesSystemAdmin) enforce(decide('admin.systemAdmins', actor.subject, {}, QUICK), undefined, actor.decided);
}

/** User and group management (ID-1, ID-2) for the Administration area. */
export function createUserService({ db }: Deps) {
  async function list(query: UserListQuery) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await repo.findUsers(db, { q: query.q, limit: query.limit, afterLogin: after?.[0] });
    const page = pageOf(rows, query.limit, (r) => [r.login]);
    return { items: page.items.map(userOut), nextCursor: page.nextCursor };
  }

  async function get(id: number) {
    const row = await repo.findUser(db, id);
    if (!row) throw notFound('user');
    return userOut(row);
  }

  async function create(actor: Actor, input: UserCreate) {
    checkGrantBoundary(actor, input.systemAdmin !== undefined);
    const id = await db.transaction().execute(async (trx) => {
      if (await repo.loginTaken(trx, input.login)) throw conflict('login_taken', `the login '${input.login}' is taken`);
      const user = await insertUser(trx, input);
      await audit(trx, actor, 'user.create', user.id, { after: user });
      return user.id;
    });
    return get(id);
  }

  async function update(actor: Actor, id: number, input: UserUpdate) {
    checkGrantBoundary(actor, input.systemAdmin !== undefined);
    if (id === actor.userId && input.active === false)
      throw unprocessable('cannot_deactivate_self', 'you cannot deactivate yourself', 'active');
    await db.transaction().execute(async (trx) => {
      const before = await repo.lockUser(trx, id);
      if (!before) throw notFound('user');
      // Otherwise an app_admin could set a system administrator's password and sign in as them.
      checkGrantBoundary(actor, before.system_admin);
      checkVersion('user', before.version, input.version);
      const after = await repo.updateUser(trx, id, {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.systemAdmin !== undefined ? { system_admin: input.systemAdmin } : {}),
        ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
      });
      // Deactivation ends the user's sessions at once (ID-1); tokens stop working through the active check.
      if (input.active === false) await repo.endSessionsOf(trx, id);
      await audit(trx, actor, 'user.update', id, {
        before,
        after: { ...after, passwordChanged: input.password !== undefined },
      });
    });
    return get(id);
  }

  async function listGroups() {
    const rows = await repo.findGroups(db);
    return { items: rows.map((r) => groupOut(r, Number(r.member_count))) };
  }

  async function createGroup(actor: Actor, input: GroupCreate) {
    return db.transaction().execute(async (trx) => {
      if (await repo.groupNameTaken(trx, input.name))
        throw conflict('group_name_taken', `a group named '${input.name}' exists`);
      const group = await repo.insertGroup(trx, input.name);
      await audit(trx, actor, 'group.create', group.id, { after: group });
      return groupOut(group, 0);
    });
  }

  async function renameGroup(actor: Actor, id: number, input: GroupUpdate) {
    await db.transaction().execute(async (trx) => {
      const before = await repo.lockGroup(trx, id);
      if (isBuiltInGroup(before.name))
        throw unprocessable('built_in_group', `the group '${before.name}' is built in and keeps its name`);
      checkVersion('group', before.version, input.version);
      if (await repo.groupNameTaken(trx, input.name, id))
        throw conflict('group_name_taken', `a group named '${input.name}' exists`);
      const after = await repo.renameGroup(trx, id, input.name);
      await audit(trx, actor, 'group.rename', id, { before, after });
    });
    return (await listGroups()).items.find((g) => g.id === id)!;
  }

  async function setMember(actor: Actor, groupId: number, userId: number, member: boolean) {
    await db.transaction().execute(async (trx) => {
      const group = await repo.lockGroup(trx, groupId);
      checkGrantBoundary(actor, group.name === 'administrators');
      if (!(await repo.userExists(trx, userId))) throw notFound('user');
      const changed = member
        ? await repo.addMember(trx, groupId, userId)
        : await repo.removeMember(trx, groupId, userId);
      if (!changed) return;
      await repo.bumpGroupVersion(trx, groupId);
      await audit(trx, actor, member ? 'group.member.add' : 'group.member.remove', groupId, {
        ...(member ? { after: { userId } } : { before: { userId } }),
      });
    });
  }

  async function members(groupId: number) {
    if (!(await repo.findGroup(db, groupId))) throw notFound('group');
    return { items: (await repo.findMembers(db, groupId)).map(userOut) };
  }

  return { list, get, create, update, listGroups, createGroup, renameGroup, setMember, members };
}
