import type { AppRole, ProjectPermission, TeamPermission } from '../db/types.js';
import { openAreas } from './areas.js';
import { ACTIONS, type Action, type ActionSpec } from './catalogue.js';
import { ACCESS, accessBit, principal, type SecuritySetting } from './setting.js';
import type {
  GrantVia,
  ItemSecurityFacts,
  PermissionGrant,
  PriceListFact,
  ProjectFacts,
  ProjectTeamFacts,
  ResourceFacts,
  RoleMember,
  SecurityEntry,
  StoredGrant,
  SubjectFacts,
  TeamFacts,
  TeamMembershipFact,
} from './facts.js';

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
  /** Every layer consulted, in order (empty for an allowed check made without the explanation). */
  reasons: readonly Reason[];
  /** The reason that decided: the first denial, or the last allow. */
  deciding: Reason;
  /** The caller may not even know the resource exists (answer 404, not 403). */
  hidden: boolean;
}

export function describeVia(via: GrantVia): string {
  switch (via.kind) {
    case 'user':
      return 'granted to the user';
    case 'group':
      return `granted to group '${via.groupName}'`;
    case 'role':
      return `granted to project role '${via.roleName}'${via.groupName ? ` held through group '${via.groupName}'` : ''}`;
  }
}

/** How the subject holds each project role in the project: directly or through a group. */
export function rolesHeld(project: ProjectFacts, subject: SubjectFacts): RoleMember[] {
  return heldRoles(projectIndex(project), subject);
}

/** The grants on the project that reach the subject, and how (PRJ-3). */
export function reachingGrants(project: ProjectFacts, subject: SubjectFacts): PermissionGrant[] {
  const index = projectIndex(project);
  return reachingOf(index, subject, standing(index, subject));
}

/** Grants that give `permission`, honouring ADMINISTER_PROJECT ⇒ all (PRJ-3). */
export function grantsFor(grants: ReadonlyArray<PermissionGrant>, permission: ProjectPermission) {
  return grants.filter((g) => g.permission === permission || g.permission === 'ADMINISTER_PROJECT');
}

/** The entries of a setting that name the subject: as user, through a group, a project role held in the project, or a current team. */
export function matchingEntries(
  setting: SecuritySetting,
  subject: SubjectFacts,
  project: ProjectFacts,
): SecurityEntry[] {
  const index = projectIndex(project);
  const at = standing(index, subject);
  return setting.matching(index.standings, at + PRINCIPALS);
}

/** Each project permission's place among a standing's permissions: its bit is 1 << place, its granted reason is at ordinal × 4 + place. */
const PERMISSION_PLACE: Record<ProjectPermission, number> = {
  BROWSE_PROJECT: 0,
  EDIT_ISSUES: 1,
  WORK_ON_ISSUES: 2,
  ADMINISTER_PROJECT: 3,
};
const PERMISSION_BIT = Object.fromEntries(
  Object.entries(PERMISSION_PLACE).map(([p, place]) => [p, 1 << place]),
) as Record<ProjectPermission, number>;
const holds = (permissions: number, permission: ProjectPermission) => (permissions & PERMISSION_BIT[permission]) !== 0;

/**
 * Facts are immutable, so what a project's facts say is indexed once per project facts object (one request, or one
 * cached facts set), and a subject's standing there is worked out once and reused by every decision that needs it.
 */
interface ProjectIndex {
  /** The project's grants and role holders by who receives them. */
  grantsTo: Map<string, StoredGrant[]>;
  membersBy: Map<string, RoleMember[]>;
  /**
   * The standings worked out so far, packed one after another: the project permissions the subject holds (a bit
   * each, PERMISSION_BIT; ADMINISTER_PROJECT implies the rest), the standing's ordinal (its place among them), how many
   * principals name the subject, then those principals — the user, their groups, their roles in the project, their
   * current teams. A check reads these few adjacent numbers instead of an object and its array: on large worlds
   * each object read is a likely cache miss.
   */
  standings: Float64Array;
  used: number;
  /** Where each subject's standing starts in `standings`. */
  standingAt: WeakMap<SubjectFacts, number>;
  /**
   * What explanations add, by the standing's ordinal, built on first need: how the grants reach the subject, and the
   * "permission granted" reason of each permission (at ordinal × 4 + PERMISSION_PLACE). Flat arrays rather than an
   * object per standing: an explained check reads one slot of a dense array (bench:authz, large world).
   */
  reaching: Array<PermissionGrant[] | undefined>;
  granted: Array<Reason | undefined>;
}
/** Where the parts of a standing sit in `ProjectIndex.standings`, from its start. */
const PERMISSIONS = 0;
const ORDINAL = 1;
const PRINCIPALS = 2;
const indexes = new WeakMap<ProjectFacts, ProjectIndex>();

