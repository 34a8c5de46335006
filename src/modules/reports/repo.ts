import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { readerBoundOnce, reportedWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { PERIOD_DIMENSIONS, type Dimension, type ReportFilters } from './schema.js';

/**
 * The reports' queries (REP-1, REP-4, REP-5). Every statement reads work logs as `worklogs w` joined to their item `i`
 * and project `p`, and counts only those `reportedWorklogs` lets the reader see — the predicate the property tests hold
 * equal to the decision core — so no total, group or empty group says more than the lists do.
 */

interface DimensionSql {
  id: RawBuilder<unknown>;
  label: RawBuilder<unknown>;
  code?: RawBuilder<unknown>;
}
const period = (unit: 'week' | 'month') => sql`to_char(date_trunc(${sql.lit(unit)}, w.start_date), 'YYYY-MM-DD')`;
const DAY = sql`to_char(w.start_date, 'YYYY-MM-DD')`;

/** Each dimension's id, label and code, as text, from the joins of FROM below. */
const DIMENSION_SQL: Record<Dimension, DimensionSql> = {
  project: { id: sql`p.id::text`, label: sql`p.name`, code: sql`p.key` },
  item: { id: sql`i.id::text`, label: sql`i.title`, code: sql`i.key` },
  user: { id: sql`w.author_id::text`, label: sql`u.display_name` },
  team: { id: sql`w.team_id::text`, label: sql`t.name` },
  priceList: { id: sql`w.price_list_id::text`, label: sql`pl.name` },
  client: { id: sql`p.client_id::text`, label: sql`c.name` },
  day: { id: DAY, label: DAY },
  week: { id: period('week'), label: period('week') },
  month: { id: period('month'), label: period('month') },
};

export const FROM = sql`from worklogs w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id
  join users u on u.id = w.author_id left join teams t on t.id = w.team_id
  left join price_lists pl on pl.id = w.price_list_id left join clients c on c.id = p.client_id`;

/**
 * The summary's work logs, before their labels: only the tables the visibility and the filters read (`w`, `i`, `p`).
 * Every work log has its item, project and author, so joining the rest of FROM later drops none.
 */
const BASE_FROM = sql`from worklogs w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id`;

/**
 * The summary's first step (`tw_base`): the counted work logs added up per the ids the groupings read — project,
 * author and price list always (the currency), the item and the team when grouped by them, and the date truncated to
 * the period grouped by (so the period's expression in DIMENSION_SQL gives the same value on it) — then joined to the
 * labels. Grouping a million rows by their labels sorted every counted work log by text (bench:reports).
 */
function baseColumns(groupBy: readonly Dimension[]) {
  const periods = groupBy.filter((d) => PERIOD_DIMENSIONS.has(d));
  const unit = periods.length === 1 && periods[0] !== 'day' ? periods[0] : undefined;
  const columns = [
    sql`w.project_id`,
    sql`w.author_id`,
    sql`w.price_list_id`,
    ...(groupBy.includes('item') ? [sql`w.item_id`] : []),
    ...(groupBy.includes('team') ? [sql`w.team_id`] : []),
    ...(periods.length === 0
      ? []
      : [unit ? sql`date_trunc(${sql.lit(unit)}, w.start_date)::date as start_date` : sql`w.start_date`]),
  ];
  const labels = sql`from tw_base w join projects p on p.id = w.project_id join users u on u.id = w.author_id
    ${groupBy.includes('item') ? sql`join work_items i on i.id = w.item_id` : sql``}
    ${groupBy.includes('team') ? sql`left join teams t on t.id = w.team_id` : sql``}
    left join price_lists pl on pl.id = w.price_list_id left join clients c on c.id = p.client_id`;
  return { columns: sql.join(columns), count: columns.length, labels };
}

/** A work log's value: rate × hours, rounded to the cent, as charging counts it. */
const VALUE = sql`round(w.rate * w.duration_seconds / 3600.0, 2)`;

/** The date range and the filters, each an `and …` clause, over the work log `w`, its item `i` and its project `p`. */
export function filtersOf(query: ReportFilters): RawBuilder<unknown> {
  const anyOf = (column: string, ids: number[] | undefined) =>
    ids ? sql`and ${sql.ref(column)} = any(${ids}::int[])` : sql``;
  return sql`and w.start_date between ${query.from}::date and ${query.to}::date
    ${anyOf('w.project_id', query.projects)} ${anyOf('w.item_id', query.items)} ${anyOf('w.author_id', query.users)}
    ${anyOf('w.team_id', query.teams)} ${anyOf('w.price_list_id', query.priceLists)} ${anyOf('p.client_id', query.clients)}
    ${query.itemKeys ? sql`and i.key = any(${query.itemKeys}::text[])` : sql``}`;
}

export interface SummaryDbRow {
  /** How many of the groupings this row is grouped by (the rest are rolled up): 0 for the total. */
  depth: number;
  /** Per grouping: id, label, code. */
  k: Array<[string | null, string | null, string | null]>;
  currency: string | null;
  seconds: number;
  entries: number;
  amount: string | null;
}

/**
 * Hours, entries and revenue per group and currency, rolled up: each group's subtotal comes before its subgroups
 * (depth first, by label then id), the total first. One row per group and currency; the service merges currencies.
 */
export async function summarize(
  db: Database,
  reader: Reader,
  query: ReportFilters,
  groupBy: readonly Dimension[],
  limit: number,
) {
  const bound = readerBoundOnce(reader);
  const visible = reportedWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId });
  return (await summaryStatement(bound.cte, visible, query, groupBy, limit).execute(db)).rows;
}

