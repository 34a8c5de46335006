import { showMoney } from '../../lib/money.js';
import type { AuditRow } from './repo.js';
import type { AuditRowOut } from './schema.js';

/** An audit row as the API shows it: without money for a reader who may not see money (PRICE-7). */
export function auditRowOut(row: AuditRow, seesMoney: boolean): AuditRowOut {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor_id === null ? null : { id: row.actor_id, displayName: row.display_name ?? '' },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    projectId: row.project_id,
    itemId: row.item_id,
    before: showMoney(seesMoney, row.before),
    after: showMoney(seesMoney, row.after),
  };
}
