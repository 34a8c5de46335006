import { z } from 'zod';
import {
  calendarDate,
  clockTime,
  id,
  idParam,
  itemKey,
  page,
  pageQuery,
  text,
  userRef,
  version,
} from '../../lib/schemas.js';

/** Requests and responses of the work-log routes; their inferred types are the web's contract. */

const named = z.object({ id: z.number(), name: z.string() });

export const worklogOut = z.object({
  id: z.number(),
  item: z.object({ key: z.string(), title: z.string(), projectKey: z.string() }),
  author: userRef,
  startDate: z.string(),
  startTime: z.string().nullable(),
  durationSeconds: z.number(),
  description: z.string(),
  /** The team and price list the work log was recorded with (WL-1, PRICE-5). */
  team: named.nullable(),
  priceList: named.nullable(),
  /** Hourly rate recorded, a decimal string — present only for app_admin, billing_admin and billing_viewer (PRICE-7). */
  rate: z.string().optional(),
  currency: z.string().optional(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }),
});

/** A work log is at most one day long, at least one second (WL-1). */
const duration = z.number().int().min(1).max(86_400);

export const worklogCreate = z.strictObject({
  itemKey,
  startDate: calendarDate,
  startTime: clockTime.nullable().optional(),
  durationSeconds: duration,
  description: text(5_000).optional(),
  /** Log the work for this user instead of the caller (WL-5). */
  userId: id.optional(),
});
export const worklogUpdate = z.strictObject({
  version,
  startDate: calendarDate.optional(),
  startTime: clockTime.nullable().optional(),
  durationSeconds: duration.optional(),
  description: text(5_000).optional(),
  /** PRICE-5: move the work log to the author's current team and price list after a `team_changed` warning. */
  confirmTeamChange: z.boolean().optional(),
});

/** What logging work on an item at a date would record, and whether it may (the log-work dialog). */
export const worklogPreview = z.object({
  allowed: z.boolean(),
  code: z.string(),
  message: z.string(),
  teamChecks: z.enum(['on', 'off_globally', 'off_for_project']),
  team: named.nullable(),
  priceList: named.nullable(),
  rate: z.string().optional(),
  currency: z.string().optional(),
});

export const worklogIdParams = z.strictObject({ id: idParam });
export const itemKeyParams = z.strictObject({ key: itemKey });
export const worklogDeleteQuery = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });
export const worklogPageQuery = z.strictObject(pageQuery);
/** A user's work logs over a date range (WL-3), both ends included. */
export const worklogRangeQuery = z.strictObject({
  ...pageQuery,
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});
export const worklogPreviewQuery = z.strictObject({ startDate: calendarDate, userId: idParam.optional() });

export const worklogPage = page(worklogOut);
/** A page of a date range, with the total of the whole range (every page carries it). */
export const worklogRangePage = page(worklogOut).extend({ totalSeconds: z.number() });
/** The item screen's time panels. */
export const timeSummary = z.object({
  itemKey: z.string(),
  timeSpentSeconds: z.number(),
  subtreeTimeSpentSeconds: z.number(),
  myLastWorklog: worklogOut.nullable(),
});

export type WorklogOut = z.infer<typeof worklogOut>;
export type WorklogCreate = z.infer<typeof worklogCreate>;
export type WorklogUpdate = z.infer<typeof worklogUpdate>;
export type WorklogPreview = z.infer<typeof worklogPreview>;
export type WorklogPageQuery = z.infer<typeof worklogPageQuery>;
export type WorklogRangeQuery = z.infer<typeof worklogRangeQuery>;
export type WorklogPreviewQuery = z.infer<typeof worklogPreviewQuery>;
export type WorklogPage = z.infer<typeof worklogPage>;
export type WorklogRangePage = z.infer<typeof worklogRangePage>;
export type TimeSummary = z.infer<typeof timeSummary>;
