import { sql } from 'kysely';
import { migrateToLatest, openDb, type Database } from '../src/db/index.js';
import { addDays } from '../src/lib/periods.js';
import { benchTeam, benchToken, keepBench, latency, log, readKeptBench, round, runBenchmark } from './bench-db.js';
import { generate } from './generate.js';
import { buildServers, startServerProcess } from './server-process.js';

/**
 * `npm run bench:planning` (issue 16): the Schedule timeline (`GET /api/schedule`) of a team lead (MANAGE_SCHEDULE)
 * over 8 weeks, for a team of 200 people with 20,000 planned tasks — every one inside the 8 weeks, half on work items
 * (some under item security), the worst case for one screen — and 2,000 days of approved leave, on PostgreSQL against
 * the built server, one request at a time; and the cost report (REP-2) by user over the year before, over 1,000,000
 * work logs (WORKLOGS to change it) of 300 people with cost rates (half of them changed mid-year), for the lead made
 * billing_admin. Targets: timelineP95Ms ≤ 100, costReportP95Ms ≤ 300. The summary JSON is the last stdout line; details
 * go to stderr.
 */
const PEOPLE = 200;
const TASKS = Number(process.env.PLANNED_TASKS ?? 20_000);
const LEAVE_DAYS = 2_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WORKLOGS = Number(process.env.WORKLOGS ?? 1_000_000);
const FROM = '2030-03-04';
const TO = addDays(FROM, 8 * 7 - 1);

async function prepare(db: Database) {
  const project = await db.selectFrom('projects').select('id').orderBy('id').executeTakeFirstOrThrow();
  const { teamId, lead, members } = await benchTeam(db, project.id, PEOPLE - 1, 'Bench schedule team');
  const people = [lead, ...members];
  for (const role of ['scheduler_viewer', 'timesheet_viewer', 'billing_admin'] as const)
    await db.insertInto('app_role_grants').values({ role, user_id: lead }).execute();
  // Tasks of 1–5 days inside the 8 weeks, 1–4 hours a day; every other one on an item of the project.
  await sql`insert into planned_tasks (user_id, item_id, project_id, title, start_date, end_date, seconds_per_day,
      tentative, billable)
    select p.people[1 + (g % ${people.length})],
      case when g % 2 = 0 then i.id end, case when g % 2 = 0 then i.project_id end,
      'Bench task ' || g, d.start, d.start + (g % 5), 3600 * (1 + g % 4), g % 7 = 0, g % 3 = 0
    from generate_series(1, ${TASKS}) g
      cross join (select ${sql.lit(`{${people.join(',')}}`)}::int[] as people) p
      cross join lateral (select ${FROM}::date + ((g * 7919) % (8 * 7 - 5)) as start) d
      left join lateral (select id, project_id from work_items where project_id = ${project.id}
        order by id offset (g * 31) % 1000 limit 1) i on true`.execute(db);
  // 400 approved requests of five working days (a Monday-to-Friday week): 2,000 leave days.
  const vacation = await db
    .selectFrom('leave_types')
    .select('id')
    .where('name', '=', 'Vacation')
    .executeTakeFirstOrThrow();
  await sql`insert into leave_requests (user_id, type_id, start_date, end_date, days, state)
    select p.people[1 + (g % ${people.length})], ${vacation.id}, w.monday, w.monday + 4, 5, 'approved'
    from generate_series(0, ${LEAVE_DAYS / 5 - 1}) g
      cross join (select ${sql.lit(`{${people.join(',')}}`)}::int[] as people) p
      cross join lateral (select ${FROM}::date + 7 * ((g / ${people.length}) * 3 + g % 8) as monday) w`.execute(db);
  // A cost rate for everyone from long ago, and a raise mid-year for every other person.
  await sql`insert into cost_rates (user_id, valid_from, cost_rate, currency)
    select id, '2000-01-01', 40 + id % 30, 'EUR' from users`.execute(db);
  await sql`insert into cost_rates (user_id, valid_from, cost_rate, currency)
    select id, ${addDays(FROM, -180)}::date, 45 + id % 30, 'EUR' from users where id % 2 = 0`.execute(db);
  await sql`analyze`.execute(db);
  log(`team ${teamId}: lead ${lead}, ${people.length} people, ${TASKS} planned tasks, ${LEAVE_DAYS} leave days`);
  return { teamId, token: await benchToken(db, lead) };
}

async function benchmark(databaseUrl: string) {
  log('building the server (esbuild)');
  await buildServers();
  const handle = await openDb({ url: databaseUrl, poolSize: 4 });
  let bench: Awaited<ReturnType<typeof prepare>>;
  try {
    await migrateToLatest(handle.db);
    const kept = await readKeptBench<typeof bench>(handle.db);
    if (kept) {
      log('reusing the generated world (BENCH_KEEP)');
      return await measure(databaseUrl, kept);
    }
    const world = await generate(handle.db, {
      users: 300,
      projects: 1,
      itemsPerProject: 3000,
      worklogs: WORKLOGS,
      seed: 16,
      concurrency: 2,
      today: FROM,
    });
    log(`world: ${JSON.stringify(world)}`);
    bench = await prepare(handle.db);
    await keepBench(handle.db, bench);
  } finally {
    await handle.close();
  }
  return measure(databaseUrl, bench);
}

async function measure(databaseUrl: string, bench: { token: string }) {
  const server = await startServerProcess(databaseUrl);
  try {
    let tasks = 0;
    let bytes = 0;
    const timeline = await latency(
      `${server.url}/api/schedule?from=${FROM}&to=${TO}`,
      bench.token,
      REQUESTS,
      (body) => {
        const out = body as { rows: Array<{ tasks: unknown[] }> };
        if (out.rows.length < PEOPLE) throw new Error(`${out.rows.length} rows, not ${PEOPLE}`);
        tasks = out.rows.reduce((sum, r) => sum + r.tasks.length, 0);
        bytes ||= JSON.stringify(body).length;
      },
    );
    log(
      `timeline (${PEOPLE} people, 8 weeks, ${tasks} tasks shown, ${round(bytes / 1e6)} MB): ${JSON.stringify(timeline)}`,
    );
    let groups = 0;
    const yearBack = addDays(FROM, -364);
    const cost = await latency(
      `${server.url}/api/cost/report?from=${yearBack}&to=${FROM}&groupBy=user`,
      bench.token,
      REQUESTS,
      (body) => {
        groups = (body as { rows: unknown[] }).rows.length;
      },
    );
    log(`cost report by user, ${yearBack} to ${FROM} (${groups} rows): ${JSON.stringify(cost)}`);
    const summary = {
      timelineP95Ms: timeline.p95,
      timelineP50Ms: timeline.p50,
      costReportP95Ms: cost.p95,
      costReportP50Ms: cost.p50,
    };
    log(
      `targets: timelineP95Ms ≤ 100 ${timeline.p95 <= 100 ? 'met' : 'MISSED'}, costReportP95Ms ≤ 300 ${cost.p95 <= 300 ? 'met' : 'MISSED'}`,
    );
    return summary;
  } finally {
    await server.stop();
  }
}

await runBenchmark(benchmark);
