import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError, errorText } from '../../api.js';
import { timesheetsApi } from '../../api/timesheets.js';
import type { TimesheetCellWorklog, TimesheetGrid, TimesheetItem, Worklog } from '../../../../src/contracts.js';
import { teamChangeOf, type TeamChange } from '../TeamChangedDialog.js';
import { cellId, withCell } from './gridModel.js';

/** Where a cell's last change stands; no entry: nothing changed here since the grid loaded. */
export type CellStatus =
  | { state: 'saving'; seconds: number | null }
  | { state: 'saved' }
  | { state: 'conflict' }
  | { state: 'refused'; message: string };

/** A change the server answered with `team_changed` (PRICE-5): saved only when the user confirms. */
export interface TeamChangeAsk {
  item: TimesheetItem;
  date: string;
  seconds: number;
  change: TeamChange;
}

interface Options {
  sheetRef: RefObject<TimesheetGrid | undefined>;
  change: (update: (sheet: TimesheetGrid) => TimesheetGrid) => void;
  /** Reloads the grid quietly once every save has settled: slices, locks and totals follow the server. */
  refresh: () => void;
  userId?: number;
  /** A row whose last work log was deleted: kept on screen as an added row. */
  onEmptied: (item: TimesheetItem) => void;
}

export const cellWorklog = (worklog: Worklog): TimesheetCellWorklog => ({
  id: worklog.id,
  seconds: worklog.durationSeconds,
  version: worklog.version,
  description: worklog.description,
  startTime: worklog.startTime,
});

/**
 * Autosave of single cells (FLOW-1): a cell without work logs gets one (POST), a cell with one has it changed with the
 * version the grid showed (PATCH) or deleted when emptied (DELETE). Saves of one cell run one after the other, each
 * reading the version the previous one left; a stale version is a conflict shown on the cell (API-4).
 */
export function useCellSaver({ sheetRef, change, refresh, userId, onEmptied }: Options) {
  const [statuses, setStatuses] = useState<ReadonlyMap<string, CellStatus>>(new Map());
  const [teamChange, setTeamChange] = useState<TeamChangeAsk | null>(null);
  const chains = useRef(new Map<string, Promise<void>>());
  const pending = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const setStatus = useCallback((id: string, status: CellStatus | null) => {
    setStatuses((previous) => {
      const next = new Map(previous);
      if (status) next.set(id, status);
      else next.delete(id);
      return next;
    });
  }, []);

  async function write(item: TimesheetItem, date: string, seconds: number | null, confirmTeamChange: boolean) {
    const row = sheetRef.current?.rows.find((candidate) => candidate.item.key === item.key);
    const worklogs = row?.cells.find((cell) => cell.date === date)?.worklogs ?? [];
    if (worklogs.length > 1) throw new Error('A cell with several work logs is changed in its dialog.');
    const [only] = worklogs;
    if (!only) {
      if (seconds === null) return;
      const created = await timesheetsApi.logCell(item.key, date, seconds, userId);
      change((sheet) => withCell(sheet, item, date, [cellWorklog(created)]));
    } else if (seconds === null) {
      await timesheetsApi.deleteWorklog(only);
      change((sheet) => withCell(sheet, item, date, []));
      const left = sheetRef.current?.rows.find((candidate) => candidate.item.key === item.key);
      if (left && left.cells.every((cell) => cell.worklogs.length === 0)) onEmptied(item);
    } else if (seconds !== only.seconds || confirmTeamChange) {
      const changed = await timesheetsApi.changeWorklog(only, seconds, confirmTeamChange);
      change((sheet) => withCell(sheet, item, date, [cellWorklog(changed)]));
    }
  }

  /** Saves a cell's new total; `null` empties it. */
  function save(item: TimesheetItem, date: string, seconds: number | null, confirmTeamChange = false) {
    const id = cellId(item.key, date);
    setStatus(id, { state: 'saving', seconds });
    pending.current++;
    clearTimeout(refreshTimer.current);
    const run = async () => {
      try {
        await write(item, date, seconds, confirmTeamChange);
        setStatus(id, { state: 'saved' });
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'version_conflict') setStatus(id, { state: 'conflict' });
        else if (failure instanceof ApiError && failure.code === 'team_changed' && seconds !== null) {
          setStatus(id, null);
          setTeamChange({ item, date, seconds, change: teamChangeOf(failure.problem) });
        } else setStatus(id, { state: 'refused', message: errorText(failure) });
      } finally {
        pending.current--;
        if (pending.current === 0) refreshTimer.current = setTimeout(refresh, 300);
      }
    };
    const next = (chains.current.get(id) ?? Promise.resolve()).then(run);
    chains.current.set(id, next);
    return next;
  }

  /** After a reload every conflict and refusal is answered by what the grid now shows. */
  const clearProblems = useCallback(() => setStatuses(new Map()), []);

  return { statuses, save, setStatus, clearProblems, teamChange, setTeamChange };
}

/** The page's one-line summary of the cells' saves, read out as it changes. */
export function saveSummary(statuses: ReadonlyMap<string, CellStatus>): { text: string; problem: boolean } {
  const all = [...statuses.values()];
  const count = (state: CellStatus['state']) => all.filter((status) => status.state === state).length;
  if (count('saving') > 0) return { text: 'Saving…', problem: false };
  if (count('conflict') > 0)
    return { text: 'Some hours were changed elsewhere. Reload to see the current hours.', problem: true };
  const refused = count('refused');
  if (refused > 0)
    return {
      text: `${refused === 1 ? 'One change was' : `${refused} changes were`} not saved; the reason is next to the cell.`,
      problem: true,
    };
  if (count('saved') > 0) return { text: 'All changes saved.', problem: false };
  return { text: '', problem: false };
}
