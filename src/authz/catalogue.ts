import type { AppRole, ProjectPermission } from '../db/types.js';

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
  /** Global actions: who may perform them. `user` = any active user. */
  global?: 'user' | 'administration';
  /** The actor must be the work log's author / the user the work is logged for. */
  selfOnly?: boolean;
  /** System administrators may perform it without the project permissions (audited). */
  adminOverride?: boolean;
}

export const ACTIONS = {
  'self.read': { scope: 'global', global: 'user' },
  'self.tokens': { scope: 'global', global: 'user' },
  'admin.users': { scope: 'global', global: 'administration' },
  'admin.audit': { scope: 'global', global: 'administration' },
  'project.create': { scope: 'global', global: 'administration' },
  'project.list': { scope: 'global', global: 'user' },
  'project.view': { scope: 'project', permissions: ['BROWSE_PROJECT'] },
  'project.edit': { scope: 'project', permissions: ['ADMINISTER_PROJECT'] },
  'project.permissions': { scope: 'project', permissions: ['ADMINISTER_PROJECT'], adminOverride: true },
  'item.view': { scope: 'item', permissions: ['BROWSE_PROJECT'] },
  'item.create': { scope: 'project', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'] },
  'item.edit': { scope: 'item', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES'] },
  'item.comment': { scope: 'item', permissions: ['BROWSE_PROJECT'] },
  'worklog.list': { scope: 'global', global: 'user' },
  'worklog.view': { scope: 'item', permissions: ['BROWSE_PROJECT'] },
  'worklog.create': { scope: 'item', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], selfOnly: true },
  'worklog.edit': { scope: 'worklog', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], selfOnly: true },
  'worklog.delete': { scope: 'worklog', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], selfOnly: true },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

export function actionSpec(action: Action): ActionSpec {
  return ACTIONS[action];
}

/** App roles that open the Administration area (APP-2); system administrators open it too. */
export const ADMINISTRATION_ROLES: readonly AppRole[] = ['app_admin'];

/** ADMINISTER_PROJECT implies the other project permissions (PRJ-3). */
export function impliedBy(permission: ProjectPermission): ProjectPermission[] {
  return permission === 'ADMINISTER_PROJECT' ? [] : ['ADMINISTER_PROJECT'];
}
