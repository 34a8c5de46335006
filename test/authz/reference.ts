// The oracle the authz property tests compare the engine against: layers 1–5 of SPEC §0, written from the
// SPEC text for clarity, not speed, on a plain in-memory world. It imports only types from src/.
import type { Action } from '../../src/authz/catalogue.js';
import type { AccessValue, AppRole, DenyPermission, ProjectPermission } from '../../src/db/types.js';

/** Every index below is a position in the world's arrays: user 0, group 2, project 1, item 7. */
export type EntryKind = 'user' | 'group' | 'role';
export interface Entry { kind: EntryKind; subject: number; view: AccessValue; edit: AccessValue }
export type Holder = { kind: 'user'; id: number } | { kind: 'group'; id: number };
export type Grantee = Holder | { kind: 'role'; id: number };

export interface WorldItem {
  project: number;
  /** An earlier item of the same project, or null for a top-level item. */
  parent: number | null;
  /** In the trash (with its whole subtree, ITEM-8): it no longer exists for anyone. */
  trashed: boolean;
  /** The item's own security setting (ITEM-1), or null when it has none. */
  setting: Entry[] | null;
}

export interface World {
  users: Array<{ active: boolean; systemAdmin: boolean; groups: number[] }>;
  groups: number;
  projects: number;
  /** Project roles are installation-wide (Administrators, Developers, Viewers); holders are per project. */
  roles: number;
  roleMembers: Array<{ project: number; role: number; holder: Holder }>;
  grants: Array<{ project: number; permission: ProjectPermission; to: Grantee }>;
  items: WorldItem[];
  denyGrants: Array<{ permission: DenyPermission; group: number }>;
  appRoles: Array<{ role: AppRole; to: Holder }>;
}

export type Target = { kind: 'global' } | { kind: 'project'; project: number } | { kind: 'item'; item: number };

// ---------------------------------------------------------------------------------------------------
// What each action asks of each layer, read from SPEC §0's table (the engine reads its own catalogue).

export interface Requirement {
  /** Layer 2: project permissions that must all be held (BROWSE_PROJECT is always among them, PRJ-4). */
  permissions: ProjectPermission[];
  /** System administrators pass layer 2: they can manage grants and security without project access (§0, ITEM-5). */
  systemAdminOverride?: boolean;
  /** Layer 3 on the target item (on the parent for item.create). */
  item?: 'view' | 'edit';
  /** Layer 4: the item-screen surface shown. */
  surface?: DenyPermission;
  /** Layer 5: the app area that must be open. */
  area?: Area;
  /** Layer 5, grant boundary: only system administrators change system administrators. */
  systemAdminOnly?: boolean;
}

const BROWSE: ProjectPermission = 'BROWSE_PROJECT';

export const REQUIREMENTS: Record<Action, Requirement> = {
  // Global actions: only identity and the app areas apply.
  'self.read': { permissions: [] },
  'self.tokens': { permissions: [] },
  'self.explain': { permissions: [] },
  'project.list': { permissions: [] },
  'admin.users': { permissions: [], area: 'Administration' },
  'admin.audit': { permissions: [], area: 'Administration' },
  'admin.roles': { permissions: [], area: 'Administration' },
  'admin.denies': { permissions: [], area: 'Administration' },
  'admin.explain': { permissions: [], area: 'Administration' },
  'admin.systemAdmins': { permissions: [], area: 'Administration', systemAdminOnly: true },
  'project.create': { permissions: [], area: 'Administration' },
  // WL-3: one's own work logs in the app areas live in the Timesheet area.
  'worklog.list': { permissions: [], area: 'Timesheet' },
  // PRJ-4, PRJ-3.
  'project.view': { permissions: [BROWSE] },
  'project.edit': { permissions: [BROWSE, 'ADMINISTER_PROJECT'] },
  // §0: system administrators grant themselves project access (audited).
  'project.permissions': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], systemAdminOverride: true },
  // §0 row "view work item I".
  'item.view': { permissions: [BROWSE], item: 'view' },
  // DENY-2: the comments tab stays for anyone who can view the item.
  'item.comment': { permissions: [BROWSE], item: 'view' },
  // §0 row "edit / move / create under I"; ITEM-8: deleting is an edit.
  'item.edit': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit' },
  'item.delete': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit' },
  'item.create': { permissions: [BROWSE, 'EDIT_ISSUES'], item: 'edit' },
  // §0 row "change I's security", ITEM-5; project administrators must reach the item (ITEM-4: a setting
  // without allow leaves it to system administrators only).
  'item.security': { permissions: [BROWSE, 'ADMINISTER_PROJECT'], systemAdminOverride: true, item: 'view' },
  // §0 row "item screen: work-log tab / time panels", DENY-1, DENY-2.
  'worklog.view': { permissions: [BROWSE], item: 'view', surface: 'ISSUE_TIME_TABS' },
  'item.timePanels': { permissions: [BROWSE], item: 'view', surface: 'ISSUE_TIME_PANELS' },
  // §0 row "log work for U on I": U views I, holds WORK_ON_ISSUES (PRJ-5), may edit I if it is secured (ITEM-9).
  // Only one's own work is checked here: acting for others (WL-5) is layer 6.
  'worklog.create': { permissions: [BROWSE, 'WORK_ON_ISSUES'], item: 'edit' },
  'worklog.edit': { permissions: [BROWSE, 'WORK_ON_ISSUES'], item: 'edit' },
  'worklog.delete': { permissions: [BROWSE, 'WORK_ON_ISSUES'], item: 'edit' },
};

