import { sql, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { teamStanding, type TeamStanding } from '../../authz/decide.js';
import { abilities, seesMoney, seesTeamNames, type Actor } from '../../authz/engine.js';
import type { ProjectTeamFacts, SubjectFacts } from '../../authz/facts.js';
import type { ItemFacts } from '../../authz/loader.js';
import { canViewItem } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.js';
import { calendarDate } from '../../lib/schemas.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import type { Deps } from '../../lib/deps.js';
import { inWorkDateWindow, loadDateSettings } from '../../lib/installation.js';
import { recordAudit } from '../audit/repo.js';
import type { worklogCreate, worklogUpdate, WorklogOut } from './schema.js';

interface WorklogRow {
  id: number;
  item_id: number;
  project_id: number;
  author_id: number;
  author_name: string;
  item_key: string;
  item_title: string;
  project_key: string;
  start_date: string;
  start_time: string | null;
  duration_seconds: number;
  description: string;
  team_id: number | null;
  team_name: string | null;
  price_list_id: number | null;
  price_list_name: string | null;
  rate: string | null;
  currency: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function selectWorklogs(db: Database) {
  return db
    .selectFrom('worklogs as w')
    .innerJoin('work_items as i', 'i.id', 'w.item_id')
    .innerJoin('projects as p', 'p.id', 'w.project_id')
    .innerJoin('users as u', 'u.id', 'w.author_id')
    .leftJoin('teams as t', 't.id', 'w.team_id')
    .leftJoin('price_lists as pl', 'pl.id', 'w.price_list_id')
    .select([
      'w.id',
      'w.item_id',
      'w.project_id',
      'w.author_id',
      'u.display_name as author_name',
      'i.key as item_key',
      'i.title as item_title',
      'p.key as project_key',
      'w.start_date',
      'w.start_time',
      'w.duration_seconds',
      'w.description',
      'w.version',
      'w.created_at',
      'w.updated_at',
      'w.team_id',
      't.name as team_name',
      'w.price_list_id',
      'pl.name as price_list_name',
      'w.rate',
      'pl.currency',
    ]);
}

/** Money fields only for the money roles (PRICE-7): absent, not null, for everyone else. */
function money(actor: Actor, rate: string | null, currency: string | null) {
  return seesMoney(actor) && rate !== null ? { rate, currency: currency ?? '' } : {};
}

function worklogOut(
  row: WorklogRow,
  actor: Actor,
  facts: ItemFacts | undefined,
  owner: SubjectFacts | undefined,
): WorklogOut {
  const resource = { project: facts?.project, item: facts?.item, owner };
  return {
    id: row.id,
    item: { key: row.item_key, title: row.item_title, projectKey: row.project_key },
    author: { id: row.author_id, displayName: row.author_name },
    startDate: row.start_date,
    startTime: row.start_time ? row.start_time.slice(0, 5) : null,
    durationSeconds: row.duration_seconds,
    description: row.description,
    // TEAM-8: no team or price-list name for users denied ISSUE_TIME_TABS.
    ...(seesTeamNames(actor)
      ? {
          team: row.team_id === null ? null : { id: row.team_id, name: row.team_name ?? '' },
          priceList: row.price_list_id === null ? null : { id: row.price_list_id, name: row.price_list_name ?? '' },
        }
      : { team: null, priceList: null }),
    ...money(actor, row.rate, row.currency),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: abilities(actor.subject, resource, {
      canEdit: { action: 'worklog.edit', ownerId: row.author_id },
      canDelete: { action: 'worklog.delete', ownerId: row.author_id },
    }),
  };
}

/**
 * Newest first, down to the minute: days newest first, a day's work logs by start time (latest first; a work log
 * without one counts as starting at 00:00), then by creation (latest first). The cursor is that key of the last row.
 */
const startKey = sql<string>`coalesce(w.start_time, time '00:00')`;

function newestFirst(cursor: string | undefined): Expression<SqlBool> | undefined {
  const after = decodeCursor<[string, string, number]>(cursor, ['string', 'string', 'number']);
  if (!after) return undefined;
  if (!calendarDate.safeParse(after[0]).success || !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(after[1]))
    throw badRequest('query.cursor', 'cursor is not valid for this list');
  return sql<SqlBool>`(w.start_date, ${startKey}, w.id) < (${after[0]}::date, ${after[1]}::time, ${after[2]})`;
}

const orderNewestFirst = (q: ReturnType<typeof selectWorklogs>) =>
  q.orderBy('w.start_date', 'desc').orderBy(startKey, 'desc').orderBy('w.id', 'desc');

const cursorOf = (r: WorklogRow) => [r.start_date, r.start_time ?? '00:00:00', r.id];

/** WL-6: work dates lie in the installation's window; read with `db` (the write's transaction where there is one). */
async function checkWorkDate(db: Database, date: string, field = 'startDate') {
  const { earliest, latest } = await loadDateSettings(db);
  if (date < earliest || date > latest)
    throw badRequest(field, `Work date must be between ${earliest} and ${latest}.`, 'work_date_out_of_range');
}

/**
 * What a work log records (WL-1, PRICE-4): the team the author works on the project in, and its price list
 * valid on the work date with its rate — whether the team check is on or off.
 */
function snapshotOf(owner: SubjectFacts, teams: ProjectTeamFacts | undefined, date: string): TeamStanding {
  return teams ? teamStanding(owner, teams, date) : { team: null, canWork: false, priceList: null };
}

/** A price list changed between the check and the write (PRICE-6 race): the caller retries. */
const priceListChanged = () =>
  conflict('price_list_changed', 'the price list of the team changed while the work was being logged; try again');

export function createWorklogService({ db, authz }: Deps) {
  /** Facts of the authors on a page who are not the caller, for their abilities (WL-5). */
  async function ownersOf(actor: Actor, rows: ReadonlyArray<{ author_id: number }>) {
    const others = [...new Set(rows.map((r) => r.author_id))].filter((id) => id !== actor.userId);
    const owners = await authz.loadSubjects(others);
    owners.set(actor.userId, actor.subject);
    return owners;
  }

  async function rowsOut(actor: Actor, rows: WorklogRow[], facts: (row: WorklogRow) => ItemFacts | undefined) {
    const owners = await ownersOf(actor, rows);
    return rows.map((r) => worklogOut(r, actor, facts(r), owners.get(r.author_id)));
  }

  async function byId(actor: Actor, id: number) {
    const row = await selectWorklogs(db).where('w.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('work log');
    const facts = (await authz.loadItems([row.item_id])).get(row.item_id);
    return (await rowsOut(actor, [row], () => facts))[0];
  }

  /**
   * Logs work for the caller or, with WL-5, for another user. The row records the author's team, the price
   * list valid on the work date and its rate (PRICE-3/4). The price list is locked FOR SHARE and its validity
   * re-checked by the same statement, so a concurrent price-list change cannot strand the work log (PRICE-6).
   */
  async function create(actor: Actor, input: z.infer<typeof worklogCreate>, attempt = 1): Promise<WorklogOut> {
    const ownerId = input.userId ?? actor.userId;
    // A date outside the window gets its plain 400 rather than a layer's refusal about that date (a 404 stays a 404).
    const { item, owner, teams } = await authz
      .authorizeWorklog(actor, 'worklog.create', input.itemKey, { ownerId, date: input.startDate })
      .catch(async (refusal: unknown) => {
        if (refusal instanceof AppError && refusal.status === 403) await checkWorkDate(db, input.startDate);
        throw refusal;
      });
    const snapshot = snapshotOf(owner, teams, input.startDate);
    const priceListId = snapshot.priceList?.id ?? null;
    // One statement, so one transaction: the window (WL-6) and the price list's validity (PRICE-6) are checked as the row is written.
    const { rows } = await sql<WorklogRow>`
      with pl as (
        select id, name, currency, hourly_rate from price_lists
        where id = ${priceListId}::int and valid_from <= ${input.startDate}::date and (valid_to is null or valid_to >= ${input.startDate}::date)
        for share),
      w as (
        insert into worklogs (item_id, project_id, author_id, start_date, start_time, duration_seconds, description, team_id, price_list_id, rate, created_by)
        select ${item.itemId}, ${item.projectId}, ${ownerId}, ${input.startDate}, ${input.startTime ?? null}, ${input.durationSeconds},
               ${input.description ?? ''}, ${snapshot.team?.teamId ?? null}::int, pl.id, pl.hourly_rate, ${actor.userId}
        from (select 1) one left join pl on true
        where (pl.id is not null or ${priceListId}::int is null) and ${inWorkDateWindow(input.startDate)}
        returning *),
      a as (
        insert into audit_log (actor_id, action, entity_type, entity_id, project_id, item_id, after)
        -- The rate stays a decimal string in the audit row, as everywhere else (money is never a float).
        select ${actor.userId}, 'worklog.create', 'worklog', w.id::text, w.project_id, w.item_id, to_jsonb(w) || jsonb_build_object('rate', w.rate::text) from w)
      select w.id, w.item_id, w.project_id, w.author_id, w.start_date, w.start_time, w.duration_seconds, w.description,
             w.team_id, t.name as team_name, w.price_list_id, pl.name as price_list_name, w.rate::text as rate, pl.currency,
             w.version, w.created_at, w.updated_at, i.key as item_key, i.title as item_title, p.key as project_key, u.display_name as author_name
      from w join work_items i on i.id = w.item_id join projects p on p.id = w.project_id join users u on u.id = w.author_id
        left join teams t on t.id = w.team_id left join pl on pl.id = w.price_list_id`.execute(db);
    if (!rows[0]) {
      await checkWorkDate(db, input.startDate);
      if (attempt < 2) return create(actor, input, attempt + 1);
      throw priceListChanged();
    }
    return worklogOut(rows[0], actor, item, owner);
  }

  /**
   * Changes a work log. PRICE-5: when the author's current team differs from the recorded one, the change is
   * refused with a `team_changed` warning unless `confirmTeamChange` moves it to the current team and price list.
   */
  async function update(actor: Actor, id: number, input: z.infer<typeof worklogUpdate>) {
    const found = await db
      .selectFrom('worklogs')
      .select(['item_id', 'author_id', 'start_date', 'team_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    const date = input.startDate ?? found?.start_date ?? '';
    // A work log dated before a narrowed window keeps its date; a new date must lie inside (WL-6).
    const movesDate = (from: string | undefined) => input.startDate !== undefined && input.startDate !== from;
    if (found && movesDate(found.start_date)) await checkWorkDate(db, date);
    // A work log on an item the caller cannot view does not exist for them.
    const { owner, teams } = await authz.authorizeWorklog(actor, 'worklog.edit', found?.item_id ?? 0, {
      ownerId: found?.author_id ?? actor.userId,
      date,
      noun: 'work log',
    });
    const snapshot = snapshotOf(owner, teams, date);
    if ((snapshot.team?.teamId ?? null) !== found!.team_id && !input.confirmTeamChange) {
      const recorded =
        found!.team_id === null
          ? null
          : await db.selectFrom('teams').select(['id', 'name']).where('id', '=', found!.team_id).executeTakeFirst();
      throw conflict(
        'team_changed',
        `the author's team changed since this work log was recorded (${recorded ? `team '${recorded.name}'` : 'no team'} → ${snapshot.team ? `team '${snapshot.team.teamName}'` : 'no team'}); send confirmTeamChange to move it to the current team and price list`,
        {
          recordedTeam: recorded ?? null,
          currentTeam: snapshot.team ? { id: snapshot.team.teamId, name: snapshot.team.teamName } : null,
        },
      );
    }
    await db.transaction().execute(async (trx) => {
      // A concurrent delete may have won the row lock since the check above: then the work log is gone (404, not 500).
      const before = await trx.selectFrom('worklogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('work log');
      if (before.version !== input.version)
        throw conflict('version_conflict', `the work log changed since version ${input.version}; reload it`, {
          currentVersion: before.version,
        });
      if (movesDate(before.start_date)) await checkWorkDate(trx, date);
      const priceList =
        snapshot.priceList &&
        (await trx
          .selectFrom('price_lists')
          .select(['id', 'hourly_rate'])
          .where('id', '=', snapshot.priceList.id)
          .where('valid_from', '<=', date)
          .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
          .forShare()
          .executeTakeFirst());
      if (snapshot.priceList && !priceList) throw priceListChanged();
      const after = await trx
        .updateTable('worklogs')
        .set({
          ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
          ...(input.startTime !== undefined ? { start_time: input.startTime } : {}),
          ...(input.durationSeconds !== undefined ? { duration_seconds: input.durationSeconds } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          team_id: snapshot.team?.teamId ?? null,
          price_list_id: priceList ? priceList.id : null,
          rate: priceList ? priceList.hourly_rate : null,
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'worklog.update',
        entityType: 'worklog',
        entityId: id,
        projectId: before.project_id,
        before,
        after,
      });
    });
    return byId(actor, id);
  }

  async function remove(actor: Actor, id: number, version: number) {
    const found = await db
      .selectFrom('worklogs')
      .select(['item_id', 'author_id', 'project_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    await authz.authorizeWorklog(actor, 'worklog.delete', found?.item_id ?? 0, {
      ownerId: found?.author_id ?? actor.userId,
      noun: 'work log',
    });
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('worklogs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('work log');
      if (before.version !== version)
        throw conflict('version_conflict', `the work log changed since version ${version}; reload it`, {
          currentVersion: before.version,
        });
      await trx.deleteFrom('worklogs').where('id', '=', id).execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'worklog.delete',
        entityType: 'worklog',
        entityId: id,
        projectId: found!.project_id,
        before,
      });
    });
  }

  /** The item screen's work-log tab (WL-2): everyone who can view the item sees its work logs. */
  async function listForItem(actor: Actor, itemKey: string, query: { limit: number; cursor?: string }) {
    const item = await authz.authorizeItem(actor, 'worklog.view', itemKey);
    let q = selectWorklogs(db).where('w.item_id', '=', item.itemId);
    const after = newestFirst(query.cursor);
    if (after) q = q.where(after);
    const page = pageOf(
      await orderNewestFirst(q)
        .limit(query.limit + 1)
        .execute(),
      query.limit,
      cursorOf,
    );
    return { items: await rowsOut(actor, page.items, () => item), nextCursor: page.nextCursor };
  }

  /**
   * A user's work logs over a date range (WL-3): the caller's own ("my work logs"), or a member's through a
   * team permission or app role (worklog.listFor). Either way only on items the caller can view (PRJ-4, ITEM-9).
   */
  async function listByAuthor(
    actor: Actor,
    authorId: number,
    query: { from?: string; to?: string; limit: number; cursor?: string },
  ) {
    if (query.from && query.to && query.from > query.to)
      throw badRequest('query.to', 'The end of the range must not be before its start.');
    if (authorId !== actor.userId) await authz.authorize(actor, 'worklog.listFor', { ownerId: authorId, noun: 'user' });
    let q = selectWorklogs(db).where('w.author_id', '=', authorId).where(canViewItem(actor, 'i'));
    if (query.from) q = q.where('w.start_date', '>=', query.from);
    if (query.to) q = q.where('w.start_date', '<=', query.to);
    const total = await q
      .clearSelect()
      .select(sql<number>`coalesce(sum(w.duration_seconds), 0)::int8`.as('total'))
      .executeTakeFirstOrThrow();
    const after = newestFirst(query.cursor);
    const rows = await orderNewestFirst(after ? q.where(after) : q)
      .limit(query.limit + 1)
      .execute();
    const page = pageOf(rows, query.limit, cursorOf);
    const facts = await authz.loadItems([...new Set(page.items.map((r) => r.item_id))]);
    return {
      items: await rowsOut(actor, page.items, (r) => facts.get(r.item_id)),
      nextCursor: page.nextCursor,
      totalSeconds: Number(total.total),
    };
  }

  /** The item screen's time panels (DENY-1 ISSUE_TIME_PANELS): time spent on the item and its subtree, and the caller's last work log. */
  async function timeSummary(actor: Actor, itemKey: string) {
    const item = await authz.authorizeItem(actor, 'item.timePanels', itemKey);
    const { rows } = await sql<{ own: number; subtree: number }>`
      with recursive t as (select id from work_items where id = ${item.itemId}
        union all select c.id from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
      select coalesce(sum(w.duration_seconds) filter (where w.item_id = ${item.itemId}), 0)::int8 as own,
             coalesce(sum(w.duration_seconds), 0)::int8 as subtree
      from worklogs w join work_items i on i.id = w.item_id where w.item_id in (select id from t) and ${canViewItem(actor, 'i')}`.execute(
      db,
    );
    const last = await orderNewestFirst(
      selectWorklogs(db).where('w.item_id', '=', item.itemId).where('w.author_id', '=', actor.userId),
    )
      .limit(1)
      .executeTakeFirst();
    return {
      itemKey,
      timeSpentSeconds: Number(rows[0].own),
      subtreeTimeSpentSeconds: Number(rows[0].subtree),
      myLastWorklog: last ? worklogOut(last, actor, item, actor.subject) : null,
    };
  }

  /** The log-work dialog: whether work may be logged on the item at the date, and the team, price list (and, for money roles, rate) it would record. */
  async function preview(actor: Actor, itemKey: string, query: { startDate: string; userId?: number }) {
    await checkWorkDate(db, query.startDate, 'query.startDate');
    const { decision, owner, teams } = await authz.decideWorklog(actor, 'worklog.create', itemKey, {
      ownerId: query.userId ?? actor.userId,
      date: query.startDate,
    });
    if (decision.hidden) throw notFound('work item');
    const snapshot =
      owner && decision.allowed && seesTeamNames(actor)
        ? snapshotOf(owner, teams, query.startDate)
        : { team: null, priceList: null };
    return {
      allowed: decision.allowed,
      code: decision.deciding.code,
      message: decision.deciding.message,
      teamChecks: teams?.checks ?? 'on',
      team: snapshot.team ? { id: snapshot.team.teamId, name: snapshot.team.teamName } : null,
      priceList: snapshot.priceList ? { id: snapshot.priceList.id, name: snapshot.priceList.name } : null,
      ...money(actor, snapshot.priceList?.hourlyRate ?? null, snapshot.priceList?.currency ?? null),
    };
  }

  return { create, update, remove, listForItem, listByAuthor, byId, timeSummary, preview };
}
