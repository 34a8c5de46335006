import { z } from 'zod';
import { ACTION_NAMES, type Action } from '../../authz/catalogue.js';
import { LAYERS } from '../../authz/decide.js';
import { calendarDate, idParam as id, itemKey, page, projectKey } from '../../lib/schemas.js';

export const reason = z.object({
  layer: z.enum(LAYERS),
  outcome: z.enum(['allow', 'deny']),
  code: z.string(),
  message: z.string(),
  inheritedFrom: z.string().optional(),
});
/** An explained decision (EXPL-1): the layers consulted in order and the one that decided. */
export const explanation = z.object({
  user: z.object({ id: z.number(), login: z.string(), displayName: z.string() }),
  action: z.string(),
  resource: z.object({
    kind: z.enum(['item', 'project', 'team', 'worklog', 'slice', 'global']),
    key: z.string().nullable(),
  }),
  /**
   * The work date a dated action (the team and price-list check, PRICE-3) was explained for — for a change of a stored
   * work log, its new date (the work log's own when none is given); null for undated actions.
   */
  date: calendarDate.nullable(),
  allowed: z.boolean(),
  hidden: z.boolean(),
  deciding: reason,
  layers: z.array(reason),
});
export const accessAnswer = z.object({ allowed: z.boolean(), why: z.string(), layer: z.string() });
const person = z.object({ id: z.number(), login: z.string(), displayName: z.string() });
/** EXPL-2: one user who can view a work item; log-work is decided for today in the installation's time zone. */
export const itemAccessRow = z.object({
  user: person,
  view: accessAnswer,
  edit: accessAnswer,
  logWork: accessAnswer.extend({ date: calendarDate }),
});
/** EXPL-2: one user who can browse a project, each project permission and how it reaches them. */
export const projectAccessRow = z.object({
  user: person,
  permissions: z.array(z.object({ permission: z.string(), allowed: z.boolean(), why: z.array(z.string()) })),
});
export const itemAccessPage = page(itemAccessRow);
export const projectAccessPage = page(projectAccessRow);

const explainFields = {
  action: z.enum(ACTION_NAMES as [Action, ...Action[]]),
  item: itemKey.optional(),
  project: projectKey.optional(),
  /**
   * The work date, for the team and price-list check and the locks of logging work (PRICE-3, FLOW-1, FLOW-3); today in
   * the installation's time zone when absent — for a change of a stored work log, the work log's own date.
   */
  date: calendarDate.optional(),
  team: id.optional(),
  /** The stored work log a change (worklog.edit, worklog.delete) is explained on (FLOW-9, FLOW-11). */
  worklogId: id.optional(),
  /** The timesheet slice a slice action (submit, approve, reject, recall, …) is explained on (FLOW-2, FLOW-8, FLOW-11). */
  sliceId: id.optional(),
};
/** What to explain for the caller: an action and the resource it is decided on. */
export const explainQuery = z.strictObject(explainFields);
/** "Check access": the same, for any user. */
export const checkAccessQuery = z.strictObject({ ...explainFields, userId: id });

export type Reason = z.infer<typeof reason>;
export type Explanation = z.infer<typeof explanation>;
export type AccessAnswer = z.infer<typeof accessAnswer>;
export type ItemAccessRow = z.infer<typeof itemAccessRow>;
export type ProjectAccessRow = z.infer<typeof projectAccessRow>;
export type ItemAccessPage = z.infer<typeof itemAccessPage>;
export type ProjectAccessPage = z.infer<typeof projectAccessPage>;
export type CheckAccessQuery = z.infer<typeof checkAccessQuery>;
/** The service explains for the caller unless a user is named (the route decides who may name one). */
export type ExplainQuery = z.infer<typeof explainQuery> & { userId?: number };
