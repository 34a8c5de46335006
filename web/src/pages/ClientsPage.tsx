import { useState } from 'react';
import type { Client } from '../../../src/contracts.js';
import { listClients } from '../api/projects.js';
import { ClientDialog } from '../components/clients/ClientDialog.js';
import '../components/clients/clients.css';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ACTIONS, Table } from '../components/Table.js';
import { isForbidden } from '../api.js';
import { useDebounced } from '../useDebounced.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';

/**
 * The Clients area (APP-2, APP-4, FLOW-6): client readers see every client with its contact, notes and how many
 * projects name it; client administrators create, edit and archive them. Others whose roles open the area (a
 * timesheet_viewer) are told who reads clients — the server refuses them the list.
 */
export function ClientsPage() {
  useDocumentTitle('Clients');
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const search = useDebounced(q, 250);
  const clients = useResource(() => listClients(search, archived), [search, archived]);
  const [editing, setEditing] = useState<Client | 'new' | null>(null);
  if (clients.error && isForbidden(clients.error))
    return (
      <section>
        <h1>Clients</h1>
        <p className="muted">
          Clients are read by client viewers and client administrators; ask an administrator for a role.
        </p>
      </section>
    );
  const page = clients.data;
  return (
    <section>
      <div className="page-header">
        <h1>Clients</h1>
        {page?.abilities.canCreate && (
          <div className="page-actions">
            <button type="button" className="button" onClick={() => setEditing('new')}>
              New client
            </button>
          </div>
        )}
      </div>
      <form className="form client-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Name contains
          <input type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Show archived
        </label>
      </form>
      <ErrorMessage error={clients.error} />
      {page && page.items.length === 0 && <p className="muted">No clients.</p>}
      {page && page.items.length > 0 && (
        <div className="table-scroll">
          <Table caption="Clients" columns={['Name', 'Contact', 'Notes', 'Projects', ACTIONS]}>
            {page.items.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.name} {c.archived && <span className="badge">archived</span>}
                </td>
                <td>{c.contact}</td>
                <td className="client-notes">{c.notes}</td>
                <td>{c.projectCount}</td>
                <td>
                  {c.abilities.canEdit && (
                    <button type="button" className="button secondary" onClick={() => setEditing(c)}>
                      Edit <span className="visually-hidden">{c.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {editing && (
        <ClientDialog
          client={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            clients.reload();
          }}
        />
      )}
    </section>
  );
}
