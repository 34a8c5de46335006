import { seesTeamNames, type Actor } from '../../authz/engine.js';
import { loadLocks } from '../../authz/loader.js';
import { submitTimesheet } from '../../commands/submit-timesheet.js';
import type { Deps } from '../../lib/deps.js';
import { capacityOfDays, dayOf } from '../calendars/calendar.js';
import { loadCalendars } from '../calendars/repo.js';
import { leaveLabels } from '../leave/labels.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { lockOwnerSheet } from '../../lib/locks.js';
import { addDays, daysOf, periodOf } from '../../lib/periods.js';
import { audit } from '../audit/repo.js';
import { findTransitions, recordTransition } from '../audit/repo-history.js';
import { dayLocks, keyOfHours, rowsOut, sliceKey, slicesOut, totalsOut, type Owner, type SliceKey } from './present.js';
import * as repo from './repo.js';
import type {
  GridOut,
  GridQuery,
  ItemSearchOut,
  ItemSearchQuery,
  RecallBody,
  SliceHistoryOut,
  SliceOut,
  SubmitBody,
} from './schema.js';

/** The longest range one submission covers: a year and a bit (any month or week lies within it). */
const MAX_SUBMIT_DAYS = 400;

const keyOfRow = (r: repo.SliceRow): SliceKey => ({
  id: r.id,
  teamId: r.team_id,
  teamName: r.team_name,
  start: r.period_start,
  end: r.period_end,
  state: r.state,
  lastComment: r.last_comment,
});

