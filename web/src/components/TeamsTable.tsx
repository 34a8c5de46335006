import type { ReactNode } from 'react';
import type { TeamSummary } from '../../../src/contracts.js';
import { href } from '../router.js';
import { TeamMembersList } from './TeamMembersList.js';
import { Table } from './Table.js';

interface Props<T extends TeamSummary> {
  teams: T[];
  /** What names the table: a hidden caption, or the id of the heading above it. */
  caption?: string;
  labelledBy?: string;
  /** Project teams name their project. */
  showProject?: boolean;
  /** Links and buttons under a team's name. */
  actions?: (team: T) => ReactNode;
  /** A last column. */
  extra?: { header: string; cell: (team: T) => ReactNode };
  rowClassName?: (team: T) => string | undefined;
}

/** Teams as lists show them: name, description, members (the first three and "more…"), and what the list adds. */
export function TeamsTable<T extends TeamSummary>(props: Props<T>) {
  const { teams, caption, labelledBy, showProject = false, actions, extra, rowClassName } = props;
  return (
    <Table
      caption={caption}
      labelledBy={labelledBy}
      columns={['Name', showProject && 'Project', 'Description', 'Users', extra?.header ?? false]}
    >
      {teams.map((team) => (
        <tr key={team.id} className={rowClassName?.(team)}>
          <th scope="row">
            <a href={href.team(team.id)}>{team.name}</a>
            {actions?.(team)}
          </th>
          {showProject && (
            <td>{team.project && <a href={href.project(team.project.key, 'teams')}>{team.project.key}</a>}</td>
          )}
          <td className="description">{team.description || <span className="muted">—</span>}</td>
          <td>
            <TeamMembersList members={team.members} teamName={team.name} />
          </td>
          {extra && <td>{extra.cell(team)}</td>}
        </tr>
      ))}
    </Table>
  );
}
