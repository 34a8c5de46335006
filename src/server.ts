import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateToLatest, openDb, type DbHandle } from './db/index.js';
import { buildApp } from './http/app.js';

export interface ServerOptions {
  /** postgres://… runs on a PostgreSQL server; otherwise PGlite stores data in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  host?: string;
  /** Seed the demo organisation when the database has no users yet. */
  demo?: boolean;
  logger?: boolean;
  webDir?: string;
  /** Skip migrations (a cluster's workers: the primary migrated already). */
  skipMigrations?: boolean;
  poolSize?: number;
  trustProxy?: boolean;
}

export interface RunningServer {
  url: string;
  db: DbHandle;
  close(): Promise<void>;
  demoUsers?: Array<{ login: string; password: string; description: string }>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const db = await openDb({
    url: options.databaseUrl,
    dataDir: options.databaseUrl ? undefined : options.dataDir,
    poolSize: options.poolSize,
  });
  if (!options.skipMigrations) await migrateToLatest(db.db);
  let demoUsers: RunningServer['demoUsers'];
  if (options.demo) {
    const { count } = await db.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count) === 0) {
      const { seedDemo } = await import('./seed/demo.js');
      demoUsers = (await seedDemo(db.db)).users;
    }
  }
  const { app } = await buildApp({
    db: db.db,
    logger: options.logger,
    webDir: options.webDir ?? defaultWebDir(),
    trustProxy: options.trustProxy,
  });
  const address = await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
  return {
    url: address.replace('[::1]', 'localhost'),
    db,
    demoUsers,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/**
 * The built web UI: `dist/web` of the package this module belongs to — the nearest directory above it with a
 * package.json, which is the same for src/server.ts (run through tsx) and the bundle dist/server/cli.js —
 * whatever the working directory.
 */
function defaultWebDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    if (dirname(dir) === dir) return resolve('dist/web');
  }
}
