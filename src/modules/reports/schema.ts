import { z } from 'zod';
import { calendarDate, pageQuery, userRef } from '../../lib/schemas.js';
import { DIMENSIONS, PERIOD_DIMENSIONS, type Dimension } from './dimensions.js';

export { DIMENSIONS, NONE_LABELS, PERIOD_DIMENSIONS, type Dimension } from './dimensions.js';

/**
 * Requests and responses of the Reports area (REP-1, REP-4); their inferred types are the web's contract. Money —
 * `revenue` — is registered in src/lib/money.ts and present only for the money roles (PRICE-7).
 */

/** The most groups a summary shows on screen; the export carries every group. */
export const MAX_GROUPS = 2_000;
/** The longest date range a report covers. */
export const MAX_RANGE_DAYS = 3_660;

const idList = z
  .string()
  .max(2_000)
  .regex(/^\d{1,10}(,\d{1,10})*$/, 'expected ids separated by commas, like 3,17')
  .transform((s) => [...new Set(s.split(',').map(Number))])
  .refine((ids) => ids.length <= 100 && ids.every((n) => n >= 1 && n <= 2_147_483_647), 'at most 100 valid ids');

const itemKeyList = z
  .string()
  .max(1_200)
  .regex(
    /^[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8}(,[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8})*$/,
    'expected work item keys separated by commas, like ACME-12,ACME-14',
  )
  .transform((s) => [...new Set(s.split(','))])
  .refine((keys) => keys.length <= 100, 'at most 100 work items');

/** Why a grouping is refused, in plain words; undefined when it is fine. */
function groupingProblem(dims: readonly string[]): string | undefined {
  const known: readonly string[] = DIMENSIONS;
  const unknown = dims.find((d) => !known.includes(d));
  if (unknown !== undefined) return `"${unknown}" is not a grouping; expected some of ${DIMENSIONS.join(', ')}`;
  if (dims.length > 3) return 'Group by at most three things.';
  if (new Set(dims).size !== dims.length) return 'Group by each thing at most once.';
  if (dims.filter((d) => PERIOD_DIMENSIONS.has(d as Dimension)).length > 1)
    return 'Group by one of day, week and month at most.';
  return undefined;
}

const groupBy = z
  .string()
  .max(100)
  .transform((s, ctx): Dimension[] => {
    const dims = s.split(',');
    const problem = groupingProblem(dims);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    return dims as Dimension[];
  });

/** The filters every report and export takes: a date range (required) and ids to keep, each optional. */
export const reportFilters = {
  from: calendarDate,
  to: calendarDate,
  projects: idList.optional(),
  items: idList.optional(),
  /** Work items by key (the screen's filter): a key the reader may not view filters to nothing, like an unknown one. */
  itemKeys: itemKeyList.optional(),
  users: idList.optional(),
  teams: idList.optional(),
  priceLists: idList.optional(),
  clients: idList.optional(),
};
export const summaryQuery = z.strictObject({ ...reportFilters, groupBy: groupBy.default(['project']) });
export type SummaryQuery = z.infer<typeof summaryQuery>;
export type ReportFilters = Omit<SummaryQuery, 'groupBy'>;

/** One value of a grouping: a project (`code` its key), an item (`code` its key), a user, …, or a date for a period. */
export const groupKey = z.object({
  /** The project, item, user, team, price list or client id, or the period's first day; null for "none" (no team, …). */
  id: z.string().nullable(),
  /** What the screen shows; null for "none". */
  label: z.string().nullable(),
  code: z.string().optional(),
});
export type GroupKey = z.infer<typeof groupKey>;

/** Revenue per currency: each work log's rate × hours rounded to the cent, summed as decimals (PRICE-7). */
const revenue = z.array(z.object({ currency: z.string(), amount: z.string() }));

export const summaryRow = z.object({
  /** The row's groups, outermost first: as many as its depth; a subtotal row has fewer keys than the grouping. */
  keys: z.array(groupKey),
  seconds: z.number(),
  entries: z.number(),
  revenue: revenue.optional(),
});
export type SummaryRow = z.infer<typeof summaryRow>;

/** A summary: rows depth first — each group's subtotal before its subgroups — and the total over all of them. */
export const summaryOut = z.object({
  groupBy: z.array(z.enum(DIMENSIONS)),
  rows: z.array(summaryRow),
  total: summaryRow,
  /** Whether revenue columns are shown (money roles, PRICE-7). */
  money: z.boolean(),
  /** More than MAX_GROUPS rows: the screen shows the first ones; the export has them all. */
  truncated: z.boolean(),
});
export type SummaryOut = z.infer<typeof summaryOut>;

export const exportFormat = z.enum(['csv', 'xlsx']);
export const summaryExportQuery = summaryQuery.extend({ format: exportFormat });
export const worklogExportQuery = z.strictObject({ ...reportFilters, format: exportFormat });
export type WorklogExportQuery = z.infer<typeof worklogExportQuery>;

export const worklogListQuery = z.strictObject({ ...reportFilters, ...pageQuery });
export type WorklogListQuery = z.infer<typeof worklogListQuery>;

const named = z.object({ id: z.number(), name: z.string() });

/**
 * A work log as the detailed report lists and exports it. `team` and `priceList`: absent for readers who see no team
 * names (TEAM-8); `rate`, `currency`, `value` (rate × hours, rounded to the cent): money roles only (PRICE-7).
 */
export const reportWorklog = z.object({
  id: z.number(),
  date: z.string(),
  seconds: z.number(),
  description: z.string(),
  project: z.object({ key: z.string(), name: z.string() }),
  item: z.object({ key: z.string(), title: z.string() }),
  author: userRef,
  client: named.nullable(),
  team: named.nullable().optional(),
  priceList: named.nullable().optional(),
  rate: z.string().optional(),
  currency: z.string().optional(),
  value: z.string().optional(),
});
export type ReportWorklog = z.infer<typeof reportWorklog>;
export const reportWorklogPage = z.object({
  items: z.array(reportWorklog),
  nextCursor: z.string().nullable(),
  /** Whether the team and price-list columns are shown (TEAM-8). */
  teamNames: z.boolean(),
  /** Whether the money columns are shown (PRICE-7). */
  money: z.boolean(),
});
export type ReportWorklogPage = z.infer<typeof reportWorklogPage>;

export const filtersQuery = z.strictObject({ from: calendarDate, to: calendarDate });
export type FiltersQuery = z.infer<typeof filtersQuery>;
/** The filter choices of the Reports screen: what the reader's counted work logs in the range name. */
export const filtersOut = z.object({
  projects: z.array(z.object({ id: z.number(), key: z.string(), name: z.string() })),
  users: z.array(userRef),
  clients: z.array(named),
  /** Absent for readers who see no team names (TEAM-8). */
  teams: z.array(named).optional(),
  priceLists: z.array(named).optional(),
});
export type ReportFilterChoices = z.infer<typeof filtersOut>;
