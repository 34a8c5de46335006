import { sql, type RawBuilder } from 'kysely';
import { subjectAggregates, type SubjectRow } from '../../authz/loader.js';
import type { Database } from '../../db/index.js';

export interface ActorRow extends SubjectRow {
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
async function findActor(db: Database, credential: RawBuilder<unknown>): Promise<ActorRow | undefined> {
  const { rows } = await sql<ActorRow>`
    select u.id, u.login, u.display_name, u.email, u.active, u.system_admin, c.csrf_token, c.credential_id, c.stale,
      ${subjectAggregates}
    from ${credential} c join users u on u.id = c.user_id
    where u.active`.execute(db);
  return rows[0];
}

export function findActorBySession(db: Database, sessionDigest: string) {
  return findActor(
    db,
    sql`(select user_id, csrf_token, null::int as credential_id, false as stale from sessions
         where id = ${sessionDigest} and expires_at > now())`,
  );
}

/** `stale`: the token's last use was recorded over a minute ago (or never). */
export function findActorByToken(db: Database, tokenDigest: string) {
  return findActor(
    db,
    sql`(select user_id, null::text as csrf_token, id as credential_id,
           (last_used_at is null or last_used_at < now() - interval '1 minute') as stale
         from api_tokens where token_hash = ${tokenDigest} and revoked_at is null)`,
  );
}

export async function touchToken(db: Database, tokenId: number) {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

/**
 * ID-4: reserves one attempt for the login and one for the address, in one statement; either key is missing from the
 * answer when it is at its limit. One counter row's upsert: a fresh window starts at 1; inside the window the count
 * goes up only while it is below the limit. `on conflict do update` locks the row and evaluates the where clause on
 * its latest committed version — not on the statement's snapshot — so parallel attempts queue on the row and each
 * sees the others.
 */
export async function reserveAttempts(
  trx: Database,
  keys: { login: string; ip: string },
  limits: { login: number; ip: number; windowMinutes: number },
) {
  const windowLength = sql`make_interval(mins => ${limits.windowMinutes})`;
  const reserve = (limit: number) => sql`
    on conflict (key) do update set
      failures = case when c.window_start > now() - ${windowLength} then c.failures + 1 else 1 end,
      window_start = case when c.window_start > now() - ${windowLength} then c.window_start else now() end
    where c.window_start <= now() - ${windowLength} or c.failures < ${limit}
    returning c.key`;
  const { rows } = await sql<{ by_login: string | null; by_ip: string | null }>`
    with by_login as (
      insert into sign_in_counters as c (key, failures, window_start) values (${keys.login}, 1, now())
      ${reserve(limits.login)}
    ), by_ip as (
      insert into sign_in_counters as c (key, failures, window_start) select ${keys.ip}, 1, now() from by_login
      ${reserve(limits.ip)}
    )
    select (select key from by_login) as by_login, (select key from by_ip) as by_ip`.execute(trx);
  return rows[0];
}

/**
 * Records a reserved attempt's outcome. On success the login's count starts again and the address gets its
 * reservation back (only failures count there); a failure keeps both.
 */
export async function settleAttempts(
  db: Database,
  keys: { login: string; ip: string },
  attempt: { login: string; ip: string; success: boolean },
) {
  await sql`
    with settled as (
      update sign_in_counters set
        failures = case when key = ${keys.login} then 0 else greatest(failures - 1, 0) end,
        window_start = case when key = ${keys.login} then now() else window_start end
      where ${attempt.success} and key in (${keys.login}, ${keys.ip})
    )
    insert into login_attempts (login, ip, success) values (${attempt.login}, ${attempt.ip}, ${attempt.success})`.execute(
    db,
  );
}

export function findUserByLogin(db: Database, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(login)`, '=', login.toLowerCase())
    .executeTakeFirst();
}

export async function insertSession(
  db: Database,
  session: { digest: string; userId: number; csrfToken: string; expiresAt: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      id: session.digest,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function deleteSession(db: Database, sessionDigest: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionDigest).execute();
}

export function findTokens(db: Database, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
}

export function insertToken(trx: Database, token: { userId: number; name: string; digest: string; prefix: string }) {
  return trx
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.digest, prefix: token.prefix })
    .returning(['id', 'name', 'prefix', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The token revoked, or undefined when the user holds no such live token. */
export function revokeToken(trx: Database, userId: number, tokenId: number) {
  return trx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name', 'prefix'])
    .executeTakeFirst();
}

export async function anyUserExists(db: Database) {
  return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

/**
 * Holds off every other insert into users until the transaction ends (share row exclusive conflicts with itself and
 * with the row-exclusive lock of inserts and updates, not with reads or sign-ins), so that two first starts, or a first
 * start and `create-user`, cannot both find the table empty.
 */
export async function lockUsersTable(trx: Database) {
  await sql`lock table users in share row exclusive mode`.execute(trx);
}

/** Puts the user in the built-in `administrators` group (ID-2), which holds app_admin from the start. */
export async function joinAdministrators(trx: Database, userId: number) {
  await trx
    .insertInto('group_members')
    .columns(['group_id', 'user_id'])
    .expression(
      trx
        .selectFrom('groups')
        .select(['id', sql.lit(userId).as('user_id')])
        .where('name', '=', 'administrators'),
    )
    .execute();
}

export async function setPasswordHash(trx: Database, userId: number, passwordHash: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}

/** Ends every session of the user but the one kept (none for a token caller); how many ended. */
export async function endSessionsExcept(trx: Database, userId: number, keptDigest: string | null) {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keptDigest) q = q.where('id', '<>', keptDigest);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