function projectIndex(project: ProjectFacts): ProjectIndex {
  let index = indexes.get(project);
  if (index) return index;
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  index = {
    grantsTo: new Map(),
    membersBy: new Map(),
    standings: new Float64Array(64),
    used: 0,
    standingAt: new WeakMap(),
    reaching: [],
    granted: [],
  };
  for (const g of project.grants) add(index.grantsTo, `${g.kind}:${g.subjectId}`, g);
  for (const m of project.roleMembers)
    add(index.membersBy, m.userId !== undefined ? `user:${m.userId}` : `group:${m.groupId}`, m);
  indexes.set(project, index);
  return index;
}

/** How the subject holds project roles in the project (directly or through a group), from the project's index. */
function heldRoles(index: ProjectIndex, subject: SubjectFacts): RoleMember[] {
  const roles: RoleMember[] = [...(index.membersBy.get(`user:${subject.userId}`) ?? [])];
  for (const g of subject.groups) roles.push(...(index.membersBy.get(`group:${g.id}`) ?? []));
  return roles;
}

/**
 * Where the subject's standing starts in the index's `standings`, worked out on first need from the project's
 * index: the work grows with the subject's groups, not the project's size. Read `index.standings` after calling
 * this: working a standing out may move them to a larger array.
 */
function standing(index: ProjectIndex, subject: SubjectFacts): number {
  const found = index.standingAt.get(subject);
  if (found !== undefined) return found;
  const roles = heldRoles(index, subject);
  let permissions = 0;
  for (const [g] of grantsReaching(index, subject, roles)) permissions |= PERMISSION_BIT[g.permission];
  if (permissions & PERMISSION_BIT.ADMINISTER_PROJECT)
    permissions |= PERMISSION_BIT.BROWSE_PROJECT | PERMISSION_BIT.EDIT_ISSUES | PERMISSION_BIT.WORK_ON_ISSUES;
  const principals = [
    principal('user', subject.userId),
    ...subject.groups.map((g) => principal('group', g.id)),
    ...new Set(roles.map((r) => principal('role', r.roleId))),
    ...subject.teams.map((t) => principal('team', t.teamId)),
  ];
  const at = index.used;
  const end = at + PRINCIPALS + 1 + principals.length;
  if (end > index.standings.length) {
    const larger = new Float64Array(Math.max(2 * index.standings.length, end));
    larger.set(index.standings.subarray(0, at));
    index.standings = larger;
  }
  index.standings[at + PERMISSIONS] = permissions;
  index.standings[at + ORDINAL] = index.reaching.length;
  index.standings[at + PRINCIPALS] = principals.length;
  index.standings.set(principals, at + PRINCIPALS + 1);
  index.reaching.push(undefined);
  index.granted.push(undefined, undefined, undefined, undefined);
  index.used = end;
  index.standingAt.set(subject, at);
  return at;
}

/** The stored grants on the project that reach the subject: to the user, to a group of theirs, to a role they hold (with the holding). */
function* grantsReaching(
  index: ProjectIndex,
  subject: SubjectFacts,
  roles: readonly RoleMember[],
): Generator<[StoredGrant, RoleMember?]> {
  for (const g of index.grantsTo.get(`user:${subject.userId}`) ?? []) yield [g];
  for (const group of subject.groups) for (const g of index.grantsTo.get(`group:${group.id}`) ?? []) yield [g];
  for (const m of roles) for (const g of index.grantsTo.get(`role:${m.roleId}`) ?? []) yield [g, m];
}

