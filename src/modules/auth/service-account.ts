import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { badRequest } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import * as repo from './repo.js';
import type { PasswordChange, SessionsEnded } from './schema.js';
import { digest, hashPassword } from './secrets.js';
import type { createAuthService } from './service.js';

/**
 * My account: the caller's own password and sessions. A cookie caller keeps the session they act from; a token caller
 * has none, so every session of theirs ends.
 */
export function createAccountService(db: Database, auth: ReturnType<typeof createAuthService>) {
  const keptSession = (sessionId: string | undefined, actor: Actor) =>
    actor.auth === 'session' && sessionId ? digest(sessionId) : null;

  /**
   * The current password proves it is the user (a session left open on a shared computer is not enough); it is checked
   * as a sign-in attempt is, so the form cannot be used to guess it (ID-4). A new password ends the user's other
   * sessions — whoever else was signed in as them is signed out — while their API tokens stay (revoked one by one).
   */
  async function changePassword(
    actor: Actor,
    sessionId: string | undefined,
    input: PasswordChange,
    ip: string,
  ): Promise<SessionsEnded> {
    const user = await auth.checkPassword(actor.login, input.currentPassword, ip);
    if (user?.id !== actor.userId) throw badRequest('currentPassword', 'the current password is wrong');
    const passwordHash = await hashPassword(input.newPassword);
    return db.transaction().execute(async (trx) => {
      await repo.setPasswordHash(trx, actor.userId, passwordHash);
      const endedSessions = await repo.endSessionsExcept(trx, actor.userId, keptSession(sessionId, actor));
      await audit(trx, actor, 'user.password.change', actor.userId, { after: { endedSessions } });
      return { endedSessions };
    });
  }

  /** Signs the user out everywhere but here; nothing to end writes nothing. */
  async function endOtherSessions(actor: Actor, sessionId: string | undefined): Promise<SessionsEnded> {
    return db.transaction().execute(async (trx) => {
      const endedSessions = await repo.endSessionsExcept(trx, actor.userId, keptSession(sessionId, actor));
      if (endedSessions > 0) await audit(trx, actor, 'user.sessions.end', actor.userId, { after: { endedSessions } });
      return { endedSessions };
    });
  }

  return { changePassword, endOtherSessions };
}
