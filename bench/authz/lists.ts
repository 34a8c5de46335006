import { CompiledQuery, sql } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadItems, loadProjects, loadSubjects } from '../../src/authz/loader.js';
import { visibleItems } from '../../src/authz/visibility.js';
import type { Database } from '../../src/db/index.js';
import { percentile } from './measure.js';

/**
 * PostgreSQL list latency for one user through the production predicate `visibleItems`: the first page
 * of 50 sorted by key, and the full id list.
 */

export interface Latency {
  p50: number;
  p95: number;
  rows: number;
}
export interface ListLatency {
  firstPage: Latency;
  fullList: Latency;
}
/** Raw timings in ms, so measurements taken at different times can be pooled. */
export interface ListSamples {
  firstPage: number[];
  fullList: number[];
  firstPageRows: number;
  fullListRows: number;
}

export function listQueries(db: Database, userId: number) {
  const visible = visibleItems({ userId, systemAdmin: false }, 'i');
  return {
    firstPage: db
      .selectFrom('work_items as i')
      .select(['i.id', 'i.key', 'i.title'])
      .where(visible)
      .orderBy('i.key')
      .limit(50)
      .compile(),
    fullList: db.selectFrom('work_items as i').select('i.id').where(visible).compile(),
  };
}

/**
 * Times the same list for one user in two databases — the world without deny entries and the same world with
 * them — query by query in alternation (A B, then B A, …), so whatever else the machine does in the meantime
 * falls on both alike. Returns the samples of each, in ms.
 */
export async function measureListPair(
  dbs: readonly [Database, Database],
  userId: number,
  runs: number,
  warmup: number,
): Promise<[ListSamples, ListSamples]> {
  const queries = dbs.map((db) => listQueries(db, userId));
  const samples: [ListSamples, ListSamples] = [
    { firstPage: [], fullList: [], firstPageRows: 0, fullListRows: 0 },
    { firstPage: [], fullList: [], firstPageRows: 0, fullListRows: 0 },
  ];
  for (const list of ['firstPage', 'fullList'] as const) {
    for (let k = 0; k < warmup; k++) for (const d of [0, 1]) await dbs[d].executeQuery(queries[d][list]);
    for (let k = 0; k < runs; k++) {
      for (const d of k % 2 === 0 ? [0, 1] : [1, 0]) {
        const start = performance.now();
        const result = await dbs[d].executeQuery(queries[d][list]);
        samples[d][list].push(performance.now() - start);
        samples[d][list === 'firstPage' ? 'firstPageRows' : 'fullListRows'] = result.rows.length;
      }
    }
  }
  return samples;
}

export function summarize(samples: ListSamples): ListLatency {
  return {
    firstPage: {
      p50: percentile(samples.firstPage, 50),
      p95: percentile(samples.firstPage, 95),
      rows: samples.firstPageRows,
    },
    fullList: {
      p50: percentile(samples.fullList, 50),
      p95: percentile(samples.fullList, 95),
      rows: samples.fullListRows,
    },
  };
}

/** EXPLAIN ANALYZE of both queries, for the record (stderr). */
export async function explainLists(db: Database, userId: number): Promise<string> {
  const q = listQueries(db, userId);
  const out: string[] = [];
  for (const [name, query] of Object.entries(q)) {
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
    );
    out.push(`-- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  return out.join('\n');
}

/**
 * Proves the measured lists right for this user: the full list is exactly the items of the browsable
 * projects that `decide` lets the user view (facts through the loaders), and the first page is 50 of them.
 */
export async function verifyLists(
  db: Database,
  userId: number,
  projectIds: number[],
): Promise<{ visible: number; considered: number }> {
  const q = listQueries(db, userId);
  const listed = new Set((await db.executeQuery<{ id: number }>(q.fullList)).rows.map((r) => r.id));
  const page = (await db.executeQuery<{ id: number }>(q.firstPage)).rows.map((r) => r.id);
  const subject = (await loadSubjects(db, [userId])).get(userId)!;
  const projects = await loadProjects(db, projectIds);
  const items = await loadItems(db, sql`i.project_id in (${sql.join(projectIds)})`);
  const expected = new Set<number>();
  for (const [id, facts] of items)
    if (
      decide('item.view', subject, { project: projects.get(facts.projectId)!, item: facts.item }, { explain: false })
        .allowed
    )
      expected.add(id);
  const extra = [...listed].filter((id) => !expected.has(id));
  const missing = [...expected].filter((id) => !listed.has(id));
  if (extra.length || missing.length)
    throw new Error(
      `SQL list and decide disagree for user ${userId}: ${extra.length} listed but refused (e.g. ${extra[0]}), ${missing.length} allowed but not listed (e.g. ${missing[0]})`,
    );
  if (page.length !== Math.min(50, expected.size) || page.some((id) => !expected.has(id)))
    throw new Error(`first page for user ${userId} is wrong`);
  return { visible: expected.size, considered: items.size };
}