/** The grants that reach the subject (whose standing is at `at`) and how, for explanations; built once per standing. */
function reachingOf(index: ProjectIndex, subject: SubjectFacts, at: number): PermissionGrant[] {
  const ordinal = index.standings[at + ORDINAL];
  const known = index.reaching[ordinal];
  if (known) return known;
  const via = (g: StoredGrant, m?: RoleMember): GrantVia =>
    m
      ? {
          kind: 'role',
          roleId: m.roleId,
          roleName: m.roleName,
          ...(m.groupId !== undefined ? { groupId: m.groupId, groupName: m.groupName } : {}),
        }
      : g.kind === 'group'
        ? { kind: 'group', groupId: g.subjectId, groupName: g.subjectName }
        : { kind: 'user' };
  const reaching = [...grantsReaching(index, subject, heldRoles(index, subject))].map(([g, m]) => ({
    permission: g.permission,
    via: via(g, m),
  }));
  index.reaching[ordinal] = reaching;
  return reaching;
}

/** The deciding reason of a decision made without an explanation. */
const ALLOWED: Reason = Object.freeze({
  layer: 'app',
  outcome: 'allow',
  code: 'allowed',
  message: 'allowed',
}) as Reason;
const NO_REASONS: readonly Reason[] = Object.freeze([]);
/** The first reason of nearly every explanation, the same every time. */
const ACTIVE_USER: Reason = Object.freeze({
  layer: 'identity',
  outcome: 'allow',
  code: 'active_user',
  message: 'the user is active and signed in',
}) as Reason;

export interface DecideOptions {
  /** Record every layer consulted (the explanation). Off, only a refusal's reason is built. Default on. */
  explain?: boolean;
}

/**
 * Where a decision accumulates: the reasons (when explaining), whether a refusal must be a 404, and — in
 * the pass for the user work is done for (WL-5) — the prefix naming them; their refusals are never 404s.
 */
interface Trace {
  action: Action;
  reasons: Reason[] | null;
  itemHidden: boolean;
  onBehalf: string | undefined;
}

function refuse(
  trace: Trace,
  layer: Layer,
  code: string,
  message: string,
  hidden = false,
  inheritedFrom?: string,
): Decision {
  const text = (trace.onBehalf ?? '') + message;
  const reason: Reason =
    inheritedFrom === undefined
      ? { layer, outcome: 'deny', code, message: text }
      : { layer, outcome: 'deny', code, message: text, inheritedFrom };
  const reasons = trace.reasons ?? [];
  reasons.push(reason);
  return {
    allowed: false,
    action: trace.action,
    reasons,
    deciding: reason,
    hidden: !trace.onBehalf && (hidden || (trace.itemHidden && layer !== 'identity')),
  };
}

function note(trace: Trace, layer: Layer, code: string, message: string, inheritedFrom?: string): void {
  const text = (trace.onBehalf ?? '') + message;
  trace.reasons!.push(
    inheritedFrom === undefined
      ? { layer, outcome: 'allow', code, message: text }
      : { layer, outcome: 'allow', code, message: text, inheritedFrom },
  );
}

/** Names the grant that gives `permission`; the reason is the same for every check of the standing, so it is built once. */
function noteGranted(
  trace: Trace,
  index: ProjectIndex,
  at: number,
  subject: SubjectFacts,
  project: ProjectFacts,
  permission: ProjectPermission,
): void {
  const slot = 4 * index.standings[at + ORDINAL] + PERMISSION_PLACE[permission];
  let reason = trace.onBehalf ? undefined : index.granted[slot];
  if (!reason) {
    const message = `${trace.onBehalf ?? ''}${permission} on ${project.projectKey}: ${describeVia(grantsFor(reachingOf(index, subject, at), permission)[0].via)}`;
    reason = Object.freeze({ layer: 'project', outcome: 'allow', code: 'permission_granted', message }) as Reason;
    if (!trace.onBehalf) index.granted[slot] = reason;
  }
  trace.reasons!.push(reason);
}

