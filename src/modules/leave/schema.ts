import { z } from 'zod';
import { calendarDate, id, idParam, name, page, pageQuery, userRef, version } from '../../lib/schemas.js';

/** Leave (FLOW-4): requests and responses; the web's contract. */

const LEAVE_STATES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
const allowanceDays = z.number().min(0).max(366).multipleOf(0.5).nullable();
const comment = z.string().trim().max(1000);

export const leaveTypeOut = z.object({
  id: z.number(),
  name: z.string(),
  /** Days a year; null: no allowance, no balance (e.g. sick leave). */
  allowanceDays: z.number().nullable(),
  archived: z.boolean(),
  version: z.number(),
});
export const leaveTypeCreate = z.strictObject({ name, allowanceDays: allowanceDays.optional() });
export const leaveTypeUpdate = z.strictObject({
  version,
  name: name.optional(),
  allowanceDays: allowanceDays.optional(),
  /** An archived type stays on its requests and is offered for no new one. */
  archived: z.boolean().optional(),
});
export const leaveTypeParams = z.strictObject({ id: idParam });
export const leaveTypeList = z.object({ items: z.array(leaveTypeOut) });

export const leaveCreate = z.strictObject({
  typeId: id,
  startDate: calendarDate,
  endDate: calendarDate,
  /** The first day is taken from noon. */
  startHalf: z.boolean().default(false),
  /** The last day is taken until noon. */
  endHalf: z.boolean().default(false),
  comment: comment.default(''),
});
export const leaveParams = z.strictObject({ id: idParam });
/** Cancel and approve need the version seen; reject and revoke a comment too (the service's 400 when it is empty). */
export const leaveDecision = z.strictObject({ version, comment: comment.optional() });

export const leaveOut = z.object({
  id: z.number(),
  user: userRef,
  /** Seen only by the owner, the approvers it is routed to and app_admin — who alone see a request at all. */
  type: z.object({ id: z.number(), name: z.string() }),
  startDate: z.string(),
  endDate: z.string(),
  startHalf: z.boolean(),
  endHalf: z.boolean(),
  /** Working days on the owner's calendar when requested; half days count 0.5. */
  days: z.number(),
  comment: z.string(),
  state: z.enum(LEAVE_STATES),
  decisionComment: z.string().nullable(),
  decidedBy: userRef.nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({ cancel: z.boolean(), approve: z.boolean(), reject: z.boolean(), revoke: z.boolean() }),
});

export const leaveBalance = z.object({
  type: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  allowanceDays: z.number(),
  /** Approved days of the year. */
  takenDays: z.number(),
  /** Days of the year waiting for a decision. */
  pendingDays: z.number(),
  remainingDays: z.number(),
});

export const myLeaveQuery = z.strictObject({ year: z.coerce.number().int().min(1970).max(9999).optional() });
export const myLeaveOut = z.object({
  year: z.number(),
  items: z.array(leaveOut),
  balances: z.array(leaveBalance),
  /** The types a new request may name. */
  types: z.array(leaveTypeOut),
});

export const leaveQueueQuery = z.strictObject({
  ...pageQuery,
  /** Waiting requests (default), or approved ones still to come — an approval may be revoked. */
  state: z.enum(['pending', 'approved']).default('pending'),
});
export const leavePage = page(leaveOut);

export type LeaveTypeOut = z.infer<typeof leaveTypeOut>;
export type LeaveTypeCreate = z.infer<typeof leaveTypeCreate>;
export type LeaveTypeUpdate = z.infer<typeof leaveTypeUpdate>;
export type LeaveCreate = z.infer<typeof leaveCreate>;
export type LeaveDecision = z.infer<typeof leaveDecision>;
export type LeaveOut = z.infer<typeof leaveOut>;
export type LeaveBalance = z.infer<typeof leaveBalance>;
export type MyLeaveQuery = z.infer<typeof myLeaveQuery>;
export type MyLeaveOut = z.infer<typeof myLeaveOut>;
export type LeaveQueueQuery = z.infer<typeof leaveQueueQuery>;
export type LeavePage = z.infer<typeof leavePage>;
