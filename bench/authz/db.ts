import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDb, type Database } from '../../src/db/index.js';
import { insertColumns } from '../../src/seed/bulk.js';
import { ROLES, type World } from './world.js';

/** Throw-away PostgreSQL databases for the authorization benchmark, and writing a world into one. */

export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const log = (message: string) => process.stderr.write(`${message}\n`);

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates `timeward_bench_authz_<random>`, runs `fn` with its URL, and drops it afterwards, also on failure or Ctrl-C. */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `timeward_bench_authz_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await adminQuery(`create database ${name}`);
  log(`created database ${name}`);
  // pg's Pool.end() resolves before its connections have closed; dropping `with (force)` at once would
  // kill them mid-close and crash the process through the pool's error event. So: wait for them, and
  // force only when they do not go away.
  const drop = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
        log(`dropped database ${name}`);
        return;
      } catch (error) {
        if (attempt >= 20) {
          log(`could not drop ${name}: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  const onSignal = () => {
    void drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(url.toString());
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await drop();
  }
}

/** A scratch database holding `world`, migrated and written (writeWorld), for the length of `fn`. */
export async function withWorldDb<T>(
  world: World,
  progress: (message: string) => void,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  return withScratchDatabase(async (url) => {
    const handle = await openDb({ url, poolSize: 2 });
    try {
      await migrateToLatest(handle.db);
      progress(
        `writing the ${world.spec.name} world (${world.items.length - 1} items, ${world.settings.size} settings)`,
      );
      await writeWorld(handle.db, world);
      progress(`${world.spec.name} world written, governing_item_id checked, vacuumed and analyzed`);
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  });
}

const CHUNK = 25_000;

async function insertChunked<T>(
  db: Database,
  table: Parameters<typeof insertColumns>[1],
  rows: T[],
  columns: (rows: T[]) => Parameters<typeof insertColumns>[2],
  overriding = true,
) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await insertColumns(db, table, columns(rows.slice(start, start + CHUNK)), { overridingSystemValue: overriding });
  }
}

/**
 * Writes the world into a freshly migrated database with the world's own ids, sets `governing_item_id`
 * with one recursive statement, checks it against the world's, and vacuums and analyzes.
 */
