import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { conflict } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { audit } from '../audit/repo.js';
import { createWorklogService } from '../worklogs/service.js';
import * as repo from './repo.js';
import type { TimerOut, TimerStart, TimerStopped } from './schema.js';

/** A work log is at most a day long (WL-1): a timer left running longer writes 24 hours. */
const MAX_SECONDS = 86_400;

const noTimer = () => conflict('no_timer', 'no timer is running');

/** The elapsed time as a work log records it: rounded up to whole minutes, at least one, at most 24 hours. */
export function timerSeconds(elapsedSeconds: number): number {
  return Math.min(MAX_SECONDS, Math.max(60, Math.ceil(Math.max(0, elapsedSeconds) / 60) * 60));
}

export function createTimerService(deps: Deps) {
  const { db, authz } = deps;
  const worklogs = createWorklogService(deps);

  /** The caller's running timer, if any; an item they may no longer view shows as a restricted item (ITEM-9). */
  async function current(actor: Actor): Promise<TimerOut> {
    const row = await repo.findTimer(db, actor);
    if (!row) return { timer: null };
    const item = row.item_key
      ? { key: row.item_key, title: row.item_title ?? '' }
      : { key: '', title: 'restricted item' };
    return { timer: { item, startedAt: row.started_at, description: row.description } };
  }

  /**
   * Starts the caller's timer on an item they may log work on today (the `worklog.create` decision, so a refusal reads
   * as the explanation's); one at a time — 409 timer_running while one runs.
   */
  async function start(actor: Actor, body: TimerStart): Promise<TimerOut> {
    const { today } = await loadDateSettings(db);
    const { item } = await authz.authorizeWorklog(actor, 'worklog.create', body.itemKey, {
      ownerId: actor.userId,
      date: today,
    });
    await db.transaction().execute(async (trx) => {
      const row = await repo.insertTimer(trx, actor.userId, item.itemId, body.description ?? '');
      if (!row) throw conflict('timer_running', 'a timer is already running; stop or discard it first');
      await audit(trx, actor, 'timer.start', actor.userId, {
        projectId: item.projectId,
        itemId: item.itemId,
        after: { itemKey: item.itemKey, startedAt: row.started_at, description: row.description },
      });
    });
    return current(actor);
  }

  /**
   * Stops the timer and logs its time, in one transaction: the work log is written by the work-log service's create
   * (every gate of `worklog.create` applies; a refusal leaves the timer running), dated today in the installation's
   * time zone, the elapsed time rounded up to whole minutes (at least one, at most 24 hours).
   */
  async function stop(actor: Actor): Promise<TimerStopped> {
    return db.transaction().execute(async (trx) => {
      const timer = await repo.lockTimer(trx, actor.userId);
      if (!timer) throw noTimer();
      const request = {
        itemKey: timer.item_key,
        startDate: timer.today,
        startTime: timer.start_day === timer.today ? timer.start_time : null,
        durationSeconds: timerSeconds(timer.elapsed),
        description: timer.description,
      };
      // Undefined when the day has locks or the price list changed since the decision: decided again once, on the locks.
      const worklog =
        (await worklogs.createIn(trx, actor, request)) ?? (await worklogs.createIn(trx, actor, request, false));
      if (!worklog)
        throw conflict(
          'price_list_changed',
          'the price list of the team changed while the work was being logged; try again',
        );
      await repo.deleteTimer(trx, actor.userId);
      await audit(trx, actor, 'timer.stop', actor.userId, {
        projectId: timer.project_id,
        itemId: timer.item_id,
        before: { itemKey: timer.item_key, startedAt: timer.started_at },
        after: { worklogId: worklog.id, durationSeconds: worklog.durationSeconds },
      });
      return { worklog };
    });
  }

  /** Discards the running timer without logging anything. */
  async function discard(actor: Actor): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const timer = await repo.lockTimer(trx, actor.userId);
      if (!timer) throw noTimer();
      await repo.deleteTimer(trx, actor.userId);
      await audit(trx, actor, 'timer.discard', actor.userId, {
        projectId: timer.project_id,
        itemId: timer.item_id,
        before: { itemKey: timer.item_key, startedAt: timer.started_at, description: timer.description },
      });
    });
  }

  return { current, start, stop, discard };
}
