import { createHash } from 'node:crypto';
import pg from 'pg';
import { backendPids, round } from './bench-db.js';
import { cpuDelta, cpuSecondsByPid } from './server-process.js';

/**
 * Statement profiling shared by bench/profile-api.ts and bench/profile-reads.ts: `capture` records the SQL the server
 * sends through pg (it must run in this process), `replay` runs one statement alone from CLIENTS connections for
 * REPLAY_SECONDS — unnamed (parsed and planned every time) or as a named prepared statement (plan cached per
 * connection) — and reports its rate and PostgreSQL CPU per execution (read from /proc).
 */
export const REPLAY_SECONDS = Number(process.env.PROFILE_SECONDS ?? 5);
export const CLIENTS = 50;

export interface Captured {
  text: string;
  values: unknown[];
}

export function capture(): Captured[] {
  const captured: Captured[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function recorded(this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    if (typeof first === 'string') captured.push({ text: first, values: (args[1] as unknown[]) ?? [] });
    else if (first?.text) captured.push({ text: first.text, values: first.values ?? [] });
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  return captured;
}

export async function replay(databaseUrl: string, name: string, statement: Captured, prepared: boolean) {
  // JIT off, as the server's pool has it (src/db/index.ts).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS, options: '-c jit=off' });
  try {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
    clients.forEach((c) => c.release());
    const statementName = prepared
      ? `p_${createHash('sha1').update(statement.text).digest('hex').slice(0, 16)}`
      : undefined;
    const before = cpuSecondsByPid(await backendPids(databaseUrl, name));
    let executions = 0;
    const started = performance.now();
    const deadline = started + REPLAY_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          await pool.query({ text: statement.text, values: statement.values, name: statementName });
          executions += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuDelta(before, cpuSecondsByPid(await backendPids(databaseUrl, name)));
    return { perSecond: round(executions / seconds), postgresCpuMs: round((cpu * 1000) / executions) };
  } finally {
    await pool.end();
  }
}
