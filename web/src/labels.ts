import type { ExplainAction, TeamPermission } from '../../src/contracts.js';

/**
 * Human words for the server's codes. Presentation only: which layer decided, and whether, is always the
 * server's answer; these tables just name things.
 */

export const LAYER_LABELS: Record<string, string> = {
  identity: 'Identity',
  project: 'Project permissions',
  item: 'Item security',
  deny: 'Deny permissions',
  app: 'App roles',
  team: 'Team roles',
  business: 'Business gates',
};

export const layerLabel = (layer: string) => LAYER_LABELS[layer] ?? layer;

export type ResourceKind = 'item' | 'project' | 'global';

export interface ActionOption {
  action: ExplainAction;
  label: string;
  /** What the action is usually asked about; the form preselects it, the server still validates. */
  resource: ResourceKind;
}

/** What "Why can't I…?" offers on the item screen (EXPL-1). */
export const ITEM_SCREEN_ACTIONS: ActionOption[] = [
  { action: 'worklog.create', label: 'Log work', resource: 'item' },
  { action: 'item.edit', label: 'Edit this item', resource: 'item' },
  { action: 'worklog.view', label: 'See the work logs', resource: 'item' },
  { action: 'item.timePanels', label: 'See the time panels', resource: 'item' },
];

/** The actions an administrator can check for any user ("Check access"). */
export const CHECKABLE_ACTIONS: ActionOption[] = [
  { action: 'item.view', label: 'View a work item', resource: 'item' },
  ...ITEM_SCREEN_ACTIONS,
  { action: 'item.comment', label: 'Comment on a work item', resource: 'item' },
  { action: 'item.delete', label: 'Delete a work item', resource: 'item' },
  { action: 'item.create', label: 'Create work items', resource: 'project' },
  { action: 'item.security', label: 'Change item security', resource: 'item' },
  { action: 'project.view', label: 'Browse a project', resource: 'project' },
  { action: 'project.edit', label: 'Edit a project', resource: 'project' },
  { action: 'project.permissions', label: 'Manage project permissions', resource: 'project' },
  { action: 'worklog.list', label: 'Timesheet: own work logs', resource: 'global' },
  { action: 'project.create', label: 'Create projects', resource: 'global' },
  { action: 'admin.users', label: 'Administration: users and groups', resource: 'global' },
  { action: 'admin.roles', label: 'Administration: app roles', resource: 'global' },
  { action: 'admin.denies', label: 'Administration: deny permissions', resource: 'global' },
  { action: 'admin.audit', label: 'Administration: audit log', resource: 'global' },
  { action: 'admin.explain', label: 'Administration: check access', resource: 'global' },
];

export function actionLabel(action: string): string {
  return CHECKABLE_ACTIONS.find((option) => option.action === action)?.label ?? action;
}

/** Abilities named in item-security previews. */
const ABILITY_LABELS: Record<string, string> = { view: 'view', edit: 'edit', logWork: 'log work' };
export const abilityLabel = (ability: string) => ABILITY_LABELS[ability] ?? ability;

/** Targets of access previews: an item key, or the app-wide sets of areas and denied surfaces. */
export function targetLabel(target: string): string {
  if (target === 'area') return 'App areas';
  if (target === 'denied') return 'Item-screen surfaces';
  return target;
}

/** The team permission levels (TEAM-2), in the server's order, with what each lets a role's holders do. */
export const TEAM_PERMISSIONS: { permission: TeamPermission; label: string }[] = [
  { permission: 'WORK_ON_ISSUES', label: 'Log time to the team' },
  { permission: 'VIEW_MEMBER_WORKLOGS', label: "View members' work logs" },
  { permission: 'MANAGE_MEMBER_WORKLOGS', label: "Manage members' work logs" },
  { permission: 'MANAGE_SCHEDULE', label: 'Plan the team' },
  { permission: 'MANAGE_TEAM', label: 'Manage the team, its roles and members' },
  { permission: 'APPROVE_TIMESHEETS', label: 'Approve timesheets' },
];

export const teamPermissionLabel = (permission: string) =>
  TEAM_PERMISSIONS.find((p) => p.permission === permission)?.label ?? permission;