/**
 * The summary's statement over the work logs `visible` admits (`w`, its item `i`); `summarize` passes the reader's
 * visibility. bench/reports.ts runs it with `true` too, to measure what the visibility costs (summaryFilterRatio).
 */
export function summaryStatement(
  cte: RawBuilder<unknown>,
  visible: Expression<SqlBool>,
  query: ReportFilters,
  groupBy: readonly Dimension[],
  limit: number,
) {
  const dims = groupBy.map((d) => DIMENSION_SQL[d]);
  const leafColumns = sql.join(
    dims.flatMap((d, k) => [
      sql`${d.id} as ${sql.ref(`d${k}_id`)}`,
      sql`${d.label} as ${sql.ref(`d${k}_label`)}`,
      sql`${d.code ?? sql`null::text`} as ${sql.ref(`d${k}_code`)}`,
    ]),
  );
  const leafGroups = sql.join(
    dims.flatMap((_, k) => ['id', 'label', 'code'].map((c) => sql.ref(`d${k}_${c}`))).concat([sql`pl.currency`]),
  );
  const rollup = sql.join(
    dims.map((_, k) => sql`(${sql.join(['id', 'label', 'code'].map((c) => sql.ref(`d${k}_${c}`)))})`),
  );
  const depth = sql.join(
    dims.map((_, k) => sql`(1 - grouping(${sql.ref(`d${k}_id`)}))`),
    sql` + `,
  );
  const keys = sql.join(
    dims.map(
      (_, k) => sql`json_build_array(${sql.ref(`d${k}_id`)}, ${sql.ref(`d${k}_label`)}, ${sql.ref(`d${k}_code`)})`,
    ),
  );
  const order = sql.join(
    dims.flatMap((_, k) => [
      sql`grouping(${sql.ref(`d${k}_id`)}) desc`,
      sql`${sql.ref(`d${k}_label`)}`,
      sql`${sql.ref(`d${k}_id`)}`,
    ]),
  );
  const base = baseColumns(groupBy);
  return sql<SummaryDbRow>`with ${cte}, tw_base as (
      select ${base.columns}, sum(w.duration_seconds)::int8 as seconds, count(*)::int8 as entries,
        sum(${VALUE}) as amount
      ${BASE_FROM}
      where ${visible} ${filtersOf(query)}
      group by ${sql.join(Array.from({ length: base.count }, (_, k) => sql.lit(k + 1)))}),
    tw_leaf as (
      select ${leafColumns}, pl.currency, sum(w.seconds)::int8 as seconds, sum(w.entries)::int8 as entries,
        sum(w.amount) as amount
      ${base.labels}
      group by ${leafGroups})
    select ${depth} as depth, json_build_array(${keys}) as k, currency, sum(seconds)::int8 as seconds,
      sum(entries)::int8 as entries, sum(amount)::text as amount
    from tw_leaf group by rollup(${rollup}), currency
    order by ${order}, currency nulls first
    limit ${limit}`;
}

