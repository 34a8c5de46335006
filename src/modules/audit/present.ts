import { isMoneyKey, showMoney } from '../../lib/money.js';
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
    project: row.project_key === null ? null : { key: row.project_key, name: row.project_name ?? '' },
    item:
      row.item_key === null
        ? null
        : { key: row.item_key, title: row.item_title ?? '', inTrash: row.item_deleted_at !== null },
    before: showMoney(seesMoney, row.before),
    after: showMoney(seesMoney, row.after),
    hiddenFields: seesMoney ? [] : [...new Set([...moneyPaths(row.before), ...moneyPaths(row.after)])].sort(),
  };
}

/**
 * Where money keys sit in a recorded state (`rate`, `priceLists.0.hourly_rate`): the keys a reader without money is
 * told are hidden. A recorded state is a row's columns, so a key's presence says what kind of record it was, not
 * whether it held an amount.
 */
function moneyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    isMoneyKey(key) ? [`${prefix}${key}`] : moneyPaths(inner, `${prefix}${key}.`),
  );
}
