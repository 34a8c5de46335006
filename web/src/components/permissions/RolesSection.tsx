import { useId } from 'react';
import type { Named, ProjectGrant, RoleMember } from '../../../../src/contracts.js';
import { EmptyLinks, LinkList } from './LinkList.js';

interface Props {
  roles: Named[];
  grants: ProjectGrant[];
  members: RoleMember[];
  onAdd: (roleId: number) => void;
  onRemove: (member: RoleMember) => void;
}

/**
 * Project roles (PRJ-3): the same roles in every project, each holding the permissions granted to it here, and the users
 * and groups that hold it in this project.
 */
export function RolesSection({ roles, grants, members, onAdd, onRemove }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="scheme-section">
      <div className="section-header">
        <h3 id={headingId}>Project roles</h3>
        {roles.length > 0 && (
          <button type="button" className="button" onClick={() => onAdd(roles[0].id)}>
            Add a member
          </button>
        )}
      </div>
      <p className="muted">Roles are the same in every project; who holds them is set for each project.</p>
      {roles.length === 0 && <p className="muted">There are no project roles in this installation.</p>}
      {roles.map((role) => {
        const carries = grants.filter((g) => g.subject.kind === 'role' && g.subject.id === role.id);
        return (
          <div key={role.id} className="scheme-block">
            <h4>{role.name}</h4>
            <p className="muted">
              {carries.length > 0
                ? `Holds here: ${carries.map((g) => g.permission).join(', ')}.`
                : 'Holds no permission on this project: grant it one above.'}
            </p>
            <LinkList
              links={members.filter((m) => m.role.id === role.id)}
              removeLabel="Remove…"
              removeName={(m) => `Remove ${m.subject.kind} ${m.subject.name} from ${role.name}`}
              onRemove={onRemove}
              empty={
                <EmptyLinks
                  text={`No one holds the ${role.name} role in this project yet.`}
                  action="Add a member"
                  name={`Add a member to ${role.name}`}
                  onAction={() => onAdd(role.id)}
                />
              }
            />
          </div>
        );
      })}
    </section>
  );
}