export interface ReportWorklogRow {
  id: number;
  start_date: string;
  duration_seconds: number;
  description: string;
  project_key: string;
  project_name: string;
  item_key: string;
  item_title: string;
  author_id: number;
  author_name: string;
  team_id: number | null;
  team_name: string | null;
  price_list_id: number | null;
  price_list_name: string | null;
  client_id: number | null;
  client_name: string | null;
  rate: string | null;
  currency: string | null;
  value: string | null;
}

/** The detailed list's sort key: date, then id. */
export type WorklogKey = [string, number];
export const worklogKeyOf = (r: ReportWorklogRow): WorklogKey => [r.start_date, r.id];

/** The statement of the detailed list: the reader's counted work logs after `after` in date and id order, `limit` of them (all when null). */
function worklogsStatement(
  reader: Reader,
  query: ReportFilters,
  after: WorklogKey | undefined,
  limit: number | null,
  direction: 'asc' | 'desc',
) {
  const bound = readerBoundOnce(reader);
  const order = direction === 'asc' ? sql`order by w.start_date, w.id` : sql`order by w.start_date desc, w.id desc`;
  const keyset = direction === 'asc' ? sql`>` : sql`<`;
  return sql<ReportWorklogRow>`with ${bound.cte}
    select w.id, to_char(w.start_date, 'YYYY-MM-DD') as start_date, w.duration_seconds, w.description,
      p.key as project_key, p.name as project_name, i.key as item_key, i.title as item_title,
      w.author_id, u.display_name as author_name, w.team_id, t.name as team_name, w.price_list_id,
      pl.name as price_list_name, p.client_id, c.name as client_name, w.rate::text as rate, pl.currency,
      ${VALUE}::text as value
    ${FROM}
    where ${reportedWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId })} ${filtersOf(query)}
      ${after ? sql`and (w.start_date, w.id) ${keyset} (${after[0]}::date, ${after[1]}::int)` : sql``}
    ${order} ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/**
 * The next `limit` work logs the reader's report counts, after `after` in date and id order: a page of the detailed
 * list, or a chunk of its export on PGlite (a keyset walk, so an export of a million rows reads one chunk at a time).
 */
export async function findWorklogs(
  db: Database,
  reader: Reader,
  query: ReportFilters,
  after: WorklogKey | undefined,
  limit: number,
  direction: 'asc' | 'desc' = 'asc',
) {
  return (await worklogsStatement(reader, query, after, limit, direction).execute(db)).rows;
}

/**
 * Every work log the reader's report counts, in date and id order, `chunk` rows at a time from one statement read
 * through a cursor (PostgreSQL: `streams(db)`), so memory holds one chunk and the database plans and runs the query once.
 */
export async function* streamWorklogs(
  db: Database,
  reader: Reader,
  query: ReportFilters,
  chunk: number,
): AsyncGenerator<ReportWorklogRow[]> {
  const compiled = worklogsStatement(reader, query, undefined, null, 'asc').compile(db);
  for await (const result of db.getExecutor().stream<ReportWorklogRow>(compiled, chunk)) yield result.rows;
}

/** The projects, users, teams, price lists and clients of the work logs the reader's reports count in the range. */
export async function findFilterOptions(db: Database, reader: Reader, range: { from: string; to: string }) {
  const bound = readerBoundOnce(reader);
  type Kind = 'project' | 'user' | 'team' | 'priceList' | 'client';
  const { rows } = await sql<{ kind: Kind; id: number; key: string | null; name: string }>`
    with ${bound.cte}, tw_found as (select distinct w.project_id, w.author_id, w.team_id, w.price_list_id, p.client_id
      from worklogs w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id
      where ${reportedWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId })}
        and w.start_date between ${range.from}::date and ${range.to}::date)
    select 'project' as kind, p.id, p.key, p.name from projects p where p.id in (select project_id from tw_found)
    union all select 'user', u.id, null, u.display_name from users u where u.id in (select author_id from tw_found)
    union all select 'team', t.id, null, t.name from teams t where t.id in (select team_id from tw_found)
    union all select 'priceList', pl.id, null, pl.name from price_lists pl where pl.id in (select price_list_id from tw_found)
    union all select 'client', c.id, null, c.name from clients c where c.id in (select client_id from tw_found)
    order by 1, 4, 2`.execute(db);
  return rows;
}
