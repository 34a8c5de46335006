import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/index.js';
import type { LeaveState } from '../../db/types.js';

/** Leave types and requests (FLOW-4). Days are numeric(5,1) in the database, numbers here. */

export interface LeaveTypeRow {
  id: number;
  name: string;
  allowance_days: number | null;
  archived: boolean;
  version: number;
}

const TYPE_COLUMNS = sql`t.id, t.name, t.allowance_days::float8 as allowance_days, t.archived, t.version`;

export async function findTypes(db: Database, options: { archived: boolean }): Promise<LeaveTypeRow[]> {
  const { rows } = await sql<LeaveTypeRow>`select ${TYPE_COLUMNS} from leave_types t
    where ${options.archived ? sql`true` : sql`not t.archived`} order by t.name`.execute(db);
  return rows;
}

export async function findType(db: Database, id: number, options: { lock?: boolean } = {}) {
  const { rows } = await sql<LeaveTypeRow>`select ${TYPE_COLUMNS} from leave_types t where t.id = ${id}
    ${options.lock ? sql`for update` : sql``}`.execute(db);
  return rows[0];
}

export async function typeNameTaken(db: Database, name: string, exceptId = 0): Promise<boolean> {
  const { rows } =
    await sql`select 1 from leave_types where lower(name) = lower(${name}) and id <> ${exceptId}`.execute(db);
  return rows.length > 0;
}

export async function insertType(trx: Database, input: { name: string; allowanceDays?: number | null }) {
  const { rows } = await sql<LeaveTypeRow>`insert into leave_types as t (name, allowance_days)
    values (${input.name}, ${input.allowanceDays ?? null}) returning ${TYPE_COLUMNS}`.execute(trx);
  return rows[0];
}

export async function updateType(
  trx: Database,
  id: number,
  change: { name?: string; allowanceDays?: number | null; archived?: boolean },
) {
  const { rows } = await sql<LeaveTypeRow>`update leave_types as t set
      name = coalesce(${change.name ?? null}, t.name),
      allowance_days = ${change.allowanceDays === undefined ? sql`t.allowance_days` : sql`${change.allowanceDays}::numeric`},
      archived = coalesce(${change.archived ?? null}::boolean, t.archived),
      version = t.version + 1
    where t.id = ${id} returning ${TYPE_COLUMNS}`.execute(trx);
  return rows[0];
}

export interface LeaveRow {
  id: number;
  user_id: number;
  user_name: string;
  type_id: number;
  type_name: string;
  start_date: string;
  end_date: string;
  start_half: boolean;
  end_half: boolean;
  days: number;
  comment: string;
  state: LeaveState;
  decision_comment: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  created_at: Date;
  version: number;
}

const REQUEST_COLUMNS = sql`l.id, l.user_id, u.display_name as user_name, l.type_id, t.name as type_name,
  to_char(l.start_date, 'YYYY-MM-DD') as start_date, to_char(l.end_date, 'YYYY-MM-DD') as end_date, l.start_half,
  l.end_half, l.days::float8 as days, l.comment, l.state, l.decision_comment, l.decided_by,
  d.display_name as decided_by_name, l.decided_at, l.created_at, l.version`;
const REQUEST_FROM = sql`from leave_requests l join users u on u.id = l.user_id join leave_types t on t.id = l.type_id
  left join users d on d.id = l.decided_by`;

export async function findRequest(db: Database, id: number): Promise<LeaveRow | undefined> {
  const { rows } = await sql<LeaveRow>`select ${REQUEST_COLUMNS} ${REQUEST_FROM} where l.id = ${id}`.execute(db);
  return rows[0];
}

/** The user's requests that touch the year, latest first. */
export async function findOwnRequests(db: Database, userId: number, year: number): Promise<LeaveRow[]> {
  const { rows } = await sql<LeaveRow>`select ${REQUEST_COLUMNS} ${REQUEST_FROM}
    where l.user_id = ${userId} and l.start_date <= make_date(${year}::int, 12, 31)
      and l.end_date >= make_date(${year}::int, 1, 1)
    order by l.start_date desc, l.id desc`.execute(db);
  return rows;
}

/**
 * A page of the requests `visible` admits in the state (the approval queue: those routed to the reader), never the
 * reader's own, by start date then id after the cursor.
 */
export async function findQueue(
  db: Database,
  visible: Expression<SqlBool>,
  query: { readerId: number; state: LeaveState; limit: number; after?: [string, number] },
): Promise<LeaveRow[]> {
  const after = query.after ? sql`and (l.start_date, l.id) > (${query.after[0]}::date, ${query.after[1]})` : sql``;
  const { rows } = await sql<LeaveRow>`select ${REQUEST_COLUMNS} ${REQUEST_FROM}
    where l.state = ${query.state} and l.user_id <> ${query.readerId} and ${visible} ${after}
    order by l.start_date, l.id limit ${query.limit + 1}`.execute(db);
  return rows;
}

/** The owner's pending or approved requests overlapping the range (ignoring `exceptId`). */
export async function findOverlapping(trx: Database, userId: number, from: string, to: string, exceptId = 0) {
  const { rows } = await sql<{ id: number; start_date: string; end_date: string }>`select id,
      to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date
    from leave_requests where user_id = ${userId} and state in ('pending', 'approved') and id <> ${exceptId}
      and start_date <= ${to}::date and end_date >= ${from}::date order by start_date limit 1`.execute(trx);
  return rows[0];
}

/** Days taken (approved) and pending per type in the year, of the types with an allowance. */
export async function findUsedDays(db: Database, userId: number, year: number) {
  const { rows } = await sql<{ type_id: number; approved: number; pending: number }>`select l.type_id,
      coalesce(sum(l.days) filter (where l.state = 'approved'), 0)::float8 as approved,
      coalesce(sum(l.days) filter (where l.state = 'pending'), 0)::float8 as pending
    from leave_requests l
    where l.user_id = ${userId} and extract(year from l.start_date) = ${year} and l.state in ('pending', 'approved')
    group by l.type_id`.execute(db);
  return rows;
}

export async function insertRequest(
  trx: Database,
  row: {
    userId: number;
    typeId: number;
    startDate: string;
    endDate: string;
    startHalf: boolean;
    endHalf: boolean;
    days: number;
    comment: string;
  },
): Promise<number> {
  const { rows } = await sql<{ id: number }>`insert into leave_requests
      (user_id, type_id, start_date, end_date, start_half, end_half, days, comment)
    values (${row.userId}, ${row.typeId}, ${row.startDate}::date, ${row.endDate}::date, ${row.startHalf},
      ${row.endHalf}, ${row.days}, ${row.comment}) returning id`.execute(trx);
  return rows[0].id;
}

/** Moves the request to `state` if it is still at `version`; false when it is not. */
export async function setState(
  trx: Database,
  id: number,
  change: { state: LeaveState; version: number; decidedBy: number | null; comment: string | null },
): Promise<boolean> {
  const { rows } = await sql`update leave_requests set state = ${change.state}, version = version + 1,
      decided_by = ${change.decidedBy}, decided_at = ${change.decidedBy === null ? null : sql`now()`},
      decision_comment = ${change.comment}
    where id = ${id} and version = ${change.version} returning id`.execute(trx);
  return rows.length > 0;
}

/** The type names of the requests, for the leave a calendar shows (masked by the caller where it may not be seen). */
export async function findTypeNames(db: Database, requestIds: readonly number[]): Promise<Map<number, string>> {
  if (requestIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; name: string }>`select l.id, t.name from leave_requests l
    join leave_types t on t.id = l.type_id where l.id = any(${[...requestIds]}::int[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.name]));
}
