import { showMoney } from '../../lib/money.js';
import type { SummaryDbRow } from './repo.js';
import type { Dimension, GroupKey, SummaryOut, SummaryRow } from './schema.js';

/** Reports as the API answers them: rows merged across currencies, money only for money readers (PRICE-7). */

function keyOf([id, label, code]: [string | null, string | null, string | null]): GroupKey {
  return code === null ? { id, label } : { id, label, code };
}

/** The database's rows (one per group and currency) merged into one per group, in the order they came. */
export function mergeCurrencies(rows: readonly SummaryDbRow[]): SummaryRow[] {
  const merged: SummaryRow[] = [];
  let last: { signature: string; row: SummaryRow } | undefined;
  for (const r of rows) {
    const keys = r.k.slice(0, r.depth).map(keyOf);
    const signature = JSON.stringify(keys);
    if (last?.signature !== signature) {
      last = { signature, row: { keys, seconds: 0, entries: 0, revenue: [] } };
      merged.push(last.row);
    }
    last.row.seconds += r.seconds;
    last.row.entries += r.entries;
    if (r.currency !== null && r.amount !== null) last.row.revenue!.push({ currency: r.currency, amount: r.amount });
  }
  return merged;
}

/** A summary as the screen shows it: the total first in the rows from the database, then at most `maxGroups` groups. */
export function summaryOut(
  rows: readonly SummaryDbRow[],
  groupBy: Dimension[],
  money: boolean,
  maxGroups: number,
  cut: boolean,
): SummaryOut {
  const merged = mergeCurrencies(rows);
  const empty: SummaryRow = { keys: [], seconds: 0, entries: 0, revenue: [] };
  const [total, ...groups] = merged.length > 0 && merged[0].keys.length === 0 ? merged : [empty, ...merged];
  // A cut-off answer may end inside a group whose other currencies did not come: that group is left out.
  const complete = cut ? groups.slice(0, -1) : groups;
  return {
    groupBy,
    rows: complete.slice(0, maxGroups).map((row) => showMoney(money, row)),
    total: showMoney(money, total),
    money,
    truncated: cut || complete.length > maxGroups,
  };
}
