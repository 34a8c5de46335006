import { api, isNotFound } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { PeriodsSection } from '../components/periods/PeriodsSection.js';
import { PriceListsSection } from '../components/PriceListsSection.js';
import { TeamDetailsForm } from '../components/TeamDetailsForm.js';
import { TeamHistory } from '../components/TeamHistory.js';
import { TeamMembersPanel } from '../components/TeamMembersPanel.js';
import { TeamRolesPanel } from '../components/TeamRolesPanel.js';
import { href, navigate } from '../router.js';
import { useAction } from '../useAction.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import { NotFoundPage } from './NotFoundPage.js';

/** One team (TEAM-1…TEAM-6, FLOW-3): its details, members and their roles, roles, price lists, periods and membership history. */
export function TeamPage({ teamId }: { teamId: number }) {
  const team = useResource(() => api.getTeam(teamId), [teamId]);
  const removal = useAction();
  useDocumentTitle(team.data ? `Team ${team.data.name}` : null);

  if (isNotFound(team.error)) return <NotFoundPage />;
  if (!team.data) return team.error ? <ErrorMessage error={team.error} /> : <p className="muted">Loading…</p>;
  const { data } = team;
  const back = data.project ? href.project(data.project.key, 'teams') : href.teams();

  function remove() {
    if (!window.confirm(`Delete the team ${data.name}? Its members become free to join other teams.`)) return;
    void removal.run(async () => {
      await api.deleteTeam(data);
      navigate(back);
    });
  }

  return (
    <section>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          {data.project ? (
            <>
              <li>
                <a href={href.project(data.project.key)}>{data.project.key}</a>
              </li>
              <li>
                <a href={back}>Teams & price lists</a>
              </li>
            </>
          ) : (
            <li>
              <a href={back}>Teams</a>
            </li>
          )}
          <li aria-current="page">{data.name}</li>
        </ol>
      </nav>
      <div className="page-header">
        <div>
          <h1>Team {data.name}</h1>
          <p className="muted">
            {data.project ? `Team of project ${data.project.name}` : 'Global team'}
            {data.assignedProjects.length > 0 && (
              <>
                {', assigned to '}
                {data.assignedProjects.map((p, i) => (
                  <span key={p.key}>
                    {i > 0 && ', '}
                    <a href={href.project(p.key, 'teams')}>{p.key}</a>
                  </span>
                ))}
              </>
            )}
          </p>
        </div>
        {data.abilities.canDelete && (
          <button type="button" className="button danger" onClick={remove} disabled={removal.busy}>
            Delete team
          </button>
        )}
      </div>
      <ErrorMessage error={removal.error ?? team.error} />

      {data.abilities.canManage ? (
        <TeamDetailsForm team={data} onSaved={team.reload} />
      ) : (
        data.description && <p className="item-description">{data.description}</p>
      )}

      <h2>Members</h2>
      <TeamMembersPanel team={data} onChanged={team.reload} />

      <h2>Roles</h2>
      <TeamRolesPanel team={data} onChanged={team.reload} />

      <h2>Price lists</h2>
      <PriceListsSection teamId={data.id} teamName={data.name} canCreate={data.abilities.canManagePriceLists} />

      <h2>Periods</h2>
      <PeriodsSection teamId={data.id} teamName={data.name} />

      <h2>Membership history</h2>
      <TeamHistory key={data.members.map((m) => m.user.id).join()} teamId={data.id} />
    </section>
  );
}
