import { useState } from 'react';
import type { UserCreated } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';
import { PasswordChoice, type PasswordMode } from './PasswordChoice.js';
import { NameEmailFields } from './NameEmailFields.js';
import { SystemAdminField } from './SystemAdminField.js';

interface Props {
  /** The caller may make system administrators (only system administrators may). */
  canSetSystemAdmin: boolean;
  onClose: () => void;
  onCreated: (user: UserCreated) => void;
}

const FIELDS = ['login', 'displayName', 'email', 'password'];

/** A new user (ID-1), who joins `users` (ID-2) and gets either a one-time set-password link or an initial password. */
export function NewUserDialog({ canSetSystemAdmin, onClose, onCreated }: Props) {
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [mode, setMode] = useState<PasswordMode>('link');
  const [password, setPassword] = useState('');
  const [systemAdmin, setSystemAdmin] = useState(false);

  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    const created = await usersApi.create({
      login: login.trim(),
      displayName: displayName.trim(),
      email: email.trim(),
      ...(mode === 'link' ? { passwordLink: true } : { password }),
      ...(canSetSystemAdmin ? { systemAdmin } : {}),
    });
    onCreated(created);
  });

  return (
    <Dialog title="New user" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <TextField
          label="Login"
          value={login}
          onChange={setLogin}
          required
          autoFocus
          autoComplete="off"
          maxLength={64}
          errors={fields}
          field="login"
        />
        <NameEmailFields
          displayName={displayName}
          onDisplayName={setDisplayName}
          email={email}
          onEmail={setEmail}
          errors={fields}
        />
        <PasswordChoice
          mode={mode}
          onMode={setMode}
          password={password}
          onPassword={setPassword}
          errors={fields}
          linkLabel="Send a one-time set-password link"
          passwordLabel="Set an initial password"
        />
        {canSetSystemAdmin && <SystemAdminField checked={systemAdmin} onChange={setSystemAdmin} />}
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onClose} label="Create user" busyLabel="Creating…" busy={busy} />
      </form>
    </Dialog>
  );
}
