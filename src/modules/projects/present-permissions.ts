import type { GrantRow, RoleMemberRow, searchSubjects } from './repo-permissions.js';
import type { PreviewOut } from '../security/schema.js';
import type { GrantOut, RoleMemberOut, SubjectsOut } from './schema.js';

/** A project's grants, role members and the subjects they may name, as the API answers them (PRJ-3). */

export function presentGrant(r: GrantRow): GrantOut {
  return {
    id: r.id,
    permission: r.permission,
    subject:
      r.user_id !== null
        ? { kind: 'user', id: r.user_id, name: r.display_name ?? '' }
        : r.group_id !== null
          ? { kind: 'group', id: r.group_id, name: r.group_name ?? '' }
          : { kind: 'role', id: r.role_id!, name: r.role_name ?? '' },
  };
}

export function presentRoleMember(r: RoleMemberRow): RoleMemberOut {
  return {
    id: r.id,
    role: { id: r.role_id, name: r.role_name },
    subject:
      r.user_id !== null
        ? { kind: 'user', id: r.user_id, name: r.display_name ?? '' }
        : { kind: 'group', id: r.group_id!, name: r.group_name ?? '' },
  };
}

export function presentSubjects({ users, groups, roles }: Awaited<ReturnType<typeof searchSubjects>>): SubjectsOut {
  return {
    users: users.map((u) => ({ id: u.id, login: u.login, displayName: u.display_name })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
  };
}

/** EXPL-3: whose project permissions a change would change, and — plainly — whether it leaves nobody administering. */
export function presentPreview(projectKey: string, changes: PreviewOut['changes'], lockout: boolean): PreviewOut {
  return { changes, warnings: lockout ? [{ code: 'project_lockout', message: lockoutMessage(projectKey) }] : [] };
}

export function lockoutMessage(projectKey: string): string {
  return (
    `After this change nobody administers project ${projectKey}: no active user would hold ADMINISTER_PROJECT ` +
    '(system administrators are not counted). Only a system administrator could then manage its permissions.'
  );
}
