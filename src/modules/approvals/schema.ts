import { z } from 'zod';
import { calendarDate, id, idParam, pageQuery, text, userRef, version } from '../../lib/schemas.js';

/** Requests and responses of Timesheet Approval and the inbox (FLOW-2, FLOW-7, FLOW-8, FLOW-10); the web's contract. */

const named = z.object({ id: z.number(), name: z.string() });
const sliceState = z.enum(['open', 'submitted', 'approved', 'rejected', 'recall_requested']);

/** A slice as the approver sees it: its owner, team (null: work logged without a team), period, state and hours. */
export const approvalSliceOut = z.object({
  id: z.number(),
  version: z.number(),
  owner: userRef,
  /** Null for work logged without a team, and for readers denied the team names (TEAM-8). */
  team: named.nullable(),
  start: z.string(),
  end: z.string(),
  state: sliceState,
  /** Every work log of the slice, restricted items included (FLOW-10: hours without identity). */
  seconds: z.number(),
  updatedAt: z.date(),
  abilities: z.object({
    approve: z.boolean(),
    reject: z.boolean(),
    grantRecall: z.boolean(),
    refuseRecall: z.boolean(),
    reopen: z.boolean(),
  }),
});

export const approvalQueueQuery = z.strictObject({
  ...pageQuery,
  teamId: idParam.optional(),
  /**
   * Default `waiting`: what waits for the approver's decision — submitted slices and recall requests (FLOW-2, FLOW-8).
   * `all` is every state.
   */
  state: z.enum(['waiting', 'submitted', 'approved', 'rejected', 'recall_requested', 'all']).default('waiting'),
  /** Slices whose period overlaps [from, to]. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export const approvalQueue = z.object({
  items: z.array(approvalSliceOut),
  nextCursor: z.string().nullable(),
  /** How many slices match the filters, over every page. */
  total: z.number(),
});

const itemRef = z.object({ key: z.string(), title: z.string() });

/** One state change of a slice (FLOW-7). */
export const transitionOut = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.date(),
  actor: userRef.nullable(),
  comment: z.string(),
});

/** The days × items grid of a slice's work logs, with what changed since it was last approved (FLOW-10). */
export const approvalDetail = z.object({
  slice: approvalSliceOut,
  days: z.array(z.string()),
  rows: z.array(
    z.object({
      /** Null when the approver may not view the item (ITEM-9): its hours show, its key and title do not. */
      item: itemRef.nullable(),
      restricted: z.boolean(),
      cells: z.array(
        z.object({
          date: z.string(),
          seconds: z.number(),
          /** Against the snapshot of the last approval; null when unchanged or never approved. */
          change: z.enum(['added', 'changed']).nullable(),
        }),
      ),
    }),
  ),
  /** Work logs of the last approval that are gone (or moved out of the slice) since, summed per item and day. */
  removedSinceApproval: z.array(z.object({ date: z.string(), seconds: z.number(), item: itemRef.nullable() })),
  history: z.array(transitionOut),
  totals: z.object({ days: z.array(z.number()), total: z.number() }),
});

const comment = text(2_000);

/** Approve: the optional version read (API-4: 409 version_conflict when stale) and an optional comment for the history. */
export const approveBody = z.strictObject({ comment: comment.optional(), version: version.optional() });
/** Reject: the comment is required (FLOW-2). */
export const rejectBody = z.strictObject({
  comment: comment.trim().min(1, 'a rejection needs a comment'),
  version: version.optional(),
});
/** Grant or refuse a recall, reopen: an optional comment. */
export const decisionBody = z.strictObject({ comment: comment.optional(), version: version.optional() });

/** The slices of a batch: 1 to 1,000, no repeats, so each is decided once. */
const sliceIds = z
  .array(id)
  .min(1)
  .max(1_000)
  .superRefine((ids, ctx) => {
    const seen = new Set<number>();
    ids.forEach((value, i) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: `${value} appears twice` });
      seen.add(value);
    });
  });

export const batchBody = z.strictObject({
  ids: sliceIds,
  decision: z.enum(['approve', 'reject']),
  /** Required when rejecting. */
  comment: comment.optional(),
});
export const batchResult = z.object({
  results: z.array(
    z.object({ id: z.number(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() }),
  ),
});

export const sliceIdParams = z.strictObject({ id: idParam });

/** What waits for me and what happened to my slices (issue 14, item 7). */
export const inboxOut = z.object({
  /** Slices routed to me (I may review them) that are submitted or awaiting a recall decision. */
  waiting: z.number(),
  items: z.array(
    z.object({
      kind: z.enum(['rejected', 'approved', 'recall_granted', 'recall_refused', 'reopened', 'waiting']),
      slice: z.object({
        id: z.number(),
        team: named.nullable(),
        start: z.string(),
        end: z.string(),
        state: sliceState,
      }),
      comment: z.string(),
      at: z.date(),
      /** Who decided; for `waiting`, the owner. */
      actor: userRef.nullable(),
    }),
  ),
});

export type ApprovalSliceOut = z.infer<typeof approvalSliceOut>;
export type ApprovalQueueQuery = z.infer<typeof approvalQueueQuery>;
export type ApprovalQueue = z.infer<typeof approvalQueue>;
export type ApprovalDetail = z.infer<typeof approvalDetail>;
export type TransitionOut = z.infer<typeof transitionOut>;
export type ApproveBody = z.infer<typeof approveBody>;
export type RejectBody = z.infer<typeof rejectBody>;
export type DecisionBody = z.infer<typeof decisionBody>;
export type BatchBody = z.infer<typeof batchBody>;
export type BatchResult = z.infer<typeof batchResult>;
export type InboxOut = z.infer<typeof inboxOut>;
