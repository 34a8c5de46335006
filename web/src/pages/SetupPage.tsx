import { useState } from 'react';
import { ApiError } from '../api.js';
import { accountApi } from '../api/account.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import type { Me } from '../../../src/contracts.js';
import { enterSession } from './SignInPage.js';
import './SetupPage.css';

const FIELDS = ['login', 'displayName', 'email', 'password', 'passwordRepeat'] as const;

interface Props {
  onSignedIn: (me: Me) => void;
  /** Someone else created the first administrator meanwhile: back to signing in. */
  onSetUpAlready: () => void;
}

/**
 * The first start without demo data: no user exists yet, so whoever opens Timeward first creates its first
 * administrator here — instead of on the command line — and is signed in as them. Offered only while no user exists.
 */
export function SetupPage({ onSignedIn, onSetUpAlready }: Props) {
  const [form, setForm] = useState({ login: '', displayName: '', email: '', password: '', passwordRepeat: '' });
  const [setUpAlready, setSetUpAlready] = useState(false);
  useDocumentTitle('Create the first administrator');
  const set = (field: (typeof FIELDS)[number]) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const { busy, fields, submit } = useFormSubmit(FIELDS, async () => {
    if (form.password !== form.passwordRepeat)
      throw new ApiError(
        400,
        'invalid_input',
        'The two passwords differ. Type the same password twice.',
        'passwordRepeat',
      );
    try {
      const { passwordRepeat: _repeat, ...input } = form;
      await enterSession(await accountApi.setup(input), onSignedIn);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'setup_done') setSetUpAlready(true);
      throw failure;
    }
  });

  const field = (name: (typeof FIELDS)[number]) => ({
    name,
    value: form[name],
    onChange: set(name),
    required: true,
    errors: fields,
    field: name,
  });
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="form card setup-card" aria-labelledby="setup-title">
        <h1 id="setup-title">Create the first administrator</h1>
        <p className="muted setup-intro">
          Timeward has no users yet. The account you create here is its first system administrator: it can add people,
          groups and projects. This form is offered only until that account exists.
        </p>
        <TextField label="Login" autoComplete="username" autoFocus maxLength={64} {...field('login')} />
        <TextField label="Display name" autoComplete="name" maxLength={200} {...field('displayName')} />
        <TextField label="Email" type="email" autoComplete="email" maxLength={320} {...field('email')} />
        <TextField
          label="Password (at least 10 characters)"
          type="password"
          autoComplete="new-password"
          minLength={10}
          {...field('password')}
        />
        <TextField
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          {...field('passwordRepeat')}
        />
        <ErrorMessage error={fields.rest} />
        {setUpAlready ? (
          <button type="button" className="button" onClick={onSetUpAlready}>
            Go to sign-in
          </button>
        ) : (
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create administrator and sign in'}
          </button>
        )}
      </form>
    </main>
  );
}
