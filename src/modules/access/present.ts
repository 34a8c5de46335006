import { areasOf, ROLE_PREREQUISITES } from '../../authz/areas.js';
import type { SubjectFacts } from '../../authz/facts.js';
import { APP_ROLES, DENY_PERMISSIONS, type DenyPermission } from '../../db/types.js';
import type { DenyRow, RoleGrantRow } from './repo.js';
import type { DenyList, RoleList, RoleWarning } from './schema.js';

/** What each deny permission hides (DENY-1); the admin screen shows these as DENY, unmistakably (DENY-3). */
export const DENY_CATALOGUE: Record<DenyPermission, { label: string; hides: string[] }> = {
  ISSUE_TIME_TABS: {
    label: 'DENY time-tracking tabs of the item screen',
    hides: ['work logs tab', 'time history', 'team & price details'],
  },
  ISSUE_TIME_PANELS: {
    label: 'DENY time-tracking panels of the item screen',
    hides: ['time spent', 'estimates', 'team & price summary', 'my last work log'],
  },
};

export function denyListOut(rows: DenyRow[]): DenyList {
  return {
    catalogue: DENY_PERMISSIONS.map((permission) => ({ permission, ...DENY_CATALOGUE[permission] })),
    grants: rows.map((r) => ({
      id: r.id,
      permission: r.permission,
      effect: 'DENY' as const,
      group: { id: r.group_id, name: r.name },
    })),
  };
}

export function roleListOut(rows: RoleGrantRow[], warnings: RoleWarning[]): RoleList {
  return {
    roles: APP_ROLES.map((role) => ({
      role,
      areas: areasOf(role),
      prerequisites: ROLE_PREREQUISITES[role] ?? [],
      grants: rows
        .filter((r) => r.role === role)
        .map((r) => ({
          id: r.id,
          subject:
            r.user_id !== null
              ? { kind: 'user' as const, id: r.user_id, name: r.display_name ?? '' }
              : { kind: 'group' as const, id: r.group_id!, name: r.name ?? '' },
        })),
    })),
    warnings,
  };
}

/** APP-6: each role a user holds without its prerequisites, as a warning (the grant still stands). */
export function prerequisiteWarnings(subjects: Iterable<SubjectFacts>, logins: Map<number, string>): RoleWarning[] {
  const warnings: RoleWarning[] = [];
  for (const subject of subjects) {
    const held = new Set(subject.appRoles.map((r) => r.role));
    for (const role of held) {
      const missing = (ROLE_PREREQUISITES[role] ?? []).filter((p) => !held.has(p));
      if (missing.length)
        warnings.push({
          code: 'missing_prerequisite',
          user: { id: subject.userId, login: logins.get(subject.userId) ?? '' },
          role,
          missing,
          message: `${logins.get(subject.userId)} holds ${role} but not ${missing.join(' and ')}`,
        });
    }
  }
  return warnings.sort((a, b) => a.user.login.localeCompare(b.user.login) || a.role.localeCompare(b.role));
}
