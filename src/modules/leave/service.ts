import { LEAVE_TRANSITIONS, type LeaveAction } from '../../authz/catalogue.js';
import { abilities, type Actor } from '../../authz/engine.js';
import type { LeaveFact } from '../../authz/facts.js';
import { visibleLeave } from '../../authz/visibility.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { lockOwnerLeave } from '../../lib/locks.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { daysOf } from '../../lib/periods.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { leaveDaysOf } from '../calendars/calendar.js';
import { loadCalendars } from '../calendars/repo.js';
import { balancesOut, leaveAudit, leaveOut, leaveTypeOut } from './present.js';
import * as repo from './repo.js';
import type {
  LeaveCreate,
  LeaveDecision,
  LeaveOut,
  LeavePage,
  LeaveQueueQuery,
  LeaveTypeCreate,
  LeaveTypeOut,
  LeaveTypeUpdate,
  MyLeaveOut,
  MyLeaveQuery,
} from './schema.js';

const typeNameTaken = (name: string) =>
  new AppError(409, 'leave_type_name_taken', `a leave type named "${name}" exists`, 'name');

/**
 * Leave (FLOW-4): requests for oneself, the approval queue of the requests routed to the caller, the decisions, the
 * yearly balances, and the types. Every decision on a request is the engine's (`authorizeLeave`, inside the write's
 * transaction after the owner's leave lock); lists filter with `visibleLeave`, the twin of `leave.view`.
 */
