import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import {
  backendPids,
  databaseStats,
  log,
  postWorklog,
  prepareWorld,
  round,
  setTeamChecks,
  withBenchDatabase,
  type BenchWorker,
} from './bench-db.js';
import { measureRawInserts } from './raw-insert.js';
import {
  buildServers,
  cpuDelta,
  cpuSecondsByPid,
  FLOOR_BUNDLE,
  processTreeCpuSeconds,
  startServerProcess,
  type ServerProcess,
} from './server-process.js';

/**
 * `npm run bench:api`: work-log creation through the HTTP API (auth, authorization, insert and audit row)
 * against the raw rate of single-row INSERTs into the same table with the same driver and concurrency.
 * A third phase measures the HTTP floor: a minimal Fastify server (bench/floor-server.ts) whose one route
 * only runs that single-row INSERT — the best ratio any implementation on this stack could reach here.
 * Both servers are bundled with esbuild and run with plain node, as `npm start` runs the server.
 * The API is measured twice on the same world: with the global team check off, then on (the product's
 * default, which gives `worklogCreatePerSec`); `teamCheckOverhead` is off / on (target ≤ 1.2). Either way
 * the work log records the author's team, price list and rate (PRICE-4), so both look the team up.
 * Runs in a database of its own, dropped at the end. Targets: ratio ≥ 0.5, p99 ≤ 50 ms (2 cores); createToFloor
 * (creations per second over the floor's, same run) ≥ 0.18.
 * Environment: DATABASE_URL (admin connection), BENCH_SECONDS (20), BENCH_CONNECTIONS (50); WORKERS and
 * DB_POOL_SIZE pass through to the server (DB_POOL_SIZE to the floor server too). Details go to stderr, the
 * summary JSON is the last stdout line.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface HttpTarget {
  server: ServerProcess;
  path: string;
  headers: Record<string, string>;
  nextBody(): string;
}

async function load(target: HttpTarget, seconds: number) {
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: target.server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: target.path,
        headers: { 'content-type': 'application/json', ...target.headers },
        setupRequest: (request) => ({ ...request, body: target.nextBody() }),
        onResponse: (status, body) => {
          if (status !== 201 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const created = Number(result.statusCodeStats?.['201']?.count ?? 0);
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + Number(s?.count ?? 0), 0);
  return { result, created, failed: answered - created + result.errors + result.timeouts, firstFailure };
}

/** Warms up for 3 s, loads the target for SECONDS, stops its server, and returns rates, latencies and CPU per request. */
async function measureHttp(target: HttpTarget, databaseUrl: string, name: string) {
  try {
    log(`${target.path} on ${target.server.url} (pid ${target.server.pid}): warming up 3 s`);
    await load(target, 3);
    const before = await databaseStats(databaseUrl, name);
    const cpu = {
      server: processTreeCpuSeconds(target.server.pid),
      postgres: cpuSecondsByPid(await backendPids(databaseUrl, name)),
      bench: process.cpuUsage(),
    };
    log(`POST ${target.path}: ${CONNECTIONS} connections, ${SECONDS} s`);
    const run = await load(target, SECONDS);
    const benchCpu = process.cpuUsage(cpu.bench);
    const cpuSeconds = {
      server: round(processTreeCpuSeconds(target.server.pid) - cpu.server),
      postgres: round(cpuDelta(cpu.postgres, cpuSecondsByPid(await backendPids(databaseUrl, name)))),
      loadGenerator: round((benchCpu.user + benchCpu.system) / 1e6),
    };
    await target.server.stop();
    await new Promise((r) => setTimeout(r, 1_200)); // closed backends flush their statistics
    const after = await databaseStats(databaseUrl, name);
    const requests = run.created + run.failed;
    const perRequest = {
      // Statements outside an explicit transaction commit one by one, so commits ≈ statements per request.
      dbCommits: round((after.commits - before.commits) / requests),
      rowsInserted: round((after.inserted - before.inserted) / requests),
      serverCpuMs: round((cpuSeconds.server * 1000) / requests),
      postgresCpuMs: round((cpuSeconds.postgres * 1000) / requests),
      loadGeneratorCpuMs: round((cpuSeconds.loadGenerator * 1000) / requests),
    };
    const { result } = run;
    return {
      perSecond: run.created / result.duration,
      created: run.created,
      failed: run.failed,
      firstFailure: run.firstFailure,
      details: {
        created: run.created,
        failed: run.failed,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes: result.statusCodeStats,
        firstFailure: run.firstFailure,
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        perRequest,
        cpuSeconds,
      },
      p99: result.latency.p99,
    };
  } finally {
    await target.server.stop();
  }
}

