import { sql, type RawBuilder } from 'kysely';
import { canViewItem, type UserRef } from './sql.js';

/**
 * ITEM-2 in SQL: where the tree lists an item for a user. An item's *visible parent* is its nearest ancestor the user
 * may view; the item is listed under it, or at the top of the project's tree when it has none. For most items that is
 * the parent. It differs only under a hidden parent, and such a viewable item always has a setting of its own (without
 * one it would inherit the parent's and be hidden too), so the candidates are the project's settings — a few rows —
 * never its items.
 *
 * Whether an item is viewable depends only on its project and its governing setting (`canViewItem`), and a setting's
 * own item is governed by it: so the settings that hide, found once by `canViewItem` on their own items, tell which
 * items are hidden (those they govern). Climbing from a hidden ancestor skips to above the setting that hides it —
 * every item between them inherits that setting.
 *
 * Returns the rows `(id, visible_parent_id)` of the project's viewable items whose parent is hidden.
 */
export function promotedItems(
  actor: { userId: UserRef; systemAdmin: boolean },
  projectId: number,
): RawBuilder<{ id: number; visible_parent_id: number | null }> {
  // System administrators view every item of a project they browse: no parent is hidden from them.
  if (actor.systemAdmin) return sql`select null::int as id, null::int as visible_parent_id where false`;
  return sql`
    with recursive tw_hiding as (
      -- A scalar subquery, so each setting's item is looked up by its key: as a join or an anti-join, PostgreSQL
      -- scanned every viewable item of the user's projects (36,000 rows on the benchmark world) to find 50 settings.
      select tw_sec.item_id from item_security tw_sec
        where tw_sec.project_id = ${projectId}
          and not coalesce((select ${canViewItem(actor, 'tw_h')} from work_items tw_h where tw_h.id = tw_sec.item_id), false)),
    tw_climb(id, at) as (
      select tw_s.id, tw_s.parent_id from item_security tw_sec
        join work_items tw_s on tw_s.id = tw_sec.item_id
        join work_items tw_p on tw_p.id = tw_s.parent_id
        where tw_sec.project_id = ${projectId} and tw_s.id not in (select item_id from tw_hiding)
          and tw_p.governing_item_id in (select item_id from tw_hiding)
      union all
      select tw_c.id, tw_g.parent_id from tw_climb tw_c
        join work_items tw_a on tw_a.id = tw_c.at
        join work_items tw_g on tw_g.id = tw_a.governing_item_id
        where tw_a.governing_item_id in (select item_id from tw_hiding))
    select tw_c.id, tw_c.at as visible_parent_id from tw_climb tw_c left join work_items tw_a on tw_a.id = tw_c.at
      where tw_a.governing_item_id is null or tw_a.governing_item_id not in (select item_id from tw_hiding)`;
}