export function createTimesheetService({ db, authz }: Deps) {
  /**
   * Whose timesheet: the caller's, or a user's the caller may see (`timesheet.view`: VIEW_MEMBER_WORKLOGS in a team of
   * theirs, team_admin over a member, app_admin — as `worklog.listFor`), with their facts.
   */
  async function ownerOf(actor: Actor, userId: number | undefined): Promise<Owner> {
    const ownerId = userId ?? actor.userId;
    if (ownerId === actor.userId) return { id: ownerId, displayName: actor.displayName, facts: actor.subject };
    await authz.authorize(actor, 'timesheet.view', { ownerId, noun: 'user' });
    const [user, facts] = await Promise.all([repo.findUser(db, ownerId), authz.loadSubjects([ownerId])]);
    if (!user) throw notFound('user');
    return { id: ownerId, displayName: user.display_name, facts: facts.get(ownerId) };
  }

  /** Slices with their hours on items the caller may view, over the periods they span. */
  async function describe(actor: Actor, owner: Owner, keys: SliceKey[]): Promise<SliceOut[]> {
    if (keys.length === 0) return [];
    const from = keys.reduce((min, k) => (k.start < min ? k.start : min), keys[0].start);
    const to = keys.reduce((max, k) => (k.end > max ? k.end : max), keys[0].end);
    const hours = await repo.findSliceHours(db, actor, owner.id, from, to);
    return slicesOut(actor, owner, keys, hours, seesTeamNames(actor));
  }

  /** Stored slices by id, as the API answers them. */
  async function slicesById(actor: Actor, owner: Owner, ids: readonly number[]) {
    return describe(actor, owner, (await repo.findSlicesById(db, ids)).map(keyOfRow));
  }

  /**
   * The week or month grid (FLOW-1, ITEM-9, FLOW-11): rows for the items with work logs the caller may view, each cell
   * locked with the `worklog.create` refusal for that item and day (one `decideWorkDays`), the days' own locks (closed
   * team periods, submitted or approved slices) in the gates' words, the slices of the range, and the totals.
   */
  async function grid(actor: Actor, query: GridQuery): Promise<GridOut> {
    const owner = await ownerOf(actor, query.userId);
    const day = query.date ?? (await loadDateSettings(db)).today;
    const { start, end } = periodOf(day, query.view);
    const days = daysOf({ start, end });
    const [worklogs, rows, { locks }, calendars] = await Promise.all([
      repo.findGridWorklogs(db, actor, owner.id, start, end),
      repo.findSlicesOverlapping(db, owner.id, start, end),
      loadLocks(db, { ownerId: owner.id, dates: days }),
      loadCalendars(db, [owner.id], { from: start, to: end }),
    ]);
    const calendar = calendars.get(owner.id)!;
    const labels = await leaveLabels(
      { db, authz },
      actor,
      [...(calendar.leave?.values() ?? [])].map((l) => l.requestId),
    );
    const itemIds = [...new Set(worklogs.map((w) => w.item_id))];
    const [decisions, hours] = await Promise.all([
      authz.decideWorkDays(actor, owner.id, itemIds, days),
      // Hours of the range's work logs by slice; the slices' own periods may reach beyond the range (a month in a week).
      repo.findSliceHours(db, actor, owner.id, addDays(start, -31), addDays(end, 31), {
        start: addDays(start, -6),
        end: addDays(end, 6),
      }),
    ]);
    // The range's slices: those stored, and those the work logs shown lie in (no row yet: open).
    const keys = new Map(rows.map((r) => [sliceKey(r.team_id, r.period_start, r.period_end), keyOfRow(r)]));
    for (const h of hours) {
      const key = keyOfHours(h);
      const [, s, e] = key.split('|');
      if (keys.has(key) || s > end || e < start) continue;
      keys.set(key, {
        id: null,
        teamId: h.team_id,
        teamName: h.team_name,
        start: s,
        end: e,
        state: 'open',
        lastComment: null,
      });
    }
    const shownHours = hours.filter((h) => keys.has(keyOfHours(h)));
    const ordered = [...keys.values()].sort(
      (a, b) => a.start.localeCompare(b.start) || (a.teamName ?? '').localeCompare(b.teamName ?? ''),
    );
    const gridRows = rowsOut(worklogs, days, decisions);
    const ownerFacts = owner.facts ?? actor.subject;
    return {
      user: { id: owner.id, displayName: owner.displayName },
      view: query.view,
      start,
      end,
      days: days.map((date) => {
        const { seconds, off, leave } = dayOf(calendar, date);
        const leaveOut = leave && { name: labels.get(leave.requestId)!, half: leave.half };
        return { date, capacitySeconds: seconds, off, leave: leaveOut, locks: dayLocks(ownerFacts, locks, date) };
      }),
      rows: gridRows,
      slices: slicesOut(actor, owner, ordered, shownHours, seesTeamNames(actor)),
      totals: totalsOut(gridRows, days, capacityOfDays(calendar, days)),
    };
  }

  /**
   * "Add row": items the user may log work on that the caller may view (≤ 20) — a first cut in SQL, confirmed by the
   * engine's `worklog.create` for today: refusals about the item or the user drop it, a locked day does not.
   */
  async function items(actor: Actor, query: ItemSearchQuery): Promise<ItemSearchOut> {
    const owner = await ownerOf(actor, query.userId);
    const ownerReader = { userId: owner.id, systemAdmin: owner.facts?.systemAdmin ?? false };
    const found = await repo.searchLoggableItems(db, actor, ownerReader, query.q, 50);
    const { today } = await loadDateSettings(db);
    const decisions = await authz.decideWorkDays(
      actor,
      owner.id,
      found.map((i) => i.id),
      [today],
    );
    const loggable = found.filter((i) => {
      const decision = decisions.get(`${i.id}|${today}`);
      return decision && (decision.allowed || decision.deciding.layer === 'business');
    });
    return { items: loggable.slice(0, 20).map((i) => ({ key: i.key, title: i.title, projectKey: i.project_key })) };
  }

  /** Submits the user's open and rejected slices within the range (FLOW-2: the owner, or on their behalf). */
  async function submit(actor: Actor, body: SubmitBody): Promise<{ slices: SliceOut[] }> {
    if (body.end < body.start) throw badRequest('end', 'The end of the range must not be before its start.');
    if ((Date.parse(body.end) - Date.parse(body.start)) / 86_400_000 >= MAX_SUBMIT_DAYS)
      throw badRequest('end', `A submission covers at most ${MAX_SUBMIT_DAYS} days.`);
    const owner = await ownerOf(actor, body.userId);
    const ids = await submitTimesheet({ db, authz }, actor, { ownerId: owner.id, start: body.start, end: body.end });
    return { slices: await slicesById(actor, owner, ids) };
  }

  /** FLOW-8: the owner asks for an approved slice to be recalled (approved → recall_requested). */
  async function recall(actor: Actor, id: number, body: RecallBody): Promise<SliceOut> {
    const found = await repo.findSliceOwner(db, id);
    if (!found) throw notFound('timesheet');
    const comment = body.comment?.trim() ?? '';
    await db.transaction().execute(async (trx) => {
      await lockOwnerSheet(trx, found.user_id);
      const slice = await authz.within(trx).authorizeSlice(actor, 'timesheet.recall', id);
      await repo.setSliceState(trx, [id], 'recall_requested');
      const change = { entityType: 'timesheet_slice', entityId: id, actorId: actor.userId, comment } as const;
      await recordTransition(trx, { ...change, from: slice.state, to: 'recall_requested' });
      await audit(trx, actor, 'timesheet.recall', id, {
        before: { state: slice.state },
        after: { state: 'recall_requested', comment },
      });
    });
    const owner = { id: actor.userId, displayName: actor.displayName, facts: actor.subject };
    return (await slicesById(actor, owner, [id]))[0];
  }

  /**
   * A slice's transitions (FLOW-7), for whoever may see the owner's timesheet or review the slice; everyone else finds
   * no such timesheet.
   */
  async function history(actor: Actor, id: number): Promise<SliceHistoryOut> {
    const found = await repo.findSliceOwner(db, id);
    if (!found) throw notFound('timesheet');
    if (found.user_id !== actor.userId) {
      const review = (await authz.authorizeMany(actor, 'timesheet.review', [id])).get(id)!;
      if (!review.allowed)
        await authz.authorize(actor, 'timesheet.view', { ownerId: found.user_id }).catch((refusal: unknown) => {
          throw refusal instanceof AppError && refusal.status === 403 ? notFound('timesheet') : refusal;
        });
    }
    const rows = await findTransitions(db, 'timesheet_slice', [id]);
    return {
      items: rows.map((r) => ({
        from: r.from_state,
        to: r.to_state,
        at: r.at,
        actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.actor_name ?? '' },
        comment: r.comment,
      })),
    };
  }

  return { grid, items, submit, recall, history };
}
