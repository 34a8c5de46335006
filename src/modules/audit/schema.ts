import { z } from 'zod';
import { calendarDate, idParam as id, page, pageQuery, projectKey } from '../../lib/schemas.js';

/**
 * The audit search's filters: all optional, paged newest first. `from` and `to` are calendar days in the installation's
 * time zone, `to` taking in the whole day; a project by id or by key; an entity id only with its type. An action or
 * entity type is any name, not only today's (`GET /api/audit/facets` lists those): rows keep the names they were
 * written with, and a name nobody wrote matches no row.
 */
export const auditQuery = z
  .strictObject({
    ...pageQuery,
    actorId: id.optional(),
    action: z.string().max(100).optional(),
    entityType: z.string().max(100).optional(),
    entityId: z.string().trim().min(1).max(100).optional(),
    projectId: id.optional(),
    projectKey: projectKey.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .refine((q) => q.entityId === undefined || q.entityType !== undefined, {
    path: ['entityId'],
    message: 'choose the entity type too',
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'must not be before the start date',
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
  /** The project and work item the row is about, for links; only ones the reader may browse and view (EXPL-4). */
  project: z.object({ key: z.string(), name: z.string() }).nullable(),
  item: z.object({ key: z.string(), title: z.string(), inTrash: z.boolean() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /**
   * The money fields left out of `before` and `after` for a reader without a money role (PRICE-7), as paths
   * (`rate`, `priceLists.0.hourly_rate`), so the reader is told they are hidden rather than missing; never the value.
   */
  hiddenFields: z.array(z.string()),
});
export const auditPage = page(auditRow);

/** What the audit search filters on, in the reader's words: every audited action and entity type (EXPL-4). */
export const auditFacets = z.object({
  actions: z.array(z.object({ action: z.string(), entityType: z.string(), label: z.string() })),
  entityTypes: z.array(z.object({ entityType: z.string(), label: z.string() })),
  /** Whether the reader sees money (PRICE-7) and has the Teams area (APP-2), for how rows are shown and linked. */
  reader: z.object({ seesMoney: z.boolean(), teamsArea: z.boolean() }),
});

export type AuditQuery = z.infer<typeof auditQuery>;
/** The search's filters as a client puts them in the query string (paging aside). */
export type AuditFilters = Partial<Record<Exclude<keyof AuditQuery, 'limit' | 'cursor'>, string | number>>;
export type AuditRowOut = z.infer<typeof auditRow>;
export type AuditPage = z.infer<typeof auditPage>;
export type AuditFacets = z.infer<typeof auditFacets>;
