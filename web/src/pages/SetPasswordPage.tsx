import { useState } from 'react';
import { ApiError } from '../api.js';
import { usersApi } from '../api/users.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { href } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useFormSubmit } from '../useFormSubmit.js';

/** What a link that no longer works says: the server's reason for a used or expired one, ours for an unknown one. */
function linkFailure(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 404)
    return 'This link does not work: it is wrong or a newer link replaced it. Ask an administrator for a new one.';
  return error;
}

/** Setting a password with a one-time link (ID-1), signed out; the link is used up, then the user signs in. */
export function SetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  useDocumentTitle('Set your password');

  const { busy, fields, submit } = useFormSubmit(['password'], async () => {
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    await usersApi.setPassword(token, password);
    setDone(true);
  });

  return (
    <div className="sign-in">
      {done ? (
        <section className="card" aria-labelledby="set-password-title">
          <h1 id="set-password-title">Your password is set</h1>
          <p role="status">Sign in with your login and the new password.</p>
          <a className="button" href={href.projects()}>
            Sign in
          </a>
        </section>
      ) : (
        <form onSubmit={submit} className="form card" aria-labelledby="set-password-title">
          <h1 id="set-password-title">Set your password</h1>
          <p className="muted">Choose a password of at least 10 characters. This link works once.</p>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            required
            autoFocus
            errors={fields}
            field="password"
          />
          <label>
            Repeat the new password
            <input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => {
                setRepeat(e.target.value);
                setMismatch(false);
              }}
              required
              {...(mismatch ? { 'aria-invalid': true, 'aria-describedby': 'set-password-mismatch' } : {})}
            />
          </label>
          {mismatch && (
            <p className="error field-error" role="alert" id="set-password-mismatch">
              The two passwords differ. Type the same password twice.
            </p>
          )}
          <ErrorMessage error={linkFailure(fields.rest)} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Setting…' : 'Set password'}
          </button>
        </form>
      )}
    </div>
  );
}
