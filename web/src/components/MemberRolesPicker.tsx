import type { TeamMember, TeamRole } from '../../../src/contracts.js';

interface Props {
  member: TeamMember;
  roles: TeamRole[];
  /** The team's `canManage` ability: without it the roles are listed, not offered. */
  editable: boolean;
  disabled: boolean;
  onChange: (roleIds: number[]) => void;
}

/** The roles a member holds (TEAM-3: one or more), as one checkbox per role of the team. */
export function MemberRolesPicker({ member, roles, editable, disabled, onChange }: Props) {
  if (!editable) {
    const names = roles.filter((r) => member.roleIds.includes(r.id)).map((r) => r.name);
    return <>{names.join(', ') || <span className="muted">—</span>}</>;
  }
  return (
    <div className="role-picker" role="group" aria-label={`Roles of ${member.user.displayName}`}>
      {roles.map((role) => {
        const held = member.roleIds.includes(role.id);
        return (
          <label key={role.id} className="checkbox">
            <input
              type="checkbox"
              checked={held}
              // The server's answers: whether a role may be taken from the member (they keep at least one), and
              // whether the caller may give a role (the grant boundary).
              disabled={disabled || (held && !member.abilities.canDropRole) || (!held && !role.canGive)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...member.roleIds, role.id] : member.roleIds.filter((id) => id !== role.id),
                )
              }
            />
            {role.name}
          </label>
        );
      })}
    </div>
  );
}
