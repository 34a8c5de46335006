import type { Database } from '../../db/index.js';

/** Shared report links (REP-6): their rows, by creator or by the digest of their token. */

const COLUMNS = [
  'id',
  'creator_id',
  'name',
  'report',
  'include_money',
  'created_at',
  'expires_at',
  'revoked_at',
  'opened_count',
  'last_opened_at',
] as const;

export function insertLink(
  trx: Database,
  link: { creatorId: number; name: string; digest: string; report: unknown; includeMoney: boolean; expiresAt: string },
) {
  return trx
    .insertInto('report_links')
    .values({
      creator_id: link.creatorId,
      name: link.name,
      token_hash: link.digest,
      report: JSON.stringify(link.report),
      include_money: link.includeMoney,
      expires_at: link.expiresAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export type LinkRow = Awaited<ReturnType<typeof insertLink>>;

/** The creator's links, newest first. */
export function findLinksOf(db: Database, creatorId: number) {
  return db
    .selectFrom('report_links')
    .select(COLUMNS)
    .where('creator_id', '=', creatorId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** One of the creator's links, locked for a change; another user's link is none. */
export function lockLinkOf(trx: Database, creatorId: number, id: number) {
  return trx
    .selectFrom('report_links')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('creator_id', '=', creatorId)
    .forUpdate()
    .executeTakeFirst();
}

export function revokeLink(trx: Database, id: number) {
  return trx
    .updateTable('report_links')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Counts an open of the live link with this digest and returns it: none when there is no such link, or it expired
 * or was revoked.
 */
export function openLink(trx: Database, digest: string) {
  return trx
    .updateTable('report_links')
    .set((eb) => ({ opened_count: eb('opened_count', '+', 1), last_opened_at: new Date() }))
    .where('token_hash', '=', digest)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(COLUMNS)
    .executeTakeFirst();
}