export function decide(
  action: Action,
  subject: SubjectFacts,
  resource: ResourceFacts = {},
  options?: DecideOptions,
): Decision {
  const spec: ActionSpec = ACTIONS[action];
  const explain = options?.explain !== false;
  const trace: Trace = { action, reasons: explain ? [] : null, itemHidden: false, onBehalf: undefined };
  const other = spec.selfOnly && resource.ownerId !== undefined && resource.ownerId !== subject.userId;
  if (!other) {
    const refused = layers(trace, spec, subject, resource);
    if (refused) return refused;
  } else {
    // Acting on another user's work (WL-5): the caller must see the resource and act for the owner; then
    // every gate is evaluated for the owner, whose refusals are 403s (the caller knows the resource).
    const refused = layers(trace, callerPart(spec), subject, resource) ?? actingFor(trace, spec, subject, resource);
    if (refused) return refused;
    if (spec.scope !== 'global') {
      trace.onBehalf = `for ${resource.owner!.name ?? `user ${resource.owner!.userId}`}: `;
      trace.itemHidden = false;
      const ownerRefused = layers(trace, spec, resource.owner!, resource);
      if (ownerRefused) return ownerRefused;
    }
  }
  if (!trace.reasons) return { allowed: true, action, reasons: NO_REASONS, deciding: ALLOWED, hidden: false };
  if (trace.reasons.length === 1) note(trace, 'app', 'any_user', 'open to every active user');
  return {
    allowed: true,
    action,
    reasons: trace.reasons,
    deciding: trace.reasons[trace.reasons.length - 1],
    hidden: false,
  };
}

/** What the caller needs when acting for someone else: to see the resource (the owner's pass checks the rest). */
function callerPart(spec: ActionSpec): ActionSpec {
  if (spec.scope === 'global') return { scope: 'global', area: spec.area };
  return { scope: spec.scope, permissions: ['BROWSE_PROJECT'], itemAccess: spec.itemAccess ? 'view' : undefined };
}

