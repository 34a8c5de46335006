import { sql } from 'kysely';
import type { Database } from '../../db/index.js';

/** Calendar feeds and what they show: approved (and, for one's own, pending) leave over a window of days. */

export interface FeedRow {
  id: number;
  user_id: number;
  team_id: number | null;
  team_name: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const FEED = sql`select f.id, f.user_id, f.team_id, t.name as team_name, f.created_at, f.revoked_at
  from calendar_feeds f left join teams t on t.id = f.team_id`;

export async function findFeedsOf(db: Database, userId: number): Promise<FeedRow[]> {
  const { rows } = await sql<FeedRow>`${FEED} where f.user_id = ${userId} order by f.id desc`.execute(db);
  return rows;
}

export async function insertFeed(trx: Database, row: { userId: number; teamId: number | null; digest: string }) {
  const { rows } = await sql<{ id: number }>`insert into calendar_feeds (user_id, team_id, token_hash)
    values (${row.userId}, ${row.teamId}, ${row.digest}) returning id`.execute(trx);
  return rows[0].id;
}

export async function findFeed(db: Database, id: number): Promise<FeedRow | undefined> {
  const { rows } = await sql<FeedRow>`${FEED} where f.id = ${id}`.execute(db);
  return rows[0];
}

/** Revokes one of the user's feeds (a revoked one stays as it was); none when it is not theirs. */
export async function revokeFeed(trx: Database, userId: number, id: number): Promise<FeedRow | undefined> {
  await sql`update calendar_feeds set revoked_at = coalesce(revoked_at, now())
    where id = ${id} and user_id = ${userId}`.execute(trx);
  const row = await findFeed(trx, id);
  return row?.user_id === userId ? row : undefined;
}

/** A live feed by its token's digest. */
export async function findLiveFeed(db: Database, digest: string): Promise<FeedRow | undefined> {
  const { rows } = await sql<FeedRow>`${FEED} where f.token_hash = ${digest} and f.revoked_at is null`.execute(db);
  return rows[0];
}

export interface FeedLeaveRow {
  id: number;
  user_id: number;
  user_name: string;
  start_date: string;
  end_date: string;
  start_half: boolean;
  end_half: boolean;
  state: 'pending' | 'approved';
}

/**
 * The leave a feed shows between the days: a user's own pending and approved requests, or the approved ones of a
 * team's current members.
 */
export async function findFeedLeave(
  db: Database,
  of: { userId: number } | { teamId: number },
  from: string,
  to: string,
): Promise<FeedLeaveRow[]> {
  const whose =
    'userId' in of
      ? sql`l.user_id = ${of.userId} and l.state in ('pending', 'approved')`
      : sql`l.state = 'approved' and l.user_id in (select m.user_id from team_memberships m
          where m.team_id = ${of.teamId} and m.left_at is null)`;
  const { rows } = await sql<FeedLeaveRow>`select l.id, l.user_id, u.display_name as user_name,
      to_char(l.start_date, 'YYYY-MM-DD') as start_date, to_char(l.end_date, 'YYYY-MM-DD') as end_date, l.start_half,
      l.end_half, l.state
    from leave_requests l join users u on u.id = l.user_id
    where ${whose} and l.end_date >= ${from}::date and l.start_date <= ${to}::date
    order by l.start_date, l.id`.execute(db);
  return rows;
}

/** The team's current members. */
export async function findMemberIds(db: Database, teamId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('team_memberships')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('left_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function findUser(db: Database, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'display_name', 'email', 'system_admin', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}
