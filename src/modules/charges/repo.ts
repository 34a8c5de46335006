import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { readerBoundOnce, visibleWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import { periodStartSql } from '../../lib/periods.js';
import { MAX_CANDIDATES, type CandidatesQuery } from './schema.js';

/**
 * The charging queries (FLOW-9). Every statement about work logs reads them as `worklogs w` joined to their project `p`
 * and item `i`; what may be charged is one predicate (`chargeable`), used by the candidate list, its totals and filters,
 * and again under the locks of the charge itself (commands/charge-worklogs.ts).
 */

const PERIOD_START = sql.raw(periodStartSql('w.start_date', 'p.period_length'));
const PERIOD_END = sql`(case when p.period_length = 'month' then (${PERIOD_START} + interval '1 month')::date - 1
  else ${PERIOD_START} + 6 end)`;

/**
 * The work log's slice is approved: a slice of its author and recorded team (none: no team) over the period of its
 * project's length holding its date (FLOW-1, FLOW-10). A week and a month may start on the same day, so both ends match.
 */
const APPROVED = sql<SqlBool>`exists (select 1 from timesheet_slices s where s.user_id = w.author_id
  and coalesce(s.team_id, 0) = coalesce(w.team_id, 0) and s.period_start = ${PERIOD_START}
  and s.period_end = ${PERIOD_END} and s.state = 'approved')`;

/** A work log's value: rate × hours, rounded to the cent; the totals add these up, so they match the lines shown. */
const VALUE = sql`round(w.rate * w.duration_seconds / 3600.0, 2)`;

const BASE_JOINS = sql`join projects p on p.id = w.project_id join work_items i on i.id = w.item_id`;

/** Uncharged, approved, and on an item the reader may view (ITEM-9): what the reader may charge. */
function chargeable(reader: Reader, readerId: RawBuilder<number>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(w.charge_id is null and ${APPROVED} and ${visibleWorklogs(reader, 'w', { itemAlias: 'i', readerId })})`;
}

function filtersOf(query: CandidatesQuery) {
  return sql.join(
    [
      query.projectId !== undefined ? sql`and w.project_id = ${query.projectId}` : sql``,
      query.teamId !== undefined ? sql`and w.team_id = ${query.teamId}` : sql``,
      query.clientId !== undefined ? sql`and p.client_id = ${query.clientId}` : sql``,
      query.from !== undefined ? sql`and w.start_date >= ${query.from}::date` : sql``,
      query.to !== undefined ? sql`and w.start_date <= ${query.to}::date` : sql``,
    ],
    sql` `,
  );
}

export interface ChargeWorklogRow {
  id: number;
  start_date: string;
  duration_seconds: number;
  description: string;
  item_key: string;
  item_title: string;
  project_key: string;
  author_id: number;
  author_name: string;
  team_id: number | null;
  team_name: string | null;
  rate: string | null;
  currency: string | null;
  value: string | null;
}

const COLUMNS = sql`w.id, w.start_date, w.duration_seconds, w.description, i.key as item_key, i.title as item_title,
  p.key as project_key, w.author_id, u.display_name as author_name, w.team_id, t.name as team_name,
  w.rate::text as rate, pl.currency, ${VALUE}::text as value`;
const JOINS = sql`${BASE_JOINS} join users u on u.id = w.author_id left join teams t on t.id = w.team_id
  left join price_lists pl on pl.id = w.price_list_id`;
const ORDER = sql`order by w.start_date, u.display_name, w.id`;

/** The first MAX_CANDIDATES + 1 chargeable work logs matching the filters, by date and author. */
export async function findCandidates(db: Database, reader: Reader, query: CandidatesQuery) {
  const bound = readerBoundOnce(reader);
  const { rows } = await sql<ChargeWorklogRow>`with ${bound.cte}
    select ${COLUMNS} from worklogs w ${JOINS}
    where ${chargeable(reader, bound.readerId)} ${filtersOf(query)} ${ORDER} limit ${MAX_CANDIDATES + 1}`.execute(db);
  return rows;
}

export interface TotalRow {
  currency: string | null;
  count: number;
  seconds: number;
  amount: string | null;
}

/** Count, hours and value per currency (null: work logs without a price list) of every chargeable match. */
export async function sumCandidates(db: Database, reader: Reader, query: CandidatesQuery) {
  const bound = readerBoundOnce(reader);
  const { rows } = await sql<TotalRow>`with ${bound.cte}
    select pl.currency, count(*)::int8 as count, sum(w.duration_seconds)::int8 as seconds, sum(${VALUE})::text as amount
    from worklogs w ${BASE_JOINS} left join price_lists pl on pl.id = w.price_list_id
    where ${chargeable(reader, bound.readerId)} ${filtersOf(query)}
    group by pl.currency order by pl.currency`.execute(db);
  return rows;
}

/** The projects, teams and clients of the chargeable work logs dated in the range. */
export async function findFilterOptions(db: Database, reader: Reader, range: { from?: string; to?: string }) {
  const bound = readerBoundOnce(reader);
  const { rows } = await sql<{ kind: 'project' | 'team' | 'client'; id: number; key: string | null; name: string }>`
    with ${bound.cte}, tw_found as (select distinct w.project_id, w.team_id from worklogs w ${BASE_JOINS}
      where ${chargeable(reader, bound.readerId)} ${filtersOf(range)})
    select 'project' as kind, p.id, p.key, p.name from projects p where p.id in (select project_id from tw_found)
    union all select 'team', t.id, null, t.name from teams t where t.id in (select team_id from tw_found)
    union all select 'client', c.id, null, c.name from clients c
      where c.id in (select p.client_id from projects p where p.id in (select project_id from tw_found))
    order by 1, 4, 2`.execute(db);
  return rows;
}

/** The distinct authors of the work logs, ascending: the order their sheets are locked in. */
export async function findAuthors(trx: Database, worklogIds: readonly number[]) {
  const rows = await trx
    .selectFrom('worklogs')
    .select('author_id')
    .distinct()
    .where('id', 'in', [...worklogIds])
    .orderBy('author_id')
    .execute();
  return rows.map((r) => r.author_id);
}

/** The work logs locked for the charge, each with whether the reader may charge it, as the transaction sees it now. */
export async function lockForCharge(trx: Database, reader: Reader, worklogIds: readonly number[]) {
  const bound = readerBoundOnce(reader);
  const { rows } = await sql<{ id: number; chargeable: boolean }>`with ${bound.cte}
    select w.id, coalesce(${chargeable(reader, bound.readerId)}, false) as chargeable
    from worklogs w ${BASE_JOINS} where w.id = any(${[...worklogIds]}::int[]) order by w.id for update of w`.execute(
    trx,
  );
  return rows;
}

export interface ChargeRow {
  id: number;
  invoice_number: string;
  invoice_date: string;
  amount: string;
  currency: string;
  created_at: Date;
  created_by: number | null;
  created_by_name: string | null;
  revoked_at: Date | null;
  revoked_by: number | null;
  revoked_by_name: string | null;
  version: number;
  worklog_count: number;
  seconds: number;
  value_totals: Array<{ currency: string; amount: string }>;
}

/** Charges with their names and totals over every work log they hold, hidden ones included. */
const selectCharges = (where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``) => sql<ChargeRow>`
  select c.id, c.invoice_number, c.invoice_date, c.amount::text as amount, c.currency, c.created_at, c.created_by,
    cu.display_name as created_by_name, c.revoked_at, c.revoked_by, ru.display_name as revoked_by_name, c.version,
    tw_t.worklog_count, tw_t.seconds, coalesce(tw_v.value_totals, '[]'::json) as value_totals
  from charges c left join users cu on cu.id = c.created_by left join users ru on ru.id = c.revoked_by
    left join lateral (select count(*)::int8 as worklog_count, coalesce(sum(w.duration_seconds), 0)::int8 as seconds
      from worklogs w where w.charge_id = c.id) tw_t on true
    left join lateral (select json_agg(json_build_object('currency', x.currency, 'amount', x.amount::text)
        order by x.currency) as value_totals
      from (select pl.currency, sum(${VALUE}) as amount from worklogs w join price_lists pl on pl.id = w.price_list_id
        where w.charge_id = c.id and w.rate is not null group by pl.currency) x) tw_v on true
  where ${where} ${tail}`;

/** A page of charges, newest first, after the cursor's id; `state` picks live or revoked ones. */
export async function findChargePage(
  db: Database,
  query: { limit: number; afterId?: number; state: 'charged' | 'revoked' | 'all' },
) {
  const state =
    query.state === 'charged'
      ? sql`c.revoked_at is null`
      : query.state === 'revoked'
        ? sql`c.revoked_at is not null`
        : sql`true`;
  const after = query.afterId !== undefined ? sql`and c.id < ${query.afterId}` : sql``;
  return (await selectCharges(sql`${state} ${after}`, sql`order by c.id desc limit ${query.limit + 1}`).execute(db))
    .rows;
}

export async function findCharge(db: Database, id: number): Promise<ChargeRow | undefined> {
  return (await selectCharges(sql`c.id = ${id}`).execute(db)).rows[0];
}

/** A charge's work logs on items the reader may view, and the hours of the others. */
export async function findChargeWorklogs(db: Database, reader: Reader, chargeId: number) {
  const bound = readerBoundOnce(reader);
  const visible = visibleWorklogs(reader, 'w', { itemAlias: 'i', readerId: bound.readerId });
  const [shown, hidden] = await Promise.all([
    sql<ChargeWorklogRow>`with ${bound.cte} select ${COLUMNS} from worklogs w ${JOINS}
      where w.charge_id = ${chargeId} and ${visible} ${ORDER}`.execute(db),
    sql<{ seconds: number }>`with ${bound.cte}
      select coalesce(sum(w.duration_seconds) filter (where not coalesce(${visible}, false)), 0)::int8 as seconds
      from worklogs w ${BASE_JOINS} where w.charge_id = ${chargeId}`.execute(db),
  ]);
  return { rows: shown.rows, hiddenSeconds: Number(hidden.rows[0]?.seconds ?? 0) };
}

/** The new charge, or undefined when a live charge has the invoice number (compared case-insensitively). */
export async function insertCharge(
  trx: Database,
  values: { invoiceNumber: string; invoiceDate: string; amount: string; currency: string; createdBy: number },
) {
  const { rows } = await sql<{
    id: number;
  }>`insert into charges (invoice_number, invoice_date, amount, currency, created_by)
    values (${values.invoiceNumber}, ${values.invoiceDate}, ${values.amount}::numeric, ${values.currency}, ${values.createdBy})
    on conflict ((lower(invoice_number))) where revoked_at is null do nothing returning id`.execute(trx);
  return rows[0];
}

export async function markCharged(trx: Database, chargeId: number, worklogIds: readonly number[]) {
  await trx
    .updateTable('worklogs')
    .set({ charge_id: chargeId })
    .where('id', 'in', [...worklogIds])
    .execute();
}

/** The charge's stored row, locked for its revocation. */
export function lockCharge(trx: Database, id: number) {
  return trx.selectFrom('charges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Revokes the charge: its work logs are released (their ids returned) and the charge marked revoked. */
export async function revokeCharge(trx: Database, id: number, actorId: number) {
  const released = await trx
    .updateTable('worklogs')
    .set({ charge_id: null })
    .where('charge_id', '=', id)
    .returning('id')
    .execute();
  const after = await trx
    .updateTable('charges')
    .set({ revoked_at: new Date(), revoked_by: actorId, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { after, worklogIds: released.map((r) => r.id).sort((a, b) => a - b) };
}
