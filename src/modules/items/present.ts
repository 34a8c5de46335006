import { abilities, type Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import type { CommentRow, findChildren, findViewablePath, ItemRow } from './repo.js';
import type { CommentOut, ItemAbilities, ItemOut, ItemSummary, TrashOut } from './schema.js';
import type { TrashRow } from './trash-repo.js';

/** What the caller may do with the item, decided from the item's facts already loaded (the web shows exactly these). */
export function itemAbilities(actor: Actor, facts: ItemFacts): ItemAbilities {
  return abilities(actor.subject, facts, {
    canEdit: { action: 'item.edit' },
    canDelete: { action: 'item.delete' },
    canComment: { action: 'item.comment' },
    canLogWork: { action: 'worklog.create', ownerId: actor.userId },
    canViewWorklogs: { action: 'worklog.view' },
    canViewTimePanels: { action: 'item.timePanels' },
    canChangeSecurity: { action: 'item.security' },
  });
}

/**
 * An item with its viewable path (the item last). Its parent is the visible parent: the nearest ancestor the caller
 * may view, under which the lists show the item (ITEM-2).
 */
export function presentItem(
  item: ItemRow,
  path: Awaited<ReturnType<typeof findViewablePath>>,
  actor: Actor,
  facts: ItemFacts,
): ItemOut {
  const ancestors = path.slice(0, -1);
  return {
    id: item.id,
    key: item.key,
    projectKey: item.project_key,
    title: item.title,
    description: item.description,
    status: item.status,
    parentKey: ancestors.length ? ancestors[ancestors.length - 1].key : null,
    path: ancestors.map((a) => ({ key: a.key, title: a.title })),
    version: item.version,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    abilities: itemAbilities(actor, facts),
  };
}

export function presentSummary(
  row: Awaited<ReturnType<typeof findChildren>>[number],
  parentKey: string | null,
): ItemSummary {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    status: row.status,
    parentKey,
    hasChildren: row.has_children,
  };
}

export function presentComment(row: CommentRow): CommentOut {
  return {
    id: row.id,
    body: row.body,
    createdAt: row.created_at,
    author: { id: row.author_id, displayName: row.display_name },
  };
}

export function presentTrash(rows: TrashRow[]): TrashOut {
  return {
    items: rows.map((r) => ({ key: r.key, title: r.title, deletedAt: r.deleted_at!, deletedBy: r.display_name ?? '' })),
  };
}
