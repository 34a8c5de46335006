import { useId } from 'react';
import type { ProjectGrant } from '../../../../src/contracts.js';
import { PROJECT_PERMISSIONS, type ProjectPermission } from './labels.js';
import { EmptyLinks, LinkList } from './LinkList.js';

interface Props {
  grants: ProjectGrant[];
  onAdd: (permission: ProjectPermission) => void;
  onRevoke: (grant: ProjectGrant) => void;
}

/** The project's grants by permission (PRJ-3): who holds each directly, through a group or through a project role. */
export function GrantsSection({ grants, onAdd, onRevoke }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="scheme-section">
      <div className="section-header">
        <h3 id={headingId}>Permission grants</h3>
        <button type="button" className="button" onClick={() => onAdd('BROWSE_PROJECT')}>
          Add a grant
        </button>
      </div>
      {PROJECT_PERMISSIONS.map(({ permission, label }) => (
        <div key={permission} className="scheme-block">
          <h4>
            <code>{permission}</code>
          </h4>
          <p className="muted">{label}</p>
          <LinkList
            links={grants.filter((g) => g.permission === permission)}
            removeLabel="Revoke…"
            removeName={(g) => `Revoke ${permission} from ${g.subject.kind} ${g.subject.name}`}
            onRemove={onRevoke}
            empty={
              <EmptyLinks
                text={`No one is granted ${permission} yet.`}
                action="Add a grant"
                name={`Add a grant of ${permission}`}
                onAction={() => onAdd(permission)}
              />
            }
          />
        </div>
      ))}
    </section>
  );
}
