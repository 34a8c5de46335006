import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { readerBoundOnce, reportedWorklogs } from '../src/authz/visibility.js';
import { migrateToLatest, openDb, type Database } from '../src/db/index.js';
import { summaryStatement } from '../src/modules/reports/repo.js';
import { todayUtc } from '../src/seed/random.js';
import { benchTeam, benchToken, keepBench, log, percentile, readKeptBench, round, runBenchmark } from './bench-db.js';
import { generate } from './generate.js';
import { buildServers, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * `npm run bench:reports` (issue 15): on a generated world of 100,000 work items (10 projects of 10,000) and 1,000,000
 * work logs on PostgreSQL, against the built server:
 * - summaryP95Ms: a team lead's summary by project × user × month over the whole range (50 members' work through
 *   VIEW_MEMBER_WORKLOGS, 200 secured items hidden from them), one request at a time; summaryFilterRatio: the same
 *   statement run directly with the lead's visibility over it run with none, p95 over p95, in the same run;
 * - pivotP95Ms: the lead's pivot (mode "all items") of the 10,000-item project;
 * - csvSeconds / xlsxSeconds: an app_admin's detailed export of all 1,000,000 work logs, each with the server's RSS
 *   sampled every 100 ms (exportRssGrowthMb: the larger growth over the RSS before it);
 * - concurrentExportP99Ms: the p99 of a member's week read while 20 CSV exports run at once.
 * Targets: summaryP95Ms ≤ 250, summaryFilterRatio ≤ 1.5, pivotP95Ms ≤ 200, csvSeconds ≤ 15, xlsxSeconds ≤ 45,
 * exportRssGrowthMb ≤ 150, concurrentExportP99Ms ≤ 200. The summary JSON is the last stdout line; details on stderr.
 */
const WORKLOGS = Number(process.env.WORKLOGS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const CONCURRENT_EXPORTS = 20;
const MEMBERS = 50;

interface Bench {
  leadId: number;
  leadToken: string;
  adminToken: string;
  memberToken: string;
  projectKey: string;
  from: string;
  to: string;
}

/** A team lead over 50 members of the first project, 200 of its items secured against them, and an app_admin. */
async function prepare(db: Database): Promise<Bench> {
  const project = await db.selectFrom('projects').select(['id', 'key']).orderBy('id').executeTakeFirstOrThrow();
  const { lead, members } = await benchTeam(db, project.id, MEMBERS, 'Bench report team');
  // 200 second-level items of the project, each with its subtree, secured so only their administrators' role sees them.
  const secured = await sql<{ id: number }>`select i.id from work_items i join work_items p on p.id = i.parent_id
    where i.project_id = ${project.id} and p.parent_id is null order by i.id limit 200`.execute(db);
  const role = await db
    .selectFrom('project_roles')
    .select('id')
    .where('name', '=', 'Administrators')
    .executeTakeFirstOrThrow();
  for (const { id } of secured.rows) {
    await db
      .insertInto('item_security')
      .values({ item_id: id, project_id: project.id, updated_at: new Date() })
      .execute();
    await db
      .insertInto('item_security_entries')
      .values({ item_id: id, subject_kind: 'role', subject_id: role.id, view: 'allow', edit: 'allow' })
      .execute();
    await sql`with recursive tw_sub(id) as (select ${id}::int union all
        select c.id from work_items c join tw_sub s on c.parent_id = s.id)
      update work_items set governing_item_id = ${id} where id in (select id from tw_sub)`.execute(db);
  }
  const admin = await db.selectFrom('users').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  await db.insertInto('app_role_grants').values({ role: 'app_admin', user_id: admin.id }).execute();
  for (const p of await db.selectFrom('projects').select('id').execute())
    await db
      .insertInto('project_permission_grants')
      .values({ project_id: p.id, permission: 'BROWSE_PROJECT', user_id: admin.id })
      .execute();
  for (const userId of [lead, members[0]])
    await db.insertInto('app_role_grants').values({ role: 'timesheet_viewer', user_id: userId }).execute();
  await sql`analyze`.execute(db);
  const range = await sql<{
    from: string;
    to: string;
  }>`select min(start_date)::text as from, max(start_date)::text as to
    from worklogs`.execute(db);
  log(
    `project ${project.key}: lead ${lead}, ${members.length} members, ${secured.rows.length} secured items; admin ${admin.id}`,
  );
  return {
    leadId: lead,
    leadToken: await benchToken(db, lead),
    adminToken: await benchToken(db, admin.id),
    memberToken: await benchToken(db, members[0]),
    projectKey: project.key,
    ...range.rows[0],
  };
}

/** `REQUESTS` runs of `once` after 10 to warm up: p50 and p95 in ms. */
async function timed(once: () => Promise<void>, requests = REQUESTS) {
  for (let i = 0; i < 10; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50: round(percentile(times, 0.5)),
    p95: round(percentile(times, 0.95)),
    p99: round(percentile(times, 0.99)),
  };
}

async function get(url: string, bearer: string): Promise<Response> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
};

