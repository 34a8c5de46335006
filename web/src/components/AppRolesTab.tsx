import { useState } from 'react';
import { api } from '../api.js';
import type { AppRole } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { ConfirmChange } from './ConfirmChange.js';
import { ErrorMessage } from './ErrorMessage.js';
import { GrantRoleForm } from './GrantRoleForm.js';
import { RowButton } from './RowActions.js';
import { Table } from './Table.js';

type Revoking = { role: AppRole['role']; grant: AppRole['grants'][number] };

/** App roles (APP-1, APP-2, APP-6): the areas each role opens, who holds it, and prerequisite warnings. */
export function AppRolesTab() {
  const roles = useResource(() => api.listAppRoles(), []);
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  const data = roles.data;

  return (
    <>
      <h2>App roles</h2>
      <p className="muted">A user sees the union of the areas of their roles, held directly or through a group.</p>
      <ErrorMessage error={roles.error} />
      {data && data.warnings.length > 0 && (
        <section className="warning" aria-labelledby="prerequisite-warnings">
          <h3 id="prerequisite-warnings">Prerequisite warnings</h3>
          <ul>
            {data.warnings.map((w) => (
              <li key={`${w.user.id}:${w.role}`}>
                <strong>{w.user.login}</strong> holds <code>{w.role}</code> but not{' '}
                {w.missing.map((m, i) => (
                  <span key={m}>
                    {i > 0 && ' and '}
                    <code>{m}</code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && (
        <Table className="roles-table" caption="App roles" columns={['Role', 'Opens areas', 'Held by']}>
          {data.roles.map((role) => (
            <tr key={role.role}>
              <th scope="row">
                <code>{role.role}</code>
                {role.prerequisites.length > 0 && (
                  <div className="hint-inline muted">Should also hold {role.prerequisites.join(', ')}</div>
                )}
              </th>
              <td>{role.areas.join(', ') || <span className="muted">none</span>}</td>
              <td>
                {role.grants.length === 0 ? (
                  <span className="muted">nobody</span>
                ) : (
                  <ul className="holders">
                    {role.grants.map((grant) => (
                      <li key={grant.id}>
                        <span className="subject-kind">{grant.subject.kind === 'user' ? 'User' : 'Group'}</span>{' '}
                        {grant.subject.name}{' '}
                        <RowButton
                          name={`Revoke ${role.role} from ${grant.subject.kind} ${grant.subject.name}`}
                          onClick={() => setRevoking({ role: role.role, grant })}
                        >
                          Revoke…
                        </RowButton>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {revoking && (
        <ConfirmChange
          key={revoking.grant.id}
          title={`Revoke ${revoking.role} from ${revoking.grant.subject.kind} ${revoking.grant.subject.name}`}
          confirmLabel="Revoke role"
          loadPreview={() => api.previewAppRole({ revokeId: revoking.grant.id })}
          apply={() => api.revokeAppRole(revoking.grant.id)}
          onDone={() => {
            setRevoking(null);
            roles.reload();
          }}
          onCancel={() => setRevoking(null)}
        />
      )}
      {data && <GrantRoleForm roles={data.roles.map((r) => r.role)} onGranted={roles.reload} />}
    </>
  );
}
