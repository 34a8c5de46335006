import { capacityOf } from '../../lib/capacity.js';
import { addDays, periodOf } from '../../lib/periods.js';
import { mergeCurrencies } from './present.js';
import type { ItemAnalysisRow } from './repo-analysis.js';
import type { SummaryDbRow } from './repo.js';
import type { ItemAnalysisOut, WorkloadOut, WorkloadQuery } from './schema-analysis.js';

/** The workload and the item analysis as the API answers them. */

/** The workload's columns: each day of the range, or each week (from its Monday) with the working days it has in range. */
export function workloadColumns(query: Pick<WorkloadQuery, 'from' | 'to' | 'period'>): WorkloadOut['columns'] {
  const columns: WorkloadOut['columns'] = [];
  const first = query.period === 'week' ? periodOf(query.from, 'week').start : query.from;
  const step = query.period === 'week' ? 7 : 1;
  for (let start = first; start <= query.to; start = addDays(start, step)) {
    let seconds = 0;
    for (let d = 0; d < step; d++) {
      const day = addDays(start, d);
      if (day >= query.from && day <= query.to) seconds += capacityOf(day);
    }
    columns.push({ start, capacitySeconds: seconds });
  }
  return columns;
}

/**
 * One row per person: the people listed (whose work the reader sees) and anyone else with counted hours (a person
 * deactivated since), by name, at most `max`; each person's hours per column from the summary's person × period rows.
 */
export function workloadOut(
  query: WorkloadQuery,
  people: ReadonlyArray<{ id: number; display_name: string }>,
  rows: readonly SummaryDbRow[],
  max: number,
): WorkloadOut {
  const columns = workloadColumns(query);
  const index = new Map(columns.map((c, i) => [c.start, i]));
  const capacity = columns.reduce((sum, c) => sum + c.capacitySeconds, 0);
  const byId = new Map(
    people.map((p) => [
      p.id,
      { user: { id: p.id, displayName: p.display_name }, seconds: 0, cells: columns.map(() => 0) },
    ]),
  );
  for (const row of mergeCurrencies(rows)) {
    if (row.keys.length === 0) continue;
    const id = Number(row.keys[0].id);
    let person = byId.get(id);
    if (!person) {
      person = { user: { id, displayName: row.keys[0].label ?? '' }, seconds: 0, cells: columns.map(() => 0) };
      byId.set(id, person);
    }
    if (row.keys.length === 1) person.seconds = row.seconds;
    else person.cells[index.get(row.keys[1].id ?? '') ?? -1] = row.seconds;
  }
  const sorted = [...byId.values()].sort(
    (a, b) => a.user.displayName.localeCompare(b.user.displayName) || a.user.id - b.user.id,
  );
  return {
    period: query.period,
    columns,
    people: sorted.slice(0, max).map((p) => ({ ...p, capacitySeconds: capacity })),
    truncated: sorted.length > max,
  };
}

export function itemAnalysisItemOut(row: ItemAnalysisRow): ItemAnalysisOut['items'][number] {
  return {
    key: row.key,
    title: row.title,
    status: row.status,
    project: { key: row.project_key, name: row.project_name },
    seconds: Number(row.seconds),
    entries: Number(row.entries),
    people: Number(row.people),
    lastDate: row.last_date,
  };
}
