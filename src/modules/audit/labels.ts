import { AUDIT_ACTIONS, type AuditAction } from './repo.js';

/**
 * The audit log's words (EXPL-4): each audited action and entity type as a reader would say it. The web may import
 * only types from the server, so it shows these through `GET /api/audit/facets`. An action added to AUDIT_ACTIONS
 * without a label here reads as its name until it gets one (test/audit/facets.test.ts asks for one).
 */
export const ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  'user.create': 'Created a user',
  'user.update': 'Changed a user',
  'user.password.change': 'Changed their password',
  'user.sessions.end': 'Signed out their other sessions',
  'user.passwordLink.create': 'Issued a set-password link',
  'user.passwordLink.use': 'Set a password through a link',
  'group.create': 'Created a group',
  'group.rename': 'Renamed a group',
  'group.delete': 'Deleted a group',
  'group.member.add': 'Added a member to a group',
  'group.member.remove': 'Removed a member from a group',
  'token.create': 'Created an API token',
  'token.revoke': 'Revoked an API token',
  'deny.add': 'Added a deny permission',
  'deny.remove': 'Removed a deny permission',
  'app_role.grant': 'Granted an app role',
  'app_role.revoke': 'Revoked an app role',
  'settings.update': 'Changed the settings',
  'project.create': 'Created a project',
  'project.update': 'Changed a project',
  'project.teamChecks': "Changed a project's team check",
  'project.archive': 'Archived a project',
  'project.unarchive': 'Unarchived a project',
  'client.create': 'Created a client',
  'client.update': 'Changed a client',
  'schedule.set': "Set a person's working time",
  'schedule.delete': "Removed a version of a person's working time",
  'dayOff.create': 'Added a company day off',
  'dayOff.delete': 'Removed a company day off',
  'leave.request': 'Requested leave',
  'leave.cancel': 'Cancelled a leave request',
  'leave.approve': 'Approved leave',
  'leave.reject': 'Rejected a leave request',
  'leave.revoke': 'Revoked approved leave',
  'leaveType.create': 'Added a leave type',
  'leaveType.update': 'Changed a leave type',
  'feed.create': 'Made a calendar feed',
  'feed.revoke': 'Revoked a calendar feed',
  'plan.create': 'Planned a task or event',
  'costRate.create': "Set a person's cost rate",
  'costRate.delete': "Removed a person's cost rate",
  'plan.update': 'Changed a planned task or event',
  'plan.delete': 'Removed a planned task or event',
  'project.grant': 'Granted a project permission',
  'project.revoke': 'Revoked a project permission',
  'project.role.add': 'Added a project role member',
  'project.role.remove': 'Removed a project role member',
  'item.create': 'Created a work item',
  'item.update': 'Changed a work item',
  'item.move': 'Moved a work item',
  'item.copy': 'Copied a work item',
  'item.trash': 'Moved a work item to the trash',
  'item.restore': 'Restored a work item from the trash',
  'item.purge': 'Purged work items from the trash',
  'item.security.set': "Set a work item's security",
  'item.security.clear': "Cleared a work item's security",
  'item.watch': 'Watched a work item',
  'item.unwatch': 'Stopped watching a work item',
  'comment.create': 'Commented on a work item',
  'worklog.create': 'Logged work',
  'worklog.update': 'Changed a work log',
  'worklog.delete': 'Deleted a work log',
  'team.create': 'Created a team',
  'team.update': 'Changed a team',
  'team.delete': 'Deleted a team',
  'team.assign': 'Assigned a team to a project',
  'team.unassign': 'Unassigned a team from a project',
  'team.members.add': 'Added team members',
  'team.member.roles': "Changed a team member's roles",
  'team.member.remove': 'Removed a team member',
  'team.role.create': 'Created a team role',
  'team.role.update': 'Changed a team role',
  'team.role.delete': 'Deleted a team role',
  'pricelist.create': 'Created a price list',
  'pricelist.update': 'Changed a price list',
  'pricelist.delete': 'Deleted a price list',
  'timesheet.submit': 'Submitted a timesheet',
  'timesheet.approve': 'Approved a timesheet',
  'timesheet.reject': 'Rejected a timesheet',
  'timesheet.recall': "Asked for a timesheet's recall",
  'timesheet.grantRecall': "Granted a timesheet's recall",
  'timesheet.refuseRecall': "Refused a timesheet's recall",
  'timesheet.reopen': 'Reopened a timesheet',
  'period.close': "Closed a team's period",
  'period.reopen': "Reopened a team's period",
  'charge.create': 'Charged work logs under an invoice',
  'charge.revoke': 'Revoked a charge',
  'timer.start': 'Started a timer',
  'timer.stop': 'Stopped a timer',
  'timer.discard': 'Discarded a timer',
  'reportLink.create': 'Shared a report as a link',
  'reportLink.revoke': 'Revoked a shared report link',
  'reportLink.open': 'A shared report link was opened',
  'seed.demo': 'Loaded the demo data',
};

const ENTITY_LABELS: Record<string, string> = {
  user: 'User',
  group: 'Group',
  api_token: 'API token',
  deny_grant: 'Deny permission',
  app_role_grant: 'App role grant',
  app_settings: 'Settings',
  project: 'Project',
  client: 'Client',
  project_permission: 'Project permission',
  project_role_member: 'Project role member',
  work_item: 'Work item',
  item_comment: 'Comment',
  worklog: 'Work log',
  report_link: 'Shared report link',
  team: 'Team',
  team_membership: 'Team membership',
  team_role: 'Team role',
  price_list: 'Price list',
  timesheet_slice: 'Timesheet',
  team_period: 'Team period',
  charge: 'Invoice',
  timer: 'Timer',
  system: 'Installation',
};

/** `team.member.roles` → "Team member roles": what a label-less name reads as. */
const spelledOut = (name: string) => {
  const words = name
    .replace(/[._]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const actionLabel = (action: AuditAction) => ACTION_LABELS[action] ?? spelledOut(action);
export const entityLabel = (entityType: string) => ENTITY_LABELS[entityType] ?? spelledOut(entityType);

/** Every audited action with its entity type and label, in AUDIT_ACTIONS' order. */
export function auditActions() {
  return (Object.entries(AUDIT_ACTIONS) as [AuditAction, string][]).map(([action, entityType]) => ({
    action,
    entityType,
    label: actionLabel(action),
  }));
}

/** Every entity type an audit row may be about, with its label, in order of first mention. */
export function auditEntityTypes() {
  return [...new Set(Object.values(AUDIT_ACTIONS))].map((entityType) => ({
    entityType,
    label: entityLabel(entityType),
  }));
}