export async function writeWorld(db: Database, world: World): Promise<void> {
  const builtIn = await db.selectFrom('groups').select(['id', 'name']).orderBy('id').execute();
  const roles = await db.selectFrom('project_roles').select(['id', 'name']).orderBy('id').execute();
  if (
    builtIn.map((g) => `${g.id}:${g.name}`).join() !== `1:${world.groups.get(1)},2:${world.groups.get(2)}` ||
    roles.map((r) => `${r.id}:${r.name}`).join() !== ROLES.map((r) => `${r.id}:${r.name}`).join()
  ) {
    throw new Error('the migrations no longer create the built-in groups and roles the benchmark world relies on');
  }
  await insertChunked(db, 'users', world.users, (rows) => ({
    id: { type: 'int', values: rows.map((u) => u.id) },
    login: { type: 'text', values: rows.map((u) => u.login) },
    display_name: { type: 'text', values: rows.map((u) => `User ${u.login}`) },
    email: { type: 'text', values: rows.map((u) => `${u.login}@bench.invalid`) },
    active: { type: 'boolean', values: rows.map((u) => u.active) },
    system_admin: { type: 'boolean', values: rows.map((u) => u.systemAdmin) },
  }));
  const groups = [...world.groups].filter(([id]) => id > 2);
  await insertChunked(db, 'groups', groups, (rows) => ({
    id: { type: 'int', values: rows.map(([id]) => id) },
    name: { type: 'text', values: rows.map(([, name]) => name) },
  }));
  const members = [...world.memberOf].flatMap(([userId, gs]) => gs.map((groupId) => [groupId, userId] as const));
  await insertChunked(
    db,
    'group_members',
    members,
    (rows) => ({
      group_id: { type: 'int', values: rows.map((m) => m[0]) },
      user_id: { type: 'int', values: rows.map((m) => m[1]) },
    }),
    false,
  );
  await insertChunked(db, 'projects', world.projects, (rows) => ({
    id: { type: 'int', values: rows.map((p) => p.id) },
    key: { type: 'text', values: rows.map((p) => p.key) },
    name: { type: 'text', values: rows.map((p) => `Project ${p.key}`) },
  }));
  await insertChunked(
    db,
    'project_role_members',
    world.roleMembers,
    (rows) => ({
      project_id: { type: 'int', values: rows.map((m) => m.projectId) },
      role_id: { type: 'int', values: rows.map((m) => m.roleId) },
      user_id: { type: 'int', values: rows.map((m) => m.userId ?? null) },
      group_id: { type: 'int', values: rows.map((m) => m.groupId ?? null) },
    }),
    false,
  );
  await insertChunked(
    db,
    'project_permission_grants',
    world.grants,
    (rows) => ({
      project_id: { type: 'int', values: rows.map((g) => g.projectId) },
      permission: { type: 'text', values: rows.map((g) => g.permission) },
      user_id: { type: 'int', values: rows.map((g) => (g.kind === 'user' ? g.subjectId : null)) },
      group_id: { type: 'int', values: rows.map((g) => (g.kind === 'group' ? g.subjectId : null)) },
      role_id: { type: 'int', values: rows.map((g) => (g.kind === 'role' ? g.subjectId : null)) },
    }),
    false,
  );
  const trashedAt = new Date().toISOString();
  await insertChunked(db, 'work_items', world.items.slice(1), (rows) => ({
    id: { type: 'int', values: rows.map((i) => i.id) },
    project_id: { type: 'int', values: rows.map((i) => i.projectId) },
    parent_id: { type: 'int', values: rows.map((i) => i.parentId) },
    num: { type: 'int', values: rows.map((i) => i.num) },
    key: { type: 'text', values: rows.map((i) => i.key) },
    title: { type: 'text', values: rows.map((i) => `Work item ${i.key} at level ${i.level}`) },
    created_by: { type: 'int', values: rows.map(() => 1) },
    deleted_at: { type: 'timestamptz', values: rows.map((i) => (i.trashed ? trashedAt : null)) },
  }));
  const settings = [...world.settings.values()];
  await insertChunked(
    db,
    'item_security',
    settings,
    (rows) => ({
      item_id: { type: 'int', values: rows.map((s) => s.itemId) },
      project_id: { type: 'int', values: rows.map((s) => s.projectId) },
    }),
    false,
  );
  await insertChunked(
    db,
    'item_security_entries',
    settings.flatMap((s) => s.entries),
    (rows) => ({
      item_id: { type: 'int', values: rows.map((e) => e.itemId) },
      subject_kind: { type: 'text', values: rows.map((e) => e.kind) },
      subject_id: { type: 'int', values: rows.map((e) => e.subjectId) },
      view: { type: 'text', values: rows.map((e) => e.view) },
      edit: { type: 'text', values: rows.map((e) => e.edit) },
    }),
    false,
  );
  // Keep identity sequences past the explicit ids, as a real database would be.
  for (const table of ['users', 'groups', 'projects', 'work_items'] as const) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      db,
    );
  }
  await setGoverning(db);
  await checkGoverning(db, world);
  // The steady state autovacuum would reach: statistics, hint bits and the visibility map set.
  await sql`vacuum analyze`.execute(db);
}

/** ITEM-2 for the whole tree at once: the nearest ancestor-or-self with a setting of its own. */
async function setGoverning(db: Database): Promise<void> {
  await sql`
    with recursive t as (
      select i.id, case when s.item_id is not null then i.id end as gov
      from work_items i left join item_security s on s.item_id = i.id where i.parent_id is null
      union all
      select c.id, case when s.item_id is not null then c.id else t.gov end
      from work_items c join t on c.parent_id = t.id left join item_security s on s.item_id = c.id)
    update work_items w set governing_item_id = t.gov from t where w.id = t.id and t.gov is not null`.execute(db);
}

async function checkGoverning(db: Database, world: World): Promise<void> {
  const rows = await db.selectFrom('work_items').select(['id', 'governing_item_id']).execute();
  if (rows.length !== world.items.length - 1)
    throw new Error(`expected ${world.items.length - 1} work items, found ${rows.length}`);
  const wrong = rows.filter((r) => (r.governing_item_id ?? 0) !== world.governing[r.id]);
  if (wrong.length > 0)
    throw new Error(
      `governing_item_id differs from the world's on ${wrong.length} items, e.g. ${JSON.stringify(wrong[0])}`,
    );
}
