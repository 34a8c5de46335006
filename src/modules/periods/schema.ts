import { z } from 'zod';
import { calendarDate, idParam, text, userRef, version } from '../../lib/schemas.js';

/** A team's periods (`/api/teams/:id/periods`). */
export const teamParams = z.strictObject({ id: idParam });
/** One period of a team, named by its first day (FLOW-3: team periods are calendar months). */
export const periodParams = z.strictObject({
  id: idParam,
  start: calendarDate.refine((day) => day.endsWith('-01'), 'Start must be the first day of a month, like 2026-03-01'),
});
/** The year whose twelve months are listed; this year in the installation's time zone when absent. */
export const periodsQuery = z.strictObject({ year: z.coerce.number().int().min(1).max(9999).optional() });
/** Closing or reopening: an optional comment kept in the period's history (FLOW-7), and the version read (API-4). */
export const periodChange = z.strictObject({ comment: text(2_000).optional(), version: version.optional() });

export const periodOut = z.object({
  start: calendarDate,
  end: calendarDate,
  state: z.enum(['open', 'closed']),
  /** 1 for a month never closed (no stored row yet); each close and reopen adds one. */
  version: z.number(),
  updatedAt: z.date().nullable(),
  updatedBy: userRef.nullable(),
});
export const periodsOut = z.object({
  year: z.number(),
  items: z.array(periodOut),
  /** `period.manage` on this team (FLOW-3): MANAGE_TEAM in it, team_admin, app_admin or a system administrator. */
  abilities: z.object({ manage: z.boolean() }),
});
export const transitionOut = z.object({
  from: z.string().nullable(),
  to: z.string(),
  at: z.date(),
  actor: userRef.nullable(),
  comment: z.string(),
});
/** A period's state changes, oldest first (FLOW-7). */
export const periodHistoryOut = z.object({ items: z.array(transitionOut) });

export type PeriodChange = z.infer<typeof periodChange>;
export type PeriodOut = z.infer<typeof periodOut>;
export type PeriodsOut = z.infer<typeof periodsOut>;
export type PeriodHistoryOut = z.infer<typeof periodHistoryOut>;
