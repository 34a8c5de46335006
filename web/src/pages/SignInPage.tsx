import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FieldError } from '../components/FieldError.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import type { Me } from '../../../src/contracts.js';

export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = useFieldErrors(error, ['login', 'password']);
  const [busy, setBusy] = useState(false);
  useDocumentTitle('Sign in');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.signIn(login, password);
      setCsrfToken(session.csrfToken);
      // /api/me also names the app areas; the sign-in answer is enough if it fails.
      const me = await api.me().catch(() => ({ ...session, areas: [] }));
      onSignedIn(me);
    } catch (failure) {
      setError(failure);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} className="form card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Timeward</h1>
        <label>
          Login
          <input
            name="login"
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            required
            autoFocus
            {...fields.props('login')}
          />
        </label>
        <FieldError errors={fields} field="login" />
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            {...fields.props('password')}
          />
        </label>
        <FieldError errors={fields} field="password" />
        <ErrorMessage error={fields.rest} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
