// Fixtures for the permission-engine suites (item security, deny permissions, app roles, explain): a client that
// sends bodies with every method, a project with an administrator and a member group, and security entry builders.
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/index.js';
import type { App } from '../../src/http/types.js';
import { createGroup, createItem, createProject, createUser, grant, signIn } from '../helpers/harness.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Access = 'allow' | 'deny' | 'unset';

/** A signed-in client whose PUT and DELETE carry a body too (the harness client's PUT has none). */
export async function as(app: App, login: string) {
  const session = await signIn(app, login);
  const call = (method: Method, url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    put: (url: string, body?: unknown) => call('PUT', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}
export type Client = Awaited<ReturnType<typeof as>>;

export interface Entry {
  kind: 'user' | 'group' | 'role';
  subjectId: number;
  view: Access;
  edit: Access;
}
export const entry = (kind: Entry['kind'], subjectId: number, view: Access, edit: Access = 'unset'): Entry => ({
  kind,
  subjectId,
  view,
  edit,
});
/** View and edit allowed. */
export const editor = (kind: Entry['kind'], subjectId: number) => entry(kind, subjectId, 'allow', 'allow');
/** View allowed, edit unset. */
export const viewer = (kind: Entry['kind'], subjectId: number) => entry(kind, subjectId, 'allow');

/**
 * A fresh project with a project administrator (ADMINISTER_PROJECT granted to the user) and a member group
 * holding BROWSE, EDIT and WORK. `member()` adds a new user to that group, so only item security tells members apart.
 */
export async function projectWorld(db: Database) {
  const project = await createProject(db);
  const admin = await createUser(db);
  await grant(db, project.id, 'ADMINISTER_PROJECT', { userId: admin.id });
  const members = await createGroup(db);
  await grant(db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { groupId: members.id });
  async function member() {
    const user = await createUser(db);
    await db.insertInto('group_members').values({ group_id: members.id, user_id: user.id }).execute();
    return user;
  }
  /** An item made straight in the database, before any setting exists above it (settings are put through the API). */
  const item = (parentId?: number, title?: string) => createItem(db, { projectId: project.id, parentId, title });
  return { project, admin, members, member, item };
}

export async function systemAdmin(db: Database) {
  return createUser(db, { systemAdmin: true });
}

/** Puts an item's own setting and asserts it was saved. */
export async function secure(
  c: Client,
  key: string,
  entries: Entry[],
  options: { version?: number; applyToChildren?: boolean; confirmLockout?: boolean } = {},
) {
  const res = await c.put(`/api/items/${key}/security`, { entries, ...options });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as SecurityOut;
}

export interface SecurityOut {
  itemKey: string;
  mode: 'own' | 'inherited' | 'none';
  inheritedFrom: string | null;
  version: number | null;
  entries: Array<{ kind: string; subject: { id: number; name: string }; view: Access; edit: Access }>;
  childrenWithOwnSetting: string[];
  warnings: Array<{ code: string; message: string }>;
}

/** A work log written straight to the table (setup only; the API paths are tested where they matter). */
export async function logWork(
  db: Database,
  item: { id: number },
  authorId: number,
  durationSeconds = 3600,
  startDate = '2024-03-04',
) {
  const { project_id } = await db
    .selectFrom('work_items')
    .select('project_id')
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('worklogs')
    .values({
      item_id: item.id,
      project_id,
      author_id: authorId,
      start_date: startDate,
      duration_seconds: durationSeconds,
      created_by: authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Everything item security writes, read straight from the tables, to compare before and after a refused or dry-run change. */
export async function securityState(db: Database) {
  return {
    settings: await db.selectFrom('item_security').selectAll().orderBy('item_id').execute(),
    entries: await db.selectFrom('item_security_entries').selectAll().orderBy('id').execute(),
    governing: await db.selectFrom('work_items').select(['id', 'governing_item_id']).orderBy('id').execute(),
    audit: Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

/** Removes a user from the built-in `users` group, so only the app roles a test grants reach them. */
export async function leaveUsersGroup(db: Database, userId: number) {
  const users = await db.selectFrom('groups').select('id').where('name', '=', 'users').executeTakeFirstOrThrow();
  await db.deleteFrom('group_members').where('group_id', '=', users.id).where('user_id', '=', userId).execute();
}

/** Whether a GET answers 200 (visible) or 404 (hidden); anything else fails the test. */
export async function visible(c: Client, url: string): Promise<boolean> {
  const res = await c.get(url);
  assert.ok(res.statusCode === 200 || res.statusCode === 404, `${url}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 200;
}
