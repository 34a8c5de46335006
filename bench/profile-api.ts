import { startServer } from '../src/server.js';
import { log, prepareWorld, withBenchDatabase } from './bench-db.js';
import { capture, CLIENTS, REPLAY_SECONDS, replay, type Captured } from './replay.js';

/**
 * Where the time of POST /api/worklogs goes (`tsx bench/profile-api.ts`): runs the server in this process
 * with pg instrumented, records the SQL statements of a request, then replays each one alone from 50
 * connections for a few seconds — as sent (unnamed: parsed and planned every time) and as a named prepared
 * statement (plan cached per connection) — and reports its rate and PostgreSQL CPU per execution, next to
 * a plain single-row INSERT. Needs PostgreSQL on this machine (CPU is read from /proc).
 */
await withBenchDatabase(async (databaseUrl, name) => {
  const worker = await prepareWorld(databaseUrl);
  const captured = capture();
  const server = await startServer({ databaseUrl, port: 0, host: '127.0.0.1' });
  let statements: Captured[];
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${worker.token}` };
    for (let i = 0; i < 3; i++)
      await fetch(`${server.url}/api/worklogs`, { method: 'POST', headers, body: worker.nextBody() });
    captured.length = 0;
    const response = await fetch(`${server.url}/api/worklogs`, { method: 'POST', headers, body: worker.nextBody() });
    if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
    statements = [...captured];
  } finally {
    await server.close();
  }
  const [item, project, author, date, seconds, description] = worker.nextRow(1);
  statements.push({
    text: 'insert into worklogs (item_id, project_id, author_id, start_date, duration_seconds, description, created_by) values ($1, $2, $3, $4, $5, $6, $3)',
    values: [item, project, author, date, seconds, description],
  });
  const rows = [];
  for (const statement of statements) {
    const label =
      statement === statements[statements.length - 1]
        ? '(baseline) raw single-row insert'
        : statement.text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const unnamed = await replay(databaseUrl, name, statement, false);
    const named = await replay(databaseUrl, name, statement, true);
    rows.push({
      statement: label,
      perSecond: unnamed.perSecond,
      postgresCpuMs: unnamed.postgresCpuMs,
      preparedPerSecond: named.perSecond,
      preparedCpuMs: named.postgresCpuMs,
    });
  }
  log(
    `statements per POST /api/worklogs: ${statements.length - 1}; each replayed alone from ${CLIENTS} connections for ${REPLAY_SECONDS} s`,
  );
  console.table(rows);
});
