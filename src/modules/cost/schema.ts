import { z } from 'zod';
import { calendarDate, id, idParam, userRef } from '../../lib/schemas.js';

/** Cost rates and the cost report (APP-5, REP-2): the web's contract. Every amount here is money (PRICE-7). */

/** A decimal amount of at most two places, as a string (no floating-point money). */
const amount = z.string().regex(/^\d{1,8}(\.\d{1,2})?$/, 'expected an amount like 55 or 55.50');
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code like EUR');
const money = z.array(z.object({ currency: z.string(), amount: z.string() }));

export const costRateOut = z.object({
  id: z.number(),
  user: userRef,
  /** The first day the rate applies; it holds until the person's next rate. */
  validFrom: z.string(),
  /** Internal cost of one hour of the person's time (money, PRICE-7). */
  costRate: z.string(),
  currency: z.string(),
});
export type CostRateOut = z.infer<typeof costRateOut>;
export const costRateList = z.object({
  items: z.array(costRateOut),
  /** Whether the caller may add and remove rates (billing_admin, app_admin). */
  canManage: z.boolean(),
});
export type CostRateList = z.infer<typeof costRateList>;
export const costRateCreate = z.strictObject({ userId: id, validFrom: calendarDate, costRate: amount, currency });
export type CostRateCreate = z.infer<typeof costRateCreate>;
export const costRateParams = z.strictObject({ id: idParam });
/** People to give a rate to, by name or login (the rate form's picker: billing_admin has no Administration area). */
export const costPeopleQuery = z.strictObject({ q: z.string().trim().max(100).default('') });
export const costPeople = z.object({ items: z.array(userRef) });
export type CostPeople = z.infer<typeof costPeople>;

export const COST_GROUPS = ['user', 'team', 'project', 'month'] as const;
export const costReportQuery = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  groupBy: z.enum(COST_GROUPS).default('user'),
});
export type CostReportQuery = z.infer<typeof costReportQuery>;
export const costExportQuery = costReportQuery.extend({ format: z.enum(['csv', 'xlsx']) });
export type CostExportQuery = z.infer<typeof costExportQuery>;

export const costRow = z.object({
  /** The group: a user, team or project id, or a month (YYYY-MM); null for "no team". */
  key: z.string().nullable(),
  label: z.string(),
  plannedHours: z.number(),
  /** Planned hours × the person's cost rate on each day, per currency. */
  scheduledCost: money,
  loggedHours: z.number(),
  /** Logged hours × the author's cost rate on the work date, per currency. */
  actualCost: money,
  /** Logged hours × the rate recorded on the work log (price lists), per currency. */
  revenue: money,
  /** Hours (planned and logged) of people without a cost rate on the day: counted, not costed. */
  hoursWithoutRate: z.number(),
});
export const costReportOut = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(COST_GROUPS),
  rows: z.array(costRow),
  total: costRow,
});
export type CostReportOut = z.infer<typeof costReportOut>;
export type CostRow = z.infer<typeof costRow>;
