import { useState } from 'react';
import { api } from '../api.js';
import { href } from '../router.js';
import type { GlobalTeamSummary, TeamDetail, TeamSummary } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { NewTeamDialog } from './NewTeamDialog.js';
import { PriceListsSection } from './PriceListsSection.js';
import { TeamChecksSwitch } from './TeamChecksSwitch.js';
import { TeamsTable } from './TeamsTable.js';

/**
 * A project's "Teams & price lists" tab (TEAM-1, TEAM-4, PRICE-2): its own teams with their price lists, the
 * global teams and whether each is assigned here, and the project's team-check switch. Every control follows
 * the abilities the API sent.
 */
export function ProjectTeamsTab({ projectKey }: { projectKey: string }) {
  const page = useResource(() => api.projectTeams(projectKey), [projectKey]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TeamDetail | null>(null);
  const { busy, error, run } = useAction();

  if (!page.data) return page.error ? <ErrorMessage error={page.error} /> : <p className="muted">Loading…</p>;
  const { teamChecks, projectTeams, globalTeams, abilities } = page.data;

  const remove = (team: TeamSummary) => {
    if (!window.confirm(`Delete the team ${team.name}? Its members become free to join other teams.`)) return;
    void run(async () => {
      await api.deleteTeam(team);
      page.reload();
    });
  };

  const assign = (team: GlobalTeamSummary, assigned: boolean) =>
    run(async () => {
      await api.setTeamAssignment(projectKey, team.id, assigned);
      page.reload();
    });

  return (
    <>
      <TeamChecksSwitch
        projectKey={projectKey}
        checks={teamChecks}
        canSwitch={abilities.canSwitchChecks}
        onChanged={page.reload}
      />
      <ErrorMessage error={error ?? page.error} />
      {created && (
        <p className="notice" role="status">
          Created the team <a href={href.team(created.id)}>{created.name}</a>.
        </p>
      )}

      <div className="section-header">
        <h2 id="project-teams-title">Project-specific teams</h2>
        {abilities.canCreateTeam && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Create new team
          </button>
        )}
      </div>
      {projectTeams.length === 0 ? (
        <p className="muted">This project has no teams of its own.</p>
      ) : (
        <TeamsTable
          teams={projectTeams}
          labelledBy="project-teams-title"
          actions={(team) => (
            <div className="row-links">
              {team.abilities.canManage && (
                <a href={href.team(team.id)} aria-label={`Edit team ${team.name}`}>
                  Edit
                </a>
              )}
              {team.abilities.canDelete && (
                <button
                  type="button"
                  className="button link small danger-text"
                  aria-label={`Delete team ${team.name}`}
                  disabled={busy}
                  onClick={() => remove(team)}
                >
                  Delete
                </button>
              )}
            </div>
          )}
          extra={{
            header: 'Price lists',
            cell: (team) => (
              <PriceListsSection teamId={team.id} teamName={team.name} canCreate={team.abilities.canManagePriceLists} />
            ),
          }}
        />
      )}

      <h2 id="global-teams-title">Global teams</h2>
      {globalTeams.length === 0 ? (
        <p className="muted">There are no global teams.</p>
      ) : (
        <TeamsTable
          teams={globalTeams}
          labelledBy="global-teams-title"
          rowClassName={(team) => (team.assigned ? 'assigned' : undefined)}
          extra={{
            header: 'Assigned',
            cell: (team) =>
              abilities.canAssignTeams ? (
                <input
                  type="checkbox"
                  aria-label={`Assign ${team.name} to ${projectKey}`}
                  checked={team.assigned}
                  disabled={busy}
                  onChange={(e) => assign(team, e.target.checked)}
                />
              ) : team.assigned ? (
                'Yes'
              ) : (
                <span className="muted">No</span>
              ),
          }}
        />
      )}

      {creating && (
        <NewTeamDialog
          projectKey={projectKey}
          onClose={() => setCreating(false)}
          onCreated={(team) => {
            setCreating(false);
            setCreated(team);
            page.reload();
          }}
        />
      )}
    </>
  );
}
