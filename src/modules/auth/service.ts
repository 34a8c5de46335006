import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/record.js';
import { digest, newSecret, SESSION_PREFIX, TOKEN_PREFIX, verifyPassword } from './secrets.js';

/** ID-4: at most this many failed sign-ins per login (and 4× per address) in the window. */
export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15 };
const SESSION_DAYS = 14;

export function createAuthService(db: Database) {
  async function tooManyFailures(login: string, ip: string): Promise<boolean> {
    const { rows } = await sql<{ by_login: number; by_ip: number }>`
      select
        (select count(*) from login_attempts where lower(login) = lower(${login}) and not success
           and at > now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})
           and at > coalesce((select max(at) from login_attempts where lower(login) = lower(${login}) and success), '-infinity')) as by_login,
        (select count(*) from login_attempts where ip = ${ip} and not success
           and at > now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})) as by_ip`.execute(db);
    const { by_login, by_ip } = rows[0];
    return Number(by_login) >= SIGN_IN_LIMIT.failures || Number(by_ip) >= SIGN_IN_LIMIT.failures * 4;
  }

  /** Password sign-in; answers the same error for unknown login, wrong password and deactivated user. */
  async function signIn(login: string, password: string, ip: string) {
    if (await tooManyFailures(login, ip)) {
      throw new AppError(429, 'too_many_attempts', `too many failed sign-ins; try again in ${SIGN_IN_LIMIT.windowMinutes} minutes`);
    }
    const user = await db.selectFrom('users').selectAll().where(sql`lower(login)`, '=', login.toLowerCase()).executeTakeFirst();
    const ok = (await verifyPassword(user?.password_hash ?? null, password)) && user?.active === true;
    await db.insertInto('login_attempts').values({ login, ip, success: ok }).execute();
    if (!ok || !user) throw new AppError(401, 'invalid_credentials', 'login or password is wrong');
    const sessionId = newSecret(SESSION_PREFIX);
    const csrfToken = newSecret('');
    await db.insertInto('sessions').values({
      id: digest(sessionId), user_id: user.id, csrf_token: csrfToken,
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    }).execute();
    return { sessionId, csrfToken, maxAgeSeconds: SESSION_DAYS * 86_400 };
  }

  async function signOut(sessionId: string) {
    await db.deleteFrom('sessions').where('id', '=', digest(sessionId)).execute();
  }

  async function listTokens(actor: Actor) {
    return db.selectFrom('api_tokens').select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('user_id', '=', actor.userId).where('revoked_at', 'is', null).orderBy('id').execute();
  }

  /** The token is returned once; only its hash is kept (ID-3). */
  async function createToken(actor: Actor, name: string) {
    const token = newSecret(TOKEN_PREFIX);
    return db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('api_tokens')
        .values({ user_id: actor.userId, name, token_hash: digest(token), prefix: token.slice(0, 8) })
        .returning(['id', 'name', 'prefix', 'created_at']).executeTakeFirstOrThrow();
      await recordAudit(trx, { actorId: actor.userId, action: 'token.create', entityType: 'api_token', entityId: row.id, after: { name, prefix: row.prefix } });
      return { ...row, token };
    });
  }

  async function revokeToken(actor: Actor, tokenId: number) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('api_tokens').set({ revoked_at: new Date() })
        .where('id', '=', tokenId).where('user_id', '=', actor.userId).where('revoked_at', 'is', null)
        .returning(['id', 'name', 'prefix']).executeTakeFirst();
      if (!row) throw notFound('token');
      await recordAudit(trx, { actorId: actor.userId, action: 'token.revoke', entityType: 'api_token', entityId: row.id, before: row });
    });
  }

  return { signIn, signOut, listTokens, createToken, revokeToken };
}
