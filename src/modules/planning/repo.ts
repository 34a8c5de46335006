import { sql } from 'kysely';
import { usersWhosePlansAreSeen, visibleItems, visibleTeams, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { PlanKind } from '../../db/types.js';

/** A planned task or event with the names it shows, and whether the reader may view its work item (ITEM-9). */
export interface PlanRow extends PlanValues {
  id: number;
  user_name: string | null;
  team_name: string | null;
  item_key: string | null;
  item_title: string | null;
  project_key: string | null;
  client_name: string | null;
  version: number;
  viewable: boolean;
}

/** The plans touching a range: of the users (theirs), or the teams' placeholders (no user); or one by id. */
export async function findPlans(
  db: Database,
  reader: Reader,
  where: { userIds?: readonly number[]; teamIds?: readonly number[]; from?: string; to?: string; id?: number },
): Promise<PlanRow[]> {
  const { userIds = [], teamIds = [], from, to, id } = where;
  const { rows } = await sql<PlanRow>`select t.id, t.kind, t.user_id, u.display_name as user_name, t.team_id,
      tm.name as team_name, t.item_id, i.key as item_key, i.title as item_title, t.project_id, p.key as project_key,
      t.title, to_char(t.start_date, 'YYYY-MM-DD') as start_date, to_char(t.end_date, 'YYYY-MM-DD') as end_date,
      t.seconds_per_day, t.tentative, t.billable, t.client_id, c.name as client_name, t.version,
      (t.item_id is null or coalesce(${visibleItems(reader, 'i')}, false)) as viewable
    from planned_tasks t
      left join users u on u.id = t.user_id
      left join teams tm on tm.id = t.team_id
      left join work_items i on i.id = t.item_id
      left join projects p on p.id = t.project_id
      left join clients c on c.id = t.client_id
    where ${
      id !== undefined
        ? sql`t.id = ${id}`
        : sql`(t.user_id = any(${[...userIds]}::int[])
            or (t.user_id is null and t.team_id = any(${[...teamIds]}::int[])))
          and t.start_date <= ${to}::date and t.end_date >= ${from}::date`
    }
    order by t.start_date, t.id`.execute(db);
  return rows;
}

/** The people on the reader's timeline (whose Schedule they see, FLOW-5), active, with their teams the reader sees. */
export async function findPeople(db: Database, reader: Reader, teamId: number | undefined) {
  const { rows } = await sql<{ id: number; display_name: string; team_ids: number[] }>`select o.id, o.display_name,
      coalesce(array_agg(m.team_id order by tm.name) filter (where tm.id is not null), '{}') as team_ids
    from users o
      left join team_memberships m on m.user_id = o.id and m.left_at is null
      left join teams tm on tm.id = m.team_id and ${visibleTeams(reader, 'tm')}
    where o.active and o.id in ${usersWhosePlansAreSeen(reader)}
      ${teamId === undefined ? sql`` : sql`and exists (select 1 from team_memberships f where f.user_id = o.id and f.left_at is null and f.team_id = ${teamId})`}
    group by o.id, o.display_name
    order by o.display_name, o.id`.execute(db);
  return rows.map((r) => ({ ...r, team_ids: r.team_ids.map(Number) }));
}

/** Teams the reader sees (TEAM-8), by id: the timeline's groups. */
export async function findTeams(db: Database, reader: Reader, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number; name: string }>`select tm.id, tm.name from teams tm
    where tm.id = any(${[...ids]}::int[]) and ${visibleTeams(reader, 'tm')} order by tm.name, tm.id`.execute(db);
  return rows;
}

export async function lockPlan(trx: Database, id: number) {
  const { rows } = await sql<{ id: number; version: number }>`select id, version from planned_tasks
    where id = ${id} for update`.execute(trx);
  return rows[0];
}

export interface PlanValues {
  kind: PlanKind;
  user_id: number | null;
  team_id: number | null;
  item_id: number | null;
  project_id: number | null;
  title: string;
  start_date: string;
  end_date: string;
  seconds_per_day: number;
  tentative: boolean;
  billable: boolean;
  client_id: number | null;
}

export async function insertPlan(trx: Database, values: PlanValues, createdBy: number): Promise<number> {
  const row = await trx
    .insertInto('planned_tasks')
    .values({ ...values, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(trx: Database, id: number, values: PlanValues) {
  await trx
    .updateTable('planned_tasks')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function deletePlan(trx: Database, id: number) {
  await trx.deleteFrom('planned_tasks').where('id', '=', id).execute();
}

/** A work item's project, for a live item. */
export function findItemProject(db: Database, itemId: number) {
  return db
    .selectFrom('work_items')
    .select(['project_id'])
    .where('id', '=', itemId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findClient(db: Database, id: number) {
  return db.selectFrom('clients').select(['id', 'archived']).where('id', '=', id).executeTakeFirst();
}

export function findActiveUser(db: Database, id: number) {
  return db.selectFrom('users').select(['id']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}
