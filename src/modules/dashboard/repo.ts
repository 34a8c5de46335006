import { sql } from 'kysely';
import { canViewItem } from '../../authz/sql.js';
import { teamsWhoseWorkIsSeen, visibleItems, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';

/** The Dashboard's own reads: everything about hours goes through the reports' queries (modules/reports/repo.ts). */

/** My slices whose period holds the day, with their team. */
export async function findMySlices(db: Database, userId: number, day: string) {
  return db
    .selectFrom('timesheet_slices as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select(['s.team_id', 't.name as team_name', 's.state'])
    .where('s.user_id', '=', userId)
    .where('s.period_start', '<=', day)
    .where('s.period_end', '>=', day)
    .orderBy('s.team_id')
    .execute();
}

/** Items I registered, newest first, each with whether I may view it now (ITEM-9); trashed ones left out. */
export async function findMyItems(db: Database, reader: Reader, limit: number) {
  const { rows } = await sql<{ key: string; title: string; status: string; viewable: boolean }>`
    select i.key, i.title, i.status, coalesce(${canViewItem(reader, 'i')}, false) as viewable
    from work_items i where i.created_by = ${reader.userId} and i.deleted_at is null
    order by i.created_at desc, i.id desc limit ${limit}`.execute(db);
  return rows;
}

/** Teams in which my current membership holds VIEW_MEMBER_WORKLOGS (or what includes it), with their other current members. */
export async function findLedTeams(db: Database, userId: number) {
  const { rows } = await sql<{ id: number; name: string; members: Array<{ id: number; displayName: string }> }>`
    select t.id, t.name, coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name)
        order by u.display_name, u.id)
      from team_memberships o join users u on u.id = o.user_id
      where o.team_id = t.id and o.left_at is null and o.user_id <> ${userId}), '[]') as members
    from teams t where t.id in ${teamsWhoseWorkIsSeen({ userId })}
    order by t.name, t.id`.execute(db);
  return rows;
}

/** Of the users, those with no slice of the team submitted, approved or waiting for a recall over the days given. */
export async function findMissingTimesheets(db: Database, teamId: number, userIds: number[], from: string, to: string) {
  if (userIds.length === 0) return new Set<number>();
  const { rows } = await sql<{ id: number }>`select u.id from users u where u.id = any(${userIds}::int[])
    and not exists (select 1 from timesheet_slices s where s.user_id = u.id and s.team_id = ${teamId}
      and s.state in ('submitted', 'approved', 'recall_requested')
      and s.period_start <= ${to}::date and s.period_end >= ${from}::date)`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** The items I watch that I may view now (ITEM-9), newest watch first. */
export async function findWatchedItems(db: Database, reader: Reader, limit: number) {
  return db
    .selectFrom('item_watches as w')
    .innerJoin('work_items as i', 'i.id', 'w.item_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['i.id', 'i.key', 'i.title', 'i.status', 'p.key as project_key', 'p.name as project_name'])
    .where('w.user_id', '=', reader.userId)
    .where(visibleItems(reader, 'i'))
    .orderBy('w.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

export async function isWatched(db: Database, userId: number, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('item_watches')
    .select('item_id')
    .where('user_id', '=', userId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Starts watching; whether a watch was added (false: I watched it already). */
export async function insertWatch(db: Database, userId: number, itemId: number): Promise<boolean> {
  const rows = await db
    .insertInto('item_watches')
    .values({ user_id: userId, item_id: itemId })
    .onConflict((oc) => oc.doNothing())
    .returning('item_id')
    .execute();
  return rows.length > 0;
}

/** Stops watching; whether a watch was removed. */
export async function deleteWatch(db: Database, userId: number, itemId: number): Promise<boolean> {
  const rows = await db
    .deleteFrom('item_watches')
    .where('user_id', '=', userId)
    .where('item_id', '=', itemId)
    .returning('item_id')
    .execute();
  return rows.length > 0;
}
