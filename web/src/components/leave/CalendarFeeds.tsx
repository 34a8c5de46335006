import { useState } from 'react';
import { feedApi } from '../../api/leave.js';
import { useAction } from '../../useAction.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowActions, RowButton } from '../RowActions.js';
import { Table } from '../Table.js';

/**
 * My calendar feeds (issue 16): an iCal address of my leave, or of a team's whose planning I share, to paste into a
 * calendar application. The address is shown once, when it is made; a feed is revoked here. What a team's feed shows
 * of a member's leave is the server's: "absent" where I may not know its type.
 */
export function CalendarFeeds() {
  const feeds = useResource(() => feedApi.list(), []);
  const action = useAction();
  const [made, setMade] = useState<{ url: string; of: string } | null>(null);
  const [teamId, setTeamId] = useState('');
  const data = feeds.data;
  const make = (team: { id: number; name: string } | null) =>
    void action.run(async () => {
      const feed = await feedApi.create(team ? { teamId: team.id } : {});
      setMade({ url: new URL(feed.path, window.location.origin).toString(), of: team ? team.name : 'my leave' });
      feeds.reload();
    });
  return (
    <>
      <h2 id="calendar-feeds-heading">Calendar feeds</h2>
      <p className="muted">Subscribe in a calendar application; anyone with the address sees what it shows.</p>
      <div className="form-row">
        <button type="button" className="button secondary" disabled={action.busy} onClick={() => make(null)}>
          New feed of my leave
        </button>
        {data && data.teams.length > 0 && (
          <>
            <label>
              Team
              <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">Choose a team</option>
                {data.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button secondary"
              disabled={action.busy || teamId === ''}
              onClick={() => make(data.teams.find((t) => String(t.id) === teamId)!)}
            >
              New feed of the team
            </button>
          </>
        )}
      </div>
      <ErrorMessage error={action.error ?? feeds.error} />
      {made && (
        <p role="status" className="feed-made">
          The address of the feed of {made.of} (shown only now): <code className="feed-url">{made.url}</code>
        </p>
      )}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <Table
            labelledBy="calendar-feeds-heading"
            className="stacked-table leave-table"
            columns={['Of', 'Made', 'State', '']}
          >
            {data.items.map((f) => (
              <tr key={f.id}>
                <td data-label="Of">{f.team ? f.team.name : 'My leave'}</td>
                <td data-label="Made">{f.createdAt.slice(0, 10)}</td>
                <td data-label="State">{f.revokedAt ? `Revoked ${f.revokedAt.slice(0, 10)}` : 'Active'}</td>
                {f.revokedAt ? (
                  <td />
                ) : (
                  <RowActions>
                    <RowButton
                      danger
                      name={`Revoke the feed of ${f.team ? f.team.name : 'my leave'} made ${f.createdAt.slice(0, 10)}`}
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(async () => {
                          await feedApi.revoke(f.id);
                          feeds.reload();
                        })
                      }
                    >
                      Revoke
                    </RowButton>
                  </RowActions>
                )}
              </tr>
            ))}
          </Table>
        </div>
      )}
    </>
  );
}
