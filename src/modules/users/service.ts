import { decide } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { enforce, QUICK } from '../../authz/enforce.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, conflict, notFound, unprocessable } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { hashPassword } from '../auth/secrets.js';
import { groupOut, userOut, type Viewer } from './present.js';
import { revokeLinksOf, revokeTokensOf } from './repo-links.js';
import * as repo from './repo.js';
import {
  isBuiltInGroup,
  type GroupCreate,
  type GroupUpdate,
  type UserCreate,
  type UserListQuery,
  type UserCreated,
  type UserUpdate,
} from './schema.js';
import { createPasswordLinkService, issueLink } from './service-links.js';

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

/** The grant boundary as the records' abilities show it: one decision per request. */
const viewerOf = (actor: Actor): Viewer => ({
  setsSystemAdmins: decide('admin.systemAdmins', actor.subject, {}, QUICK).allowed,
});

/** User and group management (ID-1, ID-2) for the Administration area. */
export function createUserService(deps: Deps) {
  const { db } = deps;
  const links = createPasswordLinkService(deps, checkGrantBoundary);

  async function list(actor: Actor, query: UserListQuery) {
    const after = decodeCursor<[string]>(query.cursor, ['string']);
    const rows = await repo.findUsers(db, { q: query.q, limit: query.limit, afterLogin: after?.[0] });
    const page = pageOf(rows, query.limit, (r) => [r.login]);
    const viewer = viewerOf(actor);
    return { items: page.items.map((r) => userOut(r, viewer)), nextCursor: page.nextCursor };
  }

  async function get(actor: Actor, id: number) {
    const row = await repo.findUser(db, id);
    if (!row) throw notFound('user');
    return userOut(row, viewerOf(actor));
  }

  /** A new user with a password, a one-time set-password link (answered once), or neither. */
  async function create(actor: Actor, input: UserCreate): Promise<UserCreated> {
    checkGrantBoundary(actor, input.systemAdmin !== undefined);
    if (input.passwordLink && input.password !== undefined)
      throw badRequest('passwordLink', 'give either an initial password or a set-password link, not both');
    const { id, passwordLink } = await db.transaction().execute(async (trx) => {
      if (await repo.loginTaken(trx, input.login)) throw conflict('login_taken', `the login '${input.login}' is taken`);
      const user = await insertUser(trx, input);
      await audit(trx, actor, 'user.create', user.id, { after: user });
      return { id: user.id, passwordLink: input.passwordLink ? await issueLink(trx, actor, user.id) : null };
    });
    return { ...(await get(actor, id)), passwordLink };
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
      // Deactivation stops the user at once (ID-1): sessions end, tokens and set-password links are revoked (the
      // active check refuses them anyway; revoked, they stay dead after a reactivation).
      const deactivated = input.active === false && before.active;
      if (deactivated) await repo.endSessionsOf(trx, id);
      const revokedTokens = deactivated ? await revokeTokensOf(trx, id) : [];
      if (deactivated || input.password !== undefined) await revokeLinksOf(trx, id);
      await audit(trx, actor, 'user.update', id, {
        before,
        after: {
          ...after,
          passwordChanged: input.password !== undefined,
          ...(revokedTokens.length ? { revokedTokens } : {}),
        },
      });
    });
    return get(actor, id);
  }

  async function listGroups(actor: Actor) {
    const rows = await repo.findGroups(db);
    const viewer = viewerOf(actor);
    return { items: rows.map((r) => groupOut(r, Number(r.member_count), viewer)) };
  }

  async function createGroup(actor: Actor, input: GroupCreate) {
    return db.transaction().execute(async (trx) => {
      if (await repo.groupNameTaken(trx, input.name))
        throw conflict('group_name_taken', `a group named '${input.name}' exists`);
      const group = await repo.insertGroup(trx, input.name);
      await audit(trx, actor, 'group.create', group.id, { after: group });
      return groupOut(group, 0, viewerOf(actor));
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
    return (await listGroups(actor)).items.find((g) => g.id === id)!;
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

  async function members(actor: Actor, groupId: number) {
    if (!(await repo.findGroup(db, groupId))) throw notFound('group');
    const viewer = viewerOf(actor);
    return { items: (await repo.findMembers(db, groupId)).map((r) => userOut(r, viewer)) };
  }

  return {
    list,
    get,
    create,
    update,
    createLink: links.create,
    setPasswordWithLink: links.use,
    listGroups,
    createGroup,
    renameGroup,
    setMember,
    members,
  };
}
