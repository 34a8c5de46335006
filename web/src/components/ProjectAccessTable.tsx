import { useEffect } from 'react';
import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { fieldOf } from '../useFieldErrors.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMoreButton } from './LoadMoreButton.js';

/** `onError` takes a refusal of the key (a 400 naming it), for the form to show next to its field (API-5). */
export function ProjectAccessTable({
  projectKey,
  onError,
}: {
  projectKey: string;
  onError?: (error: unknown) => void;
}) {
  const list = useCursorList((cursor) => api.projectAccess(projectKey, cursor), [projectKey]);
  useEffect(() => onError?.(list.error), [list.error, onError]);
  if (list.loading && list.items.length === 0) return <p className="muted">Loading…</p>;
  // Every row names the same permissions in the same order; the first row gives the columns.
  const permissions = list.items[0]?.permissions.map((p) => p.permission) ?? [];
  return (
    <>
      <ErrorMessage error={onError && fieldOf(list.error, ['key']) ? null : list.error} />
      {!list.error && list.items.length === 0 && <p className="muted">Nobody can browse {projectKey}.</p>}
      {list.items.length > 0 && (
        <table className="table access-table">
          <caption>Users who can browse {projectKey}</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              {permissions.map((permission) => (
                <th scope="col" key={permission}>
                  {permission}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.map((row) => (
              <tr key={row.user.id}>
                <th scope="row">
                  {row.user.displayName} <span className="muted">({row.user.login})</span>
                </th>
                {row.permissions.map((p) => (
                  <td key={p.permission} className={p.allowed ? 'access-yes' : 'access-no'}>
                    <strong>{p.allowed ? 'Yes' : 'No'}</strong>
                    {p.why.length > 0 && (
                      <ul className="why muted">
                        {p.why.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
