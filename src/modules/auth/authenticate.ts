/**
 * Who is calling: the access hook of src/http resolves every request's caller here, from the session cookie or the
 * bearer token (ID-3), and checks a cookie session's CSRF token on state-changing requests (ID-4). It reads the
 * request, so it sits beside routes.ts as the module's second HTTP entry rather than in the service.
 */
import type { FastifyRequest } from 'fastify';
import { subjectFromRow } from '../../authz/loader.js';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { isSafeMethod } from '../../http/access.js';
import { AppError } from '../../lib/errors.js';
import { findActorBySession, findActorByToken, touchToken, type ActorRow } from './repo.js';
import { digest, sameSecret } from './secrets.js';

export const SESSION_COOKIE = 'tw_session';

function toActor(row: ActorRow, auth: Actor['auth']): Actor {
  return {
    userId: row.id,
    login: row.login,
    displayName: row.display_name,
    email: row.email,
    systemAdmin: row.system_admin,
    auth,
    subject: subjectFromRow(row),
  };
}

export interface Authenticated {
  actor: Actor;
  csrfToken: string | null;
}

export function createAuthenticator(db: Database) {
  async function bySession(sessionId: string): Promise<Authenticated | undefined> {
    const row = await findActorBySession(db, digest(sessionId));
    return row && { actor: toActor(row, 'session'), csrfToken: row.csrf_token };
  }

  async function byToken(token: string): Promise<Authenticated | undefined> {
    const row = await findActorByToken(db, digest(token));
    if (!row) return undefined;
    // Last-use is informational; it is written at most once a minute and never delays the request.
    if (row.stale) void touchToken(db, row.credential_id!).catch(() => {});
    return { actor: toActor(row, 'token'), csrfToken: null };
  }

  /** Resolves the caller; enforces CSRF on state-changing cookie requests (ID-4). */
  async function resolve(req: FastifyRequest): Promise<Authenticated | null> {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      return (match && (await byToken(match[1]))) || null;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) return null;
    const found = await bySession(cookie);
    if (!found) return null;
    if (!isSafeMethod(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !found.csrfToken || !sameSecret(sent, found.csrfToken)) {
        throw new AppError(403, 'csrf_failed', 'missing or wrong x-csrf-token header for a cookie session');
      }
    }
    return found;
  }

  return { resolve, bySession };
}
