import { useState } from 'react';
import type { PasswordLink, UserRecord } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { CloseButton, FormButtons } from '../FormButtons.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { PasswordChoice, type PasswordMode } from './PasswordChoice.js';
import { PasswordLinkPanel } from './PasswordLinkPanel.js';

interface Props {
  user: UserRecord;
  onClose: () => void;
  /** The user's version moved on (a new password). */
  onChanged: () => void;
}

/** Resetting a password: a new one-time link (older ones stop working), or a password the administrator sets. */
export function ResetPasswordDialog({ user, onClose, onChanged }: Props) {
  const [mode, setMode] = useState<PasswordMode>('link');
  const [password, setPassword] = useState('');
  const [link, setLink] = useState<PasswordLink | null>(null);
  const [done, setDone] = useState(false);

  const { busy, fields, submit } = useFormSubmit(['password'], async () => {
    if (mode === 'link') {
      setLink(await usersApi.createLink(user.id));
    } else {
      await usersApi.update(user, { password });
      setDone(true);
      onChanged();
    }
  });

  return (
    <Dialog title={`Reset password of ${user.login}`} onClose={onClose} wide={link !== null}>
      {link ? (
        <>
          <PasswordLinkPanel login={user.login} link={link} />
          <CloseButton onClose={onClose} />
        </>
      ) : done ? (
        <>
          <p role="status">The new password of {user.login} is set. Tell them in person or by another safe channel.</p>
          <CloseButton onClose={onClose} />
        </>
      ) : (
        <form onSubmit={submit} className="form">
          <PasswordChoice
            mode={mode}
            onMode={setMode}
            password={password}
            onPassword={setPassword}
            errors={fields}
            linkLabel="Create a new one-time set-password link"
            passwordLabel="Set a new password myself"
          />
          <ErrorMessage error={fields.rest} />
          <FormButtons
            onCancel={onClose}
            label={mode === 'link' ? 'Create link' : 'Set password'}
            busyLabel="Saving…"
            busy={busy}
          />
        </form>
      )}
    </Dialog>
  );
}
