import { setImmediate } from 'node:timers/promises';
import { seesMoney, seesTeamNames, type Actor, type Authz } from '../../authz/engine.js';
import type { FileAnswer } from '../../http/route.js';
import type { Reader } from '../../authz/visibility.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest } from '../../lib/errors.js';
import { streams, type Database } from '../../db/index.js';
import {
  CONTENT_TYPES,
  exportStream,
  oneChunk,
  readAhead,
  Slots,
  type Cell,
  type ExportFormat,
} from '../../lib/export.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import {
  reportWorklogOut,
  summaryOut,
  summaryTable,
  worklogCells,
  worklogColumns,
  type ReportReader,
} from './present.js';
import * as repo from './repo.js';
import {
  MAX_GROUPS,
  MAX_RANGE_DAYS,
  type FiltersQuery,
  type ReportFilterChoices,
  type ReportFilters,
  type ReportWorklogPage,
  type SummaryOut,
  type SummaryQuery,
  type WorklogListQuery,
} from './schema.js';

/** Rows per group the database may return for a screen's summary: one per currency, a few currencies per group. */
const ROWS_PER_GROUP = 4;
/** The most rows a summary export carries (groups and subtotals, per currency). */
const MAX_EXPORT_SUMMARY_ROWS = 1_000_000;
/** Rows presented between two turns of the event loop. */
const PRESENT_BATCH = 500;
/**
 * Exports reading from the database at once, in this process (TIMEWARD_EXPORTS_AT_ONCE, default 1); the others wait
 * their turn, their download started. Twenty exports of a million rows at once then leave other requests a p99 of
 * 100 ms; two at a time gave 204 ms, four 626 ms (bench:reports, BENCHMARKS.md).
 */
const exportSlots = new Slots(Number(process.env.TIMEWARD_EXPORTS_AT_ONCE ?? 1));
/**
 * Work logs per read of an export's cursor (or statement of its keyset walk). Smaller chunks keep the server's RSS
 * lower while an export runs (a million-row XLSX: 180 MB of growth with 10,000, 150 MB with 2,000) at no measured cost
 * in time through the cursor.
 */
const EXPORT_CHUNK = 2_000;

const readerOf = (actor: Actor): ReportReader => ({ money: seesMoney(actor), teamNames: seesTeamNames(actor) });
const fileName = (kind: string, query: ReportFilters, format: ExportFormat) =>
  `timeward-${kind}-${query.from}-${query.to}.${format}`;

/** Whether a report groups or filters by team or price list, whose names only readers with `team.names` see (TEAM-8). */
export const namesTeams = (query: ReportFilters & { groupBy?: readonly string[] }) =>
  Boolean(query.groupBy?.some((d) => d === 'team' || d === 'priceList') || query.teams || query.priceLists);

/**
 * The summary as a screen shows it — at most MAX_GROUPS groups — for a reader, with or without money; `db` may be a
 * transaction (a shared link's open).
 */
export async function screenSummary(db: Database, reader: Reader, query: SummaryQuery, money: boolean) {
  const limit = (MAX_GROUPS + 2) * ROWS_PER_GROUP;
  const rows = await repo.summarize(db, reader, query, query.groupBy, limit);
  return summaryOut(rows, query.groupBy, money, MAX_GROUPS, rows.length === limit);
}

/**
 * A report's range is in order and not too long; team and price-list names, as groupings or filters, only for readers
 * who see them (TEAM-8: `team.names`, decided once) — checked before anything is read.
 */
export async function checkReport(
  authz: Authz,
  actor: Actor,
  query: ReportFilters & { groupBy?: readonly string[] },
  at = 'query',
): Promise<void> {
  if (query.from > query.to) throw badRequest(`${at}.to`, 'The end of the range must not be before its start.');
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days >= MAX_RANGE_DAYS)
    throw badRequest(`${at}.to`, `A report covers at most ${MAX_RANGE_DAYS} days; shorten the range.`);
  if (namesTeams(query)) await authz.authorize(actor, 'team.names');
}

/**
 * The Reports area (REP-1, REP-5): the route's `report.view` opens it; what a report counts is narrowed in SQL to the
 * work logs the app areas show the caller (`reportedWorklogs`); money only for the money roles (PRICE-7); team and
 * price-list names, as groupings or filters, only for readers who see them (TEAM-8: `team.names`, decided here once).
 */
