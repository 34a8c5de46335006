import { z } from 'zod';
import { calendarDate, idParam as id, page, pageQuery } from '../../lib/schemas.js';

/** The audit search's filters: all optional, paged newest first; `to` takes in the whole day. */
export const auditQuery = z.strictObject({
  ...pageQuery,
  actorId: id.optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  projectId: id.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});
/** One audit row; `before` and `after` carry no money for readers who may not see it (PRICE-7). */
export const auditRow = z.object({
  id: z.number(),
  at: z.date(),
  actor: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  projectId: z.number().nullable(),
  itemId: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditPage = page(auditRow);

export type AuditQuery = z.infer<typeof auditQuery>;
export type AuditRowOut = z.infer<typeof auditRow>;
export type AuditPage = z.infer<typeof auditPage>;