/** Layers 1–7 of SPEC §0 for one subject; the first refusal is returned, nothing when every layer allows. */
function layers(trace: Trace, spec: ActionSpec, subject: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const explain = trace.reasons !== null;

  // Layer 1 — identity.
  if (!subject.active) return refuse(trace, 'identity', 'user_inactive', 'the user is deactivated', true);
  if (explain) {
    if (trace.onBehalf) note(trace, 'identity', 'active_user', 'the user is active and signed in');
    else trace.reasons!.push(ACTIVE_USER);
  }

  // TEAM-8: how the user sees the team, worked out once; every refusal about a team they cannot see is a 404.
  let sight: TeamSight | null = null;
  if (spec.scope === 'team') {
    if (!resource.team) return refuse(trace, 'project', 'not_found', 'no such team', true);
    if (spec.teamVisible) {
      sight = teamSight(subject, resource.team, resource);
      if (!trace.onBehalf) trace.itemHidden = sight === null;
    }
  }
  if (spec.scope !== 'global' && !(spec.scope === 'team' && resource.team!.projectId === null)) {
    // Layer 2 — project permissions (the base layer). Never bypassed by the app layers.
    const project = resource.project;
    if (!project) return refuse(trace, 'project', 'not_found', 'no such resource', true);
    const overridable = Boolean(spec.adminOverride) && subject.systemAdmin;
    const index = projectIndex(project);
    const at = standing(index, subject);
    const permissions = index.standings[at + PERMISSIONS];
    if (!holds(permissions, 'BROWSE_PROJECT') && !(overridable && spec.adminOverride === true)) {
      return refuse(
        trace,
        'project',
        'missing_permission',
        `BROWSE_PROJECT is not granted on ${project.projectKey}`,
        true,
      );
    }
    // A refusal on an item the subject cannot view must not reveal that it exists (PRJ-4, ITEM-9).
    // Worked out once: item security (layer 3) reuses it.
    const access = spec.itemAccess && resource.item ? itemAccess(resource.item, subject, index, at) : undefined;
    if (access !== undefined && !trace.onBehalf) trace.itemHidden = outcome(access, 'view') !== 'allow';
    for (const permission of spec.permissions ?? []) {
      if (holds(permissions, permission)) {
        if (explain) noteGranted(trace, index, at, subject, project, permission);
      } else if (overridable) {
        if (explain)
          note(
            trace,
            'project',
            'system_admin_override',
            `system administrator acting without ${permission} on ${project.projectKey} (audited)`,
          );
      } else {
        return refuse(trace, 'project', 'missing_permission', `${permission} is not granted on ${project.projectKey}`);
      }
    }

    // Layer 3 — item security.
    if (spec.itemAccess && (spec.scope !== 'project' || resource.item)) {
      if (!resource.item) return refuse(trace, 'item', 'not_found', 'no such work item', true);
      const refused = itemSecurity(trace, spec.itemAccess, resource.item, access!, subject, index, at);
      if (refused) return refused;
    }
  }

  // Layer 4 — deny permissions (apply to system administrators too, ictime semantics).
  if (spec.denySurface) {
    const denial = subject.denies.find((d) => d.permission === spec.denySurface);
    if (denial)
      return refuse(trace, 'deny', 'denied_surface', `DENY ${denial.permission} for group '${denial.groupName}'`);
    if (explain) note(trace, 'deny', 'not_denied', `no group of the user is denied ${spec.denySurface}`);
  }

  // Layer 5 — app roles open app areas.
  if (spec.area) {
    if (!openAreas(subject).includes(spec.area))
      return refuse(trace, 'app', 'area_closed', `no app role of the user opens the ${spec.area} area`);
    if (explain) note(trace, 'app', 'area_open', `the ${spec.area} area is open to the user`);
  }

  // Grant boundary: what only system administrators hold, only they grant or change.
  if (spec.systemAdminOnly) {
    if (!subject.systemAdmin)
      return refuse(trace, 'app', 'grant_boundary', 'only system administrators change system administrators');
    if (explain) note(trace, 'app', 'system_admin', 'the user is a system administrator');
  }

  // Layers 5–6 — authority from an app role, or a permission in the resource's team; then the grant boundary.
  if (spec.authority) {
    const refused = authority(trace, spec.authority, subject, resource.team);
    if (refused) return refused;
  }
  if (spec.grantBoundary && resource.grantLevels?.length) {
    const refused = grantBoundary(trace, subject, resource.team, resource.grantLevels);
    if (refused) return refused;
  }

  // Layer 6 — TEAM-8: the team is visible to the user.
  if (spec.teamVisible) {
    if (sight === null)
      return refuse(
        trace,
        'team',
        'team_not_visible',
        `team '${resource.team!.teamName}' is visible only to its members, team_admin, app_admin and administrators of the projects it serves (TEAM-8)`,
      );
    if (explain) note(trace, 'team', 'team_visible', describeSight(sight, resource.team!));
  }

  // Layer 7 — the team and price-list check, for the person the work is logged for (PRICE-3).
  if (spec.teamCheck && resource.teams && resource.date !== undefined)
    return teamCheck(trace, subject, resource.teams, resource.date);
  return undefined;
}

/** Access of system administrators and on unsecured items: view and edit allowed. */
const UNRESTRICTED = ACCESS.viewAllow | ACCESS.editAllow;

/** The access bits of the governing setting's entries that name the subject (or UNRESTRICTED), worked out once per check. */
function itemAccess(item: ItemSecurityFacts, subject: SubjectFacts, index: ProjectIndex, at: number): number {
  return subject.systemAdmin || !item.governing
    ? UNRESTRICTED
    : item.governing.accessOf(index.standings, at + PRINCIPALS);
}

type ItemAccess = 'allow' | 'deny' | 'none';

/** ITEM-3 for one kind of access: `deny` when a matching entry denies, else `allow` when one allows, else `none`. */
function outcome(access: number, kind: 'view' | 'edit'): ItemAccess {
  if ((access & accessBit(kind, 'deny')) !== 0) return 'deny';
  return (access & accessBit(kind, 'allow')) !== 0 ? 'allow' : 'none';
}

