import { useState } from 'react';
import { accountApi } from '../../api/account.js';
import { useAction } from '../../useAction.js';
import { ErrorMessage } from '../ErrorMessage.js';

/** What ending other sessions did, in words. */
export function endedSessionsText(count: number): string {
  if (count === 0) return 'You were signed in nowhere else.';
  return count === 1 ? 'One other session was signed out.' : `${count} other sessions were signed out.`;
}

/** Sign out of other sessions: every browser signed in as me but this one. */
export function SessionsSection() {
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  const endOthers = () =>
    run(async () => {
      setDone(null);
      setDone(endedSessionsText((await accountApi.endOtherSessions()).endedSessions));
    });

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p>Signed in on another computer or forgot to sign out somewhere? End every session but this one.</p>
      <ErrorMessage error={error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="form-actions start">
        <button type="button" className="button secondary" disabled={busy} onClick={() => void endOthers()}>
          {busy ? 'Signing out…' : 'Sign out of other sessions'}
        </button>
      </div>
    </section>
  );
}
