import { abilities, type Actor } from '../../authz/engine.js';
import type { ProjectFacts } from '../../authz/facts.js';
import type { GrantRow, ProjectRow, RoleMemberRow, searchSubjects } from './repo.js';
import type { GrantOut, ProjectOut, RoleMemberOut, SubjectsOut } from './schema.js';

/** A project as the API answers it, with the caller's abilities decided from the project's facts already loaded. */
export function presentProject(row: ProjectRow, actor: Actor, facts: ProjectFacts | undefined): ProjectOut {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    client: row.client_id === null ? null : { id: row.client_id, name: row.client_name ?? '' },
    settings: { teamChecks: row.team_checks, periodLength: row.period_length },
    version: row.version,
    abilities: abilities(
      actor.subject,
      { project: facts },
      {
        canAdminister: { action: 'project.edit' },
        canCreateItems: { action: 'item.create' },
        canManagePermissions: { action: 'project.permissions' },
        canViewTeams: { action: 'project.teamList' },
      },
    ),
  };
}

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
