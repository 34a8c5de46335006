import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import type { PeriodState } from '../../db/types.js';

/** The team-period queries (FLOW-3): a year's stored months, one month locked for a change, the change itself. */

export interface PeriodRow {
  id: number;
  period_start: string;
  period_end: string;
  state: PeriodState;
  version: number;
  updated_at: Date;
  updated_by: number | null;
  updated_by_name: string | null;
}

const periodColumns = [
  'tp.id',
  'tp.period_start',
  'tp.period_end',
  'tp.state',
  'tp.version',
  'tp.updated_at',
  'tp.updated_by',
  'u.display_name as updated_by_name',
] as const;

/** The stored months of the team between two days (a row exists once a month was first closed). */
export function findPeriods(db: Database, teamId: number, from: string, to: string): Promise<PeriodRow[]> {
  return db
    .selectFrom('team_periods as tp')
    .leftJoin('users as u', 'u.id', 'tp.updated_by')
    .select(periodColumns)
    .where('tp.team_id', '=', teamId)
    .where('tp.period_start', '>=', from)
    .where('tp.period_start', '<=', to)
    .orderBy('tp.period_start')
    .execute();
}

/** The stored month's id, if it was ever closed. */
export async function findPeriodId(db: Database, teamId: number, start: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('team_periods')
    .select('id')
    .where('team_id', '=', teamId)
    .where('period_start', '=', start)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The month's row, stored as open first if it never was, and locked for the change. Undefined when the team is gone
 * (deleted since the decision): the insert takes its rows from the team's, so it writes nothing then.
 */
export async function lockPeriod(
  trx: Database,
  teamId: number,
  period: { start: string; end: string },
): Promise<PeriodRow | undefined> {
  await sql`insert into team_periods (team_id, period_start, period_end, state)
    select t.id, ${period.start}::date, ${period.end}::date, 'open' from teams t where t.id = ${teamId}
    on conflict (team_id, period_start) do nothing`.execute(trx);
  return trx
    .selectFrom('team_periods as tp')
    .leftJoin('users as u', 'u.id', 'tp.updated_by')
    .select(periodColumns)
    .where('tp.team_id', '=', teamId)
    .where('tp.period_start', '=', period.start)
    .forUpdate('tp')
    .executeTakeFirst();
}

/** Sets the month's state, who changed it and when; one more version (API-4). */
export function setPeriodState(trx: Database, id: number, state: PeriodState, actorId: number) {
  return trx
    .updateTable('team_periods')
    .set((eb) => ({ state, updated_by: actorId, updated_at: sql`now()`, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning(['id', 'period_start', 'period_end', 'state', 'version', 'updated_at', 'updated_by'])
    .executeTakeFirstOrThrow();
}
