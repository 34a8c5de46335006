import type { HTMLAttributes, ReactNode, Ref } from 'react';
import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ItemTreeRoot } from './items/ItemTreeRoot.js';
import { useTree } from './items/TreeContext.js';
import { ItemTreeNode } from './ItemTreeNode.js';
import { LoadMoreButton } from './LoadMoreButton.js';

interface Props {
  projectKey: string;
  /** null for the top-level items of the project. */
  parentKey: string | null;
  /** The caller may create items at the top of the project (the empty state's button, paste at the top level). */
  canCreate?: boolean;
}

/**
 * The work-item tree (PRJ-2) of a project: a WAI-ARIA tree whose levels are fetched when first shown. The top level
 * sets up the tree (keyboard, drag and drop, the lifecycle's dialogs); each expanded item shows its level below it.
 */
export function ItemTree({ projectKey, parentKey, canCreate = false }: Props) {
  if (!useTree()) return <ItemTreeRoot projectKey={projectKey} canCreate={canCreate} />;
  return <ItemTreeLevel projectKey={projectKey} parentKey={parentKey} level={1} />;
}

interface LevelProps {
  projectKey: string;
  parentKey: string | null;
  /** aria-level of the rows: 1 at the top. */
  level: number;
  /** What the top level shows when the project has no items. */
  empty?: ReactNode;
  /** The top level's list is the tree itself: its role, name, keyboard handling and ref. */
  treeProps?: HTMLAttributes<HTMLUListElement> & { ref?: Ref<HTMLUListElement> };
}

/** One level of the tree, refetched (keeping what is expanded) whenever the tree changes. */
export function ItemTreeLevel({ projectKey, parentKey, level, empty, treeProps }: LevelProps) {
  const tree = useTree();
  const version = tree?.version ?? 0;
  const list = useCursorList(
    (cursor) => api.listItems(projectKey, parentKey, cursor),
    [projectKey, parentKey, version],
  );

  if (list.loading && list.items.length === 0) return <p className="muted tree-note">Loading…</p>;
  return (
    <>
      {list.items.length > 0 && (
        <ul role="group" className="tree-level" {...treeProps}>
          {list.items.map((item) => (
            <ItemTreeNode key={item.key} projectKey={projectKey} item={item} level={level} />
          ))}
        </ul>
      )}
      {!list.error &&
        list.items.length === 0 &&
        (parentKey === null && empty ? empty : <p className="muted tree-note">No child items.</p>)}
      <ErrorMessage error={list.error} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
