import { sql, type RawBuilder } from 'kysely';
import { canViewItem } from '../../authz/sql.js';
import { promotedItems } from '../../authz/tree-sql.js';
import { readerBoundOnce, reportedWorklogs, type Reader } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';

/**
 * The pivot over the work-item tree (REP-3, ITEM-9). The subtree — of one item, or a project's whole tree — is walked
 * in SQL. Mode "all items" returns only the items the reader may view, each with the hours the reader's reports count on
 * it (`reportedWorklogs`, so only work on viewable items); the service rolls them up the viewable tree. Mode "efforts and
 * costs" returns totals over every work log of the subtree and no item at all.
 */

export type PivotRoot = { projectId: number; itemId: number | null };

/**
 * The subtree's items (trashed ones left out), as `tw_tree(id)`. An item's children are in its project (items move
 * within a project), so each step reads the project's items only: without it every work item was hashed (70 ms of
 * a 10,000-item project's pivot on bench:reports).
 */
function subtree(root: PivotRoot): RawBuilder<unknown> {
  const start =
    root.itemId === null
      ? sql`tw_r.project_id = ${root.projectId} and tw_r.parent_id is null`
      : sql`tw_r.id = ${root.itemId}`;
  return sql`tw_tree(id) as (select tw_r.id from work_items tw_r where ${start} and tw_r.deleted_at is null
    union all select tw_c.id from work_items tw_c join tw_tree tw_t on tw_c.parent_id = tw_t.id
      where tw_c.project_id = ${root.projectId} and tw_c.deleted_at is null)`;
}

const VALUE = sql`round(w.rate * w.duration_seconds / 3600.0, 2)`;
const IN_RANGE = (range: { from: string; to: string }) =>
  sql`w.start_date between ${range.from}::date and ${range.to}::date`;

export interface PivotItemRow {
  id: number;
  parent_id: number | null;
  key: string;
  title: string;
  /** Per currency (null: no price list): seconds, entries and value of the work counted on this item alone. */
  own: Array<{ currency: string | null; seconds: number; entries: number; amount: string | null }>;
}

/** The viewable items of the subtree with what the reader's reports count on each. */
export async function findPivotItems(
  db: Database,
  reader: Reader,
  root: PivotRoot,
  range: { from: string; to: string },
) {
  return (await pivotItemsStatement(reader, root, range).execute(db)).rows;
}

export function pivotItemsStatement(reader: Reader, root: PivotRoot, range: { from: string; to: string }) {
  const bound = readerBoundOnce(reader);
  const viewer = { userId: bound.readerId, systemAdmin: reader.systemAdmin };
  // The viewable items first, then their work logs: the work logs of hidden items are never read (the index on
  // item_id is probed for 3,400 viewable items of a 10,000-item tree instead of all of them: bench:reports).
  return sql<PivotItemRow>`with recursive ${bound.cte}, ${subtree(root)},
    tw_visible as materialized (select i.id, i.parent_id, i.key, i.title, i.project_id, i.governing_item_id,
        i.deleted_at from work_items i
      where i.id in (select id from tw_tree) and ${canViewItem(viewer, 'i')}),
    -- The work logs' items are read from tw_visible, which carries the columns the predicate reads: joining work_items
    -- again looked up the item of each of 20,000 work logs by its key (bench:reports).
    tw_own as (select w.item_id, pl.currency, sum(w.duration_seconds)::int8 as seconds, count(*)::int8 as entries,
        sum(${VALUE})::text as amount
      from tw_visible v join worklogs w on w.item_id = v.id
        left join price_lists pl on pl.id = w.price_list_id
      where w.project_id = ${root.projectId} and ${IN_RANGE(range)}
        and ${reportedWorklogs(reader, 'w', { itemAlias: 'v', readerId: bound.readerId })}
      group by w.item_id, pl.currency),
    -- One row per item, joined once: a correlated subquery per item scanned the whole CTE for each of 10,000 items.
    tw_item_own as (select o.item_id, json_agg(json_build_object('currency', o.currency, 'seconds', o.seconds,
        'entries', o.entries, 'amount', o.amount)) as own from tw_own o group by o.item_id)
    select v.id, v.parent_id, v.key, v.title, coalesce(tw_item_own.own, '[]') as own
    from tw_visible v left join tw_item_own on tw_item_own.item_id = v.id
    order by v.id`;
}

/** Viewable items of the project whose parent is hidden, with their nearest viewable ancestor (ITEM-2). */
export async function findVisibleParents(db: Database, reader: Reader, projectId: number) {
  const { rows } = await sql<{
    id: number;
    visible_parent_id: number | null;
  }>`${promotedItems(reader, projectId)}`.execute(db);
  return new Map(rows.map((r) => [r.id, r.visible_parent_id]));
}

/** "Efforts and costs": every work log of the subtree, whoever wrote it and whatever item security says — totals only. */
export async function sumSubtree(db: Database, root: PivotRoot, range: { from: string; to: string }) {
  const { rows } = await sql<{ currency: string | null; seconds: number; entries: number; amount: string | null }>`
    with recursive ${subtree(root)}
    select pl.currency, sum(w.duration_seconds)::int8 as seconds, count(*)::int8 as entries, sum(${VALUE})::text as amount
    from worklogs w left join price_lists pl on pl.id = w.price_list_id
    where w.item_id in (select id from tw_tree) and ${IN_RANGE(range)}
    group by pl.currency order by pl.currency nulls first`.execute(db);
  return rows;
}

/** The pivot's root as the screen names it: the item's title, or the project's name. */
export async function findRootName(db: Database, root: PivotRoot): Promise<string> {
  const row =
    root.itemId === null
      ? await db.selectFrom('projects').select('name').where('id', '=', root.projectId).executeTakeFirst()
      : await db.selectFrom('work_items').select('title as name').where('id', '=', root.itemId).executeTakeFirst();
  return row?.name ?? '';
}
