import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDb, type Database } from '../src/db/index.js';
import { insertDefaultRoles } from '../src/modules/teams/repo.js';
import { digest, newSecret, TOKEN_PREFIX } from '../src/modules/auth/secrets.js';
import { recentWeekdays, todayUtc } from '../src/seed/random.js';
import { generate } from './generate.js';

/** A throw-away PostgreSQL database with a modest benchmark world, shared by bench/api.ts and bench/profile-api.ts. */

export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchWorker {
  userId: number;
  projectId: number;
  token: string;
  items: Array<{ id: number; key: string }>;
  /** Request bodies for POST /api/worklogs, varying item, date and duration. */
  nextBody(): string;
  /** Request bodies for the floor server's POST /floor: the raw insert's row as JSON. */
  nextFloorBody(): string;
  nextRow(
    n: number,
  ): [
    itemId: number,
    projectId: number,
    authorId: number,
    startDate: string,
    durationSeconds: number,
    description: string,
  ];
}

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

/** Creates `timeward_bench_<random>`, runs `fn` with its URL and name, and drops it afterwards, also on failure. */
export async function withBenchDatabase<T>(fn: (databaseUrl: string, name: string) => Promise<T>): Promise<T> {
  const name = `timeward_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await adminQuery(`create database ${name}`);
  const drop = () =>
    adminQuery(`drop database if exists ${name} with (force)`).catch((error: unknown) =>
      log(`could not drop ${name}: ${String(error)}`),
    );
  // Ctrl-C still drops the database.
  const onSignal = () => {
    void drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    return await fn(url.toString(), name);
  } finally {
    process.off('SIGINT', onSignal);
    await drop();
  }
}

/** Migrates, generates the world and creates an API token for a user holding WORK_ON_ISSUES by a direct grant. */
export async function prepareWorld(databaseUrl: string): Promise<BenchWorker> {
  const handle = await openDb({ url: databaseUrl, poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const world = await generate(handle.db, {
      users: 50,
      projects: 3,
      itemsPerProject: 1500,
      worklogs: 100_000,
      seed: 11,
      concurrency: 2,
    });
    log(`world: ${JSON.stringify(world)}`);
    const grant = await handle.db
      .selectFrom('project_permission_grants')
      .select(['user_id', 'project_id'])
      .where('permission', '=', 'WORK_ON_ISSUES')
      .where('user_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const items = await handle.db
      .selectFrom('work_items')
      .select(['id', 'key'])
      .where('project_id', '=', grant.project_id)
      .execute();
    await joinBenchTeam(handle.db, grant.user_id!, grant.project_id);
    const token = newSecret(TOKEN_PREFIX);
    await handle.db
      .insertInto('api_tokens')
      .values({ user_id: grant.user_id!, name: 'bench', token_hash: digest(token), prefix: token.slice(0, 8) })
      .execute();
    const days = recentWeekdays(todayUtc(), 4);
    let n = 0;
    const item = (i: number) => items[(i * 7919) % items.length];
    const nextRow: BenchWorker['nextRow'] = (i) => [
      item(i).id,
      grant.project_id,
      grant.user_id!,
      days[i % days.length],
      900 * (1 + (i % 16)),
      `raw ${i}`,
    ];
    return {
      userId: grant.user_id!,
      projectId: grant.project_id,
      token,
      items,
      nextBody: () => {
        n += 1;
        return JSON.stringify({
          itemKey: item(n).key,
          startDate: days[n % days.length],
          durationSeconds: 900 * (1 + (n % 16)),
          description: `bench ${n}`,
        });
      },
      nextRow,
      nextFloorBody: () => {
        n += 1;
        const [itemId, projectId, authorId, startDate, durationSeconds, description] = nextRow(n);
        return JSON.stringify({ itemId, projectId, authorId, startDate, durationSeconds, description });
      },
    };
  } finally {
    await handle.close();
  }
}

/**
 * The bench user's team on its project (PRICE-3): a project team with the default roles, the user as Team
 * Member, and a price list valid on every bench date — so work logs pass the team check and record a rate.
 */
async function joinBenchTeam(db: Database, userId: number, projectId: number) {
  const team = await db
    .insertInto('teams')
    .values({ project_id: projectId, name: 'Bench team' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { member } = await insertDefaultRoles(db, team.id);
  const membership = await db
    .insertInto('team_memberships')
    .values({ team_id: team.id, user_id: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('team_membership_roles').values({ membership_id: membership.id, role_id: member }).execute();
  await db
    .insertInto('price_lists')
    .values({ team_id: team.id, name: 'Bench rate', currency: 'EUR', hourly_rate: '92.50', valid_from: '2000-01-01' })
    .execute();
}

/** The global team-check switch (PRICE-2), set directly in the bench database between phases. */
export async function setTeamChecks(databaseUrl: string, on: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('update app_settings set team_checks = $1', [on]);
  } finally {
    await client.end();
  }
}

/** Transaction and insert counters of one database (read through a fresh connection, so they are current). */
export async function databaseStats(databaseUrl: string, name: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ xact_commit: string; tup_inserted: string }>(
      'select xact_commit, tup_inserted from pg_stat_database where datname = $1',
      [name],
    );
    return { commits: Number(rows[0].xact_commit), inserted: Number(rows[0].tup_inserted) };
  } finally {
    await client.end();
  }
}

/**
 * Process ids of the PostgreSQL backends serving a database (the server must run on this machine for
 * their CPU to be readable from /proc); CPU of other databases' backends is not counted.
 */
export async function backendPids(databaseUrl: string, name: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

export async function postWorklog(url: string, worker: BenchWorker): Promise<void> {
  const response = await fetch(`${url}/api/worklogs`, {
    method: 'POST',
    body: worker.nextBody(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
  });
  if (response.status !== 201)
    throw new Error(`POST /api/worklogs answered ${response.status}: ${await response.text()}`);
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** An API token of the user, for a benchmark's requests. */
export async function benchToken(db: Database, userId: number): Promise<string> {
  const secret = newSecret(TOKEN_PREFIX);
  await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: 'bench', token_hash: digest(secret), prefix: secret.slice(0, 8) })
    .execute();
  return secret;
}

/** BENCH_KEEP=<database>: the URL of a database kept between runs, created when missing. */
export async function keptDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('BENCH_KEEP must be a plain database name');
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The p-th percentile (0 < p ≤ 1) of ascending numbers. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/**
 * The most active authors of the project: a team of theirs on it, the first its lead (Team Lead, every team
 * permission), the others Team Members. Returns the team's id, the lead and the members.
 */
export async function benchTeam(db: Database, projectId: number, size: number, name: string) {
  const authors = await sql<{ author_id: number }>`select author_id from worklogs where project_id = ${projectId}
    group by author_id order by count(*) desc limit ${size + 1}`.execute(db);
  const [lead, ...members] = authors.rows.map((r) => r.author_id);
  const team = await db
    .insertInto('teams')
    .values({ project_id: projectId, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roles = await insertDefaultRoles(db, team.id);
  for (const userId of [lead, ...members]) {
    const membership = await db
      .insertInto('team_memberships')
      .values({ team_id: team.id, user_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('team_membership_roles')
      .values({ membership_id: membership.id, role_id: userId === lead ? roles.lead : roles.member })
      .execute();
  }
  return { teamId: team.id, lead, members };
}

/** `requests` GETs one after another (after 20 to warm up), each body handed to `check`; p50 and p95 in ms. */
export async function latency(
  url: string,
  bearer: string,
  requests: number,
  check: (body: unknown) => void = () => {},
) {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${text.slice(0, 300)}`);
    check(JSON.parse(text));
    return ms;
  };
  for (let i = 0; i < 20; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) };
}