// ---------------------------------------------------------------------------------------------------
// Layer 5 data, copied from APP-2.

export const AREAS = ['Dashboard', 'Timesheet', 'Schedule', 'Reports', 'Teams', 'Timesheet Approval', 'Leave Approval', 'Clients', 'Cost', 'Administration'] as const;
export type Area = (typeof AREAS)[number];

const HIDDEN_BY_ROLE: Record<AppRole, Area[]> = {
  team_admin: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_admin: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_admin: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  timesheet_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  scheduler_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients', 'Cost'],
  client_viewer: ['Timesheet Approval', 'Leave Approval', 'Cost'],
  billing_viewer: ['Timesheet Approval', 'Leave Approval', 'Clients'],
  vacation_approver: ['Timesheet Approval', 'Clients', 'Cost'],
  timesheet_approver: ['Leave Approval', 'Clients', 'Cost'],
  app_admin: [],
};

// ---------------------------------------------------------------------------------------------------
// Facts about the world, one small function each.

export function isInGroup(world: World, user: number, group: number): boolean {
  return world.users[user].groups.includes(group);
}

function holderIs(world: World, holder: Holder, user: number): boolean {
  return holder.kind === 'user' ? holder.id === user : isInGroup(world, user, holder.id);
}

/** The user holds the project role in the project, directly or through a group. */
export function holdsRole(world: World, user: number, project: number, role: number): boolean {
  return world.roleMembers.some((m) => m.project === project && m.role === role && holderIs(world, m.holder, user));
}

/** A grant or an item-security entry's subject covers the user (in the given project, for roles). */
export function covers(world: World, grantee: Grantee, user: number, project: number): boolean {
  if (grantee.kind === 'role') return holdsRole(world, user, project, grantee.id);
  return holderIs(world, grantee, user);
}

/** PRJ-3: a grant to the user, a group of theirs or a role they hold; ADMINISTER_PROJECT implies the others. */
export function hasPermission(world: World, user: number, project: number, permission: ProjectPermission): boolean {
  return world.grants.some((g) => g.project === project
    && (g.permission === permission || g.permission === 'ADMINISTER_PROJECT')
    && covers(world, g.to, user, project));
}

/** The item and its ancestors, nearest first. */
export function ancestorsOrSelf(world: World, item: number): number[] {
  const chain: number[] = [];
  for (let at: number | null = item; at !== null; at = world.items[at].parent) chain.push(at);
  return chain;
}

/** ITEM-8: a trashed item, or one under a trashed item, exists for nobody. */
export function itemExists(world: World, item: number): boolean {
  return ancestorsOrSelf(world, item).every((i) => !world.items[i].trashed);
}

/** ITEM-2: the nearest ancestor-or-self with a setting of its own; null means project permissions only. */
export function governingItem(world: World, item: number): number | null {
  return ancestorsOrSelf(world, item).find((i) => world.items[i].setting !== null) ?? null;
}

/** The entries of a setting that concern the user. */
export function entriesFor(world: World, user: number, item: number, setting: Entry[]): Entry[] {
  const project = world.items[item].project;
  return setting.filter((e) => covers(world, { kind: e.kind, id: e.subject }, user, project));
}

/** ITEM-3 for one kind: some entry of the user allows it and none denies it (deny beats allow, no allow = no). */
export function settingAllows(world: World, user: number, item: number, setting: Entry[], kind: 'view' | 'edit'): boolean {
  const mine = entriesFor(world, user, item, setting);
  return mine.some((e) => e[kind] === 'allow') && !mine.some((e) => e[kind] === 'deny');
}

