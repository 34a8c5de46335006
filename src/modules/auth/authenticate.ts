import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../authz/engine.js';
import { subjectAggregates, subjectFromRow, type SubjectRow } from '../../authz/loader.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { isSafeMethod } from '../../http/access.js';
import { digest, sameSecret } from './secrets.js';

export const SESSION_COOKIE = 'tw_session';

interface ActorRow extends SubjectRow {
  login: string;
  display_name: string;
  email: string;
  csrf_token: string | null;
  credential_id: number | null;
  stale: boolean;
}

/**
 * Identity (layer 1) and the subject's facts in one query: the credential, the user, their groups and
 * app roles. Deactivated users and revoked or expired credentials authenticate as nobody (ID-1, ID-3).
 */
function selectActor(db: Database, from: ReturnType<typeof sql>) {
  return sql<ActorRow>`
    select u.id, u.login, u.display_name, u.email, u.active, u.system_admin, c.csrf_token, c.credential_id, c.stale,
      ${subjectAggregates}
    from ${from} c join users u on u.id = c.user_id
    where u.active`.execute(db);
}

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
  async function bySession(sessionId: string) {
    const from = sql`(select user_id, csrf_token, null::int as credential_id, false as stale from sessions
                      where id = ${digest(sessionId)} and expires_at > now())`;
    const row = (await selectActor(db, from)).rows[0];
    return row && { actor: toActor(row, 'session'), csrfToken: row.csrf_token };
  }

  async function byToken(token: string) {
    const from = sql`(select user_id, null::text as csrf_token, id as credential_id,
                        (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
                      from api_tokens where token_hash = ${digest(token)} and revoked_at is null)`;
    const row = (await selectActor(db, from)).rows[0];
    if (!row) return undefined;
    // Last-use is informational; it is written at most once a minute and never delays the request.
    if (row.stale)
      void db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date() })
        .where('id', '=', row.credential_id!)
        .execute()
        .catch(() => {});
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
