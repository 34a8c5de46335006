import { z } from 'zod';
import { calendarDate, clockTime, itemKey, text, userRef, version } from '../../http/schemas.js';

export const worklogOut = z.object({
  id: z.number(),
  item: z.object({ key: z.string(), title: z.string(), projectKey: z.string() }),
  author: userRef,
  startDate: z.string(), startTime: z.string().nullable(), durationSeconds: z.number(), description: z.string(),
  version: z.number(), createdAt: z.date(), updatedAt: z.date(),
  abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }),
});
export type WorklogOut = z.infer<typeof worklogOut>;

/** A work log is at most one day long, at least one second (WL-1). */
const duration = z.number().int().min(1).max(86_400);

export const worklogCreate = z.strictObject({
  itemKey, startDate: calendarDate, startTime: clockTime.nullable().optional(), durationSeconds: duration, description: text(5_000).optional(),
});
export const worklogUpdate = z.strictObject({
  version, startDate: calendarDate.optional(), startTime: clockTime.nullable().optional(), durationSeconds: duration.optional(), description: text(5_000).optional(),
});
