import { z } from 'zod';
import { userRef } from '../../lib/schemas.js';
import { reportWorklog } from '../reports/schema.js';

/** The Dashboard (APP-2, ITEM-9): one answer with every widget the caller may see; the web's contract. */

const named = z.object({ id: z.number(), name: z.string() });

export const dashboardOut = z.object({
  week: z.object({
    from: z.string(),
    to: z.string(),
    seconds: z.number(),
    capacitySeconds: z.number(),
    days: z.array(z.object({ date: z.string(), seconds: z.number() })),
  }),
  /** My last five work logs, as the detailed report shows them. */
  recent: z.array(reportWorklog),
  /** My timesheet this week: one state per team slice (none yet: `open`). */
  timesheet: z.array(z.object({ team: named.nullable(), state: z.string() })),
  /**
   * Items I registered, newest first (ITEM-9): one I may no longer view is a placeholder — `restricted`, no key, no
   * title, nothing else.
   */
  myItems: z.array(
    z.union([
      z.object({ restricted: z.literal(false), key: z.string(), title: z.string(), status: z.string() }),
      z.object({ restricted: z.literal(true) }),
    ]),
  ),
  /**
   * Quick watch (ITEM-9): the items I watch that I may view now, newest watch first, with the hours the reports count on
   * them this week and in all. A watched item taken from me is left out — no placeholder, no count.
   */
  watched: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: z.string(),
      project: z.object({ key: z.string(), name: z.string() }),
      weekSeconds: z.number(),
      totalSeconds: z.number(),
    }),
  ),
  /** Slices waiting for my decision; absent unless the Timesheet Approval area is open to me. */
  approvals: z.object({ waiting: z.number() }).optional(),
  /** Teams in which I see members' work (VIEW_MEMBER_WORKLOGS): their hours this week and who has not submitted last week. */
  teams: z.array(
    z.object({
      team: named,
      members: z.array(z.object({ user: userRef, seconds: z.number() })),
      missingTimesheets: z.array(userRef),
    }),
  ),
});
export type DashboardOut = z.infer<typeof dashboardOut>;

/** Whether I watch an item (quick watch, ITEM-9). */
export const watchOut = z.object({ watched: z.boolean() });
export type WatchOut = z.infer<typeof watchOut>;
