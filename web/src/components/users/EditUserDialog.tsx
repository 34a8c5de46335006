import { useState } from 'react';
import type { UserRecord } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { NameEmailFields } from './NameEmailFields.js';
import { SystemAdminField } from './SystemAdminField.js';

interface Props {
  user: UserRecord;
  onClose: () => void;
  onSaved: () => void;
}

/** A user's display name and email, and for system administrators the flag (ID-1); the login stays. */
export function EditUserDialog({ user, onClose, onSaved }: Props) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email);
  const [systemAdmin, setSystemAdmin] = useState(user.systemAdmin);
  const canSetFlag = user.abilities.canSetSystemAdmin;

  const { busy, fields, submit } = useFormSubmit(['displayName', 'email'], async () => {
    await usersApi.update(user, {
      displayName: displayName.trim(),
      email: email.trim(),
      ...(canSetFlag && systemAdmin !== user.systemAdmin ? { systemAdmin } : {}),
    });
    onSaved();
  });

  return (
    <Dialog title={`Edit user ${user.login}`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <NameEmailFields
          displayName={displayName}
          onDisplayName={setDisplayName}
          email={email}
          onEmail={setEmail}
          errors={fields}
          autoFocus
        />
        {canSetFlag && <SystemAdminField checked={systemAdmin} onChange={setSystemAdmin} />}
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Save" busyLabel="Saving…" busy={busy} />
      </form>
    </Dialog>
  );
}
