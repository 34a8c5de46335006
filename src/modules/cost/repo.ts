import { sql, type RawBuilder } from 'kysely';
import { visibleItems, visibleTeams, visibleWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { containsPattern } from '../../lib/like.js';
import type { CostReportQuery } from './schema.js';

export interface CostRateRow {
  id: number;
  user_id: number;
  user_name: string;
  valid_from: string;
  cost_rate: string;
  currency: string;
}

export async function findRates(db: Database, where: { id?: number; userIds?: readonly number[] } = {}) {
  const { rows } = await sql<CostRateRow>`select r.id, r.user_id, u.display_name as user_name,
      to_char(r.valid_from, 'YYYY-MM-DD') as valid_from, r.cost_rate::text as cost_rate, r.currency
    from cost_rates r join users u on u.id = r.user_id
    where ${where.id !== undefined ? sql`r.id = ${where.id}` : sql`true`}
      and ${where.userIds ? sql`r.user_id = any(${[...where.userIds]}::int[])` : sql`true`}
    order by u.display_name, r.user_id, r.valid_from`.execute(db);
  return rows;
}

export async function insertRate(
  trx: Database,
  values: { userId: number; validFrom: string; costRate: string; currency: string; createdBy: number },
): Promise<number | undefined> {
  const { rows } = await sql<{
    id: number;
  }>`insert into cost_rates (user_id, valid_from, cost_rate, currency, created_by)
    values (${values.userId}, ${values.validFrom}::date, ${values.costRate}::numeric, ${values.currency},
      ${values.createdBy})
    on conflict (user_id, valid_from) do nothing returning id`.execute(trx);
  return rows[0]?.id;
}

export async function deleteRate(trx: Database, id: number) {
  await trx.deleteFrom('cost_rates').where('id', '=', id).execute();
}

/** Active people whose name or login contains the text, by name; at most 20. */
export function findPeople(db: Database, q: string) {
  const pattern = containsPattern(q);
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb('display_name', 'ilike', pattern), eb('login', 'ilike', pattern)]))
    .orderBy('display_name')
    .orderBy('id')
    .limit(20)
    .execute();
}

export function findUser(db: Database, id: number) {
  return db.selectFrom('users').select(['id']).where('id', '=', id).executeTakeFirst();
}

type GroupBy = CostReportQuery['groupBy'];

/** What a work log or a plan is grouped by, as text: a user, team or project id, or a month. */
function groupKey(groupBy: GroupBy, at: { user: string; team: string; project: string; date: string }) {
  const ref = (column: string) => sql.ref(column);
  const keys: Record<GroupBy, RawBuilder<string | null>> = {
    user: sql`${ref(at.user)}::text`,
    team: sql`${ref(at.team)}::text`,
    project: sql`${ref(at.project)}::text`,
    month: sql`to_char(${ref(at.date)}, 'YYYY-MM')`,
  };
  return keys[groupBy];
}

/**
 * A group's key and label from its key column (`column`), read once per group after adding up: team names only of teams
 * the reader sees (TEAM-8) — the others' key is null, "No team".
 */
function groupLabel(groupBy: GroupBy, reader: Reader, column: string) {
  const key = sql.ref(column);
  const team = sql`(select tm.id, tm.name from teams tm where tm.id = ${key}::int and ${visibleTeams(reader, 'tm')})`;
  const shown: Record<GroupBy, { key: RawBuilder<string | null>; label: RawBuilder<string> }> = {
    user: { key: sql`${key}`, label: sql`coalesce((select u.display_name from users u where u.id = ${key}::int), '')` },
    team: {
      key: sql`(select v.id::text from ${team} v)`,
      label: sql`coalesce((select v.name from ${team} v), 'No team')`,
    },
    project: {
      key: sql`${key}`,
      label: sql`coalesce((select p.key || ' ' || p.name from projects p where p.id = ${key}::int), 'No project')`,
    },
    month: { key: sql`${key}`, label: sql`${key}` },
  };
  return shown[groupBy];
}

