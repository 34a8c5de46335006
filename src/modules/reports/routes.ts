import { FILE, routeTable } from '../../http/route.js';
import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';
import {
  filtersOut,
  filtersQuery,
  reportWorklogPage,
  summaryExportQuery,
  summaryOut,
  summaryQuery,
  worklogExportQuery,
  worklogListQuery,
} from './schema.js';
import { pivotExportQuery, pivotOut, pivotQuery } from './schema-pivot.js';
import { itemAnalysisOut, itemAnalysisQuery, workloadOut, workloadQuery } from './schema-analysis.js';
import { createAnalysisService } from './service-analysis.js';
import { createPivotService } from './service-pivot.js';
import { createReportService } from './service.js';

/** The Reports area (REP-1, REP-4): summaries and their exports over the work logs the caller may see. */
export function reportRoutes(app: App, deps: Deps) {
  const service = createReportService(deps);
  const route = routeTable(app, { tags: ['reports'] });
  const pivots = createPivotService(deps);
  const analysis = createAnalysisService(deps);

  route({
    method: 'GET',
    url: '/api/reports/summary',
    access: 'report.view',
    summary:
      'Hours (revenue for money roles) grouped by up to three of project, item, user, team, price list, client and period, with subtotals',
    querystring: summaryQuery,
    response: summaryOut,
    handler: ({ actor, query }) => service.summary(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/summary/export',
    access: 'report.view',
    summary: 'The summary as CSV or XLSX: every group, subtotal and the total, with the columns the screen shows',
    querystring: summaryExportQuery,
    response: FILE,
    handler: ({ actor, query }) => service.exportSummary(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/worklogs',
    access: 'report.view',
    summary: 'The detailed report: the work logs the summary counts, by date, a page at a time',
    querystring: worklogListQuery,
    response: reportWorklogPage,
    handler: ({ actor, query }) => service.worklogs(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/worklogs/export',
    access: 'report.view',
    summary: 'The detailed report as CSV or XLSX, streamed from the database a chunk at a time',
    querystring: worklogExportQuery,
    response: FILE,
    handler: ({ actor, query }) => service.exportWorklogs(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/filters',
    access: 'report.view',
    summary: 'The projects, users, clients, teams and price lists the caller’s reports count in a date range',
    querystring: filtersQuery,
    response: filtersOut,
    handler: ({ actor, query }) => service.filters(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/pivot',
    access: 'report.view',
    summary:
      'Hours rolled up a work item’s subtree or a project’s tree: "all" — viewable items over viewable descendants; "efforts" — the whole subtree’s totals, for project administrators',
    querystring: pivotQuery,
    response: pivotOut,
    handler: ({ actor, query }) => pivots.pivot(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/pivot/export',
    access: 'report.view',
    summary: 'The pivot as CSV or XLSX, with the rows the screen shows',
    querystring: pivotExportQuery,
    response: FILE,
    handler: ({ actor, query }) => pivots.exportPivot(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/workload',
    access: 'report.view',
    summary:
      'Hours per person and day or week against capacity: work on items the caller may not view counts, but no item is named (ITEM-9)',
    querystring: workloadQuery,
    response: workloadOut,
    handler: ({ actor, query }) => analysis.workload(actor, query),
  });

  route({
    method: 'GET',
    url: '/api/reports/items',
    access: 'report.view',
    summary:
      'Work items across projects with the hours the caller’s reports count on them, most first: viewable items only',
    querystring: itemAnalysisQuery,
    response: itemAnalysisOut,
    handler: ({ actor, query }) => analysis.items(actor, query),
  });
}
