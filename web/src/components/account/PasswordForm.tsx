import { useState } from 'react';
import { ApiError } from '../../api.js';
import { accountApi } from '../../api/account.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { TextField } from '../TextField.js';
import { endedSessionsText } from './SessionsSection.js';
import './account.css';

const FIELDS = ['currentPassword', 'newPassword', 'newPasswordRepeat'] as const;
const EMPTY = { currentPassword: '', newPassword: '', newPasswordRepeat: '' };

/** Change my password: the current one proves it is me; my other sessions end, this one stays. */
export function PasswordForm() {
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const set = (name: (typeof FIELDS)[number]) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    setDone(null);
    if (form.newPassword !== form.newPasswordRepeat)
      throw new ApiError(
        400,
        'invalid_input',
        'The two new passwords differ. Type the same one twice.',
        'newPasswordRepeat',
      );
    try {
      const { endedSessions } = await accountApi.changePassword({
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
      });
      setForm(EMPTY);
      setDone(`Your password is changed. ${endedSessionsText(endedSessions)}`);
    } catch (failure) {
      setForm((f) => ({ ...f, currentPassword: '' }));
      throw failure;
    }
  });

  const field = (name: (typeof FIELDS)[number]) => ({
    name,
    type: 'password',
    required: true,
    value: form[name],
    onChange: set(name),
    errors: fields,
    field: name,
  });
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form className="form account-form" onSubmit={submit}>
        <TextField label="Current password" autoComplete="current-password" {...field('currentPassword')} />
        <TextField
          label="New password (at least 10 characters)"
          autoComplete="new-password"
          minLength={10}
          {...field('newPassword')}
        />
        <TextField label="Repeat the new password" autoComplete="new-password" {...field('newPasswordRepeat')} />
        <ErrorMessage error={fields.rest} />
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
      <p className="muted">
        Changing it signs you out everywhere else. Your API tokens keep working until you revoke them.
      </p>
    </section>
  );
}
