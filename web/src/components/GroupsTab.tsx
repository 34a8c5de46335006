import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Group } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { DeleteGroupDialog } from './DeleteGroupDialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { useFieldErrors } from '../useFieldErrors.js';

/** Groups (ID-2): create them, and delete them after seeing what goes with them (ID-6). */
export function GroupsTab() {
  const groups = useResource(() => api.listGroups(), []);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);
  const fields = useFieldErrors(createError, ['name']);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      await api.createGroup(name);
      setName('');
      groups.reload();
    } catch (failure) {
      setCreateError(failure);
    } finally {
      setBusy(false);
    }
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
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
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
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={`Delete group ${group.name}`}
                        onClick={() => setDeleting(group)}
                      >
                        Delete…
                      </button>
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
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
            {...fields.props('name')}
          />
        </label>
        <FieldError errors={fields} field="name" />
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
