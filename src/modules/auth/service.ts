import { openAreas } from '../../authz/areas.js';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { findSessionHours } from '../settings/repo.js';
import { createAuthenticator } from './authenticate.js';
import { selfOut, tokenOut } from './present.js';
import * as repo from './repo.js';
import type { Me, SignedIn, TokenCreated } from './schema.js';
import { digest, newSecret, SESSION_PREFIX, TOKEN_PREFIX, verifyPassword } from './secrets.js';

/** ID-4: at most this many failed sign-ins per login (and 4× per address) in the window. */
export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15 };

export function createAuthService(db: Database) {
  const authenticator = createAuthenticator(db);

  /**
   * ID-4: the attempt counts before the password is checked — for the login and for the address; when either is at
   * its limit the transaction rolls back, so a refused attempt counts against neither.
   */
  async function reserveAttempt(login: string, ip: string) {
    const keys = { login: `login:${login.toLowerCase()}`, ip: `ip:${ip}` };
    const { failures, windowMinutes } = SIGN_IN_LIMIT;
    const limits = { login: failures, ip: failures * 4, windowMinutes };
    await db.transaction().execute(async (trx) => {
      const reserved = await repo.reserveAttempts(trx, keys, limits);
      if (!reserved.by_login || !reserved.by_ip) {
        throw new AppError(
          429,
          'too_many_attempts',
          `too many failed sign-ins; try again in ${SIGN_IN_LIMIT.windowMinutes} minutes`,
        );
      }
    });
    return keys;
  }

  /**
   * A password check that counts as a sign-in attempt (ID-4): reserved before, settled after. The user when the
   * password is theirs and they are active; undefined for an unknown login, a wrong password and a deactivated user.
   */
  async function checkPassword(login: string, password: string, ip: string) {
    const keys = await reserveAttempt(login, ip);
    const user = await repo.findUserByLogin(db, login);
    const ok = (await verifyPassword(user?.password_hash ?? null, password)) && user?.active === true;
    await repo.settleAttempts(db, keys, { login, ip, success: ok });
    return ok ? user : undefined;
  }

  /** Password sign-in; answers the same error for unknown login, wrong password and deactivated user. */
  async function signIn(login: string, password: string, ip: string) {
    const user = await checkPassword(login, password, ip);
    if (!user) throw new AppError(401, 'invalid_credentials', 'login or password is wrong');
    return signedIn(await openSession(db, user.id));
  }

  /** Starts a session for the user, in the caller's transaction (sign-in, first start). */
  async function openSession(trx: Database, userId: number) {
    const sessionId = newSecret(SESSION_PREFIX);
    const csrfToken = newSecret('');
    // A session lasts as long as the installation says when it begins (Administration → Settings).
    const hours = await findSessionHours(trx);
    await repo.insertSession(trx, {
      digest: digest(sessionId),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + hours * 3_600_000),
    });
    return { sessionId, csrfToken, maxAgeSeconds: hours * 3_600 };
  }

  /** The user comes back as the new (committed) session authenticates them, with the session's CSRF token. */
  async function signedIn(session: Awaited<ReturnType<typeof openSession>>) {
    const found = await authenticator.bySession(session.sessionId);
    const answer: SignedIn = { user: selfOut(found!.actor), csrfToken: session.csrfToken };
    return { sessionId: session.sessionId, maxAgeSeconds: session.maxAgeSeconds, answer };
  }

  async function signOut(sessionId: string) {
    await repo.deleteSession(db, digest(sessionId));
  }

  /** The caller, their session's CSRF token (a cookie session's only) and the app areas open to them. */
  async function me(actor: Actor, sessionId: string | undefined): Promise<Me> {
    const csrfToken =
      actor.auth === 'session' && sessionId ? ((await authenticator.bySession(sessionId))?.csrfToken ?? null) : null;
    return { user: selfOut(actor), csrfToken, areas: openAreas(actor.subject) };
  }

  async function listTokens(actor: Actor) {
    return { items: (await repo.findTokens(db, actor.userId)).map(tokenOut) };
  }

  /** The token is returned once; only its hash is kept (ID-3). */
  async function createToken(actor: Actor, name: string): Promise<TokenCreated> {
    const token = newSecret(TOKEN_PREFIX);
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertToken(trx, {
        userId: actor.userId,
        name,
        digest: digest(token),
        prefix: token.slice(0, 8),
      });
      await audit(trx, actor, 'token.create', row.id, { after: { name, prefix: row.prefix } });
      return { ...tokenOut({ ...row, last_used_at: null }), token };
    });
  }

  async function revokeToken(actor: Actor, tokenId: number) {
    await db.transaction().execute(async (trx) => {
      const row = await repo.revokeToken(trx, actor.userId, tokenId);
      if (!row) throw notFound('token');
      await audit(trx, actor, 'token.revoke', row.id, { before: row });
    });
  }

  return { signIn, checkPassword, openSession, signedIn, signOut, me, listTokens, createToken, revokeToken };
}