/** Layer 3: system administrators are never restricted (ITEM-5); unsecured items fall back to project permissions (ITEM-2); `edit` also needs `view` (ITEM-3). */
export function itemSecurityAllows(world: World, user: number, item: number, access: 'view' | 'edit'): boolean {
  if (world.users[user].systemAdmin) return true;
  const governing = governingItem(world, item);
  if (governing === null) return true;
  const setting = world.items[governing].setting!;
  if (!settingAllows(world, user, item, setting, 'view')) return false;
  return access === 'view' || settingAllows(world, user, item, setting, 'edit');
}

/** DENY-1: deny permissions reach the user through their groups. */
export function isDenied(world: World, user: number, surface: DenyPermission): boolean {
  return world.denyGrants.some((d) => d.permission === surface && isInGroup(world, user, d.group));
}

/** APP-1: app roles granted to the user or to a group of theirs. */
export function appRolesOf(world: World, user: number): AppRole[] {
  return world.appRoles.filter((g) => holderIs(world, g.to, user)).map((g) => g.role);
}

/** APP-2: the union of the areas of the user's roles; Administration only for app_admin and system administrators. */
export function openAreas(world: World, user: number): Area[] {
  const roles = appRolesOf(world, user);
  return AREAS.filter((area) => {
    if (area === 'Administration') return roles.includes('app_admin') || world.users[user].systemAdmin;
    return roles.some((role) => !HIDDEN_BY_ROLE[role].includes(area));
  });
}

// ---------------------------------------------------------------------------------------------------
// The decision.

export const REF_LAYERS = ['identity', 'project', 'item', 'deny', 'app'] as const;
export type RefLayer = (typeof REF_LAYERS)[number];
/** Each layer's own verdict, evaluated on its own: `skip` when the layer does not apply to the action. */
export type LayerVerdicts = Record<RefLayer, 'allow' | 'deny' | 'skip'>;

export interface Verdict {
  allowed: boolean;
  /** The first layer that says no (SPEC §0: first "no" wins), or null when allowed. */
  layer: RefLayer | null;
  /** PRJ-4, ITEM-9: the caller may not know the resource exists, so a refusal must look like "not found". */
  hidden: boolean;
  layers: LayerVerdicts;
}

function projectOf(world: World, target: Target): number | null {
  if (target.kind === 'project') return target.project;
  if (target.kind === 'item') return world.items[target.item].project;
  return null;
}

/** Every layer's verdict for the action, each computed without looking at the others. */
export function layerVerdicts(world: World, user: number, action: Action, target: Target): LayerVerdicts {
  const need = REQUIREMENTS[action];
  const u = world.users[user];
  const project = projectOf(world, target);
  const verdict = (applies: boolean, ok: () => boolean) => (applies ? (ok() ? 'allow' : 'deny') : 'skip');
  return {
    identity: verdict(true, () => u.active),
    project: verdict(project !== null, () => (need.systemAdminOverride === true && u.systemAdmin)
      || need.permissions.every((p) => hasPermission(world, user, project!, p))),
    item: verdict(need.item !== undefined && target.kind === 'item', () => target.kind === 'item' && itemSecurityAllows(world, user, target.item, need.item!)),
    deny: verdict(need.surface !== undefined, () => !isDenied(world, user, need.surface!)),
    app: verdict(need.area !== undefined || need.systemAdminOnly === true,
      () => (need.area === undefined || openAreas(world, user).includes(need.area)) && (!need.systemAdminOnly || u.systemAdmin)),
  };
}

/** Whether the user may even know the target exists: project.view for a project, item.view for an item. */
export function canSee(world: World, user: number, target: Target): boolean {
  if (target.kind === 'global') return world.users[user].active;
  const action = target.kind === 'item' ? 'item.view' : 'project.view';
  return Object.values(layerVerdicts(world, user, action, target)).every((v) => v !== 'deny');
}

/** The reference answer: allowed only if every layer that applies allows; the first "no" names the layer. */
export function reference(world: World, user: number, action: Action, target: Target): Verdict {
  const layers = layerVerdicts(world, user, action, target);
  const layer = REF_LAYERS.find((l) => layers[l] === 'deny') ?? null;
  const allowed = layer === null;
  return { allowed, layer, hidden: !allowed && !canSee(world, user, target), layers };
}
