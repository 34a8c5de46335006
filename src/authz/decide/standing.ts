import type { ProjectPermission } from '../../db/types.js';
import type {
  GrantVia,
  PermissionGrant,
  ProjectFacts,
  RoleMember,
  SecurityEntry,
  StoredGrant,
  SubjectFacts,
} from '../facts.js';
import type { SecuritySetting } from '../setting.js';
import { LAYOUT, Standings } from '../standings.js';
import type { Reason } from './trace.js';

/**
 * Facts are immutable, so what a project's facts say is indexed once per project facts object (one request, or one
 * cached facts set), and a subject's standing there is worked out once and reused by every decision that needs it.
 * The index is the project's packed standings itself, not an object holding them: on large worlds every object a check
 * passes through is a likely cache miss (bench:authz:ab).
 */
export class ProjectIndex extends Standings {
  /** The project's grants and role holders by who receives them. */
  readonly grantsTo = new Map<string, StoredGrant[]>();
  readonly membersBy = new Map<string, RoleMember[]>();
  /** Where each subject's standing starts among the packed standings. */
  readonly standingAt = new WeakMap<SubjectFacts, number>();
  /**
   * What explanations add, built on first need: how the grants reach the subject (by the standing's ordinal), and the
   * "permission granted" reason of each permission (at `slot`). Flat arrays rather than an object per standing: an
   * explained check reads one slot of a dense array (bench:authz, large world).
   */
  readonly reaching: Array<PermissionGrant[] | undefined> = [];
  readonly granted: Array<Reason | undefined> = [];

  constructor(project: ProjectFacts) {
    super(LAYOUT);
    const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const g of project.grants) add(this.grantsTo, `${g.kind}:${g.subjectId}`, g);
    for (const m of project.roleMembers)
      add(this.membersBy, m.userId !== undefined ? `user:${m.userId}` : `group:${m.groupId}`, m);
  }
}
const indexes = new WeakMap<ProjectFacts, ProjectIndex>();

export function projectIndex(project: ProjectFacts): ProjectIndex {
  let index = indexes.get(project);
  if (!index) indexes.set(project, (index = new ProjectIndex(project)));
  return index;
}

/** How the subject holds project roles in the project (directly or through a group), from the project's index. */
function heldRoles(index: ProjectIndex, subject: SubjectFacts): RoleMember[] {
  const roles: RoleMember[] = [...(index.membersBy.get(`user:${subject.userId}`) ?? [])];
  for (const g of subject.groups) roles.push(...(index.membersBy.get(`group:${g.id}`) ?? []));
  return roles;
}

/**
 * Where the subject's standing starts among the index's packed standings, worked out on first need from the project's
 * index: the work grows with the subject's groups, not the project's size.
 */
export function standing(index: ProjectIndex, subject: SubjectFacts): number {
  const found = index.standingAt.get(subject);
  if (found !== undefined) return found;
  const roles = heldRoles(index, subject);
  const granted: ProjectPermission[] = [];
  for (const [g] of grantsReaching(index, subject, roles)) granted.push(g.permission);
  const principals = [
    LAYOUT.principal('user', subject.userId),
    ...subject.groups.map((g) => LAYOUT.principal('group', g.id)),
    ...new Set(roles.map((r) => LAYOUT.principal('role', r.roleId))),
    ...subject.teams.map((t) => LAYOUT.principal('team', t.teamId)),
  ];
  const at = index.add(LAYOUT.permissionBits(granted), principals);
  index.reaching.push(undefined);
  for (let k = 0; k < LAYOUT.permissions.length; k++) index.granted.push(undefined);
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
export function reachingOf(index: ProjectIndex, subject: SubjectFacts, at: number): PermissionGrant[] {
  const ordinal = index.ordinalAt(at);
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
  return setting.matching(index, standing(index, subject));
}
