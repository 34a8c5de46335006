import type { KeyboardEvent } from 'react';
import { href, navigate } from '../../router.js';
import { menuId, type TreeState } from './TreeContext.js';

/**
 * The tree's keyboard (WAI-ARIA tree pattern, focus on the tree with aria-activedescendant): Up and Down move between
 * the shown rows, Home and End to the first and last; Right expands a row, or enters its first child; Left collapses
 * it, or goes to its parent; Enter opens the item; Shift+F10 or the context-menu key opens the row's actions menu.
 */
export function onTreeKeyDown(event: KeyboardEvent<HTMLUListElement>, tree: TreeState): void {
  // Keys pressed inside a row's menu are the menu's.
  if (event.target !== event.currentTarget) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'));
  if (rows.length === 0) return;
  const at = Math.max(
    0,
    rows.findIndex((row) => row.dataset.key === tree.active),
  );
  const row = rows[at];
  const key = row.dataset.key!;
  const go = (target: Element | null | undefined) => {
    const next = (target as HTMLElement | null)?.dataset.key;
    if (!next) return;
    tree.setActive(next);
    target!.scrollIntoView({ block: 'nearest' });
  };
  const expanded = row.getAttribute('aria-expanded');
  const keys: Record<string, () => void> = {
    ArrowDown: () => go(rows[Math.min(at + 1, rows.length - 1)]),
    ArrowUp: () => go(rows[Math.max(at - 1, 0)]),
    Home: () => go(rows[0]),
    End: () => go(rows[rows.length - 1]),
    ArrowRight: () => {
      if (expanded === 'false') tree.setExpanded(key, true);
      else if (expanded === 'true') go(row.querySelector('[role="treeitem"]'));
    },
    ArrowLeft: () => {
      if (expanded === 'true') tree.setExpanded(key, false);
      else go(row.parentElement?.closest('[role="treeitem"]'));
    },
    Enter: () => navigate(href.item(key)),
    ContextMenu: () => document.getElementById(menuId(key))?.click(),
  };
  const name = event.key === 'F10' && event.shiftKey ? 'ContextMenu' : event.key;
  const handler = keys[name];
  if (!handler) return;
  event.preventDefault();
  if (tree.active !== key) tree.setActive(key);
  handler();
}
