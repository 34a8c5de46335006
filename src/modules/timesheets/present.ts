import { decide, type Decision } from '../../authz/decide.js';
import { periodOpen, timesheetEditable } from '../../authz/decide/timesheet.js';
import type { Trace } from '../../authz/decide/trace.js';
import { LOCKING_SLICE_STATES } from '../../authz/catalogue.js';
import { QUICK } from '../../authz/enforce.js';
import type { Actor } from '../../authz/engine.js';
import type { SliceFact, SubjectFacts, WorkLocks } from '../../authz/facts.js';
import type { SliceState } from '../../db/types.js';
import { periodOf, type PeriodLength } from '../../lib/periods.js';
import type { GridWorklogRow, SliceHours } from './repo.js';
import type { GridOut, LockOut, SliceOut } from './schema.js';

/** Timesheet records as the API answers them: slices with abilities, the grid's rows, cells and day locks. */

/** A slice as the grid and the transitions show it: a stored row, or one derived from work logs (no row yet: open). */
export interface SliceKey {
  id: number | null;
  teamId: number | null;
  teamName: string | null;
  start: string;
  end: string;
  state: SliceState;
  lastComment: string | null;
}

/** The owner of a timesheet: their id, name, and facts (the caller's own when it is theirs). */
export interface Owner {
  id: number;
  displayName: string;
  facts: SubjectFacts | undefined;
}

/** A slice's period length: a week is exactly its Monday–Sunday, anything else a month. */
export function lengthOf(slice: { start: string; end: string }): PeriodLength {
  const week = periodOf(slice.start, 'week');
  return week.start === slice.start && week.end === slice.end ? 'week' : 'month';
}

/** What identifies a slice among a user's: its team (0 for none) and period. */
export const sliceKey = (teamId: number | null, start: string, end: string) => `${teamId ?? 0}|${start}|${end}`;

/** The slice of a work log's hours: its team and the period of its project's length holding the day. */
export function keyOfHours(h: SliceHours): string {
  const period = periodOf(h.period_start, h.period_length);
  return sliceKey(h.team_id, period.start, period.end);
}

/** Slices with their hours on items the reader may view, and what the caller may do with each (FLOW-2, FLOW-8). */
export function slicesOut(
  actor: Actor,
  owner: Owner,
  keys: readonly SliceKey[],
  hours: readonly SliceHours[],
  seesTeamNames: boolean,
): SliceOut[] {
  const seconds = new Map<string, number>();
  for (const h of hours) {
    const key = keyOfHours(h);
    seconds.set(key, (seconds.get(key) ?? 0) + h.seconds);
  }
  const resource = (s: SliceKey) => {
    const slice: SliceFact = {
      id: s.id ?? 0,
      ownerId: owner.id,
      ownerName: owner.displayName,
      teamId: s.teamId,
      teamName: s.teamName,
      start: s.start,
      end: s.end,
      state: s.state,
    };
    return { slice, ownerId: owner.id, owner: owner.facts };
  };
  return keys.map((s) => ({
    id: s.id,
    team: s.teamId === null ? null : { id: s.teamId, name: seesTeamNames ? (s.teamName ?? '') : 'team' },
    start: s.start,
    end: s.end,
    state: s.state,
    seconds: seconds.get(sliceKey(s.teamId, s.start, s.end)) ?? 0,
    abilities: {
      submit: decide('timesheet.submit', actor.subject, resource(s), QUICK).allowed,
      recall: decide('timesheet.recall', actor.subject, resource(s), QUICK).allowed,
    },
    lastComment: s.lastComment ? s.lastComment : null,
  }));
}

const quietTrace = (): Trace => ({ action: 'worklog.create', reasons: null, itemHidden: false, onBehalf: undefined });

/**
 * A day's locks in the gates' own words (FLOW-11): each closed period of the owner's teams and each submitted or
 * approved slice holding it, as `periodOpen` and `timesheetEditable` refuse a work log of that team on that day.
 */
export function dayLocks(owner: SubjectFacts, locks: WorkLocks, date: string): LockOut[] {
  const out: LockOut[] = [];
  const refusal = (d: Decision | undefined) => d && out.push({ code: d.deciding.code, message: d.deciding.message });
  for (const period of locks.periods)
    if (period.start <= date && date <= period.end)
      refusal(
        periodOpen(quietTrace(), owner, {
          locks: { periods: [period], slices: [] },
          worklog: { id: 0, teamId: period.teamId, date, charge: null },
        }),
      );
  for (const slice of locks.slices)
    if (slice.start <= date && date <= slice.end && LOCKING_SLICE_STATES.includes(slice.state))
      refusal(
        timesheetEditable(quietTrace(), owner, {
          locks: { periods: [], slices: [slice] },
          worklog: { id: 0, teamId: slice.teamId, date, charge: null },
        }),
      );
  return out;
}

/**
 * The grid's rows: one per item with work logs the caller may view, a cell per day with its work logs and its lock —
 * the `worklog.create` refusal for that item and day. A refusal that is not about the day (layers before the business
 * gates: the item may be viewed but not logged on, ITEM-9; the caller may only read the user's timesheet) makes the
 * row read-only with that reason.
 */
export function rowsOut(
  worklogs: readonly GridWorklogRow[],
  days: readonly string[],
  decisions: Map<string, Decision>,
): GridOut['rows'] {
  const byItem = new Map<number, GridWorklogRow[]>();
  for (const w of worklogs) byItem.set(w.item_id, [...(byItem.get(w.item_id) ?? []), w]);
  return [...byItem.entries()].map(([itemId, logs]) => {
    const first = logs[0];
    const refusals = days.map((d) => decisions.get(`${itemId}|${d}`)).filter((d) => d && !d.allowed);
    const rowRefusal = refusals.find((d) => d!.deciding.layer !== 'business');
    return {
      item: { key: first.item_key, title: first.item_title, projectKey: first.project_key },
      editable: rowRefusal === undefined,
      reason: rowRefusal ? rowRefusal.deciding.message : null,
      cells: days.map((date) => {
        const here = logs.filter((w) => w.start_date === date);
        const decision = decisions.get(`${itemId}|${date}`);
        return {
          date,
          seconds: here.reduce((sum, w) => sum + w.duration_seconds, 0),
          worklogs: here.map((w) => ({
            id: w.id,
            seconds: w.duration_seconds,
            version: w.version,
            description: w.description,
            startTime: w.start_time ? w.start_time.slice(0, 5) : null,
          })),
          lock:
            decision && !decision.allowed
              ? { code: decision.deciding.code, message: decision.deciding.message }
              : decision
                ? null
                : { code: 'not_found', message: 'no such work item' },
        };
      }),
    };
  });
}

/** Per-day totals of the rows, their sum and the days' capacity. */
export function totalsOut(rows: GridOut['rows'], days: readonly string[], capacity: number): GridOut['totals'] {
  const perDay = days.map((_, i) => rows.reduce((sum, r) => sum + r.cells[i].seconds, 0));
  return {
    days: perDay,
    total: perDay.reduce((a, b) => a + b, 0),
    capacity,
  };
}
