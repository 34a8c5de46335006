import { sql, type Expression, type SqlBool } from 'kysely';
import { loadItems } from '../../authz/loader.js';
import { browsingUsers, viewingUsers } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';

export async function findUser(db: Database, userId: number) {
  return db.selectFrom('users').select(['id', 'login', 'display_name']).where('id', '=', userId).executeTakeFirst();
}

/** A page of active users (one more than the limit) meeting `condition` on `u`, by login after `afterLogin`. */
function activeUsersWhere(
  db: Database,
  condition: Expression<SqlBool>,
  page: { limit: number; afterLogin: string | undefined },
) {
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.login', 'u.display_name'])
    .where('u.active', '=', true)
    .where(condition)
    .orderBy('u.login')
    .limit(page.limit + 1);
  if (page.afterLogin !== undefined) q = q.where('u.login', '>', page.afterLogin);
  return q.execute();
}

/** EXPL-2: the active users who can view the item — the predicate every list uses, with the user as a column. */
export function usersViewingItem(
  db: Database,
  itemId: number,
  page: { limit: number; afterLogin: string | undefined },
) {
  return activeUsersWhere(db, viewingUsers('u', itemId), page);
}

/** EXPL-2: the active users who can browse the project. */
export function usersBrowsingProject(
  db: Database,
  projectId: number,
  page: { limit: number; afterLogin: string | undefined },
) {
  return activeUsersWhere(db, browsingUsers('u', projectId), page);
}

export async function activeUserIds(db: Database): Promise<number[]> {
  return (await db.selectFrom('users').select('id').where('active', '=', true).execute()).map((u) => u.id);
}

export async function namesOfUsers(db: Database, userIds: number[]) {
  if (!userIds.length) return [];
  return db.selectFrom('users').select(['id', 'login', 'display_name']).where('id', 'in', userIds).execute();
}

export async function keysOfProjects(db: Database, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db.selectFrom('projects').select(['id', 'key']).where('id', 'in', projectIds).execute();
}

/** The facts of an item and its live subtree, breadth first, at most `limit` items. */
export async function subtreeFacts(db: Database, rootItemId: number, limit: number) {
  const { rows: items } = await sql<{ id: number }>`
    with recursive t as (select id, 0 as depth from work_items where id = ${rootItemId}
      union all select c.id, t.depth + 1 from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
    select id from t order by depth, id limit ${limit}`.execute(db);
  return loadItems(db, sql`i.id in (${sql.join(items.map((i) => i.id))})`);
}
