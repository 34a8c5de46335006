import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ItemTreeNode } from './ItemTreeNode.js';
import { LoadMoreButton } from './LoadMoreButton.js';

interface Props {
  projectKey: string;
  /** null for the top-level items of the project. */
  parentKey: string | null;
}

/** One level of the work-item tree, fetched when it is first shown. */
export function ItemTree({ projectKey, parentKey }: Props) {
  const list = useCursorList((cursor) => api.listItems(projectKey, parentKey, cursor), [projectKey, parentKey]);

  if (list.loading && list.items.length === 0) return <p className="muted tree-note">Loading…</p>;
  return (
    <>
      {list.items.length > 0 && (
        <ul className="tree">
          {list.items.map((item) => (
            <ItemTreeNode key={item.key} projectKey={projectKey} item={item} />
          ))}
        </ul>
      )}
      {!list.error && list.items.length === 0 && (
        <p className="muted tree-note">{parentKey === null ? 'No work items yet.' : 'No child items.'}</p>
      )}
      <ErrorMessage error={list.error} />
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
