import { useState } from 'react';
import { api, setCsrfToken } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import type { Me } from '../../../src/contracts.js';

export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  useDocumentTitle('Sign in');

  const { busy, fields, submit } = useFormSubmit(['login', 'password'], async () => {
    try {
      const session = await api.signIn(login, password);
      setCsrfToken(session.csrfToken);
      // /api/me also names the app areas; the sign-in answer is enough if it fails.
      const me = await api.me().catch(() => ({ ...session, areas: [] }));
      onSignedIn(me);
    } catch (failure) {
      setPassword('');
      throw failure;
    }
  });

  return (
    <main className="sign-in">
      <form onSubmit={submit} className="form card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Timeward</h1>
        <TextField
          label="Login"
          name="login"
          autoComplete="username"
          value={login}
          onChange={setLogin}
          required
          autoFocus
          errors={fields}
          field="login"
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          required
          errors={fields}
          field="password"
        />
        <ErrorMessage error={fields.rest} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
