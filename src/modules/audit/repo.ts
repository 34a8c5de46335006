import { sql } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleAuditRows } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { AuditQuery } from './schema.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  /**
   * The project and work item the row is about (EXPL-4: who may read it). When left out, the database works them out
   * from the entity type and id (migration 0010), so call sites give them only where they know better.
   */
  projectId?: number | null;
  itemId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Every audited change and the type of entity its row is about (the audit search filters on both; migration 0010 works
 * a row's project and item out from the entity): one list, so an action is named once and always about one entity type.
 */
export const AUDIT_ACTIONS = {
  'user.create': 'user',
  'user.update': 'user',
  'user.password.change': 'user',
  'user.sessions.end': 'user',
  'user.passwordLink.create': 'user',
  'user.passwordLink.use': 'user',
  'group.create': 'group',
  'group.rename': 'group',
  'group.delete': 'group',
  'group.member.add': 'group',
  'group.member.remove': 'group',
  'token.create': 'api_token',
  'token.revoke': 'api_token',
  'deny.add': 'deny_grant',
  'deny.remove': 'deny_grant',
  'app_role.grant': 'app_role_grant',
  'app_role.revoke': 'app_role_grant',
  'settings.update': 'app_settings',
  'project.create': 'project',
  'project.update': 'project',
  'project.teamChecks': 'project',
  'project.archive': 'project',
  'project.unarchive': 'project',
  'client.create': 'client',
  'client.update': 'client',
  // Working calendars (issue 16): a person's working time from a day on; the company's days off.
  'schedule.set': 'user',
  'schedule.delete': 'user',
  'dayOff.create': 'day_off',
  'dayOff.delete': 'day_off',
  // Leave (FLOW-4): requests and their decisions (no type in the row: leave.ts's leaveAudit), and the types.
  'leave.request': 'leave_request',
  'leave.cancel': 'leave_request',
  'leave.approve': 'leave_request',
  'leave.reject': 'leave_request',
  'leave.revoke': 'leave_request',
  'leaveType.create': 'leave_type',
  'leaveType.update': 'leave_type',
  // Calendar feeds (issue 16): made and revoked by their owner; opens are not audited (applications poll them).
  'feed.create': 'calendar_feed',
  'feed.revoke': 'calendar_feed',
  'project.grant': 'project_permission',
  'project.revoke': 'project_permission',
  'project.role.add': 'project_role_member',
  'project.role.remove': 'project_role_member',
  'item.create': 'work_item',
  'item.update': 'work_item',
  'item.move': 'work_item',
  'item.copy': 'work_item',
  'item.trash': 'work_item',
  'item.restore': 'work_item',
  'item.purge': 'project',
  'item.security.set': 'work_item',
  'item.security.clear': 'work_item',
  // Quick watch (ITEM-9): the user's own watch list on the Dashboard.
  'item.watch': 'work_item',
  'item.unwatch': 'work_item',
  'comment.create': 'item_comment',
  // Written by the work-log insert's own statement (worklogs/repo.ts), not through audit().
  'worklog.create': 'worklog',
  'worklog.update': 'worklog',
  'worklog.delete': 'worklog',
  'team.create': 'team',
  'team.update': 'team',
  'team.delete': 'team',
  'team.assign': 'team',
  'team.unassign': 'team',
  'team.members.add': 'team',
  'team.member.roles': 'team_membership',
  'team.member.remove': 'team_membership',
  'team.role.create': 'team_role',
  'team.role.update': 'team_role',
  'team.role.delete': 'team_role',
  'pricelist.create': 'price_list',
  'pricelist.update': 'price_list',
  'pricelist.delete': 'price_list',
  // Timesheet slices (FLOW-1, 2, 7, 8, 10): every transition, beside its row in flow_history.
  'timesheet.submit': 'timesheet_slice',
  'timesheet.approve': 'timesheet_slice',
  'timesheet.reject': 'timesheet_slice',
  'timesheet.recall': 'timesheet_slice',
  'timesheet.grantRecall': 'timesheet_slice',
  'timesheet.refuseRecall': 'timesheet_slice',
  'timesheet.reopen': 'timesheet_slice',
  // Team periods (FLOW-3) and charges (FLOW-9).
  'period.close': 'team_period',
  'period.reopen': 'team_period',
  'charge.create': 'charge',
  'charge.revoke': 'charge',
  // The running timer (one per user); stopping it writes a work log, audited as worklog.create.
  'timer.start': 'timer',
  'timer.stop': 'timer',
  'timer.discard': 'timer',
  // Planned tasks and events on the Schedule (FLOW-5).
  'plan.create': 'planned_task',
  'plan.update': 'planned_task',
  'plan.delete': 'planned_task',
  // Cost rates (APP-5).
  'costRate.create': 'cost_rate',
  'costRate.delete': 'cost_rate',
  // Shared report links (REP-6): created, revoked, and every open (by whoever holds the link: no actor).
  'reportLink.create': 'report_link',
  'reportLink.revoke': 'report_link',
  'reportLink.open': 'report_link',
  // The demo organisation loaded (src/seed/demo.ts).
  'seed.demo': 'system',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What an audit row records of a change: where it happened (when the caller knows better) and the state around it. */
export type AuditChange = Pick<AuditEntry, 'projectId' | 'itemId' | 'before' | 'after'>;

/** Records that the actor changed the entity (of the action's type), in the caller's transaction (EXPL-4). */
export function audit(
  trx: Database,
  actor: Pick<Actor, 'userId'>,
  action: AuditAction,
  entityId: string | number,
  change: AuditChange = {},
): Promise<void> {
  return recordAudit(trx, { actorId: actor.userId, action, entityType: AUDIT_ACTIONS[action], entityId, ...change });
}

/** Records a change in the caller's transaction, so the change and its audit row commit together (EXPL-4). */
export function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  return recordAudits(db, [entry]);
}

/** Records many changes in one statement, in the caller's transaction (a batch's decisions, EXPL-4). */
export async function recordAudits(db: Database, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        actor_id: entry.actorId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: String(entry.entityId),
        project_id: entry.projectId ?? null,
        item_id: entry.itemId ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      })),
    )
    .execute();
}

