import type { UserRecord } from '../../../../src/contracts.js';
import { RowActions, RowButton } from '../RowActions.js';

interface Props {
  user: UserRecord;
  /** The caller's own row: nobody deactivates themselves. */
  isSelf: boolean;
  busy: boolean;
  onOpen: (dialog: 'edit' | 'password' | 'deactivate' | 'workingTime') => void;
  onReactivate: () => void;
}

/** One user in the list, with what the caller may do to them (a system administrator only by another one). */
export function UserRow({ user, isSelf, busy, onOpen, onReactivate }: Props) {
  const who = `${user.displayName} (${user.login})`;
  return (
    <tr className={user.active ? undefined : 'inactive'}>
      <td data-label="User">
        {user.displayName} <span className="muted">{user.login}</span>
      </td>
      <td data-label="Email" className="users-email">
        {user.email}
      </td>
      <td data-label="Status">
        <span className={user.active ? 'badge' : 'badge deactivated'}>{user.active ? 'Active' : 'Deactivated'}</span>
        {user.systemAdmin && <span className="badge system-admin">System administrator</span>}
      </td>
      <RowActions>
        {!user.abilities.canEdit ? (
          <span className="muted">Only system administrators change this user</span>
        ) : (
          <>
            <RowButton name={`Edit ${who}`} onClick={() => onOpen('edit')}>
              Edit
            </RowButton>
            <RowButton name={`Reset password of ${who}`} onClick={() => onOpen('password')}>
              Password…
            </RowButton>
            <RowButton name={`Working time of ${who}`} onClick={() => onOpen('workingTime')}>
              Working time…
            </RowButton>
            {user.active ? (
              !isSelf && (
                <RowButton danger name={`Deactivate ${who}`} onClick={() => onOpen('deactivate')}>
                  Deactivate…
                </RowButton>
              )
            ) : (
              <RowButton name={`Reactivate ${who}`} disabled={busy} onClick={onReactivate}>
                Reactivate
              </RowButton>
            )}
          </>
        )}
      </RowActions>
    </tr>
  );
}
