import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Group } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { DeleteGroupDialog } from './DeleteGroupDialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { ActionsHeader, RowButton } from './RowActions.js';
import { TextField } from './TextField.js';
import { useAction } from '../useAction.js';
import { useFieldErrors } from '../useFieldErrors.js';

/** Groups (ID-2): create them, and delete them after seeing what goes with them (ID-6). */
export function GroupsTab() {
  const groups = useResource(() => api.listGroups(), []);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const fields = useFieldErrors(error, ['name']);

  function create(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.createGroup(name);
      setName('');
      groups.reload();
    });
  }

  return (
    <>
      <h2>Groups</h2>
      <ErrorMessage error={groups.error} />
      {groups.data && (
        <table className="table">
          <caption className="visually-hidden">Groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Members</th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {groups.data.items.map((group) => (
              <tr key={group.id}>
                <td>{group.name}</td>
                <td>{group.memberCount}</td>
                <td>
                  <div className="row-actions">
                    {!group.abilities.canDelete ? (
                      <span className="muted">built in</span>
                    ) : (
                      <RowButton name={`Delete group ${group.name}`} onClick={() => setDeleting(group)}>
                        Delete…
                      </RowButton>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="panel" onSubmit={create} aria-labelledby="new-group-title">
        <h3 id="new-group-title">New group</h3>
        <TextField label="Name" value={name} onChange={setName} required maxLength={200} errors={fields} field="name" />
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy || name.trim() === ''}>
            Create group
          </button>
        </div>
      </form>

      {deleting && (
        <DeleteGroupDialog
          key={deleting.id}
          group={deleting}
          onDone={() => {
            setDeleting(null);
            groups.reload();
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
    </>
  );
}
