import pg from 'pg';

/**
 * The floor the API is compared with: `clients` connections each running single-row INSERT statements
 * (each its own autocommit transaction) into worklogs, back to back, for `seconds`.
 */
export interface RawInsertResult {
  inserts: number;
  perSecond: number;
  p99Ms: number;
  seconds: number;
  measured: number;
}

export async function measureRawInserts<M>(options: {
  databaseUrl: string;
  clients: number;
  seconds: number;
  row: (
    n: number,
  ) => [
    itemId: number,
    projectId: number,
    authorId: number,
    startDate: string,
    durationSeconds: number,
    description: string,
  ];
  /** Called with every connection open, before and after the run (e.g. to sample the backends' CPU). */
  onStart: () => Promise<M>;
  onEnd: (started: M) => Promise<number>;
}): Promise<RawInsertResult> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.clients });
  // pool.end() does not wait for the backends to go: one still closing when the database is dropped (with force)
  // reports an error on its idle client, which would crash the bench without a listener.
  pool.on('error', () => {});
  try {
    // Open every connection first, so connection set-up is not counted.
    const clients = await Promise.all(Array.from({ length: options.clients }, () => pool.connect()));
    clients.forEach((c) => c.release());
    const sample = await options.onStart();
    const latencies: number[] = [];
    let n = 0;
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < deadline) {
          const [itemId, projectId, authorId, startDate, durationSeconds, description] = options.row(n++);
          const t = performance.now();
          await pool.query(
            `insert into worklogs (item_id, project_id, author_id, start_date, duration_seconds, description, created_by)
           values ($1, $2, $3, $4, $5, $6, $3)`,
            [itemId, projectId, authorId, startDate, durationSeconds, description],
          );
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const measured = await options.onEnd(sample);
    latencies.sort((a, b) => a - b);
    return {
      inserts: latencies.length,
      seconds,
      measured,
      perSecond: latencies.length / seconds,
      p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
    };
  } finally {
    await pool.end();
  }
}
