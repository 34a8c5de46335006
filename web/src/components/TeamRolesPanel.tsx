import { useState } from 'react';
import { api } from '../api.js';
import { teamPermissionLabel } from '../labels.js';
import type { TeamDetail, TeamRole } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RoleForm } from './RoleForm.js';
import { EditDeleteActions } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';

interface Props {
  team: TeamDetail;
  onChanged: () => void;
}

/**
 * The team's roles and their permissions (TEAM-2, TEAM-3). The two default roles are fixed; custom roles are
 * created, changed and deleted by those who manage the team (and the server refuses a grant beyond their own).
 */
export function TeamRolesPanel({ team, onChanged }: Props) {
  const canManage = team.abilities.canManage;
  const [editing, setEditing] = useState<TeamRole | null>(null);
  const { busy, error, run } = useAction();

  function remove(role: TeamRole) {
    if (!window.confirm(`Delete the role ${role.name}? Members holding only this role keep Team Member.`)) return;
    void run(async () => {
      await api.deleteTeamRole(team.id, role.id);
      onChanged();
    });
  }

  return (
    <>
      <ErrorMessage error={error} />
      <Table
        className="compact"
        caption={`Roles of ${team.name}`}
        columns={['Role', 'Permissions', canManage && ACTIONS]}
      >
        {team.roles.map((role) => (
          <tr key={role.id}>
            <th scope="row">
              {role.name} {role.kind !== 'custom' && <span className="badge">default</span>}
            </th>
            <td>
              <ul className="why">
                {role.permissions.map((p) => (
                  <li key={p}>
                    <code>{p}</code> <span className="muted">{teamPermissionLabel(p)}</span>
                  </li>
                ))}
              </ul>
            </td>
            {canManage && (
              <EditDeleteActions
                abilities={role.abilities}
                what={`role ${role.name}`}
                busy={busy}
                onEdit={() => setEditing(role)}
                onDelete={() => remove(role)}
              />
            )}
          </tr>
        ))}
      </Table>
      {canManage &&
        (editing ? (
          <RoleForm
            key={editing.id}
            title={`Change role ${editing.name}`}
            role={editing}
            submitLabel="Save role"
            grantable={team.abilities.grantable}
            save={async (input) => {
              await api.updateTeamRole(team.id, editing, input);
              setEditing(null);
              onChanged();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <RoleForm
            title="Add a role"
            submitLabel="Add role"
            grantable={team.abilities.grantable}
            save={async (input) => {
              await api.createTeamRole(team.id, input);
              onChanged();
            }}
          />
        ))}
    </>
  );
}
