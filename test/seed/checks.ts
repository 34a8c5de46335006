import { sql } from 'kysely';
import type { Database } from '../../src/db/index.js';

/** SQL-side checks of a seeded world, written independently of the seeders' in-memory bookkeeping. */

/** (project, user) pairs holding a permission by a user, group, project-role or group-in-project-role grant. */
function holders(permission: string) {
  return sql`
    with granted as (select * from project_permission_grants where permission = ${permission})
    select project_id, user_id from granted where user_id is not null
    union select g.project_id, gm.user_id from granted g join group_members gm on gm.group_id = g.group_id
    union select g.project_id, rm.user_id from granted g
      join project_role_members rm on rm.role_id = g.role_id and rm.project_id = g.project_id where rm.user_id is not null
    union select g.project_id, gm.user_id from granted g
      join project_role_members rm on rm.role_id = g.role_id and rm.project_id = g.project_id
      join group_members gm on gm.group_id = rm.group_id`;
}

/** Work logs whose author lacks WORK_ON_ISSUES on the work log's project (PRJ-5). */
export async function worklogsWithoutWorkPermission(db: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from worklogs l
    where not exists (select 1 from (${holders('WORK_ON_ISSUES')}) h where h.project_id = l.project_id and h.user_id = l.author_id)`.execute(
    db,
  );
  return rows[0].n;
}

/** 'KEY:PERMISSION' strings a user holds, sorted. */
export async function permissionsOfLogin(db: Database, login: string): Promise<string[]> {
  const found: string[] = [];
  for (const permission of ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES', 'ADMINISTER_PROJECT']) {
    const { rows } = await sql<{ key: string }>`
      select p.key from (${holders(permission)}) h join projects p on p.id = h.project_id join users u on u.id = h.user_id
      where u.login = ${login}`.execute(db);
    found.push(...rows.map((r) => `${r.key}:${permission}`));
  }
  return found.sort();
}

export async function worklogsOnForeignProject(db: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from worklogs l join work_items i on i.id = l.item_id where i.project_id <> l.project_id`.execute(
    db,
  );
  return rows[0].n;
}

/** Deepest tree level per project key (top-level items are depth 1); also fails on a parent in another project. */
export async function treeDepths(db: Database): Promise<Record<string, number>> {
  const { rows } = await sql<{ key: string; depth: number }>`
    with recursive tree as (
      select id, project_id, 1 as depth from work_items where parent_id is null
      union all
      select c.id, c.project_id, t.depth + 1 from work_items c join tree t on c.parent_id = t.id and c.project_id = t.project_id
    )
    select p.key, max(t.depth)::int as depth from tree t join projects p on p.id = t.project_id group by p.key`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.depth]));
}

/** Projects whose next_item_num is not max(num) + 1, or whose item keys do not read `<KEY>-<num>`. */
export async function inconsistentNumbering(db: Database): Promise<string[]> {
  const { rows } = await sql<{ problem: string }>`
    select 'next_item_num of ' || p.key as problem from projects p
      where p.next_item_num <> coalesce((select max(num) from work_items i where i.project_id = p.id), 0) + 1
    union all
    select 'key ' || i.key from work_items i join projects p on p.id = i.project_id where i.key <> p.key || '-' || i.num`.execute(
    db,
  );
  return rows.map((r) => r.problem);
}
