import type { Cell, Column } from '../../lib/export.js';
import type { CostRateRow } from './repo.js';
import type { CostRateOut, CostReportOut, CostRow } from './schema.js';

export const costRateOut = (row: CostRateRow): CostRateOut => ({
  id: row.id,
  user: { id: row.user_id, displayName: row.user_name },
  validFrom: row.valid_from,
  costRate: row.cost_rate,
  currency: row.currency,
});

/** What the audit log keeps of a rate (its money redacted for readers who may not see money, src/lib/money.ts). */
export const costRateAudit = (row: CostRateRow) => ({
  userId: row.user_id,
  validFrom: row.valid_from,
  costRate: row.cost_rate,
  currency: row.currency,
});

const moneyText = (amounts: CostRow['actualCost']) => amounts.map((a) => `${a.amount} ${a.currency}`).join('; ');

/** The report as a table for CSV and XLSX: the screen's columns, one row per group and the total last (REP-4). */
export function costTable(report: CostReportOut): { columns: Column[]; rows: Cell[][] } {
  const columns: Column[] = [
    {
      header: report.groupBy === 'month' ? 'Month' : report.groupBy[0].toUpperCase() + report.groupBy.slice(1),
      type: 'text',
    },
    { header: 'Planned hours', type: 'number' },
    { header: 'Scheduled cost', type: 'text' },
    { header: 'Logged hours', type: 'number' },
    { header: 'Actual cost', type: 'text' },
    { header: 'Revenue', type: 'text' },
    { header: 'Hours without cost rate', type: 'number' },
  ];
  const cells = (r: CostRow): Cell[] => [
    r.label,
    r.plannedHours,
    moneyText(r.scheduledCost),
    r.loggedHours,
    moneyText(r.actualCost),
    moneyText(r.revenue),
    r.hoursWithoutRate,
  ];
  return { columns, rows: [...report.rows.map(cells), cells({ ...report.total, label: 'Total' })] };
}
