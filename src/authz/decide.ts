import type { ProjectPermission } from '../db/types.js';
import { openAreas } from './areas.js';
import { ACTIONS, type Action, type ActionSpec } from './catalogue.js';
import type { GrantVia, ItemSecurityFacts, PermissionGrant, ProjectFacts, ResourceFacts, RoleMember, SecurityEntry, StoredGrant, SubjectFacts } from './facts.js';

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
  return standing(project, subject).reaching;
}

/** Grants that give `permission`, honouring ADMINISTER_PROJECT ⇒ all (PRJ-3). */
export function grantsFor(grants: ReadonlyArray<PermissionGrant>, permission: ProjectPermission) {
  return grants.filter((g) => g.permission === permission || g.permission === 'ADMINISTER_PROJECT');
}

/** The entries of a setting that match the subject: as user, through a group, or through a project role held in the project. */
export function matchingEntries(entries: ReadonlyArray<SecurityEntry>, subject: SubjectFacts, project: ProjectFacts): SecurityEntry[] {
  const { roleIds } = standing(project, subject);
  return entries.filter((e) =>
    (e.kind === 'user' && e.subjectId === subject.userId)
    || (e.kind === 'group' && inGroup(subject, e.subjectId))
    || (e.kind === 'role' && roleIds.has(e.subjectId)));
}

/** What a subject holds in a project: the grants that reach them, the permissions those give, their roles. */
interface Standing { reaching: PermissionGrant[]; permissions: Set<ProjectPermission>; roleIds: Set<number> }

/**
 * Facts are immutable, so a subject's standing in a project is worked out once per pair of fact
 * objects (one request, or one cached facts set) and reused by every decision that needs it.
 */
const standings = new WeakMap<ProjectFacts, WeakMap<SubjectFacts, Standing>>();

/** A project's grants and role holders indexed by who receives them, built once per project facts object. */
interface ProjectIndex {
  grantsTo: Map<string, StoredGrant[]>;
  membersBy: Map<string, RoleMember[]>;
}
const indexes = new WeakMap<ProjectFacts, ProjectIndex>();

function projectIndex(project: ProjectFacts): ProjectIndex {
  let index = indexes.get(project);
  if (index) return index;
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => { const list = map.get(key); if (list) list.push(value); else map.set(key, [value]); };
  index = { grantsTo: new Map(), membersBy: new Map() };
  for (const g of project.grants) add(index.grantsTo, `${g.kind}:${g.subjectId}`, g);
  for (const m of project.roleMembers) add(index.membersBy, m.userId !== undefined ? `user:${m.userId}` : `group:${m.groupId}`, m);
  indexes.set(project, index);
  return index;
}

