import type { AppRole, ProjectPermission } from '../db/types.js';

/** Facts about the acting user, loaded once per request. */
export interface SubjectFacts {
  userId: number;
  active: boolean;
  systemAdmin: boolean;
  groups: ReadonlyArray<{ id: number; name: string }>;
  appRoles: ReadonlyArray<{ role: AppRole; via: GrantVia }>;
}

/** How a grant reaches the user: directly, through a group, or through a project role. */
export type GrantVia =
  | { kind: 'user' }
  | { kind: 'group'; groupId: number; groupName: string }
  | { kind: 'role'; roleId: number; roleName: string; groupId?: number; groupName?: string };

export interface PermissionGrant { permission: ProjectPermission; via: GrantVia }

/** Facts about one project, from the subject's point of view. */
export interface ProjectFacts {
  projectId: number;
  projectKey: string;
  /** The grants on this project that reach the subject. */
  grants: ReadonlyArray<PermissionGrant>;
}

export interface ResourceFacts {
  project?: ProjectFacts;
  /** Author of the work log, or the user work is to be logged for. */
  ownerId?: number;
}
