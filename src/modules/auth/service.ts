import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/repo.js';
import { digest, newSecret, SESSION_PREFIX, TOKEN_PREFIX, verifyPassword } from './secrets.js';

/** ID-4: at most this many failed sign-ins per login (and 4× per address) in the window. */
export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15 };
const SESSION_DAYS = 14;

export function createAuthService(db: Database) {
  const windowLength = sql`make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})`;
  /**
   * One counter row's upsert: a fresh window starts at 1; inside the window the count goes up only while it is
   * below `limit`. `on conflict do update` locks the row and evaluates the where clause on its latest committed
   * version — not on the statement's snapshot — so parallel attempts queue on the row and each sees the others.
   */
  const reserve = (key: string, limit: number) => sql`
    on conflict (key) do update set
      failures = case when c.window_start > now() - ${windowLength} then c.failures + 1 else 1 end,
      window_start = case when c.window_start > now() - ${windowLength} then c.window_start else now() end
    where c.window_start <= now() - ${windowLength} or c.failures < ${limit}
    returning c.key`;

  /**
   * ID-4: the attempt counts before the password is checked — for the login and for the address, in one statement;
   * when either is at its limit the transaction rolls back, so a refused attempt counts against neither.
   */
  async function reserveAttempt(login: string, ip: string) {
    const loginKey = `login:${login.toLowerCase()}`;
    const ipKey = `ip:${ip}`;
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ by_login: string | null; by_ip: string | null }>`
        with by_login as (
          insert into sign_in_counters as c (key, failures, window_start) values (${loginKey}, 1, now())
          ${reserve(loginKey, SIGN_IN_LIMIT.failures)}
        ), by_ip as (
          insert into sign_in_counters as c (key, failures, window_start) select ${ipKey}, 1, now() from by_login
          ${reserve(ipKey, SIGN_IN_LIMIT.failures * 4)}
        )
        select (select key from by_login) as by_login, (select key from by_ip) as by_ip`.execute(trx);
      if (!rows[0].by_login || !rows[0].by_ip) {
        throw new AppError(
          429,
          'too_many_attempts',
          `too many failed sign-ins; try again in ${SIGN_IN_LIMIT.windowMinutes} minutes`,
        );
      }
    });
    return { loginKey, ipKey };
  }

  /**
   * Records the outcome of a reserved attempt. A failure keeps its reservation. A success starts the login's count
   * again ("counted since the last success") and gives the address its reservation back (only failures count there).
   */
  async function settleAttempt(
    reservation: { loginKey: string; ipKey: string },
    login: string,
    ip: string,
    success: boolean,
  ) {
    await sql`
      with settled as (
        update sign_in_counters set
          failures = case when key = ${reservation.loginKey} then 0 else greatest(failures - 1, 0) end,
          window_start = case when key = ${reservation.loginKey} then now() else window_start end
        where ${success} and key in (${reservation.loginKey}, ${reservation.ipKey})
      )
      insert into login_attempts (login, ip, success) values (${login}, ${ip}, ${success})`.execute(db);
  }

  /** Password sign-in; answers the same error for unknown login, wrong password and deactivated user. */
  async function signIn(login: string, password: string, ip: string) {
    const reservation = await reserveAttempt(login, ip);
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(login)`, '=', login.toLowerCase())
      .executeTakeFirst();
    const ok = (await verifyPassword(user?.password_hash ?? null, password)) && user?.active === true;
    await settleAttempt(reservation, login, ip, ok);
    if (!ok || !user) throw new AppError(401, 'invalid_credentials', 'login or password is wrong');
    const sessionId = newSecret(SESSION_PREFIX);
    const csrfToken = newSecret('');
    await db
      .insertInto('sessions')
      .values({
        id: digest(sessionId),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
      })
      .execute();
    return { sessionId, csrfToken, maxAgeSeconds: SESSION_DAYS * 86_400 };
  }

  async function signOut(sessionId: string) {
    await db.deleteFrom('sessions').where('id', '=', digest(sessionId)).execute();
  }

  async function listTokens(actor: Actor) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
  }

  /** The token is returned once; only its hash is kept (ID-3). */
  async function createToken(actor: Actor, name: string) {
    const token = newSecret(TOKEN_PREFIX);
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({ user_id: actor.userId, name, token_hash: digest(token), prefix: token.slice(0, 8) })
        .returning(['id', 'name', 'prefix', 'created_at'])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'token.create',
        entityType: 'api_token',
        entityId: row.id,
        after: { name, prefix: row.prefix },
      });
      return { ...row, token };
    });
  }

  async function revokeToken(actor: Actor, tokenId: number) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', tokenId)
        .where('user_id', '=', actor.userId)
        .where('revoked_at', 'is', null)
        .returning(['id', 'name', 'prefix'])
        .executeTakeFirst();
      if (!row) throw notFound('token');
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'token.revoke',
        entityType: 'api_token',
        entityId: row.id,
        before: row,
      });
    });
  }

  return { signIn, signOut, listTokens, createToken, revokeToken };
}
