import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMoreButton } from './LoadMoreButton.js';
import { WorklogTable } from './WorklogTable.js';

export function WorklogsTab({ itemKey }: { itemKey: string }) {
  const list = useCursorList((cursor) => api.listItemWorklogs(itemKey, cursor), [itemKey]);

  if (list.loading && list.items.length === 0) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.error ? (
        <p className="muted">No work logged yet.</p>
      ) : (
        <WorklogTable worklogs={list.items} caption={`Work logs on ${itemKey}`} showAuthor onChanged={list.reload} />
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
