import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDb } from '../db/index.js';
import { insertUser } from '../modules/users/service.js';
import { recordAudit } from '../modules/audit/repo.js';
import { startServer } from '../server.js';

/**
 * Administrators' CLI: `serve`, `migrate`, `create-user`, `seed-demo`.
 * The database comes from DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite, default ./data).
 */
const HELP = `usage: timeward <command> [options]
  serve                 start the server (PORT, HOST, DATABASE_URL or DATA_DIR, WORKERS)
  migrate               bring the database schema up to date
  create-user --login L --name N --email E --password P [--admin]
  seed-demo             load the demo organisation into an empty database`;

const env = process.env;
const database = () => ({
  url: env.DATABASE_URL || undefined,
  dataDir: env.DATABASE_URL ? undefined : (env.DATA_DIR ?? 'data'),
});

async function serve() {
  const workers = Number(env.WORKERS ?? 1);
  const usePostgres = Boolean(env.DATABASE_URL);
  if (workers > 1 && !usePostgres)
    throw new Error('WORKERS > 1 needs DATABASE_URL: the embedded PGlite serves one process');
  if (workers > 1 && cluster.isPrimary) {
    const db = await openDb(database());
    await migrateToLatest(db.db);
    await db.close();
    for (let i = 0; i < workers; i++) cluster.fork();
    cluster.on('exit', (worker, code) => {
      if (code !== 0) console.error(`worker ${worker.process.pid} exited with ${code}`);
    });
    return;
  }
  const server = await startServer({
    databaseUrl: database().url,
    dataDir: database().dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    demo: env.TIMEWARD_DEMO ? env.TIMEWARD_DEMO === '1' : !usePostgres,
    skipMigrations: cluster.isWorker,
    logger: env.LOG === '1',
    poolSize: env.DB_POOL_SIZE ? Number(env.DB_POOL_SIZE) : undefined,
    trustProxy: env.TRUST_PROXY === '1',
  });
  if (cluster.isWorker) return;
  console.log(
    `Timeward is running at ${server.url.replace('127.0.0.1', 'localhost')} (${server.db.kind}${usePostgres ? '' : `, data in ${resolve(database().dataDir!)}`})`,
  );
  if (server.demoUsers) {
    console.log('Demo organisation created. Sign in as:');
    for (const u of server.demoUsers) console.log(`  ${u.login.padEnd(14)} ${u.password}  — ${u.description}`);
  }
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const db = await openDb(database());
  try {
    await migrateToLatest(db.db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withDb(async () => console.log('database is up to date'));
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          login: { type: 'string' },
          name: { type: 'string' },
          email: { type: 'string' },
          password: { type: 'string' },
          admin: { type: 'boolean' },
        },
      });
      if (!values.login || !values.email || !values.password)
        throw new Error('create-user needs --login, --email and --password');
      if (values.password.length < 10) throw new Error('the password needs at least 10 characters');
      return withDb(async ({ db }) => {
        const user = await db.transaction().execute(async (trx) => {
          const created = await insertUser(trx, {
            login: values.login!,
            displayName: values.name ?? values.login!,
            email: values.email!,
            password: values.password,
            systemAdmin: values.admin ?? false,
          });
          await recordAudit(trx, {
            actorId: null,
            action: 'user.create',
            entityType: 'user',
            entityId: created.id,
            after: { ...created, via: 'cli' },
          });
          return created;
        });
        console.log(`created user ${user.login} (id ${user.id})${user.system_admin ? ' as system administrator' : ''}`);
      });
    }
    case 'seed-demo':
      return withDb(async ({ db }) => {
        const { count } = await db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow();
        if (Number(count) > 0) throw new Error('seed-demo loads into an empty database only');
        const { seedDemo } = await import('../seed/demo.js');
        const { users } = await seedDemo(db);
        for (const u of users) console.log(`  ${u.login.padEnd(14)} ${u.password}  — ${u.description}`);
      });
    default:
      console.log(HELP);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`timeward: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
