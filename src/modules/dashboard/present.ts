import { mergeCurrencies } from '../reports/present.js';
import type { SummaryDbRow } from '../reports/repo.js';
import type { DashboardOut } from './schema.js';

/** Dashboard rows as the API answers them. */

/** An item I registered: itself when I may view it, else a placeholder that says nothing about it (ITEM-9). */
export function itemOut(row: {
  key: string;
  title: string;
  status: string;
  viewable: boolean;
}): DashboardOut['myItems'][number] {
  return row.viewable
    ? { restricted: false, key: row.key, title: row.title, status: row.status }
    : { restricted: true };
}

/** My slices this week; none yet is one open timesheet. Team names only for readers who see them (TEAM-8). */
export function timesheetOut(
  slices: Array<{ team_id: number | null; team_name: string | null; state: string }>,
  teamNames: boolean,
): DashboardOut['timesheet'] {
  if (slices.length === 0) return [{ team: null, state: 'open' }];
  return slices.map((s) => ({
    team: teamNames && s.team_id !== null ? { id: s.team_id, name: s.team_name ?? '' } : null,
    state: s.state,
  }));
}

/** Seconds per item id from a summary grouped by item. */
export function secondsByItem(rows: readonly SummaryDbRow[]): Map<number, number> {
  return new Map(
    mergeCurrencies(rows).flatMap((r) => (r.keys.length === 1 ? [[Number(r.keys[0].id), r.seconds]] : [])),
  );
}

/** A watched item I may view, with its hours this week and in all. */
export function watchedOut(
  row: { id: number; key: string; title: string; status: string; project_key: string; project_name: string },
  week: Map<number, number>,
  all: Map<number, number>,
): DashboardOut['watched'][number] {
  return {
    key: row.key,
    title: row.title,
    status: row.status,
    project: { key: row.project_key, name: row.project_name },
    weekSeconds: week.get(row.id) ?? 0,
    totalSeconds: all.get(row.id) ?? 0,
  };
}
