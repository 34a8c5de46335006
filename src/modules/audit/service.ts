import { sql, type Expression, type SqlBool } from 'kysely';
import { seesMoney, type Actor } from '../../authz/engine.js';
import { canBrowseProject, canViewItem } from '../../authz/sql.js';
import type { Deps } from '../../lib/deps.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { withoutMoney } from '../../lib/money.js';

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actorId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  projectId?: number;
  from?: string;
  to?: string;
}

/**
 * EXPL-4: a row about a project or a work item (a work log, comment, team, role, price list, … of it) shows only to
 * readers who may browse that project and view that item, with the predicates every list uses (system administrators
 * bypass item security, not BROWSE_PROJECT); rows about neither are installation-wide configuration, seen by every
 * audit reader. Migration 0010 gives each row its project and item.
 */
export function auditVisible(actor: Pick<Actor, 'userId' | 'systemAdmin'>): Expression<SqlBool> {
  return sql<SqlBool>`((a.project_id is null or ${canBrowseProject(actor.userId, 'a.project_id')})
    and (a.item_id is null or exists (select 1 from work_items tw_ai where tw_ai.id = a.item_id
      and ${canViewItem(actor, 'tw_ai', { includeTrashed: true })})))`;
}

export function createAuditService({ db }: Deps) {
  /**
   * Filters and pages in SQL; `to` is inclusive of the whole day. Rows the reader may not see are filtered before the
   * page is cut, so neither the page, its size nor its cursor tells them apart from rows that do not exist (EXPL-4).
   * Money stays out for readers without a money role (PRICE-7).
   */
  async function search(actor: Actor, query: AuditQuery) {
    const shown = seesMoney(actor) ? (v: unknown) => v : withoutMoney;
    let q = db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_id',
        'u.display_name',
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.project_id',
        'a.item_id',
        'a.before',
        'a.after',
      ])
      .where(auditVisible(actor))
      .orderBy('a.id', 'desc')
      .limit(query.limit + 1);
    const after = decodeCursor<[number]>(query.cursor, ['number']);
    if (after) q = q.where('a.id', '<', after[0]);
    if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
    if (query.action) q = q.where('a.action', '=', query.action);
    if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
    if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
    if (query.projectId) q = q.where('a.project_id', '=', query.projectId);
    if (query.from) q = q.where(sql<boolean>`a.at >= ${query.from}::date`);
    if (query.to) q = q.where(sql<boolean>`a.at < ${query.to}::date + 1`);
    const page = pageOf(await q.execute(), query.limit, (r) => [r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.display_name ?? '' },
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        projectId: r.project_id,
        itemId: r.item_id,
        before: shown(r.before),
        after: shown(r.after),
      })),
      nextCursor: page.nextCursor,
    };
  }
  return { search };
}
