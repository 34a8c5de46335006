import { api } from '../api.js';
import { formatDateTime } from '../dates.js';
import { useCursorList } from '../useCursorList.js';
import { PagedList } from './PagedList.js';
import { Table } from './Table.js';

/** Every period of membership, newest first (TEAM-6): who was in the team when. */
export function TeamHistory({ teamId }: { teamId: number }) {
  const list = useCursorList((cursor) => api.teamHistory(teamId, cursor), [teamId]);
  return (
    <PagedList list={list} empty="Nobody has been a member yet.">
      {(periods) => (
        <Table className="compact" caption="Membership history" columns={['User', 'Joined', 'Left']}>
          {periods.map((period) => (
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
        </Table>
      )}
    </PagedList>
  );
}
