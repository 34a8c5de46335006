import { useState } from 'react';
import { api } from '../api.js';
import type { Group } from '../../../src/contracts.js';
import { useResource } from '../useResource.js';
import { DeleteGroupDialog } from './DeleteGroupDialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RowActions, RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';
import { TextField } from './TextField.js';
import { useFormSubmit } from '../useFormSubmit.js';

/** Groups (ID-2): create them, and delete them after seeing what goes with them (ID-6). */
export function GroupsTab() {
  const groups = useResource(() => api.listGroups(), []);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [name, setName] = useState('');

  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    await api.createGroup(name);
    setName('');
    groups.reload();
  });

  return (
    <>
      <h2>Groups</h2>
      <ErrorMessage error={groups.error} />
      {groups.data && (
        <Table caption="Groups" columns={['Group', 'Members', ACTIONS]}>
          {groups.data.items.map((group) => (
            <tr key={group.id}>
              <td>{group.name}</td>
              <td>{group.memberCount}</td>
              <RowActions>
                {!group.abilities.canDelete ? (
                  <span className="muted">built in</span>
                ) : (
                  <RowButton name={`Delete group ${group.name}`} onClick={() => setDeleting(group)}>
                    Delete…
                  </RowButton>
                )}
              </RowActions>
            </tr>
          ))}
        </Table>
      )}

      <form className="panel" onSubmit={submit} aria-labelledby="new-group-title">
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