/** The entity types whose rows name teams or price lists (TEAM-8). */
const TEAM_ENTITY_TYPES = ['team', 'team_role', 'team_membership', 'price_list'];

/** The first moment of a calendar day (and the days after it) in the installation's time zone. */
const startOfDay = (day: string, plusDays = 0) =>
  sql`(select (${day}::date + ${plusDays}::int)::timestamp at time zone s.time_zone from app_settings s)`;

/**
 * One page of the rows the reader may see (one more than the limit, to tell whether another page follows), newest
 * first, after the cursor's id: filtered and cut in SQL (API-3). Hidden rows are filtered before the page is cut, so
 * neither the page nor its cursor tells them apart from rows that do not exist (EXPL-4). The project and item joined
 * for links are the row's own, which the visibility filter has already let the reader see. `withTeams: false` leaves
 * out the rows about teams and price lists (a reader who sees no team names, TEAM-8).
 */
export function findAuditRows(
  db: Database,
  actor: Actor,
  query: AuditQuery,
  { afterId, withTeams }: { afterId: number | undefined; withTeams: boolean },
) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .leftJoin('projects as p', 'p.id', 'a.project_id')
    .leftJoin('work_items as i', 'i.id', 'a.item_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'u.display_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.project_id',
      'a.item_id',
      'a.before',
      'a.after',
      'p.key as project_key',
      'p.name as project_name',
      'i.key as item_key',
      'i.title as item_title',
      'i.deleted_at as item_deleted_at',
    ])
    .where(visibleAuditRows(actor, 'a'))
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (afterId !== undefined) q = q.where('a.id', '<', afterId);
  if (!withTeams) q = q.where('a.entity_type', 'not in', TEAM_ENTITY_TYPES);
  if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.projectId) q = q.where('a.project_id', '=', query.projectId);
  if (query.projectKey) q = q.where('p.key', '=', query.projectKey);
  // Days of the installation's calendar (its time zone), as every dated rule reads them.
  if (query.from) q = q.where(sql<boolean>`a.at >= ${startOfDay(query.from)}`);
  if (query.to) q = q.where(sql<boolean>`a.at < ${startOfDay(query.to, 1)}`);
  return q.execute();
}
export type AuditRow = Awaited<ReturnType<typeof findAuditRows>>[number];
