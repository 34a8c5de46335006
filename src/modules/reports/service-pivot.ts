import { abilities, seesMoney, type Actor } from '../../authz/engine.js';
import type { FileAnswer } from '../../http/route.js';
import type { Deps } from '../../lib/deps.js';
import { CONTENT_TYPES, exportStream, oneChunk, type Cell, type Column, type ExportFormat } from '../../lib/export.js';
import { addAmounts, showMoney } from '../../lib/money.js';
import { hoursOf } from './present.js';
import * as pivots from './repo-pivot.js';
import type { PivotItemRow, PivotRoot } from './repo-pivot.js';
import type { PivotOut, PivotQuery, PivotTotals } from './schema-pivot.js';
import { checkReport } from './service.js';

type Own = PivotItemRow['own'];

/** Seconds, entries and revenue per currency of some per-currency rows (null currency: work without a price list). */
function totalsOf(rows: Own): PivotTotals {
  return sumTotals(
    rows.reduce((s, r) => s + Number(r.seconds), 0),
    rows.reduce((s, r) => s + Number(r.entries), 0),
    rows.flatMap((r) => (r.currency !== null && r.amount !== null ? [{ currency: r.currency, amount: r.amount }] : [])),
  );
}

/**
 * Totals added up: the same as `totalsOf` over all their rows, since amounts add exactly (cents) — so an item's
 * totals are its own and its children's, without gathering every row of its subtree again at each level.
 */
function mergeTotals(parts: readonly PivotTotals[]): PivotTotals {
  return sumTotals(
    parts.reduce((s, t) => s + t.seconds, 0),
    parts.reduce((s, t) => s + t.entries, 0),
    parts.flatMap((t) => t.revenue ?? []),
  );
}

function sumTotals(
  seconds: number,
  entries: number,
  amounts: ReadonlyArray<{ currency: string; amount: string }>,
): PivotTotals {
  const byCurrency = new Map<string, string[]>();
  for (const { currency, amount } of amounts) {
    const list = byCurrency.get(currency);
    if (list) list.push(amount);
    else byCurrency.set(currency, [amount]);
  }
  return {
    seconds,
    entries,
    revenue: [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amounts]) => ({ currency, amount: addAmounts(amounts) })),
  };
}

/**
 * The pivot (REP-3, ITEM-9) over a work item's subtree or a project's tree. Mode "all items" (`report.pivot`): the
 * viewable items, each under its nearest viewable ancestor (ITEM-2), its total over its viewable descendants and only
 * the work the reader's reports count. Mode "efforts and costs" (`report.pivotEfforts`, the project's administrators):
 * the whole subtree's totals regardless of item security, naming no item (the documented exception of ITEM-9).
 */
