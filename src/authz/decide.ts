import type { ProjectPermission } from '../db/types.js';
import { openAreas } from './areas.js';
import { ACTIONS, type Action, type ActionSpec } from './catalogue.js';
import type { GrantVia, ItemSecurityFacts, PermissionGrant, ProjectFacts, ResourceFacts, RoleMember, SecurityEntry, SubjectFacts } from './facts.js';

/**
 * The pure decision core: facts in, decision and reasons out, no I/O. Layers are consulted in the
 * order of SPEC §0; the first "no" decides and is named.
 */
export const LAYERS = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'] as const;
export type Layer = (typeof LAYERS)[number];

export interface Reason {
  layer: Layer;
  outcome: 'allow' | 'deny';
  /** Stable machine code, e.g. `missing_permission`. */
  code: string;
  message: string;
  /** For item security: the item whose setting decided, when inherited. */
  inheritedFrom?: string;
}

export interface Decision {
  allowed: boolean;
  action: Action;
  reasons: Reason[];
  /** The reason that decided: the first denial, or the last allow. */
  deciding: Reason;
  /** The caller may not even know the resource exists (answer 404, not 403). */
  hidden: boolean;
}

export function describeVia(via: GrantVia): string {
  switch (via.kind) {
    case 'user': return 'granted to the user';
    case 'group': return `granted to group '${via.groupName}'`;
    case 'role': return `granted to project role '${via.roleName}'${via.groupName ? ` held through group '${via.groupName}'` : ''}`;
  }
}

const inGroup = (subject: SubjectFacts, groupId: number | undefined) => groupId !== undefined && subject.groups.some((g) => g.id === groupId);

/** How the subject holds each project role in the project: directly or through a group. */
export function rolesHeld(project: ProjectFacts, subject: SubjectFacts): RoleMember[] {
  return project.roleMembers.filter((m) => m.userId === subject.userId || inGroup(subject, m.groupId));
}

/** The grants on the project that reach the subject, and how (PRJ-3). */
export function reachingGrants(project: ProjectFacts, subject: SubjectFacts): PermissionGrant[] {
  const roles = rolesHeld(project, subject);
  const out: PermissionGrant[] = [];
  for (const g of project.grants) {
    if (g.kind === 'user' && g.subjectId === subject.userId) out.push({ permission: g.permission, via: { kind: 'user' } });
    if (g.kind === 'group' && inGroup(subject, g.subjectId)) out.push({ permission: g.permission, via: { kind: 'group', groupId: g.subjectId, groupName: g.subjectName } });
    if (g.kind === 'role') {
      for (const m of roles.filter((r) => r.roleId === g.subjectId)) {
        out.push({ permission: g.permission, via: { kind: 'role', roleId: m.roleId, roleName: m.roleName, ...(m.groupId !== undefined ? { groupId: m.groupId, groupName: m.groupName } : {}) } });
      }
    }
  }
  return out;
}

/** Grants that give `permission`, honouring ADMINISTER_PROJECT ⇒ all (PRJ-3). */
export function grantsFor(grants: ReadonlyArray<PermissionGrant>, permission: ProjectPermission) {
  return grants.filter((g) => g.permission === permission || g.permission === 'ADMINISTER_PROJECT');
}

/** The entries of a setting that match the subject: as user, through a group, or through a project role held in the project. */
export function matchingEntries(entries: ReadonlyArray<SecurityEntry>, subject: SubjectFacts, project: ProjectFacts): SecurityEntry[] {
  const roleIds = new Set(rolesHeld(project, subject).map((r) => r.roleId));
  return entries.filter((e) =>
    (e.kind === 'user' && e.subjectId === subject.userId)
    || (e.kind === 'group' && inGroup(subject, e.subjectId))
    || (e.kind === 'role' && roleIds.has(e.subjectId)));
}

const describeEntry = (e: SecurityEntry) => `${e.kind} '${e.subjectName}'`;

