import { z } from 'zod';
import { calendarDate, itemKey, projectKey } from '../../lib/schemas.js';

/** The pivot over the work-item tree (REP-3, ITEM-9): requests and responses; the web's contract. */

export const PIVOT_MODES = ['all', 'efforts'] as const;

const pivotFields = {
  from: calendarDate,
  to: calendarDate,
  /** The selected work item; or `project` for a project's whole tree. */
  root: itemKey.optional(),
  project: projectKey.optional(),
  /** "all": the viewable items, each over its viewable descendants; "efforts": the whole subtree, totals only. */
  mode: z.enum(PIVOT_MODES).default('all'),
};
const oneRoot = {
  check: (q: { root?: string; project?: string }) => (q.root === undefined) !== (q.project === undefined),
  message: { message: 'Pick a work item or a project (one of them).', path: ['root'] },
};

export const pivotQuery = z.strictObject(pivotFields).refine(oneRoot.check, oneRoot.message);
export type PivotQuery = z.infer<typeof pivotQuery>;
export const pivotExportQuery = z
  .strictObject({ ...pivotFields, format: z.enum(['csv', 'xlsx']) })
  .refine(oneRoot.check, oneRoot.message);

const revenue = z.array(z.object({ currency: z.string(), amount: z.string() }));
const totals = z.object({ seconds: z.number(), entries: z.number(), revenue: revenue.optional() });

export const pivotItem = totals.extend({
  key: z.string(),
  title: z.string(),
  /** The nearest viewable ancestor inside the pivot, or null at its top (ITEM-2). */
  parentKey: z.string().nullable(),
  depth: z.number(),
  /** Hours on this item itself; `seconds` is this item and its viewable descendants. */
  ownSeconds: z.number(),
});

export const pivotOut = z.object({
  mode: z.enum(PIVOT_MODES),
  root: z.object({ kind: z.enum(['item', 'project']), key: z.string(), name: z.string() }),
  /** Whether revenue is shown (money roles, PRICE-7). */
  money: z.boolean(),
  total: totals,
  /** Whether the caller may run mode "efforts" on this root: the screen offers the mode only then. */
  abilities: z.object({ canRunEfforts: z.boolean() }),
  /** Mode "all": the viewable items, depth first; absent in mode "efforts", which names no item. */
  items: z.array(pivotItem).optional(),
});
export type PivotOut = z.infer<typeof pivotOut>;
export type PivotTotals = z.infer<typeof totals>;
