import { z } from 'zod';
import { calendarDate, id, idParam, text, userRef } from '../../lib/schemas.js';

/** Requests and responses of the timesheet routes (FLOW-1, 2, 7, 8, 10, 11); their inferred types are the web's contract. */

const SLICE_STATES = ['open', 'submitted', 'approved', 'rejected', 'recall_requested'] as const;

/** Why something is locked, in the explanation's words (FLOW-11, EXPL-1): the gate's code and message. */
export const lockOut = z.object({ code: z.string(), message: z.string() });

/**
 * A day a timesheet is read or submitted for: the years 1900 to 9998, so every week and month around it is a calendar
 * date of four-digit years (lib/periods.ts compares dates as text).
 */
const sheetDay = calendarDate.refine(
  (d) => d >= '1900-01-01' && d <= '9998-12-31',
  'Timesheet dates lie between 1900-01-01 and 9998-12-31.',
);

const itemRef = z.object({ key: z.string(), title: z.string(), projectKey: z.string() });

/** One slice of the timesheet (FLOW-10): the user's work of one team over one period; `id` null while it has no row (open). */
export const sliceOut = z.object({
  id: z.number().nullable(),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  start: z.string(),
  end: z.string(),
  state: z.enum(SLICE_STATES),
  seconds: z.number(),
  abilities: z.object({ submit: z.boolean(), recall: z.boolean() }),
  /** The comment of the slice's latest transition that carried one (a rejection's reason). */
  lastComment: z.string().nullable(),
});

const worklogCell = z.object({
  id: z.number(),
  seconds: z.number(),
  version: z.number(),
  description: z.string(),
  startTime: z.string().nullable(),
});

export const gridOut = z.object({
  user: userRef,
  view: z.enum(['week', 'month']),
  start: z.string(),
  end: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      /** The owner's working time that day (their calendar: working time per weekday, holidays, company days off). */
      capacitySeconds: z.number(),
      /** Why a working day has no capacity: a public holiday of the owner's region or a company day off, by name. */
      off: z.object({ kind: z.enum(['holiday', 'dayOff']), name: z.string() }).nullable(),
      /**
       * Approved leave that day (FLOW-4): its type for the owner, the approvers it is routed to and app_admin, "absent"
       * for every other reader; a half day keeps half the capacity.
       */
      leave: z.object({ name: z.string(), half: z.boolean() }).nullable(),
      /** Day-level locks: closed team periods of the user's teams, submitted or approved slices. */
      locks: z.array(lockOut),
    }),
  ),
  rows: z.array(
    z.object({
      item: itemRef,
      editable: z.boolean(),
      /** Why the row is read-only (e.g. ITEM-9: the item may be viewed, not logged on); null when editable. */
      reason: z.string().nullable(),
      cells: z.array(
        z.object({
          date: z.string(),
          seconds: z.number(),
          worklogs: z.array(worklogCell),
          /** Why no work may be logged in this cell (the `worklog.create` refusal), or null. */
          lock: lockOut.nullable(),
        }),
      ),
    }),
  ),
  slices: z.array(sliceOut),
  totals: z.object({ days: z.array(z.number()), total: z.number(), capacity: z.number() }),
});

export const gridQuery = z.strictObject({
  /** A day of the week or month to show; today (installation time zone) when left out. */
  date: sheetDay.optional(),
  view: z.enum(['week', 'month']).default('week'),
  /** Whose timesheet (`timesheet.view`: own, or a member's); the caller's when left out. */
  userId: idParam.optional(),
});

export const itemSearchQuery = z.strictObject({
  q: text(200).optional(),
  userId: idParam.optional(),
});
/** Items the user may log work on (add a row), at most 20. */
export const itemSearchOut = z.object({ items: z.array(itemRef) });

export const submitBody = z.strictObject({
  /** Submit on behalf of this user (FLOW-2: team_admin or MANAGE_MEMBER_WORKLOGS); the caller when left out. */
  userId: id.optional(),
  start: sheetDay,
  end: sheetDay,
});
export const submitOut = z.object({ slices: z.array(sliceOut) });

export const sliceParams = z.strictObject({ id: idParam });
export const recallBody = z.strictObject({ comment: text(2_000).optional() });

export const sliceHistoryOut = z.object({
  items: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      at: z.date(),
      actor: userRef.nullable(),
      comment: z.string(),
    }),
  ),
});

export type LockOut = z.infer<typeof lockOut>;
export type SliceOut = z.infer<typeof sliceOut>;
export type GridOut = z.infer<typeof gridOut>;
export type GridQuery = z.infer<typeof gridQuery>;
export type ItemSearchQuery = z.infer<typeof itemSearchQuery>;
export type ItemSearchOut = z.infer<typeof itemSearchOut>;
export type SubmitBody = z.infer<typeof submitBody>;
export type SubmitOut = z.infer<typeof submitOut>;
export type RecallBody = z.infer<typeof recallBody>;
export type SliceHistoryOut = z.infer<typeof sliceHistoryOut>;
