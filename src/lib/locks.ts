import { sql } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Transaction-scoped advisory locks that make the state gates of work logs hold at commit (FLOW-1, FLOW-3). A work-log
 * write takes them shared before it decides inside its transaction; a slice transition of the owner, or a close of a
 * team's period, takes its one exclusively. So a close racing a write waits for the write to commit, or the write waits
 * for the close and then reads the closed period — never a write in a closed period. Shared locks never wait for each
 * other, so work-log writes run side by side as before. The same on PGlite and PostgreSQL.
 */
const OWNER_SHEET = 7301;
const TEAM_PERIODS = 7302;

/** Shared: the owner's timesheet and the periods of their current teams, plus the stored work log's recorded team. */
export async function lockWorkDays(trx: Database, ownerId: number, worklogId?: number): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${OWNER_SHEET}, ${ownerId}::int),
      (select count(pg_advisory_xact_lock_shared(${TEAM_PERIODS}, t.team_id))
         from (select m.team_id from team_memberships m where m.user_id = ${ownerId}::int and m.left_at is null
               union select w.team_id from worklogs w where w.id = ${worklogId ?? 0} and w.team_id is not null
               order by 1) t)`.execute(trx);
}

/** Exclusive: a slice transition of the owner's timesheet (submit, approve, reject, recall, reopen). */
export function lockOwnerSheet(trx: Database, ownerId: number): Promise<void> {
  return lockOwnerSheets(trx, [ownerId]);
}

/**
 * Exclusive, for a batch's transitions: the owners' timesheets in one statement, in ascending id order — every taker
 * of more than one owner's lock takes them in that order, so two batches never wait for each other in a circle.
 */
export async function lockOwnerSheets(trx: Database, ownerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(ownerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await sql`select count(pg_advisory_xact_lock(${OWNER_SHEET}, o.id))
    from (select unnest(${ids}::int[]) as id order by 1) o`.execute(trx);
}

/** Exclusive: closing or reopening a period of the team. */
export async function lockTeamPeriods(trx: Database, teamId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TEAM_PERIODS}, ${teamId}::int)`.execute(trx);
}
