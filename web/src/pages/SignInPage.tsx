import { useState } from 'react';
import { api, setCsrfToken } from '../api.js';
import { accountApi } from '../api/account.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import type { Me, SignedIn } from '../../../src/contracts.js';
import { SetupPage } from './SetupPage.js';

type OnSignedIn = (me: Me) => void;

/** A new session, from signing in or from the first start: its CSRF token, then the app areas (/api/me). */
export async function enterSession(session: SignedIn, onSignedIn: OnSignedIn): Promise<void> {
  setCsrfToken(session.csrfToken);
  // /api/me also names the app areas; the sign-in answer is enough if it fails.
  const me = await api.me().catch(() => ({ ...session, areas: [] }));
  onSignedIn(me);
}

/**
 * Signed out: the sign-in form — or, on a first start without demo data (no user yet), the form that creates the
 * first administrator. When the check fails the sign-in form shows, which is right on every installation but a new one.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: OnSignedIn }) {
  const setup = useResource(() => accountApi.setupStatus(), []);
  if (setup.loading && !setup.data) return <p className="muted page-loading">Loading…</p>;
  if (setup.data?.needed) return <SetupPage onSignedIn={onSignedIn} onSetUpAlready={setup.reload} />;
  return <SignInForm onSignedIn={onSignedIn} />;
}

function SignInForm({ onSignedIn }: { onSignedIn: OnSignedIn }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  useDocumentTitle('Sign in');

  const { busy, fields, submit } = useFormSubmit(['login', 'password'], async () => {
    try {
      await enterSession(await api.signIn(login, password), onSignedIn);
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
