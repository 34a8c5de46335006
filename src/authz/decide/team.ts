import type { AppRole, TeamPermission } from '../../db/types.js';
import { ACTS_FOR_OTHERS, TEAM_SEERS, UNBOUNDED_GRANTERS, type ActionSpec } from '../catalogue.js';
import type { ProjectFacts, ResourceFacts, SubjectFacts, TeamFacts } from '../facts.js';
import { LAYOUT } from '../standings.js';
import { appRoleOf, holdsTeamPermission } from './holdings.js';
import { projectIndex, standing } from './standing.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** How a user sees a team (TEAM-8): as a member, through an app role, as a system administrator, or administering a project it serves. */
export type TeamSight =
  | { kind: 'member' }
  | { kind: 'role'; role: AppRole }
  | { kind: 'systemAdmin' }
  | { kind: 'projectAdmin'; project: ProjectFacts };

/**
 * TEAM-8: null when the team is hidden from the user — a user denied ISSUE_TIME_TABS sees no team at all; others see
 * it as a member, through an app role of TEAM_SEERS, as a system administrator, or with ADMINISTER_PROJECT on its
 * project (a project team) or on a project it is assigned to (a global team).
 */
export function teamSight(subject: SubjectFacts, team: TeamFacts, resource: ResourceFacts): TeamSight | null {
  if (subject.denies.some((d) => d.permission === 'ISSUE_TIME_TABS')) return null;
  if (subject.teams.some((t) => t.teamId === team.teamId)) return { kind: 'member' };
  const role = appRoleOf(subject, TEAM_SEERS);
  if (role) return { kind: 'role', role: role.role };
  if (subject.systemAdmin) return { kind: 'systemAdmin' };
  const served = team.projectId === null ? (resource.servedProjects ?? []) : resource.project ? [resource.project] : [];
  for (const project of served) {
    const index = projectIndex(project);
    if (LAYOUT.holds(index.bitsAt(standing(index, subject)), 'ADMINISTER_PROJECT'))
      return { kind: 'projectAdmin', project };
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

/** Layer 6 — TEAM-8: the team is visible to the user (`sight`, worked out before the other layers). */
export function teamVisibleLayer(trace: Trace, sight: TeamSight | null, team: TeamFacts): Decision | undefined {
  if (sight === null)
    return refuse(
      trace,
      'team',
      'team_not_visible',
      `team '${team.teamName}' is visible only to its members, ${TEAM_SEERS.join(', ')} and administrators of the projects it serves (TEAM-8)`,
    );
  if (trace.reasons) note(trace, 'team', 'team_visible', describeSight(sight, team));
  return undefined;
}

/** Layer 6 — grant boundary: nobody gives a team permission they do not hold in that team themselves. */
export function grantBoundaryLayer(
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
        `${UNBOUNDED_GRANTERS.join(', ')} and system administrators may grant every team permission`,
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

/** `a, b, or c`. */
const orList = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;

/** WL-5 / TEAM-2: acting on another user's work needs the permission in a team of theirs, or an app role of ACTS_FOR_OTHERS. */
export function actingFor(
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
  const forAnyone = appRoleOf(subject, ACTS_FOR_OTHERS.anyone);
  if (forAnyone) {
    if (explain) note(trace, 'app', 'app_role', `app role ${forAnyone.role} acts for every user`);
    return undefined;
  }
  const forMembers = owner.teams.length > 0 ? appRoleOf(subject, ACTS_FOR_OTHERS.teamMembers) : undefined;
  if (forMembers) {
    if (explain)
      note(
        trace,
        'app',
        'app_role',
        `app role ${forMembers.role} over team '${owner.teams[0].teamName}' of ${owner.name ?? 'the user'}`,
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
  const roles = orList([...ACTS_FOR_OTHERS.teamMembers, ...ACTS_FOR_OTHERS.anyone]);
  return refuse(
    trace,
    'team',
    'not_own_worklog',
    `acting for ${owner.name ?? 'another user'} needs ${level} in a team of theirs, ${roles} (WL-5)`,
  );
}
