import type { DenyPermission, ProjectPermission } from '../db/types.js';
import type { Area } from './areas.js';

/**
 * Every action the server knows, as plain data. A route names one of these; the decision core reads
 * the spec to know which layers apply. A test walks this catalogue and the route table, so a new
 * action or route cannot ship without a decision.
 */
export type Scope = 'global' | 'project' | 'item' | 'worklog';

export interface ActionSpec {
  scope: Scope;
  /** Project permissions that must all be held on the resource's project (layer 2). */
  permissions?: readonly ProjectPermission[];
  /** Item security needed on the item (layer 3): `edit` also needs `view` (ITEM-3). */
  itemAccess?: 'view' | 'edit';
  /** The item-screen surface this action shows; a deny permission on it refuses (layer 4). */
  denySurface?: DenyPermission;
  /** The app area that must be open to the user (layer 5, APP-2). */
  area?: Area;
  /** The actor must be the work log's author / the user the work is logged for. */
  selfOnly?: boolean;
  /** System administrators may perform it without the project permissions (audited). */
  adminOverride?: boolean;
  /** Only system administrators: nobody grants what they do not hold (the system administrator flag). */
  systemAdminOnly?: boolean;
}

export const ACTIONS = {
  'self.read': { scope: 'global' },
  'self.tokens': { scope: 'global' },
  'self.explain': { scope: 'global' },
  'admin.users': { scope: 'global', area: 'Administration' },
  'admin.audit': { scope: 'global', area: 'Administration' },
  'admin.roles': { scope: 'global', area: 'Administration' },
  'admin.denies': { scope: 'global', area: 'Administration' },
  'admin.explain': { scope: 'global', area: 'Administration' },
  /** Part of user administration decided by the service: changing system administrators or their flag. */
  'admin.systemAdmins': { scope: 'global', area: 'Administration', systemAdminOnly: true },
  'project.create': { scope: 'global', area: 'Administration' },
  'project.list': { scope: 'global' },
  'project.view': { scope: 'project', permissions: ['BROWSE_PROJECT'] },
  'project.edit': { scope: 'project', permissions: ['ADMINISTER_PROJECT'] },
  'project.permissions': { scope: 'project', permissions: ['ADMINISTER_PROJECT'], adminOverride: true },
  'item.view': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view' },
  'item.create': { scope: 'project', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'], itemAccess: 'edit' },
  'item.edit': { scope: 'item', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'], itemAccess: 'edit' },
  'item.delete': { scope: 'item', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'], itemAccess: 'edit' },
  'item.comment': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view' },
  'item.security': { scope: 'item', permissions: ['ADMINISTER_PROJECT'], itemAccess: 'view', adminOverride: true },
  'item.timePanels': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view', denySurface: 'ISSUE_TIME_PANELS' },
  'worklog.list': { scope: 'global', area: 'Timesheet' },
  'worklog.view': { scope: 'item', permissions: ['BROWSE_PROJECT'], itemAccess: 'view', denySurface: 'ISSUE_TIME_TABS' },
  'worklog.create': { scope: 'item', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], itemAccess: 'edit', selfOnly: true },
  'worklog.edit': { scope: 'worklog', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], itemAccess: 'edit', selfOnly: true },
  'worklog.delete': { scope: 'worklog', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], itemAccess: 'edit', selfOnly: true },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

export function actionSpec(action: Action): ActionSpec {
  return ACTIONS[action];
}
