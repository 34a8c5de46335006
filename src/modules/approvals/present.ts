import { decide } from '../../authz/decide.js';
import { QUICK } from '../../authz/enforce.js';
import type { SliceFact } from '../../authz/facts.js';
import type { Actor } from '../../authz/engine.js';
import type { ApprovalRow, InboxRow, SliceWorklogRow, SnapshotEntry } from './repo.js';
import type { ApprovalDetail, ApprovalSliceOut, InboxOut, TransitionOut } from './schema.js';

/** Slices, their grid and the inbox as the API answers them; abilities decided by the core on facts already loaded. */

export const sliceFact = (row: ApprovalRow): SliceFact => ({
  id: row.id,
  ownerId: row.user_id,
  ownerName: row.owner_name,
  teamId: row.team_id,
  teamName: row.team_name,
  start: row.period_start,
  end: row.period_end,
  state: row.state,
});

const ABILITIES = {
  approve: 'timesheet.approve',
  reject: 'timesheet.reject',
  grantRecall: 'timesheet.grantRecall',
  refuseRecall: 'timesheet.refuseRecall',
  reopen: 'timesheet.reopen',
} as const;

/** TEAM-8: no team name for readers denied ISSUE_TIME_TABS (`seesTeamNames`). */
const teamOf = (id: number | null, name: string | null, seesTeamNames: boolean) =>
  id === null || !seesTeamNames ? null : { id, name: name ?? '' };

export function sliceOut(row: ApprovalRow, actor: Actor, seesTeamNames: boolean): ApprovalSliceOut {
  const slice = sliceFact(row);
  const resource = { slice, ownerId: slice.ownerId };
  const abilities = {} as ApprovalSliceOut['abilities'];
  for (const [key, action] of Object.entries(ABILITIES) as Array<[keyof typeof ABILITIES, string]>)
    abilities[key] = decide(action as (typeof ABILITIES)[typeof key], actor.subject, resource, QUICK).allowed;
  return {
    id: row.id,
    version: row.version,
    owner: { id: row.user_id, displayName: row.owner_name },
    team: teamOf(row.team_id, row.team_name, seesTeamNames),
    start: row.period_start,
    end: row.period_end,
    state: row.state,
    seconds: Number(row.seconds),
    updatedAt: row.updated_at,
    abilities,
  };
}

type ItemSeen = { id: number; key: string; title: string; visible: boolean };
type Grid = Pick<ApprovalDetail, 'rows' | 'removedSinceApproval' | 'totals'>;
const RESTRICTED = 'restricted';

/**
 * The days × items grid of the slice's work logs (FLOW-10). Items the reader may not view (ITEM-9) are one row of hours
 * without identity. Each cell is compared with the last approval's snapshot (none: never approved, nothing marked): a
 * cell with no work then is `added`, one whose work logs or hours differ `changed`; cells of the snapshot with no work
 * now are listed as removed.
 */
export function gridOf(
  days: readonly string[],
  worklogs: readonly SliceWorklogRow[],
  snapshot: readonly SnapshotEntry[] | null,
  items: readonly ItemSeen[],
): Grid {
  const seen = new Map(items.map((i) => [i.id, i]));
  const rowKey = (itemId: number) => (seen.get(itemId)?.visible ? String(itemId) : RESTRICTED);
  type Cell = { seconds: number; ids: number[] };
  const collect = (entries: ReadonlyArray<{ id: number; itemId: number; date: string; seconds: number }>) => {
    const cells = new Map<string, Map<string, Cell>>();
    for (const e of entries) {
      const key = rowKey(e.itemId);
      const row = cells.get(key) ?? cells.set(key, new Map()).get(key)!;
      const cell = row.get(e.date) ?? row.set(e.date, { seconds: 0, ids: [] }).get(e.date)!;
      cell.seconds += Number(e.seconds);
      cell.ids.push(e.id);
    }
    return cells;
  };
  const now = collect(worklogs.map((w) => ({ id: w.id, itemId: w.item_id, date: w.date, seconds: w.seconds })));
  const then = snapshot ? collect(snapshot) : null;
  const itemRef = (key: string) => {
    const item = key === RESTRICTED ? undefined : seen.get(Number(key));
    return item ? { key: item.key, title: item.title } : null;
  };
  const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

  const keys = [...now.keys()].sort(
    (a, b) => order(a) - order(b) || (itemRef(a)?.key ?? '').localeCompare(itemRef(b)?.key ?? ''),
  );
  const rows = keys.map((key) => {
    const cellsNow = now.get(key)!;
    const cellsThen = then?.get(key);
    return {
      item: itemRef(key),
      restricted: key === RESTRICTED,
      cells: days.map((date) => {
        const cell = cellsNow.get(date);
        if (!cell) return { date, seconds: 0, change: null };
        const before = cellsThen?.get(date);
        const change = !then
          ? null
          : !before
            ? 'added'
            : before.seconds !== cell.seconds || !sameIds(before.ids, cell.ids)
              ? 'changed'
              : null;
        return { date, seconds: cell.seconds, change } as const;
      }),
    };
  });
  const removedSinceApproval: Grid['removedSinceApproval'] = [];
  for (const [key, cells] of then ?? [])
    for (const [date, cell] of cells)
      if (!now.get(key)?.has(date)) removedSinceApproval.push({ date, seconds: cell.seconds, item: itemRef(key) });
  removedSinceApproval.sort((a, b) => a.date.localeCompare(b.date));
  const totalsByDay = days.map((_, d) => rows.reduce((sum, row) => sum + row.cells[d].seconds, 0));
  return { rows, removedSinceApproval, totals: { days: totalsByDay, total: totalsByDay.reduce((a, b) => a + b, 0) } };
}

/** Viewable items first (by key), the restricted row last. */
const order = (key: string) => (key === RESTRICTED ? 1 : 0);

export const transitionOut = (h: {
  from_state: string | null;
  to_state: string;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  comment: string;
}): TransitionOut => ({
  from: h.from_state,
  to: h.to_state,
  at: h.at,
  actor: h.actor_id === null ? null : { id: h.actor_id, displayName: h.actor_name ?? '' },
  comment: h.comment,
});

type InboxItem = InboxOut['items'][number];

/** What a decision on my slice was, from its states: a reopen from a recall request reads as the recall granted. */
function kindOf(row: InboxRow): InboxItem['kind'] {
  if (row.to_state === 'rejected') return 'rejected';
  if (row.to_state === 'approved') return row.from_state === 'recall_requested' ? 'recall_refused' : 'approved';
  return row.from_state === 'recall_requested' ? 'recall_granted' : 'reopened';
}

export function decisionItem(row: InboxRow, seesTeamNames: boolean): InboxItem {
  return {
    kind: kindOf(row),
    slice: {
      id: row.slice_id,
      team: teamOf(row.team_id, row.team_name, seesTeamNames),
      start: row.period_start,
      end: row.period_end,
      state: row.state,
    },
    comment: row.comment,
    at: row.at,
    actor: row.actor_id === null ? null : { id: row.actor_id, displayName: row.actor_name ?? '' },
  };
}

export function waitingItem(row: ApprovalRow, seesTeamNames: boolean): InboxItem {
  return {
    kind: 'waiting',
    slice: {
      id: row.id,
      team: teamOf(row.team_id, row.team_name, seesTeamNames),
      start: row.period_start,
      end: row.period_end,
      state: row.state,
    },
    comment: '',
    at: row.updated_at,
    actor: { id: row.user_id, displayName: row.owner_name },
  };
}
