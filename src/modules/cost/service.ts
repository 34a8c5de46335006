import { abilities, type Actor } from '../../authz/engine.js';
import type { FileAnswer } from '../../http/route.js';
import type { Deps } from '../../lib/deps.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import { CONTENT_TYPES, exportStream, oneChunk } from '../../lib/export.js';
import { addAmounts } from '../../lib/money.js';
import { daysOf } from '../../lib/periods.js';
import { audit } from '../audit/repo.js';
import { dayOf } from '../calendars/calendar.js';
import { loadCalendars } from '../calendars/repo.js';
import { costRateAudit, costRateOut, costTable } from './present.js';
import * as repo from './repo.js';
import type {
  CostExportQuery,
  CostPeople,
  CostRateCreate,
  CostRateList,
  CostRateOut,
  CostReportOut,
  CostReportQuery,
  CostRow,
} from './schema.js';

const MAX_REPORT_DAYS = 366;
const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

/** A group being added up: seconds, and money per currency (actual and revenue as decimals; scheduled in cent-seconds). */
interface Sums {
  label: string;
  plannedSeconds: number;
  scheduled: Map<string, bigint>;
  loggedSeconds: number;
  actual: Map<string, string[]>;
  revenue: Map<string, string[]>;
  unratedSeconds: number;
}
const emptySums = (label: string): Sums => ({
  label,
  plannedSeconds: 0,
  scheduled: new Map(),
  loggedSeconds: 0,
  actual: new Map(),
  revenue: new Map(),
  unratedSeconds: 0,
});
const cents = (amount: string) => {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};
/** Cent-seconds to a decimal amount, rounded half up to the cent. */
const fromCentSeconds = (value: bigint) => {
  const c = (value + 1800n) / 3600n;
  return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
};
const sorted = (m: Map<string, string>) =>
  [...m].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));

/**
 * Cost rates and the cost report (APP-5, REP-2), for the money roles in the Cost area (`cost.view`; rates managed with
 * `cost.rates`). Scheduled cost: each person's planned hours on the working days of their calendar × their cost rate on
 * the day; actual cost: logged hours × the author's rate on the work date; revenue: logged hours × the rate the work log
 * was recorded with. Work and plans on items the reader may not view are not counted (ITEM-9, REP-5).
 */
