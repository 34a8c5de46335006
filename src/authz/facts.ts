import type { AccessValue, AppRole, DenyPermission, ProjectPermission, SubjectKind } from '../db/types.js';

/** Facts about the acting user, loaded once per request. */
export interface SubjectFacts {
  userId: number;
  active: boolean;
  systemAdmin: boolean;
  groups: ReadonlyArray<{ id: number; name: string }>;
  appRoles: ReadonlyArray<{ role: AppRole; via: GrantVia }>;
  /** Deny permissions that reach the user through their groups (DENY-1). */
  denies: ReadonlyArray<{ permission: DenyPermission; groupId: number; groupName: string }>;
}

/** How a grant reaches the user: directly, through a group, or through a project role. */
export type GrantVia =
  | { kind: 'user' }
  | { kind: 'group'; groupId: number; groupName: string }
  | { kind: 'role'; roleId: number; roleName: string; groupId?: number; groupName?: string };

export interface PermissionGrant { permission: ProjectPermission; via: GrantVia }

/** A project permission grant as stored: to a user, a group or a project role (PRJ-3). */
export interface StoredGrant { permission: ProjectPermission; kind: 'user' | 'group' | 'role'; subjectId: number; subjectName: string }

/** Who holds a project role in the project: a user, or every member of a group. */
export interface RoleMember { roleId: number; roleName: string; userId?: number; groupId?: number; groupName?: string }

/**
 * Facts about one project, the same for every subject: all its grants and role holders. The core
 * works out which of them reach a given user, so one load serves any number of users.
 */
export interface ProjectFacts {
  projectId: number;
  projectKey: string;
  grants: ReadonlyArray<StoredGrant>;
  roleMembers: ReadonlyArray<RoleMember>;
}

export interface SecurityEntry { kind: SubjectKind; subjectId: number; subjectName: string; view: AccessValue; edit: AccessValue }

/** Item security facts (ITEM-1, ITEM-2): the governing setting — own or inherited — and its entries. */
export interface ItemSecurityFacts {
  itemId: number;
  itemKey: string;
  governing: null | { itemId: number; itemKey: string; entries: ReadonlyArray<SecurityEntry> };
}

export interface ResourceFacts {
  project?: ProjectFacts;
  item?: ItemSecurityFacts;
  /** Author of the work log, or the user work is to be logged for. */
  ownerId?: number;
}
