import { useState } from 'react';
import { api } from '../api.js';
import type { Person, TeamDetail } from '../../../src/contracts.js';
import { useAction } from '../useAction.js';
import { ErrorMessage } from './ErrorMessage.js';
import { MemberRolesPicker } from './MemberRolesPicker.js';
import { SelectField } from './SelectField.js';
import { UserChecklist } from './UserChecklist.js';
import { Table } from './Table.js';

interface Props {
  team: TeamDetail;
  onChanged: () => void;
}

/**
 * Assigned users with their roles, and — for those who manage the team — the available users (TEAM-5) to
 * assign, several at once, as the team-edit screen of the source product does.
 */
export function TeamMembersPanel({ team, onChanged }: Props) {
  const canManage = team.abilities.canManage;
  const [picked, setPicked] = useState<Person[]>([]);
  const [leaving, setLeaving] = useState<number[]>([]);
  // New members get Team Member unless the caller may not give it; then the first role they may give.
  const defaultRole = team.roles.find((r) => r.kind === 'member' && r.canGive) ?? team.roles.find((r) => r.canGive);
  const [newRoleId, setNewRoleId] = useState<number | null>(null);
  const [candidatesVersion, setCandidatesVersion] = useState(0);
  const { busy, error, run } = useAction();

  const assign = () =>
    run(async () => {
      const roleId = newRoleId ?? defaultRole?.id;
      await api.addTeamMembers(
        team.id,
        picked.map((p) => p.id),
        roleId === undefined ? undefined : [roleId],
      );
      setPicked([]);
      setCandidatesVersion((v) => v + 1);
      onChanged();
    });

  const unassign = () =>
    run(async () => {
      // One request per member (the API ends one membership at a time); those ended stay ended if a later one fails.
      try {
        for (const userId of leaving) await api.removeTeamMember(team.id, userId);
      } finally {
        setLeaving([]);
        setCandidatesVersion((v) => v + 1);
        onChanged();
      }
    });

  const setRoles = (userId: number, roleIds: number[]) =>
    run(async () => {
      await api.setMemberRoles(team.id, userId, roleIds);
      onChanged();
    });

  return (
    <div className="team-members-panel">
      <ErrorMessage error={error} />
      <section aria-labelledby="assigned-users-title" className="panel">
        <h3 id="assigned-users-title">Assigned users</h3>
        {team.members.length === 0 ? (
          <p className="muted">No members.</p>
        ) : (
          <Table
            className="compact"
            caption="Assigned users"
            columns={[canManage && { label: 'Select', hidden: true }, 'User', 'Roles']}
          >
            {team.members.map((member) => (
              <tr key={member.user.id}>
                {canManage && (
                  <td>
                    <input
                      type="checkbox"
                      disabled={!member.abilities.canRemove}
                      aria-label={`Select ${member.user.displayName}`}
                      checked={leaving.includes(member.user.id)}
                      onChange={(e) =>
                        setLeaving(
                          e.target.checked
                            ? [...leaving, member.user.id]
                            : leaving.filter((id) => id !== member.user.id),
                        )
                      }
                    />
                  </td>
                )}
                <td>
                  {member.user.displayName} <span className="muted">({member.user.login})</span>
                </td>
                <td>
                  <MemberRolesPicker
                    member={member}
                    roles={team.roles}
                    editable={member.abilities.canChangeRoles}
                    disabled={busy}
                    onChange={(roleIds) => setRoles(member.user.id, roleIds)}
                  />
                </td>
              </tr>
            ))}
          </Table>
        )}
        {canManage && team.members.length > 0 && (
          <div className="form-actions start">
            <button
              type="button"
              className="button secondary"
              onClick={unassign}
              disabled={busy || leaving.length === 0}
            >
              Unassign selected users
            </button>
          </div>
        )}
      </section>

      {canManage && (
        <section aria-labelledby="available-users-title" className="panel form">
          <h3 id="available-users-title">Available users</h3>
          <UserChecklist
            // A new list (and an empty search) after each change of members: who may join has changed.
            key={candidatesVersion}
            legend="Users who may join"
            load={(q) => api.teamCandidates({ projectKey: team.project?.key ?? null, teamId: team.id }, q)}
            selected={picked}
            onChange={setPicked}
          />
          <SelectField
            label="Role of the new members"
            value={newRoleId ?? defaultRole?.id ?? ''}
            onChange={(id) => setNewRoleId(Number(id))}
          >
            {team.roles.map((role) => (
              <option key={role.id} value={role.id} disabled={!role.canGive}>
                {role.name}
              </option>
            ))}
          </SelectField>
          <div className="form-actions start">
            <button type="button" className="button" onClick={assign} disabled={busy || picked.length === 0}>
              Assign selected users
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
