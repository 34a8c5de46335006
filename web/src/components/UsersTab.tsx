import { useState } from 'react';
import type { UserCreated, UserRecord } from '../../../src/contracts.js';
import { api } from '../api.js';
import { usersApi } from '../api/users.js';
import { useAction } from '../useAction.js';
import { useCursorList } from '../useCursorList.js';
import { useDebounced } from '../useDebounced.js';
import { useResource } from '../useResource.js';
import { ErrorMessage } from './ErrorMessage.js';
import { CloseButton } from './FormButtons.js';
import { Dialog } from './Dialog.js';
import { PagedList } from './PagedList.js';
import { ACTIONS, Table } from './Table.js';
import { WorkingTimeDialog } from './calendars/WorkingTimeDialog.js';
import { DeactivateUserDialog } from './users/DeactivateUserDialog.js';
import { EditUserDialog } from './users/EditUserDialog.js';
import { NewUserDialog } from './users/NewUserDialog.js';
import { PasswordLinkPanel } from './users/PasswordLinkPanel.js';
import { ResetPasswordDialog } from './users/ResetPasswordDialog.js';
import { UserRow } from './users/UserRow.js';
import './users/users.css';

type Open =
  | { kind: 'new' }
  | { kind: 'created'; user: UserCreated }
  | { kind: 'edit' | 'password' | 'deactivate' | 'workingTime'; user: UserRecord };

/**
 * Administration → Users (ID-1): find, create, edit, deactivate and reactivate users, reset their passwords, and set
 * their working time (issue 16).
 */
export function UsersTab() {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const users = useCursorList((cursor) => usersApi.list(search, cursor), [search]);
  const me = useResource(() => api.me(), []);
  const [open, setOpen] = useState<Open | null>(null);
  const reactivation = useAction();
  const close = () => setOpen(null);
  const closeAndReload = () => {
    setOpen(null);
    users.reload();
  };
  const reactivate = (user: UserRecord) =>
    reactivation.run(async () => {
      await usersApi.update(user, { active: true });
      users.reload();
    });
  const newUserButton = (
    <button type="button" className="button" onClick={() => setOpen({ kind: 'new' })}>
      New user
    </button>
  );

  return (
    <>
      <div className="users-toolbar">
        <h2>Users</h2>
        {newUserButton}
      </div>
      <div className="form users-search">
        <label>
          Search users
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Login or name" />
        </label>
      </div>
      <ErrorMessage error={reactivation.error} />
      <PagedList
        list={users}
        empty={
          search ? (
            <>No user's login or name contains “{search}”. Check the spelling, or create the user.</>
          ) : (
            <>No users yet. Create the first one with New user.</>
          )
        }
      >
        {(items) => (
          <Table caption="Users" className="stacked-table" columns={['User', 'Email', 'Status', ACTIONS]}>
            {items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === me.data?.user.id}
                busy={reactivation.busy}
                onOpen={(kind) => setOpen({ kind, user })}
                onReactivate={() => void reactivate(user)}
              />
            ))}
          </Table>
        )}
      </PagedList>

      {open?.kind === 'new' && (
        <NewUserDialog
          canSetSystemAdmin={me.data?.user.systemAdmin === true}
          onClose={close}
          onCreated={(user) => {
            users.reload();
            setOpen(user.passwordLink ? { kind: 'created', user } : null);
          }}
        />
      )}
      {open?.kind === 'created' && open.user.passwordLink && (
        <Dialog title={`User ${open.user.login} created`} onClose={close} wide>
          <PasswordLinkPanel login={open.user.login} link={open.user.passwordLink} />
          <CloseButton onClose={close} />
        </Dialog>
      )}
      {open?.kind === 'edit' && <EditUserDialog user={open.user} onClose={close} onSaved={closeAndReload} />}
      {open?.kind === 'password' && <ResetPasswordDialog user={open.user} onClose={close} onChanged={users.reload} />}
      {open?.kind === 'deactivate' && <DeactivateUserDialog user={open.user} onClose={close} onDone={closeAndReload} />}
      {open?.kind === 'workingTime' && <WorkingTimeDialog user={open.user} onClose={close} />}
    </>
  );
}