export function decide(action: Action, subject: SubjectFacts, resource: ResourceFacts = {}): Decision {
  const spec: ActionSpec = ACTIONS[action];
  const reasons: Reason[] = [];
  let hidden = false;
  /** Set once the item is known to be invisible to the subject: every refusal about it is then a 404. */
  let itemHidden = false;
  const allow = (layer: Layer, code: string, message: string, extra: Partial<Reason> = {}) => { reasons.push({ layer, outcome: 'allow', code, message, ...extra }); };
  const deny = (layer: Layer, code: string, message: string, isHidden = false, extra: Partial<Reason> = {}): Decision => {
    const reason: Reason = { layer, outcome: 'deny', code, message, ...extra };
    reasons.push(reason);
    hidden = isHidden || (itemHidden && layer !== 'identity');
    return { allowed: false, action, reasons, deciding: reason, hidden };
  };

  // Layer 1 — identity.
  if (!subject.active) return deny('identity', 'user_inactive', 'the user is deactivated', true);
  allow('identity', 'active_user', 'the user is active and signed in');

  if (spec.scope !== 'global') {
    // Layer 2 — project permissions (the base layer). Never bypassed by the app layers.
    const project = resource.project;
    if (!project) return deny('project', 'not_found', 'no such resource', true);
    const overridable = Boolean(spec.adminOverride) && subject.systemAdmin;
    const reaching = reachingGrants(project, subject);
    if (grantsFor(reaching, 'BROWSE_PROJECT').length === 0 && !overridable) {
      return deny('project', 'missing_permission', `BROWSE_PROJECT is not granted on ${project.projectKey}`, true);
    }
    // A refusal on an item the subject cannot view must not reveal that it exists (PRJ-4, ITEM-9).
    if (spec.itemAccess && resource.item) itemHidden = !itemViewable(resource.item, subject, project);
    for (const permission of spec.permissions ?? []) {
      const grants = grantsFor(reaching, permission);
      if (grants.length > 0) {
        allow('project', 'permission_granted', `${permission} on ${project.projectKey}: ${describeVia(grants[0].via)}`);
      } else if (overridable) {
        allow('project', 'system_admin_override', `system administrator acting without ${permission} on ${project.projectKey} (audited)`);
      } else {
        return deny('project', 'missing_permission', `${permission} is not granted on ${project.projectKey}`);
      }
    }

    // Layer 3 — item security.
    if (spec.itemAccess && (spec.scope !== 'project' || resource.item)) {
      if (!resource.item) return deny('item', 'not_found', 'no such work item', true);
      const refused = itemSecurity(spec.itemAccess, resource.item, subject, project, allow, deny);
      if (refused) return refused;
    }
  }

  // Layer 4 — deny permissions (apply to system administrators too, ictime semantics).
  if (spec.denySurface) {
    const denial = subject.denies.find((d) => d.permission === spec.denySurface);
    if (denial) return deny('deny', 'denied_surface', `DENY ${denial.permission} for group '${denial.groupName}'`);
    allow('deny', 'not_denied', `no group of the user is denied ${spec.denySurface}`);
  }

  // Layer 5 — app roles open app areas.
  if (spec.area) {
    if (!openAreas(subject).includes(spec.area)) return deny('app', 'area_closed', `no app role of the user opens the ${spec.area} area`);
    allow('app', 'area_open', `the ${spec.area} area is open to the user`);
  }

  // Layer 6 (until teams): acting for someone else needs WL-5, which arrives with teams.
  if (spec.selfOnly && resource.ownerId !== undefined && resource.ownerId !== subject.userId) {
    return deny('team', 'not_own_worklog', 'acting on another user\'s work logs needs MANAGE_MEMBER_WORKLOGS (WL-5)');
  }
  if (reasons.length === 1) allow('app', 'any_user', 'open to every active user');
  return { allowed: true, action, reasons, deciding: reasons[reasons.length - 1], hidden: false };
}

/** Whether item security lets the subject view the item (system administrators always). */
function itemViewable(item: ItemSecurityFacts, subject: SubjectFacts, project: ProjectFacts): boolean {
  if (subject.systemAdmin || !item.governing) return true;
  const matches = matchingEntries(item.governing.entries, subject, project);
  return !matches.some((e) => e.view === 'deny') && matches.some((e) => e.view === 'allow');
}

/** ITEM-2, ITEM-3, ITEM-5: the governing setting decides; deny beats allow; no allow means no access; edit needs view. */
function itemSecurity(
  access: 'view' | 'edit', item: ItemSecurityFacts, subject: SubjectFacts, project: ProjectFacts,
  allow: (layer: Layer, code: string, message: string, extra?: Partial<Reason>) => void,
  deny: (layer: Layer, code: string, message: string, hidden?: boolean, extra?: Partial<Reason>) => Decision,
): Decision | undefined {
  if (subject.systemAdmin) {
    allow('item', 'system_admin_bypass', 'system administrators are not restricted by item security');
    return undefined;
  }
  const setting = item.governing;
  if (!setting) {
    allow('item', 'unsecured', `${item.itemKey} has no item security; project permissions apply`);
    return undefined;
  }
  const inherited = setting.itemId !== item.itemId;
  const where = inherited ? `the setting of ${setting.itemKey}, inherited by ${item.itemKey}` : `the setting of ${item.itemKey}`;
  const extra = inherited ? { inheritedFrom: setting.itemKey } : {};
  const matches = matchingEntries(setting.entries, subject, project);
  for (const kind of access === 'edit' ? (['view', 'edit'] as const) : (['view'] as const)) {
    const hide = kind === 'view';
    const denied = matches.find((e) => e[kind] === 'deny');
    if (denied) return deny('item', `${kind}_denied`, `${kind} is denied to ${describeEntry(denied)} by ${where}`, hide, extra);
    const allowed = matches.find((e) => e[kind] === 'allow');
    if (!allowed) return deny('item', `no_${kind}_allow`, `no entry of ${where} allows ${kind} to the user`, hide, extra);
    allow('item', `${kind}_allowed`, `${kind} is allowed to ${describeEntry(allowed)} by ${where}`, extra);
  }
  return undefined;
}