/** Downloads one export, sampling the server's RSS; seconds, bytes and the RSS growth over the RSS before it. */
async function exportOnce(server: ServerProcess, bench: Bench, format: 'csv' | 'xlsx') {
  const before = rssMb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
  const started = performance.now();
  const response = await get(
    `${server.url}/api/reports/worklogs/export?from=${bench.from}&to=${bench.to}&format=${format}`,
    bench.adminToken,
  );
  let bytes = 0;
  const body = response.body!.getReader();
  for (let part = await body.read(); !part.done; part = await body.read()) bytes += part.value.byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    seconds: round(seconds),
    megabytes: round(bytes / 1e6),
    rssBeforeMb: round(before),
    rssGrowthMb: round(peak - before),
  };
}

async function measure(databaseUrl: string, bench: Bench) {
  const handle = await openDb({ url: databaseUrl, poolSize: 2 });
  const server = await startServerProcess(databaseUrl);
  try {
    const base = `${server.url}/api/reports`;
    const q = `from=${bench.from}&to=${bench.to}`;
    const summary = await timed(async () => {
      await (await get(`${base}/summary?${q}&groupBy=project,user,month`, bench.leadToken)).arrayBuffer();
    });
    log(`summary (HTTP, lead): ${JSON.stringify(summary)}`);
    // The same statement, straight to PostgreSQL: with the lead's visibility, and with none, in turns.
    const reader = { userId: bench.leadId, systemAdmin: false };
    const bound = readerBoundOnce(reader);
    const query = { from: bench.from, to: bench.to };
    const filtered = summaryStatement(
      bound.cte,
      reportedWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId }),
      query,
      ['project', 'user', 'month'],
      10_000,
    );
    const unfiltered = summaryStatement(bound.cte, sql`true`, query, ['project', 'user', 'month'], 10_000);
    // The work of the same authors without the rest of the visibility (projects, item security): what the predicate
    // costs beyond narrowing to whose work the lead sees.
    const authors = await sql<{ author_id: number }>`select distinct m.user_id as author_id from team_memberships m
      join teams t on t.id = m.team_id where t.name = 'Bench report team'`.execute(handle.db);
    const sameAuthors = summaryStatement(
      bound.cte,
      sql`w.author_id = any(${authors.rows.map((r) => r.author_id)}::int[])`,
      query,
      ['project', 'user', 'month'],
      10_000,
    );
    const withFilter: number[] = [];
    const without: number[] = [];
    const byAuthors: number[] = [];
    for (let i = 0; i < 3; i++) {
      await filtered.execute(handle.db);
      await unfiltered.execute(handle.db);
    }
    for (let i = 0; i < 20; i++)
      for (const [statement, times] of [
        [filtered, withFilter],
        [unfiltered, without],
        [sameAuthors, byAuthors],
      ] as const) {
        const started = performance.now();
        await statement.execute(handle.db);
        times.push(performance.now() - started);
      }
    withFilter.sort((a, b) => a - b);
    without.sort((a, b) => a - b);
    byAuthors.sort((a, b) => a - b);
    const sql95 = {
      filtered: round(percentile(withFilter, 0.95)),
      unfiltered: round(percentile(without, 0.95)),
      sameAuthorsOnly: round(percentile(byAuthors, 0.95)),
    };
    log(`summary statement p95 (ms): ${JSON.stringify(sql95)}`);

    const pivot = await timed(async () => {
      await (await get(`${base}/pivot?${q}&project=${bench.projectKey}`, bench.leadToken)).arrayBuffer();
    });
    log(`pivot (HTTP, lead, whole project): ${JSON.stringify(pivot)}`);

    const csv = await exportOnce(server, bench, 'csv');
    log(`CSV export: ${JSON.stringify(csv)}`);
    const xlsx = await exportOnce(server, bench, 'xlsx');
    log(`XLSX export: ${JSON.stringify(xlsx)}`);

    // 20 CSV exports at once, each of the whole range; meanwhile a member reads their work logs one request at a time.
    let running = true;
    const exports = Array.from({ length: CONCURRENT_EXPORTS }, async () => {
      const response = await get(`${base}/worklogs/export?${q}&format=csv`, bench.adminToken);
      const body = response.body!.getReader();
      for (let part = await body.read(); !part.done && running; part = await body.read());
      await body.cancel();
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const during = await timed(async () => {
      await (await get(`${server.url}/api/me/worklogs?limit=30`, bench.memberToken)).arrayBuffer();
    }, 200);
    running = false;
    await Promise.allSettled(exports);
    log(`member reads during ${CONCURRENT_EXPORTS} exports: ${JSON.stringify(during)}`);

    const result = {
      worklogs: WORKLOGS,
      summaryP95Ms: summary.p95,
      summaryFilterRatio: round(sql95.filtered / sql95.unfiltered),
      summaryFilterRatioSameAuthors: round(sql95.filtered / sql95.sameAuthorsOnly),
      pivotP95Ms: pivot.p95,
      csvSeconds: csv.seconds,
      xlsxSeconds: xlsx.seconds,
      exportRssGrowthMb: Math.max(csv.rssGrowthMb, xlsx.rssGrowthMb),
      concurrentExportP99Ms: during.p99,
    };
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    log(
      `targets: summaryP95Ms ≤ 250 ${met(result.summaryP95Ms <= 250)}, summaryFilterRatio ≤ 1.5 ${met(result.summaryFilterRatio <= 1.5)}, pivotP95Ms ≤ 200 ${met(result.pivotP95Ms <= 200)}, csvSeconds ≤ 15 ${met(result.csvSeconds <= 15)}, xlsxSeconds ≤ 45 ${met(result.xlsxSeconds <= 45)}, exportRssGrowthMb ≤ 150 ${met(result.exportRssGrowthMb <= 150)}, concurrentExportP99Ms ≤ 200 ${met(result.concurrentExportP99Ms <= 200)}`,
    );
    return result;
  } finally {
    await server.stop();
    await handle.close();
  }
}

async function benchmark(databaseUrl: string) {
  log('building the server (esbuild)');
  await buildServers();
  const handle = await openDb({ url: databaseUrl, poolSize: 4 });
  let bench: Bench | undefined;
  try {
    await migrateToLatest(handle.db);
    bench = await readKeptBench<Bench>(handle.db);
    if (!bench) {
      log(`generating ${WORKLOGS} work logs over 100,000 items`);
      const world = await generate(handle.db, {
        users: 400,
        projects: 10,
        itemsPerProject: 10_000,
        worklogs: WORKLOGS,
        seed: 15,
        concurrency: 2,
        today: todayUtc(),
      });
      log(`world: ${JSON.stringify(world)}`);
      bench = await prepare(handle.db);
      await keepBench(handle.db, bench);
    } else log('reusing the generated world (BENCH_KEEP)');
  } finally {
    await handle.close();
  }
  return measure(databaseUrl, bench);
}

await runBenchmark(benchmark);
