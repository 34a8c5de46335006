import type { CostReport, CostReportRow } from '../../../../src/contracts.js';

/** Hours with two decimals ("3.50 h"), as the Reports area shows them. */
export function formatHours(hours: number): string {
  return `${(Math.round(hours * 100) / 100).toFixed(2)} h`;
}

type Money = CostReportRow['scheduledCost'];

/** The currency the chart draws: the first one the report's total holds, scheduled cost before actual cost. */
export function chartCurrency(report: CostReport): string | null {
  const first = [...report.total.scheduledCost, ...report.total.actualCost][0];
  return first?.currency ?? null;
}

/** Every currency the report's costs and revenue hold, in the order they first appear. */
export function currenciesOf(report: CostReport): string[] {
  const { scheduledCost, actualCost, revenue } = report.total;
  return [...new Set([...scheduledCost, ...actualCost, ...revenue].map((m) => m.currency))];
}

/** One currency's amount of a money value, as a number for drawing only (the table shows the decimal strings). */
export function amountIn(values: Money, currency: string): number {
  const value = values.find((v) => v.currency === currency);
  return value ? Number(value.amount) : 0;
}
