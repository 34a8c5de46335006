import type { AppRole, TeamPermission } from '../../db/types.js';
import type { SubjectFacts, TeamMembershipFact } from '../facts.js';

/** The subject's first app role among `roles`, with how it is held. */
export const appRoleOf = (subject: SubjectFacts, roles: readonly AppRole[]) =>
  subject.appRoles.find((r) => roles.includes(r.role));

/** Team permissions a membership holds, with what each implies (TEAM-2: managing work logs or the team includes viewing members' work logs). */
export function holdsTeamPermission(membership: TeamMembershipFact, permission: TeamPermission): boolean {
  if (membership.permissions.includes(permission)) return true;
  return (
    permission === 'VIEW_MEMBER_WORKLOGS' &&
    (membership.permissions.includes('MANAGE_MEMBER_WORKLOGS') || membership.permissions.includes('MANAGE_TEAM'))
  );
}
