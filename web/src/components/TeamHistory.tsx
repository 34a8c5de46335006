import { api } from '../api.js';
import { formatDateTime } from '../dates.js';
import { useCursorList } from '../useCursorList.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LoadMoreButton } from './LoadMoreButton.js';

/** Every period of membership, newest first (TEAM-6): who was in the team when. */
export function TeamHistory({ teamId }: { teamId: number }) {
  const list = useCursorList((cursor) => api.teamHistory(teamId, cursor), [teamId]);
  if (list.loading && list.items.length === 0) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorMessage error={list.error} />
      {!list.error && list.items.length === 0 && <p className="muted">Nobody has been a member yet.</p>}
      {list.items.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">Membership history</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Joined</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((period) => (
              <tr key={period.id}>
                <td>{period.user.displayName}</td>
                <td>
                  {formatDateTime(period.joinedAt)}
                  {period.joinedBy && <span className="muted"> by {period.joinedBy.displayName}</span>}
                </td>
                <td>
                  {period.leftAt ? (
                    <>
                      {formatDateTime(period.leftAt)}
                      {period.leftBy && <span className="muted"> by {period.leftBy.displayName}</span>}
                    </>
                  ) : (
                    <span className="muted">still a member</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