async function benchmark(databaseUrl: string, name: string) {
  log('building the server and the floor server (esbuild)');
  await buildServers();
  log(`database ${name}: generating`);
  const worker: BenchWorker = await prepareWorld(databaseUrl);
  const loadBefore = loadavg()[0];

  const measureApi = async (teamChecks: boolean) => {
    await setTeamChecks(databaseUrl, teamChecks);
    const server = await startServerProcess(databaseUrl, {
      WORKERS: process.env.WORKERS,
      DB_POOL_SIZE: process.env.DB_POOL_SIZE,
    });
    await postWorklog(server.url, worker).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    log(`team check ${teamChecks ? 'on' : 'off'}`);
    return measureHttp(
      {
        server,
        path: '/api/worklogs',
        headers: { authorization: `Bearer ${worker.token}` },
        nextBody: worker.nextBody,
      },
      databaseUrl,
      name,
    );
  };
  // Off first: the "on" phase then inserts into the larger table, so the overhead is not flattered.
  const apiOff = await measureApi(false);
  const api = await measureApi(true);

  const floorServer = await startServerProcess(
    databaseUrl,
    { DB_POOL_SIZE: process.env.DB_POOL_SIZE },
    { script: FLOOR_BUNDLE, args: [], readyPath: '/ready' },
  );
  const floor = await measureHttp(
    { server: floorServer, path: '/floor', headers: {}, nextBody: worker.nextFloorBody },
    databaseUrl,
    name,
  );

  log(`raw single-row INSERTs: ${CONNECTIONS} clients, ${SECONDS} s`);
  const raw = await measureRawInserts({
    databaseUrl,
    clients: CONNECTIONS,
    seconds: SECONDS,
    row: worker.nextRow,
    // Sampled while the pool's connections are open: they close with the pool.
    onStart: async () => cpuSecondsByPid(await backendPids(databaseUrl, name)),
    onEnd: async (before) => cpuDelta(before, cpuSecondsByPid(await backendPids(databaseUrl, name))),
  });
  const rawPostgresCpuMs = round((raw.measured * 1000) / raw.inserts);

  log(
    JSON.stringify({
      date: new Date().toISOString(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      workers: Number(process.env.WORKERS ?? 1),
      // Load average is machine-wide: other work on the machine during the run lowers all three rates.
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]) },
      api: api.details,
      apiTeamCheckOff: apiOff.details,
      floor: floor.details,
      raw: {
        inserts: raw.inserts,
        perSecond: round(raw.perSecond),
        p99Ms: round(raw.p99Ms),
        postgresCpuMsPerInsert: rawPostgresCpuMs,
      },
    }),
  );
  const summary = {
    worklogCreatePerSec: round(api.perSecond),
    rawInsertPerSec: round(raw.perSecond),
    ratio: round(api.perSecond / raw.perSecond),
    p99Ms: api.p99,
    httpFloorPerSec: round(floor.perSecond),
    floorRatio: round(floor.perSecond / raw.perSecond),
    floorP99Ms: floor.p99,
    // Work-log creations per second over the HTTP floor's, same run: what every gate costs over Fastify + one insert.
    createToFloor: round(api.perSecond / floor.perSecond),
    worklogCreateTeamCheckOffPerSec: round(apiOff.perSecond),
    teamCheckOverhead: round(apiOff.perSecond / api.perSecond),
  };
  log(
    `targets: ratio ≥ 0.5 ${summary.ratio >= 0.5 ? 'met' : 'MISSED'}, p99 ≤ 50 ms ${summary.p99Ms <= 50 ? 'met' : 'MISSED'}, ` +
      `teamCheckOverhead ≤ 1.2 ${summary.teamCheckOverhead <= 1.2 ? 'met' : 'MISSED'}, createToFloor ≥ 0.18 ${summary.createToFloor >= 0.18 ? 'met' : 'MISSED'}; failed requests: ${api.failed} (check off: ${apiOff.failed}, floor: ${floor.failed})`,
  );
  return { summary, failed: api.failed + apiOff.failed + floor.failed };
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
