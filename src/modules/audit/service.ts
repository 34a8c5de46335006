import { seesMoney, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { auditRowOut } from './present.js';
import { findAuditRows } from './repo.js';
import type { AuditQuery } from './schema.js';

export function createAuditService({ db }: Deps) {
  /**
   * Filters and pages in SQL. Rows the reader may not see are filtered before the page is cut, so neither the page,
   * its size nor its cursor tells them apart from rows that do not exist (EXPL-4). Money stays out for readers
   * without a money role (PRICE-7).
   */
  async function search(actor: Actor, query: AuditQuery) {
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    const page = pageOf(await findAuditRows(db, actor, query, after?.[0]), query.limit, (r) => [r.id]);
    const money = seesMoney(actor);
    return { items: page.items.map((r) => auditRowOut(r, money)), nextCursor: page.nextCursor };
  }
  return { search };
}