/** One group's logged hours with one cost currency and one revenue currency (a group may have several). */
export interface ActualRow {
  key: string | null;
  label: string;
  seconds: string;
  unrated_seconds: string;
  cost_currency: string | null;
  cost: string | null;
  revenue_currency: string | null;
  revenue: string | null;
}

/**
 * Logged work in the range on items the reader may view (ITEM-9, REP-5), by any author — the cost report is the money
 * roles' view of the organisation (APP-5) — with each work log costed at its author's rate on the work date and its
 * revenue at the rate it was recorded with (PRICE-5), summed per group and currency.
 */
export async function findActual(db: Database, reader: Reader, query: CostReportQuery): Promise<ActualRow[]> {
  const key = groupKey(query.groupBy, {
    user: 'w.author_id',
    team: 'w.team_id',
    project: 'w.project_id',
    date: 'w.start_date',
  });
  const group = groupLabel(query.groupBy, reader, 'g.key');
  // Added up by group id, cost currency and price list first; the labels and currencies are read once per group.
  const { rows } = await sql<ActualRow>`with rates as (select user_id, valid_from, cost_rate, currency,
        lead(valid_from) over (partition by user_id order by valid_from) as valid_to from cost_rates),
      g as (select ${key} as key, r.currency as cost_currency, w.price_list_id, sum(w.duration_seconds) as seconds,
          coalesce(sum(w.duration_seconds) filter (where r.cost_rate is null), 0) as unrated_seconds,
          sum(w.duration_seconds * r.cost_rate) as cost, sum(w.duration_seconds * w.rate) as revenue
        from worklogs w join work_items i on i.id = w.item_id
          left join rates r on r.user_id = w.author_id and r.valid_from <= w.start_date
            and (r.valid_to is null or w.start_date < r.valid_to)
        where w.start_date between ${query.from}::date and ${query.to}::date
          and ${visibleWorklogs(reader, 'w', { itemAlias: 'i' })}
        group by 1, 2, 3)
    select ${group.key} as key, ${group.label} as label, g.seconds::text as seconds,
      g.unrated_seconds::text as unrated_seconds, g.cost_currency, round(g.cost / 3600, 2)::text as cost,
      pl.currency as revenue_currency, round(g.revenue / 3600, 2)::text as revenue
    from g left join price_lists pl on pl.id = g.price_list_id`.execute(db);
  return rows;
}

/** A person's plan in the range, with the group it falls in; out of office costs nothing. */
export interface PlannedRow {
  user_id: number;
  key: string | null;
  label: string;
  start_date: string;
  end_date: string;
  seconds_per_day: number;
}

/**
 * People's plans touching the range — not placeholders (no one to cost yet), not out of office — free text, events and
 * tasks on items the reader may view (ITEM-9). A plan's team is its person's current team on the plan's project (TEAM-4:
 * one), else their first current team.
 */
export async function findPlanned(db: Database, reader: Reader, query: CostReportQuery): Promise<PlannedRow[]> {
  const key = groupKey(query.groupBy, {
    user: 't.user_id',
    team: 't.team_of',
    project: 't.project_id',
    date: 't.start_date',
  });
  const group = groupLabel(query.groupBy, reader, 'k.key');
  const { rows } = await sql<PlannedRow>`select t.user_id, ${group.key} as key, ${group.label} as label,
      to_char(t.start_date, 'YYYY-MM-DD') as start_date, to_char(t.end_date, 'YYYY-MM-DD') as end_date,
      t.seconds_per_day
    from (select p.*, (select m.team_id from team_memberships m join teams tm on tm.id = m.team_id
          where m.user_id = p.user_id and m.left_at is null
          order by (tm.project_id = p.project_id or exists (select 1 from team_projects tp
            where tp.team_id = tm.id and tp.project_id = p.project_id)) desc nulls last, m.team_id limit 1) as team_of
        from planned_tasks p
          left join work_items i on i.id = p.item_id
        where p.user_id is not null and p.kind <> 'out_of_office'
          and p.start_date <= ${query.to}::date and p.end_date >= ${query.from}::date
          and (p.item_id is null or coalesce(${visibleItems(reader, 'i')}, false))) t
      cross join lateral (select ${key} as key) k`.execute(db);
  return rows;
}
