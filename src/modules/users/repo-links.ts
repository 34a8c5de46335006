import { sql } from 'kysely';
import type { Database } from '../../db/index.js';

/** Revokes the user's live set-password links (a newer link, a new password or a deactivation replaces them). */
export async function revokeLinksOf(trx: Database, userId: number) {
  await trx
    .updateTable('password_links')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export function insertLink(trx: Database, link: { userId: number; digest: string; days: number }) {
  return trx
    .insertInto('password_links')
    .values({
      user_id: link.userId,
      token_hash: link.digest,
      expires_at: sql`now() + make_interval(days => ${link.days})`,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The link with the token's digest and the state of its user, locked so that it is used at most once. */
export function lockLink(trx: Database, digest: string) {
  return trx
    .selectFrom('password_links as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.user_id', 'l.used_at', 'l.revoked_at', 'u.active', 'u.login'])
    .select(sql<boolean>`l.expires_at <= now()`.as('expired'))
    .where('l.token_hash', '=', digest)
    .forUpdate()
    .executeTakeFirst();
}

export async function markLinkUsed(trx: Database, id: number) {
  await trx
    .updateTable('password_links')
    .set({ used_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Revokes the user's live API tokens: a deactivated user's scripts stop, and reactivation does not revive them. */
export async function revokeTokensOf(trx: Database, userId: number) {
  const rows = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'prefix'])
    .execute();
  return rows;
}

export async function setPasswordHash(trx: Database, userId: number, passwordHash: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute();
}
