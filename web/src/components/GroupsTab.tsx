import { useState } from 'react';
import { api } from '../api.js';
import type { Group } from '../../../src/contracts.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { useResource } from '../useResource.js';
import { DeleteGroupDialog } from './DeleteGroupDialog.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RowActions, RowButton } from './RowActions.js';
import { ACTIONS, Table } from './Table.js';
import { TextField } from './TextField.js';
import { GroupMembersDialog } from './users/GroupMembersDialog.js';
import { RenameGroupDialog } from './users/RenameGroupDialog.js';
import './users/users.css';

type Open = { kind: 'members' | 'rename' | 'delete'; group: Group };

/** Groups (ID-2): create, rename, edit members, and delete them after seeing what goes with them (ID-6). */
export function GroupsTab() {
  const groups = useResource(() => api.listGroups(), []);
  const [open, setOpen] = useState<Open | null>(null);
  const [name, setName] = useState('');
  const close = () => setOpen(null);
  const closeAndReload = () => {
    setOpen(null);
    groups.reload();
  };

  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    await api.createGroup(name.trim());
    setName('');
    groups.reload();
  });

  return (
    <>
      <h2>Groups</h2>
      <ErrorMessage error={groups.error} />
      {groups.data && (
        <Table caption="Groups" className="stacked-table" columns={['Group', 'Members', ACTIONS]}>
          {groups.data.items.map((group) => (
            <tr key={group.id}>
              <td data-label="Group">{group.name}</td>
              <td data-label="Members">{group.memberCount}</td>
              <RowActions>
                <RowButton name={`Members of ${group.name}`} onClick={() => setOpen({ kind: 'members', group })}>
                  Members…
                </RowButton>
                {group.abilities.canRename && (
                  <RowButton name={`Rename group ${group.name}`} onClick={() => setOpen({ kind: 'rename', group })}>
                    Rename…
                  </RowButton>
                )}
                {group.abilities.canDelete ? (
                  <RowButton
                    danger
                    name={`Delete group ${group.name}`}
                    onClick={() => setOpen({ kind: 'delete', group })}
                  >
                    Delete…
                  </RowButton>
                ) : (
                  <span className="muted">built in</span>
                )}
              </RowActions>
            </tr>
          ))}
        </Table>
      )}

      <form className="panel form" onSubmit={submit} aria-labelledby="new-group-title">
        <h3 id="new-group-title">New group</h3>
        <TextField label="Name" value={name} onChange={setName} required maxLength={200} errors={fields} field="name" />
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy || name.trim() === ''}>
            Create group
          </button>
        </div>
      </form>

      {open?.kind === 'members' && (
        <GroupMembersDialog key={open.group.id} group={open.group} onClose={close} onChanged={groups.reload} />
      )}
      {open?.kind === 'rename' && (
        <RenameGroupDialog key={open.group.id} group={open.group} onClose={close} onRenamed={closeAndReload} />
      )}
      {open?.kind === 'delete' && (
        <DeleteGroupDialog key={open.group.id} group={open.group} onDone={closeAndReload} onCancel={close} />
      )}
    </>
  );
}
