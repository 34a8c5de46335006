import { href } from '../router.js';
import type { TeamSummary } from '../../../src/contracts.js';
import { TeamMembersList } from './TeamMembersList.js';

interface Props {
  teams: TeamSummary[];
  caption: string;
  /** Project teams name their project. */
  showProject?: boolean;
}

/** Teams as the Teams area lists them: name, description, members (the first three and "more…"). */
export function TeamsTable({ teams, caption, showProject = false }: Props) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showProject && <th scope="col">Project</th>}
          <th scope="col">Description</th>
          <th scope="col">Users</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => (
          <tr key={team.id}>
            <th scope="row">
              <a href={href.team(team.id)}>{team.name}</a>
            </th>
            {showProject && (
              <td>{team.project && <a href={href.project(team.project.key, 'teams')}>{team.project.key}</a>}</td>
            )}
            <td className="description">{team.description || <span className="muted">—</span>}</td>
            <td>
              <TeamMembersList members={team.members} teamName={team.name} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
