import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { canBrowseProject, canViewItem } from '../../authz/sql.js';
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
 * EXPL-4: a row about a project or a work item (a work log, comment, team, role, price list, … of it) shows only to
 * readers who may browse that project and view that item, with the predicates every list uses (system administrators
 * bypass item security, not BROWSE_PROJECT); rows about neither are installation-wide configuration, seen by every
 * audit reader. Migration 0010 gives each row its project and item.
 */
export function auditVisible(actor: Pick<Actor, 'userId' | 'systemAdmin'>): Expression<SqlBool> {
  return sql<SqlBool>`((a.project_id is null or ${canBrowseProject(actor.userId, 'a.project_id')})
    and (a.item_id is null or exists (select 1 from work_items tw_ai where tw_ai.id = a.item_id
      and ${canViewItem(actor, 'tw_ai', { includeTrashed: true })})))`;
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
    .where(auditVisible(actor))
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
