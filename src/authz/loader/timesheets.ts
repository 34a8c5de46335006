import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { SliceState } from '../../db/types.js';
import type { SliceFact, WorkLocks, WorklogFact } from '../facts.js';

/** What a work-log action's locks are read for: the user the work is for, the days it touches, the stored work log. */
export interface LockQuery {
  ownerId: number;
  /** New work dates (the stored work log's date is added from its row). */
  dates: readonly string[];
  worklogId?: number;
}

interface SliceRow {
  id: number;
  owner_id: number;
  owner_name: string;
  team_id: number | null;
  team_name: string | null;
  start: string;
  end: string;
  state: SliceState;
}

const sliceFromRow = (r: SliceRow): SliceFact => ({
  id: r.id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  teamId: r.team_id,
  teamName: r.team_name,
  start: r.start,
  end: r.end,
  state: r.state,
});

function daysOf(query: LockQuery) {
  const given = query.dates.length ? query.dates.map((d) => sql`(${d}::date)`) : [sql`(null::date)`];
  return sql`(values ${sql.join(given)} union select start_date from worklogs where id = ${query.worklogId ?? 0})`;
}

/** The closed periods holding one of the days, of the owner's current teams and of the stored work log's team. */
const closedPeriods = (query: LockQuery) => sql`from team_periods tp join teams t on t.id = tp.team_id
  where tp.state = 'closed'
    and tp.team_id in (select m.team_id from team_memberships m where m.user_id = ${query.ownerId} and m.left_at is null
                       union select w.team_id from worklogs w where w.id = ${query.worklogId ?? 0})
    and exists (select 1 from ${daysOf(query)} d(day) where d.day between tp.period_start and tp.period_end)`;

/** The owner's slices that are not open, holding one of the days. */
const heldSlices = (query: LockQuery) => sql`from timesheet_slices s join users u on u.id = s.user_id
    left join teams t on t.id = s.team_id
  where s.user_id = ${query.ownerId} and s.state <> 'open'
    and exists (select 1 from ${daysOf(query)} d(day) where d.day between s.period_start and s.period_end)`;

/**
 * The locks on a work-log action's days, and the stored work log, as one json value: closed periods of the owner's
 * teams (and of the work log's recorded team) and the owner's slices that are not open, each holding one of the days.
 */
function locksSql(query: LockQuery) {
  return sql<string>`json_build_object(
    'periods', (select json_agg(json_build_object('team_id', tp.team_id, 'team_name', t.name, 'start', tp.period_start, 'end', tp.period_end)
         order by tp.period_start, tp.team_id) ${closedPeriods(query)}),
    'slices', (select json_agg(json_build_object('id', s.id, 'owner_id', s.user_id, 'owner_name', u.display_name, 'team_id', s.team_id,
            'team_name', t.name, 'start', s.period_start, 'end', s.period_end, 'state', s.state)
         order by s.period_start, s.period_end, s.id) ${heldSlices(query)}),
    'worklog', (select json_build_object('id', w.id, 'team_id', w.team_id, 'date', w.start_date, 'charge_id', w.charge_id, 'invoice', c.invoice_number)
       from worklogs w left join charges c on c.id = w.charge_id where w.id = ${query.worklogId ?? 0}))`;
}

/**
 * What a work-log decision read of its days' locks: their digest, or — a creation's first try — none at all (the
 * engine decided on "no closed period, no held slice" without reading them).
 */
export interface LocksRead {
  query: LockQuery;
  digest: string | null;
}

/**
 * The condition a creation's insert is guarded by (worklogs/repo.ts): the locks are still what the decision read —
 * none, or the same digest — so the row lands only on the facts it was decided on.
 */
export function locksUnchanged(read: LocksRead) {
  return read.digest === null
    ? sql`not exists (select 1 ${closedPeriods(read.query)}) and not exists (select 1 ${heldSlices(read.query)})`
    : sql`md5((${locksSql(read.query)})::text) = ${read.digest}`;
}

interface LocksRow {
  periods: Array<{ team_id: number; team_name: string; start: string; end: string }> | null;
  slices: SliceRow[] | null;
  worklog: {
    id: number;
    team_id: number | null;
    date: string;
    charge_id: number | null;
    invoice: string | null;
  } | null;
}

/** The locks (locksSql) as facts, with the digest of what was read. */
export async function loadLocks(
  db: Database,
  query: LockQuery,
): Promise<{ locks: WorkLocks; worklog: WorklogFact | undefined; digest: string }> {
  const { rows } = await sql<{ locks: LocksRow; digest: string }>`select l.locks, md5(l.locks::text) as digest
    from (select ${locksSql(query)} as locks) l`.execute(db);
  const { locks: row, digest } = rows[0];
  const w = row.worklog;
  return {
    digest,
    locks: {
      periods: (row.periods ?? []).map((p) => ({
        teamId: p.team_id,
        teamName: p.team_name,
        start: p.start,
        end: p.end,
      })),
      slices: (row.slices ?? []).map(sliceFromRow),
    },
    worklog: w
      ? {
          id: Number(w.id),
          teamId: w.team_id,
          date: w.date,
          charge: w.charge_id === null ? null : { id: w.charge_id, invoiceNumber: w.invoice ?? '' },
        }
      : undefined,
  };
}

/** Timesheet slices by id, with their owner's and team's names. */
export async function loadSlices(db: Database, ids: readonly number[]): Promise<Map<number, SliceFact>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<SliceRow>`select s.id, s.user_id as owner_id, u.display_name as owner_name, s.team_id,
      t.name as team_name, s.period_start as start, s.period_end as end, s.state
    from timesheet_slices s join users u on u.id = s.user_id left join teams t on t.id = s.team_id
    where s.id in (${sql.join([...ids])})`.execute(db);
  return new Map(rows.map((r) => [r.id, sliceFromRow(r)]));
}
