import { sql } from 'kysely';
import type { Database } from '../../db/index.js';

/**
 * Serialises the changes to one project's tree and settings. `recomputeGoverning` reads the tree as it was when
 * its statement began, so a setting saved while a concurrent transaction adds or moves an item below it would
 * leave that item ungoverned — open to everyone (ITEM-2). Every transaction that changes settings or the tree
 * takes this lock first; it conflicts with the item-number counter update, which item creation also takes.
 */
export async function lockProjectTree(db: Database, projectId: number): Promise<void> {
  await db.selectFrom('projects').select('id').where('id', '=', projectId).forNoKeyUpdate().execute();
}

/**
 * Recomputes `governing_item_id` — the nearest ancestor-or-self with a setting of its own (ITEM-2) —
 * for the subtree under `rootItemId`. Called in the same transaction as every change to settings or
 * to the tree, so a request right after a change sees it.
 */
export async function recomputeGoverning(db: Database, rootItemId: number): Promise<void> {
  await sql`
    with recursive seed as (
      select coalesce((select p.governing_item_id from work_items p where p.id = r.parent_id), null) as gov
      from work_items r where r.id = ${rootItemId}),
    t as (
      select i.id, case when exists (select 1 from item_security s where s.item_id = i.id) then i.id else (select gov from seed) end as gov
      from work_items i where i.id = ${rootItemId}
      union all
      select c.id, case when exists (select 1 from item_security s where s.item_id = c.id) then c.id else t.gov end
      from work_items c join t on c.parent_id = t.id)
    update work_items w set governing_item_id = t.gov from t
    where w.id = t.id and w.governing_item_id is distinct from t.gov`.execute(db);
}

/** The ids of an item and all its descendants. */
export async function subtreeIds(db: Database, rootItemId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive t as (select id from work_items where id = ${rootItemId}
      union all select c.id from work_items c join t on c.parent_id = t.id)
    select id from t`.execute(db);
  return rows.map((r) => r.id);
}
