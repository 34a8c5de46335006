import type { ReportDimension, ReportSummaryRow } from '../../../../src/contracts.js';
import { REPORT_NONE_LABELS } from '../../../../src/contracts.js';

/** How the screen names groupings and their values. */

export const DIMENSION_LABELS: Record<ReportDimension, string> = {
  project: 'Project',
  item: 'Work item',
  user: 'User',
  team: 'Team',
  priceList: 'Price list',
  client: 'Client',
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

const MONTH = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

type Key = ReportSummaryRow['keys'][number];

/** A group's name: "ACME — Website" for keyed ones, "March 2026" for a month, "No team" for none. */
export function keyLabel(dimension: ReportDimension, key: Key): string {
  if (key.id === null) return REPORT_NONE_LABELS[dimension] ?? '—';
  if (dimension === 'month') return MONTH.format(new Date(`${key.id}T00:00:00Z`));
  if (dimension === 'week') return `Week of ${key.id}`;
  if (dimension === 'day') return key.id;
  return key.code ? `${key.code} — ${key.label ?? ''}` : (key.label ?? '');
}

/** Hours with two decimals, from seconds ("3.50 h"). */
export function hours(seconds: number): string {
  return `${(Math.round((seconds * 100) / 3600) / 100).toFixed(2)} h`;
}

/** The last day a shared link works: it stops at the start of the next day (`expiresAt`), shown in local time. */
export const lastDay = (expiresAt: string) => new Date(Date.parse(expiresAt) - 1).toLocaleDateString('en-CA');
