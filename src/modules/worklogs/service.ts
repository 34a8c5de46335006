import { teamStanding, type TeamStanding } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import type { ProjectTeamFacts, SubjectFacts } from '../../authz/facts.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { lockWorkDays } from '../../lib/locks.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { calendarDate } from '../../lib/schemas.js';
import { recordAudit } from '../audit/repo.js';
import { loadOwners, loadPageFacts } from './facts.js';
import { previewOut, readerOf, worklogOut } from './present.js';
import * as repo from './repo.js';
import type {
  WorklogCreate,
  WorklogOut,
  WorklogPageQuery,
  WorklogPreviewQuery,
  WorklogRangeQuery,
  WorklogUpdate,
} from './schema.js';

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

const versionConflict = (sent: number, current: number) =>
  conflict('version_conflict', `the work log changed since version ${sent}; reload it`, { currentVersion: current });

/** A cursor of a newest-first list (repo.cursorOf), checked before it reaches SQL. */
function cursorKey(cursor: string | undefined): repo.CursorKey | undefined {
  const key = decodeCursor<repo.CursorKey>(cursor, ['string', 'string', 'number']);
  if (key && (!calendarDate.safeParse(key[0]).success || !/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(key[1])))
    throw badRequest('query.cursor', 'cursor is not valid for this list');
  return key;
}

