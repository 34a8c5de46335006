import { useEffect } from 'react';
import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { fieldOf } from '../useFieldErrors.js';
import { AccessCell } from './AccessCell.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMoreButton } from './LoadMoreButton.js';

/** `onError` takes a refusal of the key (a 400 naming it), for the form to show next to its field (API-5). */
export function ItemAccessTable({ itemKey, onError }: { itemKey: string; onError?: (error: unknown) => void }) {
  const list = useCursorList((cursor) => api.itemAccess(itemKey, cursor), [itemKey]);
  useEffect(() => onError?.(list.error), [list.error, onError]);
  if (list.loading && list.items.length === 0) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorMessage error={onError && fieldOf(list.error, ['key']) ? null : list.error} />
      {!list.error && list.items.length === 0 && <p className="muted">Nobody can view {itemKey}.</p>}
      {list.items.length > 0 && (
        <table className="table access-table">
          <caption>Users who can view {itemKey}</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">View</th>
              <th scope="col">Edit</th>
              <th scope="col">Log work</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((row) => (
              <tr key={row.user.id}>
                <th scope="row">
                  {row.user.displayName} <span className="muted">({row.user.login})</span>
                </th>
                <AccessCell answer={row.view} />
                <AccessCell answer={row.edit} />
                <AccessCell answer={row.logWork} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
