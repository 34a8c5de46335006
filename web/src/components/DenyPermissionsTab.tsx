import { useState } from 'react';
import { api } from '../api.js';
import type { DenyGrant } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { AddDenyForm } from './AddDenyForm.js';
import { ConfirmChange } from './ConfirmChange.js';
import { DenyBadge } from './DenyBadge.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RowActions, RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';

/** Deny permissions (DENY-1…DENY-3): group-based denials of time-tracking surfaces, shown as DENY everywhere. */
export function DenyPermissionsTab() {
  const denies = useResource(() => api.listDenies(), []);
  const [lifting, setLifting] = useState<DenyGrant | null>(null);
  const catalogue = denies.data?.catalogue ?? [];
  const hidesOf = (permission: string) => catalogue.find((c) => c.permission === permission)?.hides ?? [];

  return (
    <>
      <h2 className="deny-heading">Deny permissions — members of these groups do NOT get the surfaces listed</h2>
      <p className="muted">
        A denial beats every role and permission, and applies to system administrators in a denied group too. The
        comments tab always stays.
      </p>
      <ErrorMessage error={denies.error} />

      {catalogue.length > 0 && (
        <section aria-labelledby="deny-catalogue-title" className="panel">
          <h3 id="deny-catalogue-title">What each deny permission hides</h3>
          <dl className="deny-catalogue">
            {catalogue.map((entry) => (
              <div key={entry.permission}>
                <dt>
                  <DenyBadge /> <code>{entry.permission}</code> <span className="muted">{entry.label}</span>
                </dt>
                <dd>Hides: {entry.hides.join(', ')}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {denies.data &&
        (denies.data.grants.length === 0 ? (
          <p className="muted">No group is denied anything.</p>
        ) : (
          <Table
            className="deny-table"
            caption="Denied groups"
            columns={['Effect', 'Permission', 'Group', 'Members do not get', ACTIONS]}
          >
            {denies.data.grants.map((grant) => (
              <tr key={grant.id} className="deny-row">
                <td>
                  <DenyBadge />
                </td>
                <td>
                  <code>{grant.permission}</code>
                </td>
                <td>{grant.group.name}</td>
                <td>{hidesOf(grant.permission).join(', ')}</td>
                <RowActions>
                  <RowButton
                    name={`Lift DENY ${grant.permission} for ${grant.group.name}`}
                    onClick={() => setLifting(grant)}
                  >
                    Lift…
                  </RowButton>
                </RowActions>
              </tr>
            ))}
          </Table>
        ))}

      {lifting && (
        <ConfirmChange
          key={lifting.id}
          title={`Lift DENY ${lifting.permission} for group ${lifting.group.name}`}
          confirmLabel="Lift denial"
          loadPreview={() => api.previewDeny({ removeId: lifting.id })}
          apply={() => api.removeDeny(lifting.id)}
          onDone={() => {
            setLifting(null);
            denies.reload();
          }}
          onCancel={() => setLifting(null)}
        />
      )}

      <AddDenyForm catalogue={catalogue} onAdded={denies.reload} />
    </>
  );
}
