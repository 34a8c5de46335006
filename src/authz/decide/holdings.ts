import type { AppRole, TeamPermission } from '../../db/types.js';
import type { SubjectFacts, TeamMembershipFact } from '../facts.js';

/** The subject's first app role among `roles`, with how it is held. */
export const appRoleOf = (subject: SubjectFacts, roles: readonly AppRole[]) =>
  subject.appRoles.find((r) => roles.includes(r.role));

/** Team permissions that include others (TEAM-2: managing work logs or the team includes viewing members' work logs). */
export const IMPLIED_BY: Partial<Record<TeamPermission, readonly TeamPermission[]>> = {
  VIEW_MEMBER_WORKLOGS: ['MANAGE_MEMBER_WORKLOGS', 'MANAGE_TEAM'],
};

/** The team permissions any of which holds `permission`: itself and those that include it. */
export const holdersOf = (permission: TeamPermission): TeamPermission[] => [
  permission,
  ...(IMPLIED_BY[permission] ?? []),
];

/** Whether a membership holds the team permission, itself or through one that includes it. */
export function holdsTeamPermission(membership: TeamMembershipFact, permission: TeamPermission): boolean {
  return holdersOf(permission).some((p) => membership.permissions.includes(p));
}