export function createCostService({ db, authz }: Deps) {
  async function rates(actor: Actor): Promise<CostRateList> {
    await authz.authorize(actor, 'cost.view');
    const { manage } = abilities(actor.subject, {}, { manage: { action: 'cost.rates' } });
    return { items: (await repo.findRates(db)).map(costRateOut), canManage: manage };
  }

  async function people(actor: Actor, q: string): Promise<CostPeople> {
    await authz.authorize(actor, 'cost.rates');
    const rows = await repo.findPeople(db, q);
    return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
  }

  async function createRate(actor: Actor, input: CostRateCreate): Promise<CostRateOut> {
    await authz.authorize(actor, 'cost.rates');
    return db.transaction().execute(async (trx) => {
      if (!(await repo.findUser(trx, input.userId))) throw badRequest('userId', 'no such user');
      const id = await repo.insertRate(trx, { ...input, createdBy: actor.userId });
      if (id === undefined)
        throw new AppError(
          409,
          'cost_rate_exists',
          `the person has a cost rate from ${input.validFrom} already`,
          'validFrom',
        );
      const row = (await repo.findRates(trx, { id }))[0]!;
      await audit(trx, actor, 'costRate.create', id, { after: costRateAudit(row) });
      return costRateOut(row);
    });
  }

  async function deleteRate(actor: Actor, id: number): Promise<void> {
    await authz.authorize(actor, 'cost.rates');
    await db.transaction().execute(async (trx) => {
      const row = (await repo.findRates(trx, { id }))[0];
      if (!row) throw notFound('cost rate');
      await repo.deleteRate(trx, id);
      await audit(trx, actor, 'costRate.delete', id, { before: costRateAudit(row) });
    });
  }

  async function report(actor: Actor, query: CostReportQuery): Promise<CostReportOut> {
    await authz.authorize(actor, 'cost.view');
    if (query.to < query.from) throw badRequest('to', 'the last day is before the first day');
    if ((Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1 > MAX_REPORT_DAYS)
      throw badRequest('to', `a cost report covers at most ${MAX_REPORT_DAYS} days`);
    const [actual, planned] = await Promise.all([
      repo.findActual(db, actor, query),
      repo.findPlanned(db, actor, query),
    ]);
    const groups = new Map<string | null, Sums>();
    const group = (key: string | null, label: string) => {
      let sums = groups.get(key);
      if (!sums) groups.set(key, (sums = emptySums(label)));
      return sums;
    };
    for (const row of actual) {
      const sums = group(row.key, row.label);
      sums.loggedSeconds += Number(row.seconds);
      sums.unratedSeconds += Number(row.unrated_seconds);
      if (row.cost_currency && row.cost !== null)
        sums.actual.set(row.cost_currency, [...(sums.actual.get(row.cost_currency) ?? []), row.cost]);
      if (row.revenue_currency && row.revenue !== null)
        sums.revenue.set(row.revenue_currency, [...(sums.revenue.get(row.revenue_currency) ?? []), row.revenue]);
    }
    await addPlanned(planned, query, (key, label, seconds, rate) => {
      const sums = group(key, label);
      sums.plannedSeconds += seconds;
      if (!rate) sums.unratedSeconds += seconds;
      else
        sums.scheduled.set(
          rate.currency,
          (sums.scheduled.get(rate.currency) ?? 0n) + cents(rate.cost_rate) * BigInt(seconds),
        );
    });
    const rows = [...groups].map(([key, sums]) => rowOf(key, sums));
    rows.sort((a, b) =>
      query.groupBy === 'month' ? (a.key ?? '').localeCompare(b.key ?? '') : a.label.localeCompare(b.label),
    );
    return { from: query.from, to: query.to, groupBy: query.groupBy, rows, total: totalOf(rows) };
  }

  /** Each plan's hours on each working day of its person's calendar in the range, with the person's rate that day. */
  async function addPlanned(
    planned: readonly repo.PlannedRow[],
    query: CostReportQuery,
    add: (key: string | null, label: string, seconds: number, rate: repo.CostRateRow | undefined) => void,
  ) {
    const people = [...new Set(planned.map((p) => p.user_id))];
    const [calendars, rates] = await Promise.all([
      loadCalendars(db, people, { from: query.from, to: query.to }),
      repo.findRates(db, { userIds: people }),
    ]);
    const rateOn = (userId: number, day: string) => {
      let found: repo.CostRateRow | undefined;
      for (const r of rates) if (r.user_id === userId && r.valid_from <= day) found = r;
      return found;
    };
    for (const plan of planned) {
      const calendar = { ...calendars.get(plan.user_id)!, leave: undefined };
      const start = plan.start_date > query.from ? plan.start_date : query.from;
      const end = plan.end_date < query.to ? plan.end_date : query.to;
      for (const day of daysOf({ start, end })) {
        if (dayOf(calendar, day).seconds === 0) continue;
        const key = query.groupBy === 'month' ? day.slice(0, 7) : plan.key;
        add(
          key,
          query.groupBy === 'month' ? day.slice(0, 7) : plan.label,
          plan.seconds_per_day,
          rateOn(plan.user_id, day),
        );
      }
    }
  }

  const rowOf = (key: string | null, s: Sums): CostRow => ({
    key,
    label: s.label,
    plannedHours: hours(s.plannedSeconds),
    scheduledCost: sorted(new Map([...s.scheduled].map(([c, v]) => [c, fromCentSeconds(v)]))),
    loggedHours: hours(s.loggedSeconds),
    actualCost: sorted(new Map([...s.actual].map(([c, v]) => [c, addAmounts(v)]))),
    revenue: sorted(new Map([...s.revenue].map(([c, v]) => [c, addAmounts(v)]))),
    hoursWithoutRate: hours(s.unratedSeconds),
  });

  const totalOf = (rows: readonly CostRow[]): CostRow => {
    const money = (pick: (r: CostRow) => CostRow['actualCost']) => {
      const by = new Map<string, string[]>();
      for (const r of rows) for (const a of pick(r)) by.set(a.currency, [...(by.get(a.currency) ?? []), a.amount]);
      return sorted(new Map([...by].map(([c, v]) => [c, addAmounts(v)])));
    };
    const sum = (pick: (r: CostRow) => number) => Math.round(rows.reduce((t, r) => t + pick(r), 0) * 100) / 100;
    return {
      key: null,
      label: 'Total',
      plannedHours: sum((r) => r.plannedHours),
      scheduledCost: money((r) => r.scheduledCost),
      loggedHours: sum((r) => r.loggedHours),
      actualCost: money((r) => r.actualCost),
      revenue: money((r) => r.revenue),
      hoursWithoutRate: sum((r) => r.hoursWithoutRate),
    };
  };

  async function exportReport(actor: Actor, query: CostExportQuery): Promise<FileAnswer> {
    const table = costTable(await report(actor, query));
    return {
      filename: `cost-${query.groupBy}-${query.from}-${query.to}.${query.format}`,
      contentType: CONTENT_TYPES[query.format],
      stream: exportStream({ columns: table.columns, chunks: oneChunk(table.rows) }, query.format, 'Cost'),
    };
  }

  return { rates, people, createRate, deleteRate, report, exportReport };
}