export function createPivotService({ db, authz }: Deps) {
  /** The root, decided once for the mode asked; whether mode "efforts" is open is read off the same facts. */
  async function rootOf(actor: Actor, query: PivotQuery) {
    const efforts = query.mode === 'efforts';
    if (query.root !== undefined) {
      const item = await authz.authorizeItem(actor, efforts ? 'report.pivotEfforts' : 'report.pivot', query.root);
      const can = abilities(actor.subject, item, { canRunEfforts: { action: 'report.pivotEfforts' } });
      const root: PivotRoot = { projectId: item.projectId, itemId: item.itemId };
      return { root, kind: 'item' as const, key: item.itemKey, can };
    }
    const action = efforts ? 'report.pivotEffortsProject' : 'report.pivotProject';
    const project = (await authz.authorize(actor, action, { projectKey: query.project, noun: 'project' }))!;
    const can = abilities(actor.subject, { project }, { canRunEfforts: { action: 'report.pivotEffortsProject' } });
    const root: PivotRoot = { projectId: project.projectId, itemId: null };
    return { root, kind: 'project' as const, key: project.projectKey, can };
  }

  async function pivot(actor: Actor, query: PivotQuery): Promise<PivotOut> {
    await checkReport(authz, actor, query);
    const { root, kind, key, can } = await rootOf(actor, query);
    const money = seesMoney(actor);
    const name = await pivots.findRootName(db, root);
    if (query.mode === 'efforts') {
      const total = totalsOf(await pivots.sumSubtree(db, root, query));
      return { mode: 'efforts', root: { kind, key, name }, money, abilities: can, total: showMoney(money, total) };
    }
    const [rows, promoted] = await Promise.all([
      pivots.findPivotItems(db, actor, root, query),
      pivots.findVisibleParents(db, actor, root.projectId),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Each item under its nearest viewable ancestor inside the pivot; the root (or a project's top items) at the top.
    const parentOf = (r: PivotItemRow) => {
      if (r.id === root.itemId) return null;
      const parent = promoted.has(r.id) ? promoted.get(r.id)! : r.parent_id;
      return parent !== null && byId.has(parent) ? parent : null;
    };
    const children = new Map<number | null, PivotItemRow[]>();
    for (const r of rows) {
      const parent = parentOf(r);
      const siblings = children.get(parent);
      if (siblings) siblings.push(r);
      else children.set(parent, [r]);
    }
    const items: NonNullable<PivotOut['items']> = [];
    // Each item's totals: its own work and its children's totals.
    const walk = (r: PivotItemRow, depth: number): PivotTotals => {
      const at = items.length;
      items.push({ key: r.key, title: r.title, parentKey: null, depth, ownSeconds: 0, seconds: 0, entries: 0 });
      const own = totalsOf(r.own);
      const totals = mergeTotals([own, ...(children.get(r.id) ?? []).map((c) => walk(c, depth + 1))]);
      const parent = parentOf(r);
      items[at] = showMoney(money, {
        ...items[at],
        parentKey: parent === null ? null : byId.get(parent)!.key,
        ownSeconds: own.seconds,
        ...totals,
      });
      return totals;
    };
    const all = mergeTotals((children.get(null) ?? []).map((r) => walk(r, 0)));
    return {
      mode: 'all',
      root: { kind, key, name },
      money,
      abilities: can,
      total: showMoney(money, all),
      items,
    };
  }

  /** The pivot as a file (REP-4): its rows as the screen shows them — items with their depth, or the totals alone. */
  async function exportPivot(actor: Actor, query: PivotQuery & { format: ExportFormat }): Promise<FileAnswer> {
    const out = await pivot(actor, query);
    const table = pivotTable(out);
    return {
      filename: `timeward-pivot-${out.root.key}-${query.from}-${query.to}.${query.format}`,
      contentType: CONTENT_TYPES[query.format],
      stream: exportStream({ columns: table.columns, chunks: oneChunk(table.rows) }, query.format, 'Pivot'),
    };
  }

  return { pivot, exportPivot };
}

/** The pivot's export: Item key, Item, Level, Parent key, Own hours, Hours, Entries, Revenue per currency; then Total. */
export function pivotTable(out: PivotOut): { columns: Column[]; rows: Cell[][] } {
  const rows = out.items ?? [];
  const currencies = [...new Set([out.total, ...rows].flatMap((r) => (r.revenue ?? []).map((v) => v.currency)))].sort();
  const columns: Column[] = [
    { header: 'Item key', type: 'text' },
    { header: 'Item', type: 'text' },
    { header: 'Level', type: 'number' },
    { header: 'Parent key', type: 'text' },
    { header: 'Own hours', type: 'decimal' },
    { header: 'Hours', type: 'decimal' },
    { header: 'Entries', type: 'number' },
    ...currencies.map((c): Column => ({ header: `Revenue (${c})`, type: 'decimal' })),
  ];
  const revenue = (r: PivotTotals) => currencies.map((c) => r.revenue?.find((v) => v.currency === c)?.amount ?? null);
  return {
    columns,
    rows: [
      ...rows.map((r): Cell[] => [
        r.key,
        r.title,
        r.depth,
        r.parentKey,
        hoursOf(r.ownSeconds),
        hoursOf(r.seconds),
        r.entries,
        ...revenue(r),
      ]),
      [
        `${out.root.key} (total)`,
        out.root.name,
        null,
        null,
        null,
        hoursOf(out.total.seconds),
        out.total.entries,
        ...revenue(out.total),
      ],
    ],
  };
}