/** How an explanation names the first entry that names the subject and gives `value` for `kind`, e.g. `group 'devs'`. */
function firstEntryName(
  setting: SecuritySetting,
  kind: 'view' | 'edit',
  value: 'allow' | 'deny',
  index: ProjectIndex,
  at: number,
): string {
  const name = setting.firstEntryName(index.standings, at + PRINCIPALS, accessBit(kind, value));
  if (name === undefined) throw new Error(`no entry gives ${kind} ${value}`);
  return name;
}

/** ITEM-2, ITEM-3, ITEM-5: the governing setting decides; deny beats allow; no allow means no access; edit needs view. */
function itemSecurity(
  trace: Trace,
  needed: 'view' | 'edit',
  item: ItemSecurityFacts,
  access: number,
  subject: SubjectFacts,
  index: ProjectIndex,
  at: number,
): Decision | undefined {
  const explain = trace.reasons !== null;
  if (subject.systemAdmin) {
    if (explain)
      note(trace, 'item', 'system_admin_bypass', 'system administrators are not restricted by item security');
    return undefined;
  }
  const setting = item.governing;
  if (!setting) {
    if (explain) note(trace, 'item', 'unsecured', `${item.itemKey} has no item security; project permissions apply`);
    return undefined;
  }
  for (const kind of needed === 'edit' ? (['view', 'edit'] as const) : (['view'] as const)) {
    const result = outcome(access, kind);
    if (result === 'allow' && !explain) continue;
    // Explaining, or refusing: name the entry and where the setting comes from.
    const inherited = setting.itemId !== item.itemId ? setting.itemKey : undefined;
    const where = inherited ? `${setting.described}, inherited by ${item.itemKey}` : setting.described;
    const hide = kind === 'view';
    if (result === 'none')
      return refuse(
        trace,
        'item',
        `no_${kind}_allow`,
        `no entry of ${where} allows ${kind} to the user`,
        hide,
        inherited,
      );
    // The first matching entry with the outcome names who is denied or allowed.
    const named = firstEntryName(setting, kind, result, index, at);
    if (result === 'deny')
      return refuse(trace, 'item', `${kind}_denied`, `${kind} is denied to ${named} by ${where}`, hide, inherited);
    note(trace, 'item', `${kind}_allowed`, `${kind} is allowed to ${named} by ${where}`, inherited);
  }
  return undefined;
}

/** Team permissions a membership holds, with what each implies (TEAM-2: managing work logs or the team includes viewing members' work logs). */
export function holdsTeamPermission(membership: TeamMembershipFact, permission: TeamPermission): boolean {
  if (membership.permissions.includes(permission)) return true;
  return (
    permission === 'VIEW_MEMBER_WORKLOGS' &&
    (membership.permissions.includes('MANAGE_MEMBER_WORKLOGS') || membership.permissions.includes('MANAGE_TEAM'))
  );
}

const appRoleOf = (subject: SubjectFacts, roles: readonly AppRole[]) =>
  subject.appRoles.find((r) => roles.includes(r.role));

/** Layers 5–6: an app role of the list, a system administrator where allowed, or the team permission in the resource's team. */
function authority(
  trace: Trace,
  needed: NonNullable<ActionSpec['authority']>,
  subject: SubjectFacts,
  team: TeamFacts | undefined,
): Decision | undefined {
  const explain = trace.reasons !== null;
  const role = appRoleOf(subject, needed.roles);
  if (role) {
    if (explain)
      note(
        trace,
        'app',
        'app_role',
        `app role ${role.role} (${role.via.kind === 'group' ? `through group '${role.via.groupName}'` : 'granted to the user'})`,
      );
    return undefined;
  }
  if (needed.systemAdmin && subject.systemAdmin) {
    if (explain) note(trace, 'app', 'system_admin', 'the user is a system administrator');
    return undefined;
  }
  const membership = needed.level && team ? subject.teams.find((t) => t.teamId === team.teamId) : undefined;
  if (membership && holdsTeamPermission(membership, needed.level!)) {
    if (explain) note(trace, 'team', 'team_permission', `${needed.level} in team '${membership.teamName}'`);
    return undefined;
  }
  const teamPart = needed.level && team ? `${needed.level} in team '${team.teamName}' or ` : '';
  return refuse(
    trace,
    needed.level ? 'team' : 'app',
    'missing_authority',
    `needs ${teamPart}one of the app roles ${needed.roles.join(', ')}`,
  );
}

