import { sql } from 'kysely';
import { migrateToLatest, openDb, type Database } from '../src/db/index.js';
import { todayUtc } from '../src/seed/random.js';
import { benchTeam, benchToken, keepBench, latency, log, readKeptBench, round, runBenchmark } from './bench-db.js';
import { generate } from './generate.js';
import { buildServers, startServerProcess } from './server-process.js';

/**
 * `npm run bench:timesheets` (issue 14): on a generated world of 1,000,000 work logs (WORKLOGS to change it), a
 * 50-member team on the first project with every member's weeks submitted as slices, its lead an approver
 * (timesheet_approver with APPROVE_TIMESHEETS). Measured against the built server on PostgreSQL, one request at a time
 * (latency, not throughput): a member's week grid (`GET /api/timesheets`), the lead's approval queue
 * (`GET /api/approvals?state=submitted&teamId=`), and approving 500 slices in one request (`POST /api/approvals/batch`,
 * three batches). Targets: weekGridP95Ms ≤ 20, approvalQueueP95Ms ≤ 50, approve500Ms ≤ 2000. The summary JSON is the
 * last stdout line; details go to stderr.
 */
const WORKLOGS = Number(process.env.WORKLOGS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const MEMBERS = 50;

interface Bench {
  teamId: number;
  memberToken: string;
  approverToken: string;
  /** A weekday with work logs of the member, in the middle of the generated range. */
  date: string;
  submitted: number[];
}

/** The team, its approver, the members' work logs recorded in it and their weeks submitted. */
async function prepare(db: Database): Promise<Bench> {
  const project = await db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
  const { teamId, lead: approver, members } = await benchTeam(db, project.id, MEMBERS, 'Bench approval team');
  const team = { id: teamId };
  await db
    .insertInto('price_lists')
    .values({ team_id: team.id, name: 'Bench rate', currency: 'EUR', hourly_rate: '90.00', valid_from: '2000-01-01' })
    .execute();
  await db.insertInto('app_role_grants').values({ role: 'timesheet_approver', user_id: approver }).execute();
  await db.insertInto('app_role_grants').values({ role: 'timesheet_viewer', user_id: approver }).execute();
  await db.insertInto('app_role_grants').values({ role: 'timesheet_viewer', user_id: members[0] }).execute();
  await sql`update worklogs set team_id = ${team.id} where project_id = ${project.id} and author_id in (${sql.join(members)})`.execute(
    db,
  );
  const slices = await sql<{
    id: number;
  }>`insert into timesheet_slices (user_id, team_id, period_start, period_end, state)
    select author_id, team_id, date_trunc('week', start_date)::date, date_trunc('week', start_date)::date + 6, 'submitted'
    from worklogs where team_id = ${team.id} group by 1, 2, 3 returning id`.execute(db);
  await sql`analyze`.execute(db);
  const middle = await sql<{ day: string }>`select start_date::text as day from worklogs
    where author_id = ${members[0]} and project_id = ${project.id} order by start_date offset 100 limit 1`.execute(db);
  log(`team ${team.id}: approver ${approver}, ${members.length} members, ${slices.rows.length} submitted slices`);
  return {
    teamId: team.id,
    memberToken: await benchToken(db, members[0]),
    approverToken: await benchToken(db, approver),
    date: middle.rows[0].day,
    submitted: slices.rows.map((r) => r.id),
  };
}

async function approveBatch(base: string, bearer: string, ids: number[]) {
  const started = performance.now();
  const response = await fetch(`${base}/api/approvals/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ids, decision: 'approve' }),
  });
  const body = (await response.json()) as { results?: Array<{ ok: boolean; code?: string }> };
  const ms = performance.now() - started;
  const approved = body.results?.filter((r) => r.ok).length ?? 0;
  if (response.status !== 200 || approved !== ids.length)
    throw new Error(
      `batch: ${response.status}, ${approved} of ${ids.length} approved: ${JSON.stringify(body).slice(0, 300)}`,
    );
  return round(ms);
}

async function benchmark(databaseUrl: string) {
  log('building the server (esbuild)');
  await buildServers();
  const handle = await openDb({ url: databaseUrl, poolSize: 4 });
  let bench: Bench;
  try {
    await migrateToLatest(handle.db);
    const kept = await readKept(handle.db);
    if (kept) {
      log('reusing the generated world (BENCH_KEEP)');
      bench = kept;
      return await measure(databaseUrl, bench);
    }
    log(`generating ${WORKLOGS} work logs`);
    const world = await generate(handle.db, {
      users: 400,
      projects: 8,
      itemsPerProject: 1500,
      worklogs: WORKLOGS,
      seed: 14,
      concurrency: 2,
      today: todayUtc(),
    });
    log(`world: ${JSON.stringify(world)}`);
    bench = await prepare(handle.db);
    await keepBench(handle.db, bench);
  } finally {
    await handle.close();
  }
  return measure(databaseUrl, bench);
}

async function readKept(db: Database): Promise<Bench | undefined> {
  const kept = await readKeptBench<Bench>(db);
  if (!kept) return undefined;
  // Batches approved by an earlier run are submitted again.
  await sql`update timesheet_slices set state = 'submitted' where id in (${sql.join(kept.submitted)})`.execute(db);
  return kept;
}

async function measure(databaseUrl: string, bench: Bench) {
  const server = await startServerProcess(databaseUrl);
  try {
    const grid = await latency(
      `${server.url}/api/timesheets?date=${bench.date}&view=week`,
      bench.memberToken,
      REQUESTS,
    );
    log(`week grid: ${JSON.stringify(grid)}`);
    const queue = await latency(
      `${server.url}/api/approvals?state=submitted&teamId=${bench.teamId}`,
      bench.approverToken,
      REQUESTS,
    );
    log(`approval queue: ${JSON.stringify(queue)}`);
    const batches: number[] = [];
    for (let i = 0; i < 3; i++)
      batches.push(await approveBatch(server.url, bench.approverToken, bench.submitted.slice(i * 500, (i + 1) * 500)));
    log(`approve 500: ${batches.join(', ')} ms`);
    const summary = {
      worklogs: WORKLOGS,
      weekGridP95Ms: grid.p95,
      weekGridP50Ms: grid.p50,
      approvalQueueP95Ms: queue.p95,
      approvalQueueP50Ms: queue.p50,
      approve500Ms: Math.max(...batches),
    };
    log(
      `targets: weekGridP95Ms ≤ 20 ${summary.weekGridP95Ms <= 20 ? 'met' : 'MISSED'}, approvalQueueP95Ms ≤ 50 ${summary.approvalQueueP95Ms <= 50 ? 'met' : 'MISSED'}, approve500Ms ≤ 2000 ${summary.approve500Ms <= 2000 ? 'met' : 'MISSED'}`,
    );
    return summary;
  } finally {
    await server.stop();
  }
}

await runBenchmark(benchmark);
