import type { UserRecord } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useAction } from '../../useAction.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';

interface Props {
  user: UserRecord;
  onClose: () => void;
  onDone: () => void;
}

/** ID-1: a deactivated user is signed out at once; their API tokens and set-password links stop for good. */
export function DeactivateUserDialog({ user, onClose, onDone }: Props) {
  const { busy, error, run } = useAction();
  const deactivate = () =>
    run(async () => {
      await usersApi.update(user, { active: false });
      onDone();
    });

  return (
    <Dialog title={`Deactivate ${user.displayName}`} onClose={onClose}>
      <p>
        {user.displayName} ({user.login}) is signed out at once and can no longer sign in. Their API tokens and
        set-password links stop working, also after a reactivation. Their work logs and other data stay.
      </p>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void deactivate()}>
          {busy ? 'Deactivating…' : 'Deactivate'}
        </button>
      </div>
    </Dialog>
  );
}
