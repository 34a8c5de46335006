import Fastify from 'fastify';
import pg from 'pg';

/**
 * The HTTP floor of `npm run bench:api`: the least an HTTP work-log create can cost on this stack. One Fastify
 * route, `POST /floor`, parses the JSON body and runs the raw phase's single-row INSERT into worklogs as a
 * named prepared statement, answering 201 with the id — no authentication, authorization, validation, audit
 * row or logging. Built and run like the server (bundled with esbuild, plain node, a child process); the pool
 * has the server's size (DB_POOL_SIZE, default 20 as in src/db). Environment: DATABASE_URL, PORT, HOST.
 */
interface FloorBody {
  itemId: number;
  projectId: number;
  authorId: number;
  startDate: string;
  durationSeconds: number;
  description: string;
}

const INSERT = {
  name: 'floor_insert',
  text: `insert into worklogs (item_id, project_id, author_id, start_date, duration_seconds, description, created_by)
         values ($1, $2, $3, $4, $5, $6, $3) returning id`,
};

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
pool.on('error', () => {}); // an idle connection dropped with the database at the end
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ ok: true }));
app.post<{ Body: FloorBody }>('/floor', async (req, reply) => {
  const b = req.body;
  const { rows } = await pool.query<{ id: string }>({
    ...INSERT,
    values: [b.itemId, b.projectId, b.authorId, b.startDate, b.durationSeconds, b.description],
  });
  return reply.code(201).send({ id: Number(rows[0].id) });
});

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
