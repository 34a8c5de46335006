import type { AppRole } from '../db/types.js';
import type { SubjectFacts } from './facts.js';

/** App areas (tabs) and the areas each app role hides (APP-2), as plain data. */
export const AREAS = [
  'Dashboard',
  'Timesheet',
  'Schedule',
  'Reports',
  'Teams',
  'Timesheet Approval',
  'Leave Approval',
  'Clients',
  'Cost',
  'Administration',
] as const;
export type Area = (typeof AREAS)[number];

const HIDDEN_AREAS = {
  app_admin: [],
  team_admin: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_admin: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_admin: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  timesheet_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  scheduler_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  vacation_approver: ['Timesheet Approval', 'Clients', 'Cost'],
  timesheet_approver: ['Leave Approval', 'Clients', 'Cost'],
} as const satisfies Record<AppRole, readonly Area[]>;

/** The areas one app role opens: all but its hidden ones; Administration only for app_admin (APP-2). */
export function areasOf(role: AppRole): Area[] {
  const hidden: readonly Area[] = HIDDEN_AREAS[role] ?? AREAS;
  return AREAS.filter((area) => !hidden.includes(area) && (area !== 'Administration' || role === 'app_admin'));
}

/** The union of the areas the user's roles open; Administration only for app_admin and system administrators. */
export function openAreas(subject: SubjectFacts): Area[] {
  const open = new Set<Area>();
  for (const { role } of subject.appRoles) for (const area of areasOf(role)) open.add(area);
  if (subject.systemAdmin) open.add('Administration');
  return AREAS.filter((a) => open.has(a));
}

/** APP-6: roles that should also hold timesheet_viewer and scheduler_viewer (checked as warnings). */
export const ROLE_PREREQUISITES: Partial<Record<AppRole, AppRole[]>> = Object.fromEntries(
  (
    ['team_admin', 'client_admin', 'billing_admin', 'client_viewer', 'billing_viewer', 'timesheet_approver'] as const
  ).map((role) => [role, ['timesheet_viewer', 'scheduler_viewer']]),
);