/** Who sees every team (TEAM-8), beside system administrators. */
const TEAM_SEERS = ['app_admin', 'team_admin'] as const satisfies readonly AppRole[];

/** How a user sees a team (TEAM-8): as a member, through an app role, as a system administrator, or administering a project it serves. */
type TeamSight =
  | { kind: 'member' }
  | { kind: 'role'; role: AppRole }
  | { kind: 'systemAdmin' }
  | { kind: 'projectAdmin'; project: ProjectFacts };

/**
 * TEAM-8: null when the team is hidden from the user — a user denied ISSUE_TIME_TABS sees no team at all; others see
 * it as a member, `team_admin`, `app_admin`, a system administrator, or with ADMINISTER_PROJECT on its project (a
 * project team) or on a project it is assigned to (a global team).
 */
function teamSight(subject: SubjectFacts, team: TeamFacts, resource: ResourceFacts): TeamSight | null {
  if (subject.denies.some((d) => d.permission === 'ISSUE_TIME_TABS')) return null;
  if (subject.teams.some((t) => t.teamId === team.teamId)) return { kind: 'member' };
  const role = appRoleOf(subject, TEAM_SEERS);
  if (role) return { kind: 'role', role: role.role };
  if (subject.systemAdmin) return { kind: 'systemAdmin' };
  const served = team.projectId === null ? (resource.servedProjects ?? []) : resource.project ? [resource.project] : [];
  for (const project of served) {
    const index = projectIndex(project);
    const at = standing(index, subject);
    if (holds(index.standings[at + PERMISSIONS], 'ADMINISTER_PROJECT')) return { kind: 'projectAdmin', project };
  }
  return null;
}

function describeSight(sight: TeamSight, team: TeamFacts): string {
  switch (sight.kind) {
    case 'member':
      return `member of team '${team.teamName}'`;
    case 'role':
      return `app role ${sight.role} sees every team`;
    case 'systemAdmin':
      return 'system administrators see every team';
    case 'projectAdmin':
      return `ADMINISTER_PROJECT on ${sight.project.projectKey}, which team '${team.teamName}' serves`;
  }
}

/** Who is not bound by the grant boundary: app_admin, team_admin (APP-3: they manage team permissions) and system administrators. */
const UNBOUNDED_GRANTERS = ['app_admin', 'team_admin'] as const satisfies readonly AppRole[];

/** Grant boundary: nobody gives a team permission they do not hold in that team themselves. */
function grantBoundary(
  trace: Trace,
  subject: SubjectFacts,
  team: TeamFacts | undefined,
  levels: ReadonlyArray<TeamPermission>,
): Decision | undefined {
  const explain = trace.reasons !== null;
  if (appRoleOf(subject, UNBOUNDED_GRANTERS) || subject.systemAdmin) {
    if (explain)
      note(
        trace,
        'team',
        'unbounded_granter',
        'app_admin, team_admin and system administrators may grant every team permission',
      );
    return undefined;
  }
  const membership = team ? subject.teams.find((t) => t.teamId === team.teamId) : undefined;
  const missing = levels.filter((level) => !membership || !holdsTeamPermission(membership, level));
  if (missing.length)
    return refuse(
      trace,
      'team',
      'grant_boundary',
      `cannot grant ${missing.join(', ')}: the user does not hold ${missing.length > 1 ? 'them' : 'it'} in team '${team?.teamName ?? ''}'`,
    );
  if (explain)
    note(trace, 'team', 'grant_within_holdings', `the user holds ${levels.join(', ')} in team '${team!.teamName}'`);
  return undefined;
}