/** The subject's standing, from the project's index: the work grows with the subject's groups, not the project's size. */
function standing(project: ProjectFacts, subject: SubjectFacts): Standing {
  let bySubject = standings.get(project);
  if (!bySubject) standings.set(project, (bySubject = new WeakMap()));
  let found = bySubject.get(subject);
  if (found) return found;
  const index = projectIndex(project);
  const roles: RoleMember[] = [...(index.membersBy.get(`user:${subject.userId}`) ?? [])];
  for (const g of subject.groups) roles.push(...(index.membersBy.get(`group:${g.id}`) ?? []));
  const reaching: PermissionGrant[] = [];
  for (const g of index.grantsTo.get(`user:${subject.userId}`) ?? []) reaching.push({ permission: g.permission, via: { kind: 'user' } });
  for (const group of subject.groups) {
    for (const g of index.grantsTo.get(`group:${group.id}`) ?? []) reaching.push({ permission: g.permission, via: { kind: 'group', groupId: g.subjectId, groupName: g.subjectName } });
  }
  for (const m of roles) {
    for (const g of index.grantsTo.get(`role:${m.roleId}`) ?? []) {
      reaching.push({ permission: g.permission, via: { kind: 'role', roleId: m.roleId, roleName: m.roleName, ...(m.groupId !== undefined ? { groupId: m.groupId, groupName: m.groupName } : {}) } });
    }
  }
  const permissions = new Set(reaching.map((g) => g.permission));
  if (permissions.has('ADMINISTER_PROJECT')) for (const p of ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'] as const) permissions.add(p);
  found = { reaching, permissions, roleIds: new Set(roles.map((r) => r.roleId)) };
  bySubject.set(subject, found);
  return found;
}

const describeEntry = (e: SecurityEntry) => `${e.kind} '${e.subjectName}'`;

/** The deciding reason of a decision made without an explanation. */
const ALLOWED: Reason = Object.freeze({ layer: 'app', outcome: 'allow', code: 'allowed', message: 'allowed' }) as Reason;

export interface DecideOptions {
  /** Record every layer consulted (the explanation). Off, only a refusal's reason is built. Default on. */
  explain?: boolean;
}

/** Where a decision accumulates: the reasons (when explaining) and whether a refusal must be a 404. */
interface Trace { action: Action; reasons: Reason[] | null; itemHidden: boolean }

function refuse(trace: Trace, layer: Layer, code: string, message: string, hidden = false, inheritedFrom?: string): Decision {
  const reason: Reason = inheritedFrom === undefined ? { layer, outcome: 'deny', code, message } : { layer, outcome: 'deny', code, message, inheritedFrom };
  const reasons = trace.reasons ?? [];
  reasons.push(reason);
  return { allowed: false, action: trace.action, reasons, deciding: reason, hidden: hidden || (trace.itemHidden && layer !== 'identity') };
}

function note(trace: Trace, layer: Layer, code: string, message: string, inheritedFrom?: string): void {
  trace.reasons!.push(inheritedFrom === undefined ? { layer, outcome: 'allow', code, message } : { layer, outcome: 'allow', code, message, inheritedFrom });
}

export function decide(action: Action, subject: SubjectFacts, resource: ResourceFacts = {}, options?: DecideOptions): Decision {
  const spec: ActionSpec = ACTIONS[action];
  const explain = options?.explain !== false;
  const trace: Trace = { action, reasons: explain ? [] : null, itemHidden: false };

  // Layer 1 — identity.
  if (!subject.active) return refuse(trace, 'identity', 'user_inactive', 'the user is deactivated', true);
  if (explain) note(trace, 'identity', 'active_user', 'the user is active and signed in');

  if (spec.scope !== 'global') {
    // Layer 2 — project permissions (the base layer). Never bypassed by the app layers.
    const project = resource.project;
    if (!project) return refuse(trace, 'project', 'not_found', 'no such resource', true);
    const overridable = Boolean(spec.adminOverride) && subject.systemAdmin;
    const held = standing(project, subject);
    if (!held.permissions.has('BROWSE_PROJECT') && !overridable) {
      return refuse(trace, 'project', 'missing_permission', `BROWSE_PROJECT is not granted on ${project.projectKey}`, true);
    }
    // A refusal on an item the subject cannot view must not reveal that it exists (PRJ-4, ITEM-9).
    if (spec.itemAccess && resource.item) trace.itemHidden = itemAccess('view', resource.item, subject, project) !== 'allow';
    for (const permission of spec.permissions ?? []) {
      if (held.permissions.has(permission)) {
        if (explain) note(trace, 'project', 'permission_granted', `${permission} on ${project.projectKey}: ${describeVia(grantsFor(held.reaching, permission)[0].via)}`);
      } else if (overridable) {
        if (explain) note(trace, 'project', 'system_admin_override', `system administrator acting without ${permission} on ${project.projectKey} (audited)`);
      } else {
        return refuse(trace, 'project', 'missing_permission', `${permission} is not granted on ${project.projectKey}`);
      }
    }

    // Layer 3 — item security.
    if (spec.itemAccess && (spec.scope !== 'project' || resource.item)) {
      if (!resource.item) return refuse(trace, 'item', 'not_found', 'no such work item', true);
      const refused = itemSecurity(trace, spec.itemAccess, resource.item, subject, project);
      if (refused) return refused;
    }
  }

  // Layer 4 — deny permissions (apply to system administrators too, ictime semantics).
  if (spec.denySurface) {
    const denial = subject.denies.find((d) => d.permission === spec.denySurface);
    if (denial) return refuse(trace, 'deny', 'denied_surface', `DENY ${denial.permission} for group '${denial.groupName}'`);
    if (explain) note(trace, 'deny', 'not_denied', `no group of the user is denied ${spec.denySurface}`);
  }

  // Layer 5 — app roles open app areas.
  if (spec.area) {
    if (!openAreas(subject).includes(spec.area)) return refuse(trace, 'app', 'area_closed', `no app role of the user opens the ${spec.area} area`);
    if (explain) note(trace, 'app', 'area_open', `the ${spec.area} area is open to the user`);
  }

  // Grant boundary: what only system administrators hold, only they grant or change.
  if (spec.systemAdminOnly) {
    if (!subject.systemAdmin) return refuse(trace, 'app', 'grant_boundary', 'only system administrators change system administrators');
    if (explain) note(trace, 'app', 'system_admin', 'the user is a system administrator');
  }

  // Layer 6 (until teams): acting for someone else needs WL-5, which arrives with teams.
  if (spec.selfOnly && resource.ownerId !== undefined && resource.ownerId !== subject.userId) {
    return refuse(trace, 'team', 'not_own_worklog', 'acting on another user\'s work logs needs MANAGE_MEMBER_WORKLOGS (WL-5)');
  }
  if (!trace.reasons) return { allowed: true, action, reasons: [], deciding: ALLOWED, hidden: false };
  if (trace.reasons.length === 1) note(trace, 'app', 'any_user', 'open to every active user');
  return { allowed: true, action, reasons: trace.reasons, deciding: trace.reasons[trace.reasons.length - 1], hidden: false };
}

/**
 * ITEM-3 for one kind of access: `allow` when some matching entry allows and none denies, `deny` when
 * one denies, `none` when nothing matching allows. System administrators and unsecured items: `allow`.
 */
function itemAccess(kind: 'view' | 'edit', item: ItemSecurityFacts, subject: SubjectFacts, project: ProjectFacts): 'allow' | 'deny' | 'none' {
  if (subject.systemAdmin || !item.governing) return 'allow';
  const { roleIds } = standing(project, subject);
  let allowed = false;
  for (const e of item.governing.entries) {
    const value = e[kind];
    if (value === 'unset') continue;
    const matches = (e.kind === 'user' && e.subjectId === subject.userId) || (e.kind === 'group' && inGroup(subject, e.subjectId)) || (e.kind === 'role' && roleIds.has(e.subjectId));
    if (!matches) continue;
    if (value === 'deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'none';
}

/** ITEM-2, ITEM-3, ITEM-5: the governing setting decides; deny beats allow; no allow means no access; edit needs view. */
function itemSecurity(trace: Trace, access: 'view' | 'edit', item: ItemSecurityFacts, subject: SubjectFacts, project: ProjectFacts): Decision | undefined {
  const explain = trace.reasons !== null;
  if (subject.systemAdmin) {
    if (explain) note(trace, 'item', 'system_admin_bypass', 'system administrators are not restricted by item security');
    return undefined;
  }
  const setting = item.governing;
  if (!setting) {
    if (explain) note(trace, 'item', 'unsecured', `${item.itemKey} has no item security; project permissions apply`);
    return undefined;
  }
  for (const kind of access === 'edit' ? (['view', 'edit'] as const) : (['view'] as const)) {
    const outcome = itemAccess(kind, item, subject, project);
    if (outcome === 'allow' && !explain) continue;
    // Explaining, or refusing: name the entry and where the setting comes from.
    const inherited = setting.itemId !== item.itemId ? setting.itemKey : undefined;
    const where = inherited ? `the setting of ${setting.itemKey}, inherited by ${item.itemKey}` : `the setting of ${item.itemKey}`;
    const matches = matchingEntries(setting.entries, subject, project);
    const hide = kind === 'view';
    if (outcome === 'deny') return refuse(trace, 'item', `${kind}_denied`, `${kind} is denied to ${describeEntry(matches.find((e) => e[kind] === 'deny')!)} by ${where}`, hide, inherited);
    if (outcome === 'none') return refuse(trace, 'item', `no_${kind}_allow`, `no entry of ${where} allows ${kind} to the user`, hide, inherited);
    note(trace, 'item', `${kind}_allowed`, `${kind} is allowed to ${describeEntry(matches.find((e) => e[kind] === 'allow')!)} by ${where}`, inherited);
  }
  return undefined;
}
