import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { abilities, type Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import { canViewItem } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../../http/pagination.js';
import type { Deps } from '../../http/types.js';
import { recordAudit } from '../audit/record.js';
import type { worklogCreate, worklogUpdate, WorklogOut } from './schema.js';

interface WorklogRow {
  id: number; item_id: number; project_id: number; author_id: number; author_name: string;
  item_key: string; item_title: string; project_key: string;
  start_date: string; start_time: string | null; duration_seconds: number; description: string;
  version: number; created_at: Date; updated_at: Date;
}

function selectWorklogs(db: Database) {
  return db.selectFrom('worklogs as w')
    .innerJoin('work_items as i', 'i.id', 'w.item_id')
    .innerJoin('projects as p', 'p.id', 'w.project_id')
    .innerJoin('users as u', 'u.id', 'w.author_id')
    .select(['w.id', 'w.item_id', 'w.project_id', 'w.author_id', 'u.display_name as author_name', 'i.key as item_key', 'i.title as item_title',
      'p.key as project_key', 'w.start_date', 'w.start_time', 'w.duration_seconds', 'w.description', 'w.version', 'w.created_at', 'w.updated_at']);
}

function worklogOut(row: WorklogRow, actor: Actor, facts: ItemFacts | undefined): WorklogOut {
  return {
    id: row.id,
    item: { key: row.item_key, title: row.item_title, projectKey: row.project_key },
    author: { id: row.author_id, displayName: row.author_name },
    startDate: row.start_date, startTime: row.start_time ? row.start_time.slice(0, 5) : null,
    durationSeconds: row.duration_seconds, description: row.description,
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
    abilities: abilities(actor.subject, { project: facts?.project, item: facts?.item }, {
      canEdit: { action: 'worklog.edit', ownerId: row.author_id }, canDelete: { action: 'worklog.delete', ownerId: row.author_id },
    }),
  };
}

/** Newest first; the cursor is (start_date, id) of the last row. */
function newestFirst(cursor: string | undefined): Expression<SqlBool> | undefined {
  const after = decodeCursor<[string, number]>(cursor, ['string', 'number']);
  return after && sql<SqlBool>`(w.start_date, w.id) < (${after[0]}::date, ${after[1]})`;
}

export function createWorklogService({ db, authz }: Deps) {
  async function loadForChange(actor: Actor, id: number, action: 'worklog.edit' | 'worklog.delete') {
    const row = await db.selectFrom('worklogs').select(['id', 'item_id', 'project_id', 'author_id']).where('id', '=', id).executeTakeFirst();
    // A work log on an item the caller cannot view does not exist for them.
    await authz.authorizeItem(actor, action, row?.item_id ?? 0, { ownerId: row?.author_id, noun: 'work log' });
    return row!;
  }

  async function byId(actor: Actor, id: number) {
    const row = await selectWorklogs(db).where('w.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('work log');
    return worklogOut(row, actor, (await authz.loadItems([row.item_id])).get(row.item_id));
  }

  /** Logs work for the caller: the insert and its audit row are one statement, so one transaction. */
  async function create(actor: Actor, input: z.infer<typeof worklogCreate>) {
    const item = await authz.authorizeItem(actor, 'worklog.create', input.itemKey, { ownerId: actor.userId });
    const { rows } = await sql<WorklogRow>`
      with w as (
        insert into worklogs (item_id, project_id, author_id, start_date, start_time, duration_seconds, description, created_by)
        values (${item.itemId}, ${item.projectId}, ${actor.userId}, ${input.startDate}, ${input.startTime ?? null},
                ${input.durationSeconds}, ${input.description ?? ''}, ${actor.userId})
        returning *),
      a as (
        insert into audit_log (actor_id, action, entity_type, entity_id, project_id, after)
        select ${actor.userId}, 'worklog.create', 'worklog', w.id::text, w.project_id, to_jsonb(w) from w)
      select w.id, w.item_id, w.project_id, w.author_id, w.start_date, w.start_time, w.duration_seconds, w.description,
             w.version, w.created_at, w.updated_at, i.key as item_key, i.title as item_title, p.key as project_key, ${actor.displayName}::text as author_name
      from w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id`.execute(db);
    return worklogOut(rows[0], actor, item);
  }

  async function update(actor: Actor, id: number, input: z.infer<typeof worklogUpdate>) {
    const found = await loadForChange(actor, id, 'worklog.edit');
    await db.transaction().execute(async (trx) => {
      // A concurrent delete may have won the row lock since the check above: then the work log is gone (404, not 500).
      const before = await trx.selectFrom('worklogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('work log');
      if (before.version !== input.version) throw conflict('version_conflict', `the work log changed since version ${input.version}; reload it`, { currentVersion: before.version });
      const after = await trx.updateTable('worklogs').set({
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.startTime !== undefined ? { start_time: input.startTime } : {}),
        ...(input.durationSeconds !== undefined ? { duration_seconds: input.durationSeconds } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: sql`version + 1`, updated_at: new Date(),
      }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, { actorId: actor.userId, action: 'worklog.update', entityType: 'worklog', entityId: id, projectId: found.project_id, before, after });
    });
    return byId(actor, id);
  }

  async function remove(actor: Actor, id: number, version: number) {
    const found = await loadForChange(actor, id, 'worklog.delete');
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('worklogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('work log');
      if (before.version !== version) throw conflict('version_conflict', `the work log changed since version ${version}; reload it`, { currentVersion: before.version });
      await trx.deleteFrom('worklogs').where('id', '=', id).execute();
      await recordAudit(trx, { actorId: actor.userId, action: 'worklog.delete', entityType: 'worklog', entityId: id, projectId: found.project_id, before });
    });
  }

  /** The item screen's work-log tab (WL-2): everyone who can view the item sees its work logs. */
  async function listForItem(actor: Actor, itemKey: string, query: { limit: number; cursor?: string }) {
    const item = await authz.authorizeItem(actor, 'worklog.view', itemKey);
    let q = selectWorklogs(db).where('w.item_id', '=', item.itemId)
      .orderBy('w.start_date', 'desc').orderBy('w.id', 'desc').limit(query.limit + 1);
    const after = newestFirst(query.cursor);
    if (after) q = q.where(after);
    const page = pageOf(await q.execute(), query.limit, (r) => [r.start_date, r.id]);
    return { items: page.items.map((r) => worklogOut(r, actor, item)), nextCursor: page.nextCursor };
  }

  /** "My work logs" (WL-3): the caller's own, on items they can still view (PRJ-4, ITEM-9). */
  async function listMine(actor: Actor, query: { from?: string; to?: string; limit: number; cursor?: string }) {
    if (query.from && query.to && query.from > query.to) throw badRequest('query.to', 'to is before from');
    let q = selectWorklogs(db).where('w.author_id', '=', actor.userId).where(canViewItem(actor, 'i'));
    if (query.from) q = q.where('w.start_date', '>=', query.from);
    if (query.to) q = q.where('w.start_date', '<=', query.to);
    const total = await q.clearSelect().select(sql<number>`coalesce(sum(w.duration_seconds), 0)::int8`.as('total')).executeTakeFirstOrThrow();
    const after = newestFirst(query.cursor);
    const rows = await (after ? q.where(after) : q).orderBy('w.start_date', 'desc').orderBy('w.id', 'desc').limit(query.limit + 1).execute();
    const page = pageOf(rows, query.limit, (r) => [r.start_date, r.id]);
    const facts = await authz.loadItems([...new Set(page.items.map((r) => r.item_id))]);
    return { items: page.items.map((r) => worklogOut(r, actor, facts.get(r.item_id))), nextCursor: page.nextCursor, totalSeconds: Number(total.total) };
  }

  /** The item screen's time panels (DENY-1 ISSUE_TIME_PANELS): time spent on the item and its subtree, and the caller's last work log. */
  async function timeSummary(actor: Actor, itemKey: string) {
    const item = await authz.authorizeItem(actor, 'item.timePanels', itemKey);
    const { rows } = await sql<{ own: number; subtree: number }>`
      with recursive t as (select id from work_items where id = ${item.itemId}
        union all select c.id from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
      select coalesce(sum(w.duration_seconds) filter (where w.item_id = ${item.itemId}), 0)::int8 as own,
             coalesce(sum(w.duration_seconds), 0)::int8 as subtree
      from worklogs w join work_items i on i.id = w.item_id where w.item_id in (select id from t) and ${canViewItem(actor, 'i')}`.execute(db);
    const last = await selectWorklogs(db).where('w.item_id', '=', item.itemId).where('w.author_id', '=', actor.userId)
      .orderBy('w.start_date', 'desc').orderBy('w.id', 'desc').limit(1).executeTakeFirst();
    return { itemKey, timeSpentSeconds: Number(rows[0].own), subtreeTimeSpentSeconds: Number(rows[0].subtree), myLastWorklog: last ? worklogOut(last, actor, item) : null };
  }

  return { create, update, remove, listForItem, listMine, byId, timeSummary };
}
