import type { Database } from '../../db/index.js';
import type { FlowHistoryTable } from '../../db/types.js';

/** One state change of a slice, period or charge (FLOW-7): who, when, from, to, comment. */
export interface Transition {
  entityType: FlowHistoryTable['entity_type'];
  entityId: number;
  from: string | null;
  to: string;
  actorId: number;
  comment?: string;
}

/** Records a state change in the caller's transaction, beside the change and its audit row. */
export function recordTransition(trx: Database, t: Transition): Promise<void> {
  return recordTransitions(trx, [t]);
}

/** Records many state changes in one statement (a batch's decisions). */
export async function recordTransitions(trx: Database, ts: readonly Transition[]): Promise<void> {
  if (ts.length === 0) return;
  await trx
    .insertInto('flow_history')
    .values(
      ts.map((t) => ({
        entity_type: t.entityType,
        entity_id: t.entityId,
        from_state: t.from,
        to_state: t.to,
        actor_id: t.actorId,
        comment: t.comment ?? '',
      })),
    )
    .execute();
}

/** The state changes of some entities of one type, oldest first, with the actor's name. */
export function findTransitions(db: Database, entityType: Transition['entityType'], entityIds: readonly number[]) {
  return db
    .selectFrom('flow_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select([
      'h.id',
      'h.entity_id',
      'h.from_state',
      'h.to_state',
      'h.at',
      'h.comment',
      'h.actor_id',
      'u.display_name as actor_name',
    ])
    .where('h.entity_type', '=', entityType)
    .where('h.entity_id', 'in', entityIds.length ? [...entityIds] : [0])
    .orderBy('h.id')
    .execute();
}
