import { openAreas } from '../areas.js';
import type { ActionSpec } from '../catalogue.js';
import type { SubjectFacts, TeamFacts } from '../facts.js';
import { appRoleOf, holdsTeamPermission } from './holdings.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** Layer 5 — the app area must be open to the user (APP-2); what only system administrators hold, only they change. */
export function appLayer(trace: Trace, spec: ActionSpec, subject: SubjectFacts): Decision | undefined {
  const explain = trace.reasons !== null;
  if (spec.area) {
    if (!openAreas(subject).includes(spec.area))
      return refuse(trace, 'app', 'area_closed', `no app role of the user opens the ${spec.area} area`);
    if (explain) note(trace, 'app', 'area_open', `the ${spec.area} area is open to the user`);
  }
  if (spec.systemAdminOnly) {
    if (!subject.systemAdmin)
      return refuse(trace, 'app', 'grant_boundary', 'only system administrators change system administrators');
    if (explain) note(trace, 'app', 'system_admin', 'the user is a system administrator');
  }
  return undefined;
}

/** Layers 5–6 — authority: an app role of the list, a system administrator where allowed, or the team permission in the resource's team. */
export function authorityLayer(
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
