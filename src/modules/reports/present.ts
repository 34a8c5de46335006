import type { Cell, Column } from '../../lib/export.js';
import { showMoney } from '../../lib/money.js';
import type { LinkRow } from './repo-links.js';
import type { ReportWorklogRow, SummaryDbRow } from './repo.js';
import type { LinkOut } from './schema-links.js';
import {
  NONE_LABELS,
  PERIOD_DIMENSIONS,
  type Dimension,
  type GroupKey,
  type ReportWorklog,
  type SummaryOut,
  type SummaryRow,
} from './schema.js';

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

/** What a reader's rows show: money (PRICE-7), team and price-list names (TEAM-8) — decided once per request. */
export interface ReportReader {
  money: boolean;
  teamNames: boolean;
}

const named = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

/** A work log of the detailed report: the same for the screen and the export. */
export function reportWorklogOut(row: ReportWorklogRow, reader: ReportReader): ReportWorklog {
  return showMoney(reader.money, {
    id: row.id,
    date: row.start_date,
    seconds: row.duration_seconds,
    description: row.description,
    project: { key: row.project_key, name: row.project_name },
    item: { key: row.item_key, title: row.item_title },
    author: { id: row.author_id, displayName: row.author_name },
    client: named(row.client_id, row.client_name),
    ...(reader.teamNames
      ? { team: named(row.team_id, row.team_name), priceList: named(row.price_list_id, row.price_list_name) }
      : {}),
    ...(reader.money && row.rate !== null
      ? { rate: row.rate, currency: row.currency ?? '', value: row.value ?? '' }
      : {}),
  });
}

/** Hours as a decimal with two places, from seconds, without floating point: 5400 → "1.50". */
export function hoursOf(seconds: number): string {
  const hundredths = Math.round((seconds * 100) / 3600);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** The detailed export's columns (docs/reports.md lists them): the screen's, with its team and money columns. */
export function worklogColumns(reader: ReportReader): Column[] {
  return [
    { header: 'Date', type: 'date' },
    { header: 'Project key', type: 'text' },
    { header: 'Project', type: 'text' },
    { header: 'Item key', type: 'text' },
    { header: 'Item', type: 'text' },
    { header: 'User', type: 'text' },
    { header: 'Hours', type: 'decimal' },
    { header: 'Description', type: 'text' },
    { header: 'Client', type: 'text' },
    ...(reader.teamNames
      ? [
          { header: 'Team', type: 'text' as const },
          { header: 'Price list', type: 'text' as const },
        ]
      : []),
    ...(reader.money
      ? [
          { header: 'Rate', type: 'decimal' as const },
          { header: 'Currency', type: 'text' as const },
          { header: 'Value', type: 'decimal' as const },
        ]
      : []),
  ];
}

/** One work log as the export's cells, in worklogColumns' order. */
export function worklogCells(w: ReportWorklog, reader: ReportReader): Cell[] {
  return [
    w.date,
    w.project.key,
    w.project.name,
    w.item.key,
    w.item.title,
    w.author.displayName,
    hoursOf(w.seconds),
    w.description,
    w.client?.name ?? NONE_LABELS.client!,
    ...(reader.teamNames ? [w.team?.name ?? NONE_LABELS.team!, w.priceList?.name ?? NONE_LABELS.priceList!] : []),
    ...(reader.money ? [w.rate ?? null, w.currency ?? null, w.value ?? null] : []),
  ];
}

const DIMENSION_HEADERS: Record<Dimension, string[]> = {
  project: ['Project key', 'Project'],
  item: ['Item key', 'Item'],
  user: ['User'],
  team: ['Team'],
  priceList: ['Price list'],
  client: ['Client'],
  day: ['Day'],
  week: ['Week'],
  month: ['Month'],
};

/** The currencies of a summary's revenue, in a stable order: one revenue column each. */
export const currenciesOf = (out: SummaryOut) =>
  [...new Set([out.total, ...out.rows].flatMap((r) => (r.revenue ?? []).map((v) => v.currency)))].sort();

/** The summary's export: a column per grouping (two for keyed ones), hours, entries, revenue per currency; subtotals marked. */
export function summaryTable(out: SummaryOut): { columns: Column[]; rows: Cell[][] } {
  const currencies = currenciesOf(out);
  const columns: Column[] = [
    { header: 'Row', type: 'text' },
    ...out.groupBy.flatMap((d) =>
      DIMENSION_HEADERS[d].map((header): Column => ({ header, type: PERIOD_DIMENSIONS.has(d) ? 'date' : 'text' })),
    ),
    { header: 'Hours', type: 'decimal' },
    { header: 'Entries', type: 'number' },
    ...currencies.map((c): Column => ({ header: `Revenue (${c})`, type: 'decimal' })),
  ];
  const cells = (row: SummaryRow, kind: string): Cell[] => [
    kind,
    ...out.groupBy.flatMap((d, k) => {
      const key = row.keys[k];
      if (!key) return DIMENSION_HEADERS[d].map(() => null);
      const label = key.label ?? NONE_LABELS[d] ?? '';
      return DIMENSION_HEADERS[d].length === 2 ? [key.code ?? '', label] : [PERIOD_DIMENSIONS.has(d) ? key.id : label];
    }),
    hoursOf(row.seconds),
    row.entries,
    ...currencies.map((c) => row.revenue?.find((v) => v.currency === c)?.amount ?? null),
  ];
  const depth = out.groupBy.length;
  return {
    columns,
    rows: [...out.rows.map((r) => cells(r, r.keys.length < depth ? 'Subtotal' : 'Group')), cells(out.total, 'Total')],
  };
}

/** A shared link as its creator's list shows it: the report's range and groupings, whether it is filtered, its state. */
export function linkOut(row: LinkRow): LinkOut {
  const report = row.report as { from: string; to: string; groupBy: string } & Record<string, unknown>;
  const filtered = ['projects', 'items', 'itemKeys', 'users', 'teams', 'priceLists', 'clients'].some(
    (f) => report[f] !== undefined,
  );
  const now = Date.now();
  return {
    id: row.id,
    name: row.name,
    report: { from: report.from, to: report.to, groupBy: report.groupBy.split(',') as Dimension[], filtered },
    includeMoney: row.include_money,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    openedCount: row.opened_count,
    lastOpenedAt: row.last_opened_at?.toISOString() ?? null,
    state: row.revoked_at ? 'revoked' : row.expires_at.getTime() <= now ? 'expired' : 'active',
  };
}
