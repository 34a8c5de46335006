// Test harness: one fresh, migrated database per suite on each dialect (PGlite always; PostgreSQL when
// TEST_DATABASE_URL is set), copied from a template (./template.ts), the app built on it, and small fixture builders.
import { resolve } from 'node:path';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import type { Database, DbHandle } from '../../src/db/index.js';
import type { ProjectPermission } from '../../src/db/types.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { insertUser } from '../../src/modules/users/service.js';
import { openPGliteFromTemplate, openPostgresFromTemplate } from './template.js';

export type Dialect = 'pglite' | 'postgres';

/** The dialect list every integration suite runs over (like Kysely's own tests). */
export const DIALECTS: Dialect[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

/**
 * Options of a test database. `teamChecks`: the global team & price-list check (PRICE-2) is on by default in
 * the product; suites about other rules run with it off so their fixtures need no teams, and the team and
 * price-list suites turn it on.
 */
export interface TestDbOptions {
  teamChecks?: boolean;
}

/** A fresh migrated database: an in-memory PGlite, or a throwaway database on the PostgreSQL server. */
export async function createTestDb(dialect: Dialect, options: TestDbOptions = {}): Promise<DbHandle> {
  const handle = await (dialect === 'pglite'
    ? openPGliteFromTemplate()
    : openPostgresFromTemplate(process.env.TEST_DATABASE_URL!));
  await handle.db
    .updateTable('app_settings')
    .set({ team_checks: options.teamChecks ?? false })
    .execute();
  return handle;
}

export interface TestApp {
  app: App;
  db: Database;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * A fresh database and the app on it. `appPlugin` is seen by the app's queries only (a race test's forced
 * interleaving); the returned `db` is the plain one, for the test's own reads and writes.
 */
export async function createTestApp(
  dialect: Dialect = 'pglite',
  options: TestDbOptions = {},
  appPlugin?: KyselyPlugin,
): Promise<TestApp> {
  const handle = await createTestDb(dialect, options);
  const { app } = await buildApp({ db: appPlugin ? handle.db.withPlugin(appPlugin) : handle.db });
  await app.ready();
  return {
    app,
    db: handle.db,
    dialect,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** A listening server with the built web UI, for browser tests. */
export async function startTestServer(
  dialect: Dialect = 'pglite',
  options: TestDbOptions = {},
): Promise<{ url: string; db: Database; close(): Promise<void> }> {
  const handle = await createTestDb(dialect, options);
  const { app } = await buildApp({ db: handle.db, webDir: resolve('dist/web') });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db: handle.db,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;
/** Project keys: capital letters and digits, starting with a letter. */
export const uniqueKey = () =>
  `P${(process.pid % 1000).toString(36).toUpperCase()}${(++counter).toString(36).toUpperCase()}`.slice(0, 10);

export const PASSWORD = 'correct horse battery';

/**
 * Fixture users' password hashes: argon2id at the lowest cost argon2 allows, instead of the product's
 * (PASSWORD_HASH_COST, ID-3: about 50 ms for each hash and each sign-in). The cheap cost lives here, in the tests,
 * so nothing in src/ can reach it; a fixture user signs in through the product's verify, which reads the cost
 * from the stored hash. Users created through the API or the CLI get the product's cost.
 */
export const FIXTURE_HASH_COST = Object.freeze({ memoryCost: 8, timeCost: 1, parallelism: 1 });

/** A user in the built-in `users` group, as the product creates one (insertUser), with a fixture password hash. */
export async function createUser(
  db: Database,
  options: { login?: string; systemAdmin?: boolean; active?: boolean; password?: string } = {},
) {
  const login = options.login ?? unique('user');
  const password = options.password ?? PASSWORD;
  const user = await insertUser(db, {
    login,
    displayName: `User ${login}`,
    email: `${login}@example.test`,
    systemAdmin: options.systemAdmin,
  });
  await db
    .updateTable('users')
    .set({ password_hash: await hash(password, FIXTURE_HASH_COST), active: options.active ?? true })
    .where('id', '=', user.id)
    .execute();
  return { id: user.id, login, password };
}

/** A user holding app_admin through the built-in group `administrators` (APP-1), not a system administrator. */
export async function createAppAdmin(db: Database) {
  const user = await createUser(db);
  const group = await db
    .selectFrom('groups')
    .select('id')
    .where('name', '=', 'administrators')
    .executeTakeFirstOrThrow();
  await db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
  return user;
}

export async function createGroup(db: Database, memberIds: number[] = [], name = unique('group')) {
  const group = await db.insertInto('groups').values({ name }).returning('id').executeTakeFirstOrThrow();
  if (memberIds.length)
    await db
      .insertInto('group_members')
      .values(memberIds.map((user_id) => ({ group_id: group.id, user_id })))
      .execute();
  return { id: group.id, name };
}

export async function createProject(db: Database, options: { key?: string; name?: string } = {}) {
  const key = options.key ?? uniqueKey();
  const row = await db
    .insertInto('projects')
    .values({ key, name: options.name ?? `Project ${key}` })
    .returning(['id', 'key'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function grant(
  db: Database,
  projectId: number,
  permissions: ProjectPermission | ProjectPermission[],
  to: { userId?: number; groupId?: number; roleId?: number },
) {
  for (const permission of [permissions].flat()) {
    await db
      .insertInto('project_permission_grants')
      .values({
        project_id: projectId,
        permission,
        user_id: to.userId ?? null,
        group_id: to.groupId ?? null,
        role_id: to.roleId ?? null,
      })
      .execute();
  }
}

export async function roleId(db: Database, name: 'Administrators' | 'Developers' | 'Viewers') {
  return (await db.selectFrom('project_roles').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function createItem(
  db: Database,
  options: { projectId: number; title?: string; parentId?: number | null },
) {
  const project = await db
    .updateTable('projects')
    .set((eb) => ({ next_item_num: eb('next_item_num', '+', 1) }))
    .where('id', '=', options.projectId)
    .returning(['key', 'next_item_num'])
    .executeTakeFirstOrThrow();
  const num = project.next_item_num - 1;
  return db
    .insertInto('work_items')
    .values({
      project_id: options.projectId,
      parent_id: options.parentId ?? null,
      num,
      key: `${project.key}-${num}`,
      title: options.title ?? `Item ${num}`,
      created_by: (await db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id,
    })
    .returning(['id', 'key'])
    .executeTakeFirstOrThrow();
}

/** A user with the given permissions on a fresh project and one item there. */
export async function worldWithItem(
  db: Database,
  permissions: ProjectPermission[] = ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'],
) {
  const user = await createUser(db);
  const project = await createProject(db);
  if (permissions.length) await grant(db, project.id, permissions, { userId: user.id });
  const item = await createItem(db, { projectId: project.id });
  return { user, project, item };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function signIn(app: FastifyInstance | App, login: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tw_session')!;
  return { cookie: `tw_session=${cookie.value}`, csrfToken: res.json().csrfToken };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A small client bound to a session: sends the cookie and the CSRF header. */
export function client(app: FastifyInstance | App, session: Session) {
  const call = (method: Method, url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    put: (url: string) => call('PUT', url),
    delete: (url: string) => call('DELETE', url),
  };
}

export async function signedIn(app: App, login: string) {
  return client(app, await signIn(app, login));
}
