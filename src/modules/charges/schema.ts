import { z } from 'zod';
import { calendarDate, id, idParam, page, pageQuery, userRef, version } from '../../lib/schemas.js';
import { amount, currency } from '../pricelists/schema.js';

/**
 * Requests and responses of charging (FLOW-9); their inferred types are the web's contract. Money — `rate`, `value`,
 * `values`, a charge's `amount` — is registered in src/lib/money.ts and present only for the money roles (PRICE-7).
 */

/** The most work logs one charge takes, and the most candidates one answer lists (their totals cover them all). */
export const MAX_CHARGED = 5_000;
export const MAX_CANDIDATES = 1_000;

const named = z.object({ id: z.number(), name: z.string() });
const itemRef = z.object({ key: z.string(), title: z.string(), projectKey: z.string() });

/** Value per currency: rate × hours, each work log's value rounded to the cent, summed as decimals. */
const values = z.array(z.object({ currency: z.string(), amount: z.string() }));

export const totalsOut = z.object({
  count: z.number(),
  seconds: z.number(),
  values: values.optional(),
});

/** A work log as charging shows it: a candidate, or one of a charge's. `rate`/`currency`/`value`: money roles, priced ones. */
export const chargeWorklogOut = z.object({
  id: z.number(),
  date: z.string(),
  seconds: z.number(),
  description: z.string(),
  item: itemRef,
  author: userRef,
  /** The team recorded on the work log; null without one, or for a reader who sees no team names (TEAM-8). */
  team: named.nullable(),
  rate: z.string().optional(),
  currency: z.string().optional(),
  value: z.string().optional(),
});

export const candidatesQuery = z.strictObject({
  projectId: idParam.optional(),
  teamId: idParam.optional(),
  clientId: idParam.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

/** Approved, uncharged work logs the caller may view; `truncated` when more than MAX_CANDIDATES match (totals: all). */
export const candidatesOut = z.object({
  items: z.array(chargeWorklogOut),
  totals: totalsOut,
  truncated: z.boolean(),
});

/** What the filters of the charging screen offer: the projects, teams and clients of the chargeable work logs. */
export const chargeFiltersQuery = z.strictObject({ from: calendarDate.optional(), to: calendarDate.optional() });
export const chargeFiltersOut = z.object({
  projects: z.array(z.object({ id: z.number(), key: z.string(), name: z.string() })),
  teams: z.array(named),
  clients: z.array(named),
});

/** A list of ids in a body: no repeats, so each names one thing once. */
const worklogIds = z
  .array(id)
  .min(1)
  .max(MAX_CHARGED)
  .superRefine((ids, ctx) => {
    const seen = new Set<number>();
    ids.forEach((value, i) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: `${value} appears twice` });
      seen.add(value);
    });
  });

export const chargeCreate = z.strictObject({
  invoiceNumber: z.string().trim().min(1).max(100),
  invoiceDate: calendarDate,
  amount,
  /** ISO 4217: three capital letters. */
  currency,
  worklogIds,
});

export const chargeIdParams = z.strictObject({ id: idParam });
export const chargeRevoke = z.strictObject({ version });
export const chargeListQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(['charged', 'revoked', 'all']).default('all'),
});

export const chargeOut = z.object({
  id: z.number(),
  invoiceNumber: z.string(),
  invoiceDate: z.string(),
  amount: z.string().optional(),
  currency: z.string(),
  state: z.enum(['charged', 'revoked']),
  createdAt: z.date(),
  createdBy: userRef.nullable(),
  revokedAt: z.date().nullable(),
  revokedBy: userRef.nullable(),
  version: z.number(),
  /** Every work log the charge holds, those on items the reader may not view included (hours and value, no identity). */
  totals: totalsOut,
  abilities: z.object({ canRevoke: z.boolean() }),
});

export const chargePage = page(chargeOut).extend({ abilities: z.object({ canCharge: z.boolean() }) });

export const chargeDetail = z.object({
  charge: chargeOut,
  /** The charge's work logs on items the reader may view (ITEM-9). */
  worklogs: z.array(chargeWorklogOut),
  /** The rest, as hours only: no item, author or description (ITEM-9). */
  hidden: z.object({ seconds: z.number() }),
  /** FLOW-7: charged and revoked, by whom and when. */
  history: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      at: z.date(),
      actor: userRef.nullable(),
      comment: z.string(),
    }),
  ),
});

export type CandidatesQuery = z.infer<typeof candidatesQuery>;
export type CandidatesOut = z.infer<typeof candidatesOut>;
export type ChargeFiltersQuery = z.infer<typeof chargeFiltersQuery>;
export type ChargeFiltersOut = z.infer<typeof chargeFiltersOut>;
export type ChargeWorklogOut = z.infer<typeof chargeWorklogOut>;
export type TotalsOut = z.infer<typeof totalsOut>;
export type ChargeCreate = z.infer<typeof chargeCreate>;
export type ChargeRevoke = z.infer<typeof chargeRevoke>;
export type ChargeListQuery = z.infer<typeof chargeListQuery>;
export type ChargeOut = z.infer<typeof chargeOut>;
export type ChargePage = z.infer<typeof chargePage>;
export type ChargeDetail = z.infer<typeof chargeDetail>;
