import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { todayUtc } from '../src/seed/random.js';
import { backendPids, log, prepareWorld, round, withBenchDatabase } from './bench-db.js';
import { prepareReadScenario, type ReadScenario } from './read-scenario.js';
import {
  buildServers,
  cpuDelta,
  cpuSecondsByPid,
  processTreeCpuSeconds,
  startServerProcess,
  type ServerProcess,
} from './server-process.js';

/**
 * `npm run bench:reads`: the reads of the work-log screens against `GET /api/me` (the floor: authentication and one
 * small answer) on the bench world of bench:api (100,000 work logs), same server, same run. The reads: the bench
 * user's week of 30 work logs (`GET /api/me/worklogs?from&to`), the work logs of an item with three
 * (`GET /api/items/:key/worklogs`) and a project's top-level items, a page of 50 (`GET /api/projects/:key/items`).
 * The floor and the reads are measured in turn, ROUNDS times, and each ratio is the read's requests over the floor's.
 * Targets: each ratio ≥ 0.5, p99 ≤ 50 ms (the worst read's), at 50 connections on 2 cores.
 * Environment: DATABASE_URL (admin connection), BENCH_SECONDS (10 per read and round), BENCH_ROUNDS (2),
 * BENCH_CONNECTIONS (50); WORKERS and DB_POOL_SIZE pass through to the server. Details go to stderr, the summary
 * JSON is the last stdout line. Runs in a database of its own, dropped at the end.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

type ReadName = 'floor' | 'week' | 'itemWorklogs' | 'itemList';
const READS: ReadName[] = ['floor', 'week', 'itemWorklogs', 'itemList'];

interface Measured {
  ok: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  firstFailure?: string;
}

async function load(server: ServerProcess, path: string, token: string, seconds: number) {
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${token}` },
        onResponse: (status, body) => {
          if (status !== 200 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const ok = Number(result.statusCodeStats?.['200']?.count ?? 0);
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + Number(s?.count ?? 0), 0);
  return { result, ok, failed: answered - ok + result.errors + result.timeouts, firstFailure };
}

/** One read for SECONDS after a 2 s warm-up: requests answered 200, latency, and server and PostgreSQL CPU per request. */
async function measure(server: ServerProcess, path: string, token: string, databaseUrl: string, name: string) {
  await load(server, path, token, 2);
  const serverBefore = processTreeCpuSeconds(server.pid);
  const postgresBefore = cpuSecondsByPid(await backendPids(databaseUrl, name));
  const run = await load(server, path, token, SECONDS);
  const serverCpu = processTreeCpuSeconds(server.pid) - serverBefore;
  const postgresCpu = cpuDelta(postgresBefore, cpuSecondsByPid(await backendPids(databaseUrl, name)));
  const requests = Math.max(1, run.ok + run.failed);
  return {
    ok: run.ok,
    failed: run.failed,
    seconds: run.result.duration,
    p50: run.result.latency.p50,
    p99: run.result.latency.p99,
    serverCpuMs: (serverCpu * 1000) / requests,
    postgresCpuMs: (postgresCpu * 1000) / requests,
    firstFailure: run.firstFailure,
  } satisfies Measured;
}

function summarise(runs: Measured[]) {
  const ok = runs.reduce((sum, r) => sum + r.ok, 0);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    perSecond: ok / seconds,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    firstFailure: runs.find((r) => r.firstFailure)?.firstFailure,
    p50Ms: Math.max(...runs.map((r) => r.p50)),
    p99Ms: Math.max(...runs.map((r) => r.p99)),
    serverCpuMs: round(runs.reduce((sum, r) => sum + r.serverCpuMs, 0) / runs.length),
    postgresCpuMs: round(runs.reduce((sum, r) => sum + r.postgresCpuMs, 0) / runs.length),
  };
}

async function benchmark(databaseUrl: string, name: string) {
  log('building the server (esbuild)');
  await buildServers();
  log(`database ${name}: generating`);
  const worker = await prepareWorld(databaseUrl);
  const server = await startServerProcess(databaseUrl, {
    WORKERS: process.env.WORKERS,
    DB_POOL_SIZE: process.env.DB_POOL_SIZE,
  });
  try {
    const scenario: ReadScenario = await prepareReadScenario(server.url, worker, todayUtc());
    log(`reads: ${JSON.stringify(scenario)}`);
    const loadBefore = loadavg()[0];
    const runs = Object.fromEntries(READS.map((read) => [read, [] as Measured[]])) as Record<ReadName, Measured[]>;
    for (let pass = 1; pass <= ROUNDS; pass++) {
      for (const read of READS) {
        log(`round ${pass}/${ROUNDS}: GET ${scenario[read]}, ${CONNECTIONS} connections, ${SECONDS} s`);
        runs[read].push(await measure(server, scenario[read], worker.token, databaseUrl, name));
      }
    }
    const results = Object.fromEntries(READS.map((read) => [read, summarise(runs[read])])) as Record<
      ReadName,
      ReturnType<typeof summarise>
    >;
    log(
      JSON.stringify({
        date: new Date().toISOString(),
        seconds: SECONDS,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        workers: Number(process.env.WORKERS ?? 1),
        loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]) },
        rows: scenario.rows,
        results,
      }),
    );
    const floor = results.floor.perSecond;
    const summary = {
      weekReadToFloor: round(results.week.perSecond / floor),
      itemListToFloor: round(results.itemList.perSecond / floor),
      itemWorklogsToFloor: round(results.itemWorklogs.perSecond / floor),
      readP99Ms: Math.max(results.week.p99Ms, results.itemList.p99Ms, results.itemWorklogs.p99Ms),
      floorPerSec: round(floor),
      weekReadPerSec: round(results.week.perSecond),
      itemListPerSec: round(results.itemList.perSecond),
      itemWorklogsPerSec: round(results.itemWorklogs.perSecond),
      p99Ms: {
        floor: results.floor.p99Ms,
        week: results.week.p99Ms,
        itemList: results.itemList.p99Ms,
        itemWorklogs: results.itemWorklogs.p99Ms,
      },
    };
    const ratios = [summary.weekReadToFloor, summary.itemListToFloor, summary.itemWorklogsToFloor];
    const failed = READS.reduce((sum, read) => sum + results[read].failed, 0);
    log(
      `targets: every ratio ≥ 0.5 ${ratios.every((r) => r >= 0.5) ? 'met' : 'MISSED'}, ` +
        `p99 ≤ 50 ms ${summary.readP99Ms <= 50 ? 'met' : 'MISSED'}; failed requests: ${failed}`,
    );
    return { summary, failed };
  } finally {
    await server.stop();
  }
}

withBenchDatabase(benchmark)
  .then(({ summary, failed }) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (failed > 0) process.exitCode = 1;
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
