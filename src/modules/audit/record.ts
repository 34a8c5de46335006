import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

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
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
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