export function createWorklogService({ db, authz }: Deps) {
  /** Rows as the API answers them, with abilities decided on the page's facts, loaded once for the page. */
  async function present(actor: Actor, rows: repo.WorklogRow[]) {
    const factsOf = await loadPageFacts(authz, actor, rows);
    const reader = readerOf(actor);
    return rows.map((row) => worklogOut(row, reader, factsOf(row)));
  }

  async function byId(actor: Actor, id: number): Promise<WorklogOut> {
    const row = await repo.findWorklog(db, id);
    if (!row) throw notFound('work log');
    const [items, owners] = await Promise.all([authz.loadItems([row.item_id]), loadOwners(authz, actor, [row])]);
    const facts = items.get(row.item_id);
    return worklogOut(row, readerOf(actor), { ...facts, owner: owners.get(row.author_id) });
  }

  /**
   * Logs work for the caller or, with WL-5, for another user. The row records the author's team, the price
   * list valid on the work date and its rate (PRICE-3/4); the insert re-checks that price list's validity (PRICE-6).
   */
  async function create(actor: Actor, input: WorklogCreate, attempt = 1): Promise<WorklogOut> {
    const written = await createIn(db, actor, input, attempt === 1);
    if (written) return written;
    if (attempt < 3) return create(actor, input, attempt + 1);
    throw priceListChanged();
  }

  /**
   * `create`, also inside a caller's transaction (the timer's stop writes its work log with the timer's removal): the
   * decision, then one insert statement that lands only on the facts the decision read — the locks on the day
   * (FLOW-1, FLOW-3) and the price list (PRICE-6); lib/locks.ts. The first try decides on a day without locks, the
   * common case, without reading them. Undefined when the facts were not so (nothing written): the caller decides
   * again on the locks read, and a period closed or a slice submitted meanwhile then refuses.
   */
  async function createIn(
    db: Database,
    actor: Actor,
    input: WorklogCreate,
    firstTry = true,
  ): Promise<WorklogOut | undefined> {
    const ownerId = input.userId ?? actor.userId;
    // A date outside the window gets its plain 400 rather than a layer's refusal about that date (a 404 stays a 404).
    const { item, owner, teams, locksRead } = await authz
      .within(db)
      .authorizeWorklog(
        actor,
        'worklog.create',
        input.itemKey,
        { ownerId, date: input.startDate },
        { assumeUnlocked: firstTry },
      )
      .catch(async (refusal: unknown) => {
        if (refusal instanceof AppError && refusal.status === 403) await checkWorkDate(db, input.startDate);
        throw refusal;
      });
    const snapshot = snapshotOf(owner, teams, input.startDate);
    const row = await repo.insertWorklog(db, {
      itemId: item.itemId,
      projectId: item.projectId,
      authorId: ownerId,
      startDate: input.startDate,
      startTime: input.startTime ?? null,
      durationSeconds: input.durationSeconds,
      description: input.description ?? '',
      teamId: snapshot.team?.teamId ?? null,
      priceListId: snapshot.priceList?.id ?? null,
      createdBy: actor.userId,
      locksRead,
    });
    if (!row) await checkWorkDate(db, input.startDate);
    return row && worklogOut(row, readerOf(actor), { project: item.project, item: item.item, owner });
  }

  /**
   * Changes a work log. PRICE-5: when the author's current team differs from the recorded one, the change is
   * refused with a `team_changed` warning unless `confirmTeamChange` moves it to the current team and price list.
   */
  async function update(actor: Actor, id: number, input: WorklogUpdate) {
    const found = await repo.findWorklogHead(db, id);
    const date = input.startDate ?? found?.start_date ?? '';
    // A work log dated before a narrowed window keeps its date; a new date must lie inside (WL-6).
    const movesDate = (from: string | undefined) => input.startDate !== undefined && input.startDate !== from;
    if (found && movesDate(found.start_date)) await checkWorkDate(db, date);
    // A work log on an item the caller cannot view does not exist for them.
    const target = { ownerId: found?.author_id ?? actor.userId, date, noun: 'work log', worklogId: id };
    const { owner, teams } = await authz.authorizeWorklog(actor, 'worklog.edit', found?.item_id ?? 0, target);
    const snapshot = snapshotOf(owner, teams, date);
    if ((snapshot.team?.teamId ?? null) !== found!.team_id && !input.confirmTeamChange)
      throw await teamChanged(found!.team_id, snapshot);
    await db.transaction().execute(async (trx) => {
      await lockWorkDays(trx);
      // A concurrent delete may have won the row lock since the check above: then the work log is gone (404, not 500).
      const before = await repo.lockWorklog(trx, id);
      if (!before) throw notFound('work log');
      if (before.version !== input.version) throw versionConflict(input.version, before.version);
      // The state gates again, on what the transaction sees under its locks (a period closed, a slice submitted, a charge).
      await authz.within(trx).authorizeWorklog(actor, 'worklog.edit', before.item_id, target);
      if (movesDate(before.start_date)) await checkWorkDate(trx, date);
      const priceList = snapshot.priceList && (await repo.lockValidPriceList(trx, snapshot.priceList.id, date));
      if (snapshot.priceList && !priceList) throw priceListChanged();
      const after = await repo.updateWorklog(trx, id, {
        ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
        ...(input.startTime !== undefined ? { start_time: input.startTime } : {}),
        ...(input.durationSeconds !== undefined ? { duration_seconds: input.durationSeconds } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        team_id: snapshot.team?.teamId ?? null,
        price_list_id: priceList ? priceList.id : null,
        rate: priceList ? priceList.hourly_rate : null,
      });
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

  /** PRICE-5's warning: the team recorded and the author's current one, named. */
  async function teamChanged(recordedTeamId: number | null, snapshot: TeamStanding) {
    const recorded = recordedTeamId === null ? null : await repo.findTeamName(db, recordedTeamId);
    const current = snapshot.team ? { id: snapshot.team.teamId, name: snapshot.team.teamName } : null;
    return conflict(
      'team_changed',
      `the author's team changed since this work log was recorded (${recorded ? `team '${recorded.name}'` : 'no team'} → ${current ? `team '${current.name}'` : 'no team'}); send confirmTeamChange to move it to the current team and price list`,
      { recordedTeam: recorded ?? null, currentTeam: current },
    );
  }

  async function remove(actor: Actor, id: number, version: number) {
    const found = await repo.findWorklogHead(db, id);
    const target = { ownerId: found?.author_id ?? actor.userId, noun: 'work log', worklogId: id };
    await authz.authorizeWorklog(actor, 'worklog.delete', found?.item_id ?? 0, target);
    await db.transaction().execute(async (trx) => {
      await lockWorkDays(trx);
      const before = await repo.lockWorklog(trx, id);
      if (!before) throw notFound('work log');
      if (before.version !== version) throw versionConflict(version, before.version);
      await authz.within(trx).authorizeWorklog(actor, 'worklog.delete', before.item_id, target);
      await repo.deleteWorklog(trx, id);
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
  async function listForItem(actor: Actor, itemKey: string, query: WorklogPageQuery) {
    const item = await authz.authorizeItem(actor, 'worklog.view', itemKey);
    const rows = await repo.findItemPage(db, item.itemId, query.limit, cursorKey(query.cursor));
    const page = pageOf(rows, query.limit, repo.cursorOf);
    const owners = await loadOwners(authz, actor, page.items);
    const reader = readerOf(actor);
    const items = page.items.map((r) =>
      worklogOut(r, reader, { project: item.project, item: item.item, owner: owners.get(r.author_id) }),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * A user's work logs over a date range (WL-3): the caller's own ("my work logs"), or a member's through a
   * team permission or app role (worklog.listFor). Either way only on items the caller can view (PRJ-4, ITEM-9).
   */
  async function listByAuthor(actor: Actor, authorId: number, query: WorklogRangeQuery) {
    if (query.from && query.to && query.from > query.to)
      throw badRequest('query.to', 'The end of the range must not be before its start.');
    if (authorId !== actor.userId) await authz.authorize(actor, 'worklog.listFor', { ownerId: authorId, noun: 'user' });
    const after = cursorKey(query.cursor);
    const { rows, total } = await repo.findRangePage(db, actor, { ...query, authorId, after });
    const page = pageOf(rows, query.limit, repo.cursorOf);
    return { items: await present(actor, page.items), nextCursor: page.nextCursor, totalSeconds: total };
  }

  /** The item screen's time panels (DENY-1 ISSUE_TIME_PANELS): time spent on the item and its subtree, and the caller's last work log. */
  async function timeSummary(actor: Actor, itemKey: string) {
    const item = await authz.authorizeItem(actor, 'item.timePanels', itemKey);
    const spent = await repo.sumTimeSpent(db, actor, item.itemId);
    const last = await repo.findLastOwn(db, item.itemId, actor.userId);
    return {
      itemKey,
      timeSpentSeconds: spent.own,
      subtreeTimeSpentSeconds: spent.subtree,
      myLastWorklog: last
        ? worklogOut(last, readerOf(actor), { project: item.project, item: item.item, owner: actor.subject })
        : null,
    };
  }

  /** The log-work dialog: whether work may be logged on the item at the date, and the team, price list (and, for money roles, rate) it would record. */
  async function preview(actor: Actor, itemKey: string, query: WorklogPreviewQuery) {
    await checkWorkDate(db, query.startDate, 'query.startDate');
    const { decision, owner, teams } = await authz.decideWorklog(actor, 'worklog.create', itemKey, {
      ownerId: query.userId ?? actor.userId,
      date: query.startDate,
    });
    if (decision.hidden) throw notFound('work item');
    const reader = readerOf(actor);
    const snapshot =
      owner && decision.allowed && reader.seesTeamNames
        ? snapshotOf(owner, teams, query.startDate)
        : { team: null, priceList: null };
    return previewOut(reader, decision, teams, snapshot);
  }

  return { create, createIn, update, remove, listForItem, listByAuthor, byId, timeSummary, preview };
}
