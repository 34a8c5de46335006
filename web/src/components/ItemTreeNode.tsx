import { useState, type DragEvent } from 'react';
import { api } from '../api.js';
import { href } from '../router.js';
import type { ItemSummary } from '../../../src/contracts.js';
import { menuId, rowId, useTree } from './items/TreeContext.js';
import { ItemTreeLevel } from './ItemTree.js';
import { RowMenu, type MenuEntry } from './RowActions.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  projectKey: string;
  item: ItemSummary;
  /** aria-level: 1 at the top. */
  level?: number;
}

/**
 * One row of the tree (a WAI-ARIA treeitem): its toggle, link, status and actions menu, and its children when expanded.
 * The row is dragged onto another row to move the item under it (ITEM-8); the menu offers the same by keyboard.
 */
export function ItemTreeNode({ projectKey, item, level = 1 }: Props) {
  const tree = useTree();
  const [ownExpanded, setOwnExpanded] = useState(false);
  const [entries, setEntries] = useState<MenuEntry[] | null>(null);
  const [over, setOver] = useState(false);
  const expanded = tree ? tree.isExpanded(item.key) : ownExpanded;
  const setExpanded = (open: boolean) => (tree ? tree.setExpanded(item.key, open) : setOwnExpanded(open));
  const active = tree?.active === item.key;
  const droppable = tree?.dragging != null && tree.dragging !== item.key;

  function loadEntries() {
    setEntries(null);
    api.getItem(item.key).then(
      (full) =>
        setEntries([
          { label: 'Open', onSelect: () => (window.location.hash = href.item(item.key)) },
          ...(tree?.entriesOf(full) ?? []),
        ]),
      () => setEntries([{ label: 'Open', onSelect: () => (window.location.hash = href.item(item.key)) }]),
    );
  }

  const dropProps = tree && {
    onDragOver: (event: DragEvent) => {
      if (!droppable) return;
      event.preventDefault();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      tree.drop(item.key);
    },
  };

  return (
    <li
      role="treeitem"
      id={rowId(item.key)}
      data-key={item.key}
      aria-level={level}
      aria-expanded={item.hasChildren ? expanded : undefined}
      aria-selected={tree ? active : undefined}
      aria-label={`${item.key} ${item.title}`}
    >
      <div
        className={`tree-row${active ? ' active' : ''}${over ? ' drop-target' : ''}`}
        draggable={Boolean(tree)}
        onDragStart={(event) => {
          event.dataTransfer.setData('text/plain', item.key);
          event.dataTransfer.effectAllowed = 'move';
          // After the event: Chrome ends a drag whose start changes the page under it (the drop zone appears).
          setTimeout(() => tree?.setDragging(item.key), 0);
        }}
        onDragEnd={() => tree?.setDragging(null)}
        onClick={() => tree?.setActive(item.key)}
        {...dropProps}
      >
        {item.hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            tabIndex={tree ? -1 : undefined}
            aria-expanded={expanded}
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${item.key}`}
            onClick={() => setExpanded(!expanded)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle-spacer" />
        )}
        <a href={href.item(item.key)} className="tree-link" draggable={false} tabIndex={tree ? -1 : undefined}>
          <span className="key">{item.key}</span> {item.title}
        </a>
        <StatusBadge status={item.status} />
        {tree && (
          <RowMenu
            id={menuId(item.key)}
            name={`Actions for ${item.key}`}
            entries={entries}
            onOpen={loadEntries}
            tabIndex={-1}
            returnFocusTo={() => document.getElementById(rowId(item.key))?.closest<HTMLElement>('[role="tree"]')}
          />
        )}
      </div>
      {expanded && (
        <div className="tree-children">
          <ItemTreeLevel projectKey={projectKey} parentKey={item.key} level={level + 1} />
        </div>
      )}
    </li>
  );
}
