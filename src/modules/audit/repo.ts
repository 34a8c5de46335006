import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleAuditRows } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { AuditQuery } from './schema.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  /**
   * The project and work item the row is about (EXPL-4: who may read it). When left out, the database works them out
   * from the entity type and id (migration 0010), so call sites give them only where they know better.
   */
  projectId?: number | null;
  itemId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Records a change in the caller's transaction, so the change and its audit row commit together (EXPL-4). */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: String(entry.entityId),
      project_id: entry.projectId ?? null,
      item_id: entry.itemId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/**
 * One page of the rows the reader may see (one more than the limit, to tell whether another page follows), newest
 * first, after the cursor's id. Hidden rows are filtered before the page is cut (EXPL-4).
 */
export function findAuditRows(db: Database, actor: Actor, query: AuditQuery, afterId: number | undefined) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'u.display_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.project_id',
      'a.item_id',
      'a.before',
      'a.after',
    ])
    .where(visibleAuditRows(actor, 'a'))
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (afterId !== undefined) q = q.where('a.id', '<', afterId);
  if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.projectId) q = q.where('a.project_id', '=', query.projectId);
  if (query.from) q = q.where(sql<boolean>`a.at >= ${query.from}::date`);
  if (query.to) q = q.where(sql<boolean>`a.at < ${query.to}::date + 1`);
  return q.execute();
}
export type AuditRow = Awaited<ReturnType<typeof findAuditRows>>[number];