export function createLeaveService({ db, authz }: Deps) {
  /** What the caller may do to each request: one load of the requests' facts, then the pure decisions. */
  async function withAbilities(actor: Actor, rows: repo.LeaveRow[]): Promise<LeaveOut[]> {
    const decided = await authz.authorizeMany(
      actor,
      'leave.view',
      rows.map((r) => r.id),
    );
    return rows.map((row) => leaveOut(row, abilitiesOf(actor, decided.get(row.id)?.facts)));
  }
  const abilitiesOf = (actor: Actor, leave: LeaveFact | undefined) =>
    leave
      ? abilities(
          actor.subject,
          { leave },
          {
            cancel: { action: 'leave.cancel', ownerId: leave.ownerId },
            approve: { action: 'leave.approve', ownerId: leave.ownerId },
            reject: { action: 'leave.reject', ownerId: leave.ownerId },
            revoke: { action: 'leave.revoke', ownerId: leave.ownerId },
          },
        )
      : { cancel: false, approve: false, reject: false, revoke: false };

  async function mine(actor: Actor, query: MyLeaveQuery): Promise<MyLeaveOut> {
    const year = query.year ?? Number((await loadDateSettings(db)).today.slice(0, 4));
    const [rows, types, used] = await Promise.all([
      repo.findOwnRequests(db, actor.userId, year),
      repo.findTypes(db, { archived: true }),
      repo.findUsedDays(db, actor.userId, year),
    ]);
    return {
      year,
      items: await withAbilities(actor, rows),
      balances: balancesOut(types, used, year),
      types: types.filter((t) => !t.archived).map(leaveTypeOut),
    };
  }

  /** A request for the caller's own leave, counted on their working calendar and checked against their other leave. */
  async function request(actor: Actor, input: LeaveCreate): Promise<LeaveOut> {
    const { startDate, endDate, startHalf, endHalf } = input;
    if (endDate < startDate) throw badRequest('endDate', 'the last day is before the first day');
    if (endDate.slice(0, 4) !== startDate.slice(0, 4))
      throw badRequest('endDate', 'leave ends in the year it starts; request the new year’s days separately');
    if (startDate === endDate && startHalf && endHalf)
      throw badRequest('endHalf', 'a single day is taken whole or as one half, not both halves');
    return db.transaction().execute(async (trx) => {
      await lockOwnerLeave(trx, actor.userId);
      const type = await repo.findType(trx, input.typeId);
      if (!type || type.archived) throw badRequest('typeId', 'no such leave type');
      const calendar = (await loadCalendars(trx, [actor.userId], { from: startDate, to: endDate })).get(actor.userId)!;
      const days = leaveDaysOf(calendar, daysOf({ start: startDate, end: endDate }), {
        start: startHalf,
        end: endHalf,
      });
      if (days === 0)
        throw unprocessable('leave_no_working_days', 'the dates hold none of your working days', 'endDate');
      const clash = await repo.findOverlapping(trx, actor.userId, startDate, endDate);
      if (clash)
        throw conflict('leave_overlap', `you have leave from ${clash.start_date} to ${clash.end_date} already`);
      if (type.allowance_days !== null) {
        const year = Number(startDate.slice(0, 4));
        const used = (await repo.findUsedDays(trx, actor.userId, year)).find((u) => u.type_id === type.id);
        const left = type.allowance_days - (used?.approved ?? 0) - (used?.pending ?? 0);
        if (days > left)
          throw unprocessable(
            'leave_allowance_exceeded',
            `${days} days of ${type.name} asked, ${Math.max(left, 0)} left in ${year}`,
            'endDate',
          );
      }
      const id = await repo.insertRequest(trx, { ...input, userId: actor.userId, days });
      const row = (await repo.findRequest(trx, id))!;
      await audit(trx, actor, 'leave.request', id, { after: leaveAudit(row) });
      return (await withAbilitiesIn(trx, actor, row))[0];
    });
  }

  async function withAbilitiesIn(trx: typeof db, actor: Actor, row: repo.LeaveRow) {
    const leave = (await authz.within(trx).authorizeMany(actor, 'leave.view', [row.id])).get(row.id)?.facts;
    return [leaveOut(row, abilitiesOf(actor, leave))];
  }

  async function get(actor: Actor, id: number): Promise<LeaveOut> {
    const leave = await authz.authorizeLeave(actor, 'leave.view', id);
    const row = await repo.findRequest(db, id);
    if (!row) throw notFound('leave request');
    return leaveOut(row, abilitiesOf(actor, leave));
  }

  /**
   * Cancel (the owner), approve, reject or revoke (a routed approver or app_admin): decided inside the transaction after
   * the owner's leave lock, at the version the caller saw; reject and revoke say why.
   */
  async function transition(actor: Actor, action: LeaveAction, id: number, input: LeaveDecision): Promise<LeaveOut> {
    const comment = input.comment?.trim() || null;
    if ((action === 'leave.reject' || action === 'leave.revoke') && !comment)
      throw badRequest('comment', 'say why: the owner reads it');
    return db.transaction().execute(async (trx) => {
      const first = await repo.findRequest(trx, id);
      if (first) await lockOwnerLeave(trx, first.user_id);
      const leave = await authz.within(trx).authorizeLeave(actor, action, id);
      const before = (await repo.findRequest(trx, id))!;
      checkVersion('leave request', before.version, input.version);
      const to = LEAVE_TRANSITIONS[action].to;
      await repo.setState(trx, id, { state: to, version: before.version, decidedBy: actor.userId, comment });
      const after = (await repo.findRequest(trx, id))!;
      await audit(trx, actor, action, id, { before: leaveAudit(before), after: leaveAudit(after) });
      return leaveOut(after, abilitiesOf(actor, { ...leave, state: to }));
    });
  }

  /** The requests routed to the caller in the state, never their own (FLOW-4). */
  async function queue(actor: Actor, query: LeaveQueueQuery): Promise<LeavePage> {
    const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
    const rows = await repo.findQueue(db, visibleLeave(actor, 'l'), {
      readerId: actor.userId,
      state: query.state,
      limit: query.limit,
      after,
    });
    const page = pageOf(rows, query.limit, (r) => [r.start_date, r.id]);
    return { items: await withAbilities(actor, page.items), nextCursor: page.nextCursor };
  }

  async function types(): Promise<{ items: LeaveTypeOut[] }> {
    return { items: (await repo.findTypes(db, { archived: true })).map(leaveTypeOut) };
  }

  async function createType(actor: Actor, input: LeaveTypeCreate): Promise<LeaveTypeOut> {
    return db.transaction().execute(async (trx) => {
      if (await repo.typeNameTaken(trx, input.name)) throw typeNameTaken(input.name);
      const row = await repo.insertType(trx, input);
      await audit(trx, actor, 'leaveType.create', row.id, { after: leaveTypeOut(row) });
      return leaveTypeOut(row);
    });
  }

  async function updateType(actor: Actor, id: number, input: LeaveTypeUpdate): Promise<LeaveTypeOut> {
    return db.transaction().execute(async (trx) => {
      const before = await repo.findType(trx, id, { lock: true });
      if (!before) throw notFound('leave type');
      checkVersion('leave type', before.version, input.version);
      if (input.name !== undefined && (await repo.typeNameTaken(trx, input.name, id))) throw typeNameTaken(input.name);
      const after = await repo.updateType(trx, id, input);
      await audit(trx, actor, 'leaveType.update', id, { before: leaveTypeOut(before), after: leaveTypeOut(after) });
      return leaveTypeOut(after);
    });
  }

  return { mine, request, get, transition, queue, types, createType, updateType };
}
