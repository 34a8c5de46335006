import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { backendPids, databaseStats, log, postWorklog, prepareWorld, round, withBenchDatabase, type BenchWorker } from './bench-db.js';
import { measureRawInserts } from './raw-insert.js';
import { cpuDelta, cpuSecondsByPid, processTreeCpuSeconds, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * `npm run bench:api`: work-log creation through the HTTP API (auth, authorization, insert and audit row)
 * against the raw rate of single-row INSERTs into the same table with the same driver and concurrency.
 * Runs in a database of its own, dropped at the end. Targets: ratio ≥ 0.5, p99 ≤ 50 ms (2 cores).
 * Environment: DATABASE_URL (admin connection), BENCH_SECONDS (20), BENCH_CONNECTIONS (50); WORKERS and
 * DB_POOL_SIZE pass through to the server. Details go to stderr, the summary JSON is the last stdout line.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function loadApi(server: ServerProcess, worker: BenchWorker, seconds: number) {
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: server.url, connections: CONNECTIONS, duration: seconds,
    requests: [{
      method: 'POST', path: '/api/worklogs',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` },
      setupRequest: (request) => ({ ...request, body: worker.nextBody() }),
      onResponse: (status, body) => { if (status !== 201 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`; },
    }],
  });
  const created = Number(result.statusCodeStats?.['201']?.count ?? 0);
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, s) => sum + Number(s?.count ?? 0), 0);
  return { result, created, failed: answered - created + result.errors + result.timeouts, firstFailure };
}

async function benchmark(databaseUrl: string, name: string) {
  log(`database ${name}: generating`);
  const worker = await prepareWorld(databaseUrl);
  const server = await startServerProcess(databaseUrl, { WORKERS: process.env.WORKERS, DB_POOL_SIZE: process.env.DB_POOL_SIZE });
  let api: Awaited<ReturnType<typeof loadApi>>;
  let perRequest: Record<string, number>;
  let cpuSeconds: Record<string, number>;
  const loadBefore = loadavg()[0];
  try {
    await postWorklog(server.url, worker);
    log(`server ${server.url} (pid ${server.pid}): warming up 3 s`);
    await loadApi(server, worker, 3);

    const before = await databaseStats(databaseUrl, name);
    const cpu = { server: processTreeCpuSeconds(server.pid), postgres: cpuSecondsByPid(await backendPids(databaseUrl, name)), bench: process.cpuUsage() };
    log(`POST /api/worklogs: ${CONNECTIONS} connections, ${SECONDS} s`);
    api = await loadApi(server, worker, SECONDS);
    const benchCpu = process.cpuUsage(cpu.bench);
    cpuSeconds = {
      server: round(processTreeCpuSeconds(server.pid) - cpu.server),
      postgres: round(cpuDelta(cpu.postgres, cpuSecondsByPid(await backendPids(databaseUrl, name)))),
      loadGenerator: round((benchCpu.user + benchCpu.system) / 1e6),
    };
    await server.stop();
    await new Promise((r) => setTimeout(r, 1_200)); // closed backends flush their statistics
    const after = await databaseStats(databaseUrl, name);
    const requests = api.created + api.failed;
    perRequest = {
      // Statements outside an explicit transaction commit one by one, so commits ≈ statements per request.
      dbCommits: round((after.commits - before.commits) / requests),
      rowsInserted: round((after.inserted - before.inserted) / requests),
      serverCpuMs: round((cpuSeconds.server * 1000) / requests),
      postgresCpuMs: round((cpuSeconds.postgres * 1000) / requests),
    };
  } finally {
    await server.stop();
  }

  log(`raw single-row INSERTs: ${CONNECTIONS} clients, ${SECONDS} s`);
  const raw = await measureRawInserts({
    databaseUrl, clients: CONNECTIONS, seconds: SECONDS, row: worker.nextRow,
    // Sampled while the pool's connections are open: they close with the pool.
    onStart: async () => cpuSecondsByPid(await backendPids(databaseUrl, name)),
    onEnd: async (before) => cpuDelta(before, cpuSecondsByPid(await backendPids(databaseUrl, name))),
  });
  const rawPostgresCpuMs = round((raw.measured * 1000) / raw.inserts);

  const worklogCreatePerSec = api.created / api.result.duration;
  log(JSON.stringify({
    date: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, workers: Number(process.env.WORKERS ?? 1),
    loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]) },
    api: {
      created: api.created, failed: api.failed, non2xx: api.result.non2xx, errors: api.result.errors, timeouts: api.result.timeouts,
      statusCodes: api.result.statusCodeStats, firstFailure: api.firstFailure,
      latencyMs: { p50: api.result.latency.p50, p90: api.result.latency.p90, p99: api.result.latency.p99, max: api.result.latency.max },
      perRequest, cpuSeconds,
    },
    // Load average is machine-wide: other work on the machine during the run lowers both rates.
    raw: { inserts: raw.inserts, perSecond: round(raw.perSecond), p99Ms: round(raw.p99Ms), postgresCpuMsPerInsert: rawPostgresCpuMs },
  }));
  const summary = {
    worklogCreatePerSec: round(worklogCreatePerSec), rawInsertPerSec: round(raw.perSecond),
    ratio: round(worklogCreatePerSec / raw.perSecond), p99Ms: api.result.latency.p99,
  };
  log(`targets: ratio ≥ 0.5 ${summary.ratio >= 0.5 ? 'met' : 'MISSED'}, p99 ≤ 50 ms ${summary.p99Ms <= 50 ? 'met' : 'MISSED'}; failed requests: ${api.failed}`);
  return { summary, failed: api.failed };
}

withBenchDatabase(benchmark).then(({ summary, failed }) => {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (failed > 0) process.exitCode = 1;
}).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