/** BENCH_KEEP: what a benchmark kept of its generated world (tokens, ids), or undefined on a fresh database. */
export async function readKeptBench<T>(db: Database): Promise<T | undefined> {
  if (!process.env.BENCH_KEEP) return undefined;
  const { rows } = await sql<{ bench: T }>`select bench from tw_bench_kept`.execute(db).catch(() => ({ rows: [] }));
  return rows[0]?.bench;
}

/** BENCH_KEEP: keeps what the next run needs of the generated world beside it. */
export async function keepBench(db: Database, bench: unknown): Promise<void> {
  if (!process.env.BENCH_KEEP) return;
  await sql`create table if not exists tw_bench_kept (bench jsonb)`.execute(db);
  await sql`insert into tw_bench_kept values (${JSON.stringify(bench)})`.execute(db);
}

/**
 * Runs the benchmark on a throwaway database, or with BENCH_KEEP=<database> on a database kept between runs (the world
 * generated once, for profiling its statements), and prints its summary as the last stdout line.
 */
export async function runBenchmark(benchmark: (databaseUrl: string) => Promise<unknown>): Promise<void> {
  const summary = process.env.BENCH_KEEP
    ? await keptDatabase(process.env.BENCH_KEEP).then(benchmark)
    : await withBenchDatabase((url) => benchmark(url));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
