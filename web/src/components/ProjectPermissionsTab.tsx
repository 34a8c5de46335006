import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.js';
import * as scheme from '../api/project-permissions.js';
import type { ProjectGrant, RoleMember } from '../../../src/contracts.js';
import { href } from '../router.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { AddGrantForm } from './permissions/AddGrantForm.js';
import { AddRoleMemberForm } from './permissions/AddRoleMemberForm.js';
import { FormDialog } from './permissions/FormDialog.js';
import { GrantsSection } from './permissions/GrantsSection.js';
import type { ProjectPermission } from './permissions/labels.js';
import { RemoveLinkDialog } from './permissions/RemoveLinkDialog.js';
import { RolesSection } from './permissions/RolesSection.js';
import './permissions/permissions.css';

type Open =
  | { kind: 'addGrant'; permission: ProjectPermission }
  | { kind: 'addMember'; roleId: number }
  | { kind: 'revoke'; grant: ProjectGrant }
  | { kind: 'removeMember'; member: RoleMember };

/**
 * A project's permission scheme (PRJ-3): grants of the four project permissions to users, groups and project roles,
 * and who holds each project role here. Every change shows whose access changes before it is made (EXPL-3); taking the
 * last administrator away needs an explicit acknowledgement, which the server checks again.
 */
export function ProjectPermissionsTab({ projectKey }: { projectKey: string }) {
  const grants = useResource(() => scheme.listGrants(projectKey), [projectKey]);
  const members = useResource(() => scheme.listRoleMembers(projectKey), [projectKey]);
  const roles = useResource(async () => (await api.projectSubjects(projectKey)).roles, [projectKey]);
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // After a change the button that opened its dialog may be gone: the notice takes the focus instead.
  useEffect(() => noticeRef.current?.focus(), [notice]);

  function done(message: string) {
    setOpen(null);
    setNotice(message);
    grants.reload();
    members.reload();
  }

  const close = () => setOpen(null);
  const error = grants.error ?? members.error ?? roles.error;
  // Having taken their own last way to administer the project away, the caller may no longer read its scheme.
  if (notice && error instanceof ApiError && (error.status === 403 || error.status === 404))
    return (
      <p className="notice" role="status">
        {notice} You no longer manage the permissions of {projectKey}. <a href={href.projects()}>Projects</a>
      </p>
    );
  if (error) return <ErrorMessage error={error} />;
  if (!grants.data || !members.data || !roles.data) return <p className="muted">Loading…</p>;

  return (
    <div className="permission-scheme">
      <h2>Permissions</h2>
      <p className="muted">
        Grant users, groups or project roles a permission on {projectKey}. Before any change is saved you see whose
        access it changes.
      </p>
      {notice && (
        <p className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      <GrantsSection
        grants={grants.data.items}
        onAdd={(permission) => setOpen({ kind: 'addGrant', permission })}
        onRevoke={(grant) => setOpen({ kind: 'revoke', grant })}
      />
      <RolesSection
        roles={roles.data}
        grants={grants.data.items}
        members={members.data.items}
        onAdd={(roleId) => setOpen({ kind: 'addMember', roleId })}
        onRemove={(member) => setOpen({ kind: 'removeMember', member })}
      />
      {open?.kind === 'addGrant' && (
        <FormDialog title="Add a grant" onClose={close}>
          <AddGrantForm
            projectKey={projectKey}
            permission={open.permission}
            onAdded={(grant) => done(`Granted ${grant.permission}.`)}
          />
        </FormDialog>
      )}
      {open?.kind === 'addMember' && (
        <FormDialog title="Add a role member" onClose={close}>
          <AddRoleMemberForm
            projectKey={projectKey}
            roles={roles.data}
            roleId={open.roleId}
            onAdded={() => done('Role member added.')}
          />
        </FormDialog>
      )}
      {open?.kind === 'revoke' && (
        <RemoveLinkDialog
          title="Revoke a grant"
          what={`Revoke ${open.grant.permission} from ${open.grant.subject.kind} ${open.grant.subject.name}`}
          confirmLabel="Revoke"
          loadPreview={() => scheme.previewGrant(projectKey, { revokeId: open.grant.id })}
          apply={(confirm) => scheme.revokeGrant(projectKey, open.grant.id, confirm)}
          onDone={() => done(`Revoked ${open.grant.permission} from ${open.grant.subject.name}.`)}
          onClose={close}
        />
      )}
      {open?.kind === 'removeMember' && (
        <RemoveLinkDialog
          title="Remove a role member"
          what={`Remove ${open.member.subject.kind} ${open.member.subject.name} from ${open.member.role.name}`}
          confirmLabel="Remove"
          loadPreview={() => scheme.previewRoleMember(projectKey, { removeId: open.member.id })}
          apply={(confirm) => scheme.removeRoleMember(projectKey, open.member.id, confirm)}
          onDone={() => done(`Removed ${open.member.subject.name} from ${open.member.role.name}.`)}
          onClose={close}
        />
      )}
    </div>
  );
}
