import { z } from 'zod';
import { PLAN_KINDS } from '../../db/types.js';
import { calendarDate, id, idParam, userRef, version } from '../../lib/schemas.js';

/** Planning (FLOW-5): the Schedule timeline, planned tasks and personal events; the web's contract. */

/** At most this many days on one timeline (a quarter and a bit: 8 weeks is the usual view). */
export const MAX_TIMELINE_DAYS = 120;
/** A planned task or event spans at most a year. */
export const MAX_PLAN_DAYS = 366;

const hours = z.number().min(0).max(24).multipleOf(0.25);
const title = z.string().trim().max(200);

export const scheduleQuery = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  /** Only the people (and placeholders) of one team. */
  teamId: idParam.optional(),
});

const planFields = {
  kind: z.enum(PLAN_KINDS).default('task'),
  /** Free text, or a label beside the work item. */
  title: title.default(''),
  /** A work item the caller may view (a task only). */
  itemId: id.nullable().optional(),
  startDate: calendarDate,
  endDate: calendarDate,
  /** Hours on each working day of the range; or give totalHours, spread over the owner's working days. */
  hoursPerDay: hours.optional(),
  totalHours: z.number().min(0).max(9000).multipleOf(0.25).optional(),
  tentative: z.boolean().default(false),
  /** Only billing_admin (and app_admin) marks a task billable (FLOW-5, APP-5). */
  billable: z.boolean().default(false),
  /** Only client_admin (and app_admin) picks the client (FLOW-5, APP-4). */
  clientId: id.nullable().optional(),
};

/** For a user (userId), or a team's placeholder "to be staffed" (teamId and no user). */
export const planCreate = z.strictObject({
  ...planFields,
  userId: id.nullable().optional(),
  teamId: id.nullable().optional(),
});
export type PlanCreate = z.infer<typeof planCreate>;

/** Moving, resizing or editing: the version seen, and the fields that change. */
export const planUpdate = z.strictObject({
  version,
  userId: id.nullable().optional(),
  title: title.optional(),
  itemId: id.nullable().optional(),
  startDate: calendarDate.optional(),
  endDate: calendarDate.optional(),
  hoursPerDay: hours.optional(),
  totalHours: planFields.totalHours,
  tentative: z.boolean().optional(),
  billable: z.boolean().optional(),
  clientId: id.nullable().optional(),
});
export type PlanUpdate = z.infer<typeof planUpdate>;

export const planParams = z.strictObject({ id: idParam });
export const planDelete = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * A planned task or event. On a work item the reader may not view it is "busy": dates, hours and owner only — no title,
 * item, project, client or billable flag (ITEM-9). `client` is present only for client readers (APP-4).
 */
export const planOut = z.object({
  id: z.number(),
  kind: z.enum(PLAN_KINDS),
  user: userRef.nullable(),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  busy: z.boolean(),
  title: z.string().optional(),
  item: z.object({ id: z.number(), key: z.string(), title: z.string() }).nullable().optional(),
  project: z.object({ id: z.number(), key: z.string() }).nullable().optional(),
  startDate: z.string(),
  endDate: z.string(),
  hoursPerDay: z.number(),
  tentative: z.boolean(),
  billable: z.boolean().optional(),
  client: z.object({ id: z.number(), name: z.string() }).nullable().optional(),
  version: z.number(),
  canEdit: z.boolean(),
});
export type PlanOut = z.infer<typeof planOut>;

/** A person's day on the timeline: capacity on their calendar, what is planned, and leave (masked per FLOW-4). */
export const scheduleDay = z.object({
  date: z.string(),
  /** Working seconds before leave: the schedule's, none on a holiday or company day off. */
  capacitySeconds: z.number(),
  plannedSeconds: z.number(),
  leaveSeconds: z.number(),
  /** The leave type for who may know it, else "absent". */
  leave: z.string().nullable(),
  /** A holiday's or company day off's name. */
  off: z.string().nullable(),
  overbooked: z.boolean(),
});

export const scheduleRow = z.object({
  user: userRef,
  /** The teams the person is in that the reader sees (TEAM-8), by name. */
  teamIds: z.array(z.number()),
  days: z.array(scheduleDay),
  tasks: z.array(planOut),
  /** Planned + leave against capacity over the range, in percent (0 when there is no capacity). */
  utilisation: z.number(),
  canPlan: z.boolean(),
});

export const scheduleOut = z.object({
  from: z.string(),
  to: z.string(),
  teams: z.array(z.object({ id: z.number(), name: z.string(), placeholders: z.array(planOut), canStaff: z.boolean() })),
  rows: z.array(scheduleRow),
  abilities: z.object({ billable: z.boolean(), client: z.boolean(), seesClients: z.boolean() }),
});
export type ScheduleOut = z.infer<typeof scheduleOut>;
export type ScheduleRow = z.infer<typeof scheduleRow>;
