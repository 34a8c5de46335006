import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely';
import { createHash } from 'node:crypto';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';
import * as m0001 from './migrations/0001_init.js';
import * as m0002 from './migrations/0002_item_security.js';
import * as m0003 from './migrations/0003_item_list_index.js';
import * as m0004 from './migrations/0004_teams.js';
import * as m0005 from './migrations/0005_role_member_indexes.js';
import * as m0006 from './migrations/0006_installation_settings.js';
import * as m0007 from './migrations/0007_sign_in_counters.js';
import * as m0010 from './migrations/0010_audit_scope.js';
import * as m0011 from './migrations/0011_projects_archive.js';
import * as m0012 from './migrations/0012_settings_sessions.js';
import * as m0013 from './migrations/0013_password_links.js';
import * as m0014 from './migrations/0014_timesheets.js';
import * as m0015 from './migrations/0015_report_links.js';
import * as m0016 from './migrations/0016_worklog_date_index.js';
import * as m0017 from './migrations/0017_item_watches.js';
import * as m0018 from './migrations/0018_client_archive.js';
import * as m0019 from './migrations/0019_calendars.js';
import * as m0020 from './migrations/0020_leave.js';
import * as m0021 from './migrations/0021_calendar_feeds.js';
import * as m0022 from './migrations/0022_planning.js';
import * as m0023 from './migrations/0023_cost_rates.js';

export type Database = Kysely<DB>;

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_item_security': m0002,
  '0003_item_list_index': m0003,
  '0004_teams': m0004,
  '0005_role_member_indexes': m0005,
  '0006_installation_settings': m0006,
  '0007_sign_in_counters': m0007,
  '0010_audit_scope': m0010,
  '0011_projects_archive': m0011,
  '0012_settings_sessions': m0012,
  '0013_password_links': m0013,
  '0014_timesheets': m0014,
  '0015_report_links': m0015,
  '0016_worklog_date_index': m0016,
  '0017_item_watches': m0017,
  '0018_client_archive': m0018,
  '0019_calendars': m0019,
  '0020_leave': m0020,
  '0021_calendar_feeds': m0021,
  '0022_planning': m0022,
  '0023_cost_rates': m0023,
};

const INT8 = 20;
const DATE = 1082;
const TIME = 1083;

export interface DbOptions {
  /** postgres://… for a PostgreSQL server; otherwise the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  /** PGlite: start from a data directory dumped by `dumpDataDir` (the tests copy one migrated template per suite). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export interface DbHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * Opens the database. Both drivers return the same JS shapes: int8 as number (ids and counts stay far
 * below 2^53), dates as 'YYYY-MM-DD', times as 'HH:MM:SS', numeric (money) as decimal strings.
 */
/**
 * A pg client that runs parameterised queries as named prepared statements, so PostgreSQL plans each
 * statement once per connection instead of on every execution (measured: planning was most of the
 * per-request database CPU). Statements with long parameter lists (`in (…)` of varying length) stay
 * unnamed, which bounds the statements kept per connection.
 */
class PreparingClient extends pg.Client {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length <= MAX_PREPARED_PARAMS &&
      typeof callback !== 'function'
    ) {
      const name = `tw_${createHash('sha1').update(config).digest('base64url').slice(0, 20)}`;
      return super.query({ name, text: config, values } as never) as never;
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}
const MAX_PREPARED_PARAMS = 32;

const STREAMING = new WeakSet<Database>();
/**
 * Whether a query on `db` may be read through a cursor (`streamWorklogs`): on PostgreSQL, yes (pg-cursor); on PGlite,
 * whose one connection serves every request, a long read would hold up the others, so large reads page by keyset.
 */
export const streams = (db: Database) => STREAMING.has(db);

export async function openDb(options: DbOptions): Promise<DbHandle> {
  if (options.url) {
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return (v: string) => Number(v);
        if (oid === DATE || oid === TIME) return (v: string) => v;
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      types,
      Client: PreparingClient,
      // JIT compilation is off: the planner's estimates for correlated aggregates on small or freshly created
      // tables cross jit_above_cost, and compiling then took ~200 ms of a 2 ms query (measured on the team facts).
      options: '-c jit=off',
    });
    // An idle connection the server ends (a restart, an administrator's terminate, a dropped test database) is an
    // 'error' on the pool; without a listener Node would crash the process. The pool has already discarded the
    // client, and the next query opens a new one.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    STREAMING.add(db);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { [DATE]: (v: string) => v, [TIME]: (v: string) => v },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function migrateToLatest(db: Database): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
