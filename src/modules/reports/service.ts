import { seesMoney, type Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest } from '../../lib/errors.js';
import { summaryOut } from './present.js';
import * as repo from './repo.js';
import { MAX_GROUPS, MAX_RANGE_DAYS, type ReportFilters, type SummaryOut, type SummaryQuery } from './schema.js';

/** Rows per group the database may return for a screen's summary: one per currency, a few currencies per group. */
const ROWS_PER_GROUP = 4;

/**
 * The Reports area (REP-1, REP-5): the route's `report.view` opens it; what a report counts is narrowed in SQL to the
 * work logs the app areas show the caller (`reportedWorklogs`); money only for the money roles (PRICE-7); team and
 * price-list names, as groupings or filters, only for readers who see them (TEAM-8: `team.names`, decided here once).
 */
export function createReportService(deps: Deps) {
  const { db, authz } = deps;

  async function checkFilters(actor: Actor, query: ReportFilters & { groupBy?: readonly string[] }) {
    if (query.from > query.to) throw badRequest('query.to', 'The end of the range must not be before its start.');
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days >= MAX_RANGE_DAYS)
      throw badRequest('query.to', `A report covers at most ${MAX_RANGE_DAYS} days; shorten the range.`);
    const byTeam = query.groupBy?.some((d) => d === 'team' || d === 'priceList');
    if (byTeam || query.teams || query.priceLists) await authz.authorize(actor, 'team.names');
  }

  /** Hours (and revenue for money readers) per group, subtotals depth first, the total over every counted work log. */
  async function summary(actor: Actor, query: SummaryQuery): Promise<SummaryOut> {
    await checkFilters(actor, query);
    const limit = (MAX_GROUPS + 2) * ROWS_PER_GROUP;
    const rows = await repo.summarize(db, actor, query, query.groupBy, limit);
    return summaryOut(rows, query.groupBy, seesMoney(actor), MAX_GROUPS, rows.length === limit);
  }

  return { summary, checkFilters };
}