export function createReportService(deps: Deps) {
  const { db, authz } = deps;

  const checkFilters = (actor: Actor, query: ReportFilters & { groupBy?: readonly string[] }) =>
    checkReport(authz, actor, query);

  /** Hours (and revenue for money readers) per group, subtotals depth first, the total over every counted work log. */
  async function summary(actor: Actor, query: SummaryQuery): Promise<SummaryOut> {
    await checkFilters(actor, query);
    return screenSummary(db, actor, query, seesMoney(actor));
  }

  /** The summary as a file: every group, subtotal and the total, as the screen shows them (REP-4). */
  async function exportSummary(actor: Actor, query: SummaryQuery & { format: ExportFormat }): Promise<FileAnswer> {
    await checkFilters(actor, query);
    const rows = await repo.summarize(db, actor, query, query.groupBy, MAX_EXPORT_SUMMARY_ROWS);
    const out = summaryOut(rows, query.groupBy, seesMoney(actor), Infinity, false);
    const table = summaryTable(out);
    return {
      filename: fileName('summary', query, query.format),
      contentType: CONTENT_TYPES[query.format],
      stream: exportStream({ columns: table.columns, chunks: oneChunk(table.rows) }, query.format, 'Summary'),
    };
  }

  /** A page of the detailed report: the work logs the summary counts, by date. */
  async function worklogs(actor: Actor, query: WorklogListQuery): Promise<ReportWorklogPage> {
    await checkFilters(actor, query);
    const after = decodeCursor<repo.WorklogKey>(query.cursor, ['string', 'number']);
    const rows = await repo.findWorklogs(db, actor, query, after, query.limit + 1);
    const page = pageOf(rows, query.limit, repo.worklogKeyOf);
    const reader = readerOf(actor);
    return { ...page, items: page.items.map((r) => reportWorklogOut(r, reader)), ...reader };
  }

  /** Every work log of the detailed report as a file, read a chunk at a time (REP-4: memory does not grow with rows). */
  async function exportWorklogs(actor: Actor, query: ReportFilters & { format: ExportFormat }): Promise<FileAnswer> {
    await checkFilters(actor, query);
    const reader = readerOf(actor);
    // PostgreSQL reads the whole list as one statement through a cursor; PGlite, whose one connection every request
    // shares, walks it by keyset. Either way each chunk is read while the one before is written.
    async function* keysetWalk(): AsyncGenerator<repo.ReportWorklogRow[]> {
      for (let after: repo.WorklogKey | undefined; ;) {
        const rows = await repo.findWorklogs(db, actor, query, after, EXPORT_CHUNK);
        yield rows;
        if (rows.length < EXPORT_CHUNK) return;
        after = repo.worklogKeyOf(rows[rows.length - 1]);
      }
    }
    async function* chunks(): AsyncGenerator<Cell[][]> {
      const slot = await exportSlots.acquire();
      try {
        const source = streams(db) ? repo.streamWorklogs(db, actor, query, EXPORT_CHUNK) : keysetWalk();
        for await (const rows of readAhead(source))
          // Presented a few hundred rows at a time, each batch after a turn of the event loop: a chunk already read
          // would otherwise be presented and written in one run of promise callbacks while other requests wait.
          for (let k = 0; k < rows.length; k += PRESENT_BATCH) {
            await setImmediate();
            yield rows.slice(k, k + PRESENT_BATCH).map((r) => worklogCells(reportWorklogOut(r, reader), reader));
          }
      } finally {
        slot.release();
      }
    }
    return {
      filename: fileName('worklogs', query, query.format),
      contentType: CONTENT_TYPES[query.format],
      stream: exportStream({ columns: worklogColumns(reader), chunks: chunks() }, query.format, 'Work logs'),
    };
  }

  /** The filter choices: the projects, users, clients (and, per TEAM-8, teams and price lists) the range's counted work logs name. */
  async function filters(actor: Actor, query: FiltersQuery): Promise<ReportFilterChoices> {
    await checkFilters(actor, query);
    const rows = await repo.findFilterOptions(db, actor, query);
    const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, name: r.name }));
    return {
      projects: rows.filter((r) => r.kind === 'project').map((r) => ({ id: r.id, key: r.key ?? '', name: r.name })),
      users: rows.filter((r) => r.kind === 'user').map((r) => ({ id: r.id, displayName: r.name })),
      clients: of('client'),
      ...(seesTeamNames(actor) ? { teams: of('team'), priceLists: of('priceList') } : {}),
    };
  }

  return { summary, exportSummary, worklogs, exportWorklogs, filters };
}
