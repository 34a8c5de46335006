import { sql } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * The locks that make the state gates of work logs hold at commit (FLOW-1, FLOW-3, FLOW-9), the same on PGlite and
 * PostgreSQL. A state change that locks work days — a slice transition, a close of a team's period, a charge — takes
 * the `worklogs` table in SHARE mode inside its transaction: it waits for the work-log writes under way to commit, and
 * holds new ones back until it commits. A work-log write holds ROW EXCLUSIVE on the table (every INSERT, UPDATE and
 * DELETE does, taken before the statement reads anything), so what it decides on is read after the change it waited
 * for: a creation's insert is guarded by the locks it decided on (worklogs/repo.ts), an edit or delete takes the table
 * lock first in its transaction and decides after it. Writers never wait for each other: ROW EXCLUSIVE is PostgreSQL's
 * fast-path lock, which takes no shared lock-table entry — unlike the per-owner advisory locks shared by every write
 * that this replaced (measured in BENCHMARKS.md: creation at half its rate, from contention on one lock entry).
 * The state changes of one owner's timesheet, or one team's periods, also wait for each other on an advisory lock,
 * taken before the table lock (always in that order, and owners in ascending id order: no two wait in a circle).
 */
const OWNER_SHEET = 7301;
const TEAM_PERIODS = 7302;

/** What a state change does to work logs: reads them (SHARE; changes run side by side) or writes them too (charges). */
type Mode = 'share' | 'share row exclusive';

async function lockWorklogs(trx: Database, mode: Mode): Promise<void> {
  if (mode === 'share') await sql`lock table worklogs in share mode`.execute(trx);
  else await sql`lock table worklogs in share row exclusive mode`.execute(trx);
}

/** A work-log edit or delete, first in its transaction: its decision inside reads what any state change left. */
export async function lockWorkDays(trx: Database): Promise<void> {
  await sql`lock table worklogs in row exclusive mode`.execute(trx);
}

/** A slice transition of the owner's timesheet (submit, approve, reject, recall, reopen). */
export function lockOwnerSheet(trx: Database, ownerId: number): Promise<void> {
  return lockOwnerSheets(trx, [ownerId]);
}

/**
 * The owners' timesheets for a batch of transitions or a charge: their advisory locks in one statement, in ascending
 * id order, then the table. A charge writes the work logs it locks (`share row exclusive`: charges wait for each
 * other, where two SHARE holders both upgrading to write would deadlock).
 */
export async function lockOwnerSheets(trx: Database, ownerIds: readonly number[], mode: Mode = 'share'): Promise<void> {
  const ids = [...new Set(ownerIds)].sort((a, b) => a - b);
  if (ids.length > 0)
    await sql`select count(pg_advisory_xact_lock(${OWNER_SHEET}, o.id))
      from (select unnest(${ids}::int[]) as id order by 1) o`.execute(trx);
  await lockWorklogs(trx, mode);
}

/** Closing or reopening a period of the team. */
export async function lockTeamPeriods(trx: Database, teamId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TEAM_PERIODS}, ${teamId}::int)`.execute(trx);
  await lockWorklogs(trx, 'share');
}

const OWNER_LEAVE = 7303;

/**
 * One owner's leave (FLOW-4): a request, and every decision on one of their requests, wait for each other, so the
 * overlap and the allowance a request is checked against hold at commit.
 */
export async function lockOwnerLeave(trx: Database, ownerId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${OWNER_LEAVE}, ${ownerId}::int)`.execute(trx);
}
