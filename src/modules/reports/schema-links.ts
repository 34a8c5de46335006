import { z } from 'zod';
import { calendarDate, idParam, name } from '../../lib/schemas.js';
import { DIMENSIONS, summaryOut, summaryQuery } from './schema.js';

/** Shared report links (REP-6): requests and responses; the web's contract through src/contracts.ts. */

/** The longest a shared link works. */
export const MAX_LINK_DAYS = 90;

export const linkCreate = z.strictObject({
  name,
  /** The report shown: its range, groupings and filters, as the summary takes them. */
  report: summaryQuery,
  /** The last day the link works (at most MAX_LINK_DAYS from today). */
  expiresOn: calendarDate,
  /** Show revenue too — only when the creator may see money (PRICE-7), checked again at every open. */
  includeMoney: z.boolean().default(false),
});
export type LinkCreate = z.infer<typeof linkCreate>;

/** What a link shows of the report it was made from: the range and the groupings, never the filters' ids. */
const reportShape = z.object({ from: z.string(), to: z.string(), groupBy: z.array(z.enum(DIMENSIONS)) });

export const linkOut = z.object({
  id: z.number(),
  name: z.string(),
  report: reportShape.extend({ filtered: z.boolean() }),
  includeMoney: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  openedCount: z.number(),
  lastOpenedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export type LinkOut = z.infer<typeof linkOut>;

/** A new link: the one answer that carries its token (only its digest is stored). */
export const linkCreated = linkOut.extend({ token: z.string() });
export const linkList = z.object({ items: z.array(linkOut) });
export const linkIdParams = z.strictObject({ id: idParam });
export const linkTokenParams = z.strictObject({ token: z.string().min(10).max(200) });

/** What the link shows to whoever holds it: its name, range, groupings and the summary as the creator may see it now. */
export const sharedReportOut = z.object({
  name: z.string(),
  sharedBy: z.string(),
  expiresAt: z.string(),
  report: reportShape,
  summary: summaryOut,
});
export type SharedReportOut = z.infer<typeof sharedReportOut>;
