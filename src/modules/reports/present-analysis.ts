import { capacityOfDays, type Calendar } from '../calendars/calendar.js';
import { addDays, periodOf } from '../../lib/periods.js';
import { mergeCurrencies } from './present.js';
import type { ItemAnalysisRow } from './repo-analysis.js';
import type { SummaryDbRow } from './repo.js';
import type { ItemAnalysisOut, WorkloadOut, WorkloadQuery } from './schema-analysis.js';

/** The workload and the item analysis as the API answers them. */

/** The workload's columns: each day of the range, or each week (from its Monday), with the days of the range in it. */
export function workloadColumns(
  query: Pick<WorkloadQuery, 'from' | 'to' | 'period'>,
): Array<{ start: string; days: string[] }> {
  const columns: Array<{ start: string; days: string[] }> = [];
  const first = query.period === 'week' ? periodOf(query.from, 'week').start : query.from;
  const step = query.period === 'week' ? 7 : 1;
  for (let start = first; start <= query.to; start = addDays(start, step)) {
    const days = Array.from({ length: step }, (_, d) => addDays(start, d)).filter(
      (day) => day >= query.from && day <= query.to,
    );
    columns.push({ start, days });
  }
  return columns;
}

/** The people a workload's summary rows name (the authors with counted hours), by id. */
export const peopleOfRows = (rows: readonly SummaryDbRow[]) => [
  ...new Set(rows.flatMap((r) => (r.depth > 0 && r.k[0][0] !== null ? [Number(r.k[0][0])] : []))),
];

/**
 * One row per person: the people listed (whose work the reader sees) and anyone else with counted hours (a person
 * deactivated since), by name, at most `max`; each person's hours per column from the summary's person × period rows,
 * and their capacity per column from their calendar (working time, holidays, company days off): `calendars` holds
 * every person the rows and the list name.
 */
export function workloadOut(
  query: WorkloadQuery,
  people: ReadonlyArray<{ id: number; display_name: string }>,
  rows: readonly SummaryDbRow[],
  max: number,
  calendars: ReadonlyMap<number, Calendar>,
): WorkloadOut {
  const columns = workloadColumns(query);
  const index = new Map(columns.map((c, i) => [c.start, i]));
  const blank = (id: number, displayName: string) => ({
    user: { id, displayName },
    seconds: 0,
    cells: columns.map(() => 0),
  });
  const byId = new Map(people.map((p) => [p.id, blank(p.id, p.display_name)]));
  for (const row of mergeCurrencies(rows)) {
    if (row.keys.length === 0) continue;
    const id = Number(row.keys[0].id);
    let person = byId.get(id);
    if (!person) byId.set(id, (person = blank(id, row.keys[0].label ?? '')));
    if (row.keys.length === 1) person.seconds = row.seconds;
    else person.cells[index.get(row.keys[1].id ?? '') ?? -1] = row.seconds;
  }
  const sorted = [...byId.values()].sort(
    (a, b) => a.user.displayName.localeCompare(b.user.displayName) || a.user.id - b.user.id,
  );
  return {
    period: query.period,
    columns: columns.map((c) => ({ start: c.start })),
    people: sorted.slice(0, max).map((p) => {
      const capacity = columns.map((c) => capacityOfDays(calendars.get(p.user.id)!, c.days));
      return { ...p, capacity, capacitySeconds: capacity.reduce((a, b) => a + b, 0) };
    }),
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