/** WL-5 / TEAM-2: acting on another user's work needs the permission in a team of theirs, team_admin over their team, or app_admin. */
function actingFor(
  trace: Trace,
  spec: ActionSpec,
  subject: SubjectFacts,
  resource: ResourceFacts,
): Decision | undefined {
  const explain = trace.reasons !== null;
  const level = spec.forOthers;
  const owner = resource.owner;
  if (!level) return refuse(trace, 'team', 'not_own_worklog', 'only the user themselves may do this');
  if (!owner || owner.userId !== resource.ownerId)
    return refuse(
      trace,
      'team',
      'not_own_worklog',
      `acting for another user needs ${level} in a team of theirs (WL-5)`,
    );
  const admin = appRoleOf(subject, ['app_admin']);
  if (admin) {
    if (explain) note(trace, 'app', 'app_role', 'app role app_admin acts for every user');
    return undefined;
  }
  if (appRoleOf(subject, ['team_admin']) && owner.teams.length > 0) {
    if (explain)
      note(
        trace,
        'app',
        'app_role',
        `app role team_admin over team '${owner.teams[0].teamName}' of ${owner.name ?? 'the user'}`,
      );
    return undefined;
  }
  for (const theirs of owner.teams) {
    const mine = subject.teams.find((t) => t.teamId === theirs.teamId);
    if (mine && holdsTeamPermission(mine, level)) {
      if (explain)
        note(trace, 'team', 'team_permission', `${level} in team '${mine.teamName}' of ${owner.name ?? 'the user'}`);
      return undefined;
    }
  }
  return refuse(
    trace,
    'team',
    'not_own_worklog',
    `acting for ${owner.name ?? 'another user'} needs ${level} in a team of theirs, team_admin, or app_admin (WL-5)`,
  );
}

/** The team a user works on a project in (TEAM-4: at most one), whether its roles let them log time, and its price list valid on the date. */
export interface TeamStanding {
  team: { teamId: number; teamName: string } | null;
  canWork: boolean;
  priceList: PriceListFact | null;
}

export function teamStanding(person: SubjectFacts, teams: ProjectTeamFacts, date: string): TeamStanding {
  for (const team of teams.teams) {
    const membership = person.teams.find((t) => t.teamId === team.teamId);
    if (!membership) continue;
    const priceList =
      team.priceLists.find((pl) => pl.validFrom <= date && (pl.validTo === null || pl.validTo >= date)) ?? null;
    return {
      team: { teamId: team.teamId, teamName: team.teamName },
      canWork: holdsTeamPermission(membership, 'WORK_ON_ISSUES'),
      priceList,
    };
  }
  return { team: null, canWork: false, priceList: null };
}

/** Layer 7, PRICE-3: with the check on, a team of the project whose role grants WORK_ON_ISSUES and a price list valid on the work date. */
function teamCheck(trace: Trace, person: SubjectFacts, teams: ProjectTeamFacts, date: string): Decision | undefined {
  const explain = trace.reasons !== null;
  if (teams.checks !== 'on') {
    if (explain)
      note(
        trace,
        'business',
        'team_check_off',
        `the team check is off ${teams.checks === 'off_globally' ? 'for the installation' : `for ${teams.projectKey}`}`,
      );
    return undefined;
  }
  const held = teamStanding(person, teams, date);
  if (!held.team)
    return refuse(
      trace,
      'business',
      'not_in_team',
      `not in a team of ${teams.projectKey} with a price list valid on ${date}`,
    );
  // TEAM-8: a user denied ISSUE_TIME_TABS reads no team or price-list name, not even in a refusal about their own work.
  const named = !person.denies.some((d) => d.permission === 'ISSUE_TIME_TABS');
  const team = named ? `team '${held.team.teamName}'` : "the user's team";
  if (!held.canWork)
    return refuse(trace, 'business', 'team_role_cannot_work', `no role of the user in ${team} grants WORK_ON_ISSUES`);
  if (!held.priceList)
    return refuse(
      trace,
      'business',
      'no_valid_price_list',
      `${team} of ${teams.projectKey} has no price list valid on ${date}`,
    );
  if (explain)
    note(
      trace,
      'business',
      'team_check_passed',
      `member of ${team} of ${teams.projectKey}, ${named ? `price list '${held.priceList.name}'` : 'a price list'} valid on ${date}`,
    );
  return undefined;
}
