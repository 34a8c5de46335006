import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest } from '../../lib/errors.js';
import { loadCalendars } from '../calendars/repo.js';
import { itemAnalysisItemOut, peopleOfRows, workloadColumns, workloadOut } from './present-analysis.js';
import { findItemAnalysis, findWorkloadPeople, summarizeWorkload } from './repo-analysis.js';
import {
  MAX_WORKLOAD_DAYS,
  MAX_WORKLOAD_PEOPLE,
  type ItemAnalysisOut,
  type ItemAnalysisQuery,
  type WorkloadOut,
  type WorkloadQuery,
} from './schema-analysis.js';
import { checkReport } from './service.js';

/** Rows per (person, column) the summary may return: one per currency, a few currencies each. */
const ROWS_PER_CELL = 4;

/**
 * The workload and the cross-project item analysis (ITEM-9, REP-5). The route's `report.view` opens both; what they
 * count is narrowed in SQL: the workload to the work of people whose work the reader sees, on projects they browse,
 * whatever item security says, and never by item; the analysis to what every report counts (`reportedWorklogs`).
 */
export function createAnalysisService({ db, authz }: Deps) {
  async function workload(actor: Actor, query: WorkloadQuery): Promise<WorkloadOut> {
    await checkReport(authz, actor, query);
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
    const most = MAX_WORKLOAD_DAYS[query.period];
    if (days > most)
      throw badRequest(
        'query.to',
        query.period === 'day'
          ? `A workload by day covers at most ${most} days; shorten the range or show it by week.`
          : `A workload by week covers at most ${most} days; shorten the range.`,
      );
    const columns = workloadColumns(query).length;
    const limit = 1 + (MAX_WORKLOAD_PEOPLE + 1) * (columns + 1) * ROWS_PER_CELL;
    const [people, rows] = await Promise.all([
      findWorkloadPeople(db, actor, query, MAX_WORKLOAD_PEOPLE + 1),
      summarizeWorkload(db, actor, query, limit),
    ]);
    const ids = [...new Set([...people.map((p) => p.id), ...peopleOfRows(rows)])];
    const calendars = await loadCalendars(db, ids, query);
    return workloadOut(query, people, rows, MAX_WORKLOAD_PEOPLE, calendars);
  }

  async function items(actor: Actor, query: ItemAnalysisQuery): Promise<ItemAnalysisOut> {
    await checkReport(authz, actor, query);
    const rows = await findItemAnalysis(db, actor, query, query.limit + 1);
    return {
      items: rows.slice(0, query.limit).map(itemAnalysisItemOut),
      nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
    };
  }

  return { workload, items };
}
