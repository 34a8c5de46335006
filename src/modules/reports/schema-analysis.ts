import { z } from 'zod';
import { userRef } from '../../lib/schemas.js';
import { reportFilters } from './schema.js';

/**
 * The Reports area's two views of ITEM-9's scope table: **workload** — hours per person and day or week against their
 * capacity, counting work on items the reader may not view (ITEM-9 leaves workload unaffected) but naming no item — and
 * **items across projects** — the cross-project work-item analysis, which shows work items as the item lists do: only
 * viewable ones, each with the hours the reports count on it. Their inferred types are the web's contract.
 */

/** The most days a workload by day covers, and by week. */
export const MAX_WORKLOAD_DAYS = { day: 93, week: 735 } as const;
/** The most people a workload lists. */
export const MAX_WORKLOAD_PEOPLE = 500;

const { from, to, projects, users, teams } = reportFilters;

/**
 * A workload's query: no filter by item or price list — a per-person total that counts hidden items' hours must not be
 * narrowed to one item, or it would tell that item's hours (ITEM-9).
 */
export const workloadQuery = z.strictObject({
  from,
  to,
  projects,
  users,
  teams,
  period: z.enum(['day', 'week']).default('day'),
});
export type WorkloadQuery = z.infer<typeof workloadQuery>;

export const workloadOut = z.object({
  period: z.enum(['day', 'week']),
  /** Each column's first day, in order. */
  columns: z.array(z.object({ start: z.string() })),
  /**
   * One row per person whose work the reader sees: their hours per column and in all, and their capacity per column
   * and in all (their calendar: working time per weekday, public holidays of their region, company days off).
   */
  people: z.array(
    z.object({
      user: userRef,
      seconds: z.number(),
      capacitySeconds: z.number(),
      cells: z.array(z.number()),
      capacity: z.array(z.number()),
    }),
  ),
  /** More people than MAX_WORKLOAD_PEOPLE: the first ones by name are shown. */
  truncated: z.boolean(),
});
export type WorkloadOut = z.infer<typeof workloadOut>;

export const itemAnalysisQuery = z.strictObject({
  ...reportFilters,
  /** Text in the item's key or title. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ItemAnalysisQuery = z.infer<typeof itemAnalysisQuery>;

export const itemAnalysisOut = z.object({
  /** Viewable items with counted work in the range, most hours first. */
  items: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: z.string(),
      project: z.object({ key: z.string(), name: z.string() }),
      seconds: z.number(),
      entries: z.number(),
      people: z.number(),
      lastDate: z.string(),
    }),
  ),
  /** Where the next page starts; null on the last page. */
  nextOffset: z.number().nullable(),
});
export type ItemAnalysisOut = z.infer<typeof itemAnalysisOut>;
