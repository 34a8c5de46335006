import { decideSlice, decideSlices, type DecisionAction, type SliceDecision } from '../../commands/decide-slice.js';
import { seesTeamNames, type Actor } from '../../authz/engine.js';
import type { SliceState } from '../../db/types.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { daysOf } from '../../lib/periods.js';
import { calendarDate } from '../../lib/schemas.js';
import { findTransitions } from '../audit/repo-history.js';
import { decisionItem, gridOf, sliceOut, transitionOut, waitingItem } from './present.js';
import * as repo from './repo.js';
import type {
  ApprovalDetail,
  ApprovalQueue,
  ApprovalQueueQuery,
  ApprovalSliceOut,
  BatchBody,
  BatchResult,
  InboxOut,
} from './schema.js';

/** What waits for an approver's decision (FLOW-2, FLOW-8): submitted slices and recall requests. */
const WAITING: SliceState[] = ['submitted', 'recall_requested'];
/** How far back the inbox reads decisions on my slices, and how many items it shows of each kind. */
const INBOX_DAYS = 60;
const INBOX_LIMIT = 50;

function queueKey(cursor: string | undefined): repo.QueueKey | undefined {
  const key = decodeCursor<repo.QueueKey>(cursor, ['string', 'number']);
  if (key && !calendarDate.safeParse(key[0]).success)
    throw badRequest('query.cursor', 'cursor is not valid for this list');
  return key;
}

export function createApprovalService(deps: Deps) {
  const { db, authz } = deps;

  /** APP-2: the Timesheet Approval API answers 403 area_closed to users whose roles do not open the area. */
  const areaOpen = (actor: Actor) => authz.authorize(actor, 'timesheet.queue');

  async function byId(actor: Actor, id: number): Promise<ApprovalSliceOut> {
    const [row] = await repo.findApprovals(db, [id]);
    return sliceOut(row, actor, seesTeamNames(actor));
  }

  /** The slices routed to the caller (visibleSlices: the twin of timesheet.review), newest period first, with the total. */
  async function queue(actor: Actor, query: ApprovalQueueQuery): Promise<ApprovalQueue> {
    if (query.from && query.to && query.from > query.to)
      throw badRequest('query.to', 'the end of the period filter comes before its start');
    const filter: repo.QueueFilter = {
      teamId: query.teamId,
      states: query.state === 'all' ? undefined : query.state === 'waiting' ? WAITING : [query.state],
      from: query.from,
      to: query.to,
    };
    const after = queueKey(query.cursor);
    const rows = await repo.findQueue(db, actor, filter, query.limit, after);
    const total = await repo.countQueue(db, actor, filter);
    const page = pageOf(rows, query.limit, (r) => [r.period_start, r.id]);
    const names = seesTeamNames(actor);
    return { items: page.items.map((r) => sliceOut(r, actor, names)), nextCursor: page.nextCursor, total };
  }

  /** One slice's days × items grid (FLOW-10, ITEM-9), its changes since the last approval and its history (FLOW-7). */
  async function detail(actor: Actor, id: number): Promise<ApprovalDetail> {
    await areaOpen(actor);
    await authz.authorizeSlice(actor, 'timesheet.review', id);
    const [row] = await repo.findApprovals(db, [id]);
    const [worklogs, snapshot, history] = [
      await repo.findSliceWorklogs(db, id),
      await repo.findSnapshot(db, id),
      await findTransitions(db, 'timesheet_slice', [id]),
    ];
    const itemIds = [...new Set([...worklogs.map((w) => w.item_id), ...(snapshot ?? []).map((e) => e.itemId)])];
    const items = await repo.findItemsSeen(db, actor, itemIds);
    const days = daysOf({ start: row.period_start, end: row.period_end });
    return {
      slice: sliceOut(row, actor, seesTeamNames(actor)),
      days,
      ...gridOf(days, worklogs, snapshot, items),
      history: history.map(transitionOut),
    };
  }

  /** One transition of one slice (decide-slice.ts), answered with the slice as the queue shows it. */
  async function transition(actor: Actor, action: DecisionAction, id: number, input: SliceDecision) {
    await areaOpen(actor);
    await decideSlice(deps, actor, action, id, input);
    return byId(actor, id);
  }

  /** Approves or rejects many slices in one transaction (decide-slice.ts): each gets its own answer, in the order asked. */
  async function batch(actor: Actor, body: BatchBody): Promise<BatchResult> {
    const comment = body.comment?.trim() ?? '';
    if (body.decision === 'reject' && !comment) throw badRequest('comment', 'a rejection needs a comment');
    const action = body.decision === 'approve' ? 'timesheet.approve' : 'timesheet.reject';
    return { results: await decideSlices(deps, actor, action, body.ids, comment) };
  }

  /** My inbox: how many slices wait for me, decisions by others on my slices (60 days), and what waits for me. */
  async function inbox(actor: Actor): Promise<InboxOut> {
    const names = seesTeamNames(actor);
    const since = new Date(Date.now() - INBOX_DAYS * 86_400_000);
    const decisions = await repo.findDecisionsOnMine(db, actor.userId, since, INBOX_LIMIT);
    const filter = { states: WAITING };
    const waitingRows = await repo.findQueue(db, actor, filter, INBOX_LIMIT);
    const waiting = waitingRows.length <= INBOX_LIMIT ? waitingRows.length : await repo.countQueue(db, actor, filter);
    const items = [
      ...decisions.map((r) => decisionItem(r, names)),
      ...waitingRows.slice(0, INBOX_LIMIT).map((r) => waitingItem(r, names)),
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    return { waiting, items };
  }

  return { queue, detail, transition, batch, inbox };
}
