import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { startServer } from '../src/server.js';
import { todayUtc } from '../src/seed/random.js';
import { log, prepareWorld, withBenchDatabase } from './bench-db.js';
import { prepareReadScenario } from './read-scenario.js';
import { capture, CLIENTS, REPLAY_SECONDS, replay, type Captured } from './replay.js';

/**
 * Where the PostgreSQL time of bench:reads' reads goes (`npm run bench:profile:reads`): on the bench world and the
 * read scenario of bench:reads, records the SQL statements of one request of each read (after three warm-ups),
 * then replays each statement alone, prepared, from CLIENTS connections. Next to them it replays the bare data
 * statements — the same rows with no permission predicate and no joins, as a tracker without permissions would
 * read them — so the cost of the reads' own data, of authentication and of the access checks can be told apart.
 * PROFILE_DUMP=file.json also writes the recorded statements and their values. Needs PostgreSQL on this machine (CPU is read from /proc).
 */
type ReadName = 'floor' | 'week' | 'itemWorklogs' | 'itemList';
const READS: ReadName[] = ['floor', 'week', 'itemWorklogs', 'itemList'];

await withBenchDatabase(async (databaseUrl, name) => {
  const worker = await prepareWorld(databaseUrl);
  const captured = capture();
  const server = await startServer({ databaseUrl, port: 0, host: '127.0.0.1' });
  const statements: Record<ReadName, Captured[]> = { floor: [], week: [], itemWorklogs: [], itemList: [] };
  let scenario;
  try {
    scenario = await prepareReadScenario(server.url, worker, todayUtc());
    const headers = { authorization: `Bearer ${worker.token}` };
    for (const read of READS) {
      for (let i = 0; i < 3; i++) await (await fetch(`${server.url}${scenario[read]}`, { headers })).arrayBuffer();
      captured.length = 0;
      const response = await fetch(`${server.url}${scenario[read]}`, { headers });
      if (response.status !== 200) throw new Error(`${scenario[read]}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      statements[read] = [...captured];
    }
  } finally {
    await server.close();
  }
  // PROFILE_DUMP=file.json writes the recorded statements with their values (for EXPLAIN).
  if (process.env.PROFILE_DUMP) writeFileSync(process.env.PROFILE_DUMP, JSON.stringify(statements, null, 1));
  const week = new URL(scenario.week, 'http://x').searchParams;
  const itemKey = scenario.itemWorklogs.split('/')[3];
  const bare: Record<string, Captured> = {
    week: {
      text: `select w.id, w.item_id, w.start_date, w.duration_seconds, w.description, sum(w.duration_seconds) over () as total
               from worklogs w where w.author_id = $1 and w.start_date between $2 and $3
              order by w.start_date desc, w.id desc limit 100`,
      values: [worker.userId, week.get('from'), week.get('to')],
    },
    itemWorklogs: {
      text: `select w.id, w.author_id, w.start_date, w.duration_seconds, w.description
               from worklogs w join work_items i on i.id = w.item_id
              where i.project_id = $1 and i.num = $2 order by w.start_date desc, w.id desc limit 50`,
      values: [worker.projectId, Number(itemKey.split('-')[1])],
    },
    itemList: {
      text: `select i.id, i.num, i.title, i.status from work_items i
              where i.project_id = $1 and i.parent_id is null and i.deleted_at is null order by i.num limit 51`,
      values: [worker.projectId],
    },
  };
  if (process.env.PROFILE_EXPLAIN) await explainAll(databaseUrl, statements);
  const rows = [];
  for (const read of READS) {
    for (const statement of statements[read]) {
      const prepared = await replay(databaseUrl, name, statement, true);
      rows.push({
        read,
        statement: statement.text.replace(/\s+/g, ' ').trim().slice(0, 60),
        parameters: statement.values.length,
        perSecond: prepared.perSecond,
        postgresCpuMs: prepared.postgresCpuMs,
      });
    }
    if (bare[read]) {
      const prepared = await replay(databaseUrl, name, bare[read], true);
      rows.push({ read, statement: '(bare data, no access check)', parameters: bare[read].values.length, ...prepared });
    }
  }
  log(`statements per read: ${READS.map((read) => `${read} ${statements[read].length}`).join(', ')}`);
  log(`each replayed alone, prepared, from ${CLIENTS} connections for ${REPLAY_SECONDS} s`);
  console.table(rows);
});

/**
 * PROFILE_EXPLAIN=1: the plan each statement runs with in the server — prepared, after the executions in which
 * PostgreSQL settles on its generic or custom plan — with its timing (EXPLAIN ANALYZE EXECUTE), to stderr.
 */
async function explainAll(databaseUrl: string, statements: Record<ReadName, Captured[]>) {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  try {
    let n = 0;
    for (const read of READS) {
      for (const statement of statements[read]) {
        const name = `explained_${n++}`;
        const args = statement.values.map((v) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v)));
        const execute = `execute ${name}${args.length ? `(${args.join(', ')})` : ''}`;
        await client.query(`prepare ${name} as ${statement.text}`);
        for (let i = 0; i < 6; i++) await client.query(execute);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${execute}`);
        log(`--- ${read}: ${statement.text.replace(/\s+/g, ' ').trim().slice(0, 80)}`);
        log(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
  } finally {
    await client.end();
  }
}
