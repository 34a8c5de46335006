import { useState } from 'react';
import { api } from '../api.js';
import { NewTeamDialog } from '../components/NewTeamDialog.js';
import { PagedList } from '../components/PagedList.js';
import { TeamsTable } from '../components/TeamsTable.js';
import { href, navigate } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

/** The Teams area (APP-2): global teams, which any project can be given (TEAM-1), and the project teams the user may see. */
export function TeamsPage() {
  const globalTeams = useCursorList((cursor) => api.listTeams('global', cursor), []);
  const projectTeams = useCursorList((cursor) => api.listTeams('project', cursor), []);
  // The list says whether the caller may create a global team (team.create, decided by the server).
  const mayCreate = globalTeams.lastPage?.abilities.canCreateGlobalTeam ?? false;
  const [creating, setCreating] = useState(false);
  useDocumentTitle('Teams');

  return (
    <section>
      <div className="page-header">
        <h1>Teams</h1>
        {mayCreate && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Create global team
          </button>
        )}
      </div>

      <h2>Global teams</h2>
      <PagedList
        list={globalTeams}
        empty={
          mayCreate ? (
            <span className="empty-state">
              No global teams yet. A global team can serve any project.{' '}
              <button type="button" className="button" onClick={() => setCreating(true)}>
                Create the first global team
              </button>
            </span>
          ) : (
            'There are no global teams you may see.'
          )
        }
      >
        {(teams) => <TeamsTable teams={teams} caption="Global teams" />}
      </PagedList>

      <h2>Project teams</h2>
      <PagedList
        list={projectTeams}
        empty="No project of yours has teams. A project administrator adds them on the project's Teams tab."
      >
        {(teams) => <TeamsTable teams={teams} caption="Project teams" showProject />}
      </PagedList>

      {creating && (
        <NewTeamDialog
          projectKey={null}
          onClose={() => setCreating(false)}
          onCreated={(team) => {
            setCreating(false);
            navigate(href.team(team.id));
          }}
        />
      )}
    </section>
  );
}
