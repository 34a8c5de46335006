// Migrated template databases for the test harness. Creating an embedded PGlite database runs initdb (about
// 3 s of CPU) and migrating it about 0.4 s more, for every suite. Instead the migrations run once into a
// template that every suite copies: on PGlite a dumped data directory kept on disk (a suite loads it in about
// 0.5 s), on PostgreSQL a template database that `create database … template` copies in about 0.1 s.
// A template is named by a hash of what makes it (the migration files, PGlite's release, the settings below), so
// changing a migration builds a new one.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { migrateToLatest, migrations, openDb, type DbHandle } from '../../src/db/index.js';
import { PGliteDialect } from '../../src/db/pglite-dialect.js';
import type { DB } from '../../src/db/types.js';

/** initdb: a 1 MB WAL segment (PostgreSQL's smallest) instead of 16 MB makes the file each suite loads smaller. */
const PGLITE_INITDB = ['--wal-segsize=1'];
/**
 * A test database need not survive a crash: commits do not wait for their WAL, and the WAL holds no full pages and
 * is not zero-filled ahead (about 30% less CPU per write on PGlite, measured on the fixture builders). PostgreSQL
 * takes synchronous_commit per database; the others are the server's.
 * A test database is small, and PGlite starts once per suite (about 230 times in npm test): 8 MB of shared buffers
 * instead of 128 MB, and shared memory sized for 20 connections instead of 100 (PGlite has one; the lock table keeps
 * its size, 320 × 20 = 64 × 100 locks), cut a start from about 1.2 s to 0.5 s of CPU (measured).
 */
const PGLITE_SETTINGS = [
  "shared_buffers = '8MB'",
  'max_connections = 20',
  'max_locks_per_transaction = 320',
  'synchronous_commit = off',
  'full_page_writes = off',
  'wal_init_zero = off',
];
const POSTGRES_SETTINGS = ['synchronous_commit = off'];

const pgliteVersion = (
  JSON.parse(readFileSync(resolve('node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
).version;

const migrationsDir = resolve('src/db/migrations');
const templateKey = createHash('sha256')
  .update(
    [pgliteVersion, ...PGLITE_INITDB, ...PGLITE_SETTINGS, 'no template databases', ...Object.keys(migrations)].join(
      '\n',
    ),
  )
  .update(
    readdirSync(migrationsDir)
      .sort()
      .map((file) => `${file}\n${readFileSync(resolve(migrationsDir, file), 'utf8')}`)
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 16);

const cacheDir = resolve('node_modules/.cache/timeward-test');
const pgliteFile = resolve(cacheDir, `pglite-${templateKey}.tar`);
let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh in-memory PGlite database, migrated, loaded from the template (built on first use). */
export async function openPGliteFromTemplate(): Promise<DbHandle> {
  pgliteTemplate ??= readOrBuildPGliteTemplate();
  return openDb({ loadDataDir: await pgliteTemplate });
}

async function readOrBuildPGliteTemplate(): Promise<Blob> {
  try {
    return new Blob([readFileSync(pgliteFile)]);
  } catch {
    // Not built yet. Test files run in parallel processes: each may build it, and the last rename wins;
    // the builds are equal, and a reader only ever sees a whole file.
    const pglite = new PGlite({ initDbStartParams: PGLITE_INITDB });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    for (const setting of PGLITE_SETTINGS) await pglite.exec(`alter system set ${setting}`);
    // PGlite serves one database and creates none: initdb's template0 and template1 are half the dump (15 of 33 MB),
    // which every suite unpacks — without them a start costs about a third less CPU (526 → 347 ms, measured).
    await pglite.exec(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
    for (const name of ['template0', 'template1']) await pglite.exec(`drop database ${name}`);
    await pglite.exec('checkpoint');
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    await pglite.close();
    mkdirSync(cacheDir, { recursive: true });
    pruneOldTemplates();
    const partial = `${pgliteFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, pgliteFile);
    return dump;
  }
}

/** Templates of other migration sets, unread for a week (another checkout sharing node_modules rebuilds its own). */
function pruneOldTemplates() {
  for (const file of readdirSync(cacheDir)) {
    const path = resolve(cacheDir, file);
    if (/^pglite-[0-9a-f]{16}\.tar$/.test(file) && path !== pgliteFile && statSync(path).atimeMs < Date.now() - WEEK)
      rmSync(path, { force: true });
  }
}
const WEEK = 7 * 86_400_000;

/** Runs statements one by one on a connection of its own (`create database` may not share a transaction). */
async function adminQueries(url: string, ...statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

let postgresTemplate: Promise<string> | undefined;

/**
 * A fresh database on the PostgreSQL server at `url`, copied from the migrated template (built on first use),
 * and dropped again on close. The server's role needs CREATEDB.
 */
export async function openPostgresFromTemplate(url: string): Promise<DbHandle> {
  postgresTemplate ??= ensurePostgresTemplate(url);
  const template = await postgresTemplate;
  const name = `tw_test_${randomBytes(6).toString('hex')}`;
  await adminQueries(
    url,
    // WAL_LOG (PostgreSQL 15's default) copies block by block; FILE_COPY would force a checkpoint per suite.
    `create database ${name} template ${template} strategy wal_log`,
    ...POSTGRES_SETTINGS.map((setting) => `alter database ${name} set ${setting}`),
  );
  const handle = await openDb({ url: withDatabase(url, name), poolSize: 10 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQueries(url, `drop database ${name} with (force)`);
    },
  };
}

/**
 * Builds the template database once per server and migration set. Processes that race to build it take turns
 * under an advisory lock; the template is built under a working name and renamed when whole, so a build cut
 * short never passes for a template. Nobody may connect to it, so copying it never fails for a visitor.
 */
async function ensurePostgresTemplate(url: string): Promise<string> {
  const name = `tw_template_${templateKey}`;
  const building = `${name}_building`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [BUILD_LOCK]);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    await admin.query(`drop database if exists ${building}`);
    await admin.query(`create database ${building}`);
    const handle = await openDb({ url: withDatabase(url, building), poolSize: 1 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    await admin.query(`alter database ${building} rename to ${name}`);
    await admin.query(`alter database ${name} is_template true allow_connections false`);
    return name;
  } finally {
    await admin.end();
  }
}
/** The advisory lock key under which test processes build the PostgreSQL template ("twtpl" in ASCII). */
const BUILD_LOCK = 0x7477_74706c;
