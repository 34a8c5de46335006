import { GATES, type Gate } from '../catalogue.js';
import type { PriceListFact, ProjectFacts, ProjectTeamFacts, ResourceFacts, SubjectFacts } from '../facts.js';
import { holdsTeamPermission } from './holdings.js';
import { leaveState, notOwnLeave } from './leave.js';
import { notCharged, notOwnApproval, periodOpen, sliceState, timesheetEditable } from './timesheet.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** The team a user works on a project in (TEAM-4: at most one), whether its roles let them log time, and its price list valid on the date. */
export interface TeamStanding {
  team: { teamId: number; teamName: string } | null;
  canWork: boolean;
  priceList: PriceListFact | null;
}

export function teamStanding(person: SubjectFacts, teams: ProjectTeamFacts, date: string): TeamStanding {
  for (const team of teams.teams) {
    const membership = person.teams.find((t) => t.teamId === team.teamId);
    if (!membership) continue;
    const priceList =
      team.priceLists.find((pl) => pl.validFrom <= date && (pl.validTo === null || pl.validTo >= date)) ?? null;
    return {
      team: { teamId: team.teamId, teamName: team.teamName },
      canWork: holdsTeamPermission(membership, 'WORK_ON_ISSUES'),
      priceList,
    };
  }
  return { team: null, canWork: false, priceList: null };
}

/** PRICE-3: with the check on, a team of the project whose role grants WORK_ON_ISSUES and a price list valid on the work date. */
function teamCheck(trace: Trace, person: SubjectFacts, teams: ProjectTeamFacts, date: string): Decision | undefined {
  const explain = trace.reasons !== null;
  if (teams.checks !== 'on') {
    if (explain)
      note(
        trace,
        'business',
        'team_check_off',
        `the team check is off ${teams.checks === 'off_globally' ? 'for the installation' : `for ${teams.projectKey}`}`,
      );
    return undefined;
  }
  const held = teamStanding(person, teams, date);
  if (!held.team)
    return refuse(
      trace,
      'business',
      'not_in_team',
      `not in a team of ${teams.projectKey} with a price list valid on ${date}`,
    );
  // TEAM-8: a user denied ISSUE_TIME_TABS reads no team or price-list name, not even in a refusal about their own work.
  const named = !person.denies.some((d) => d.permission === 'ISSUE_TIME_TABS');
  const team = named ? `team '${held.team.teamName}'` : "the user's team";
  if (!held.canWork)
    return refuse(trace, 'business', 'team_role_cannot_work', `no role of the user in ${team} grants WORK_ON_ISSUES`);
  if (!held.priceList)
    return refuse(
      trace,
      'business',
      'no_valid_price_list',
      `${team} of ${teams.projectKey} has no price list valid on ${date}`,
    );
  if (explain)
    note(
      trace,
      'business',
      'team_check_passed',
      `member of ${team} of ${teams.projectKey}, ${named ? `price list '${held.priceList.name}'` : 'a price list'} valid on ${date}`,
    );
  return undefined;
}

/** PRJ-1: an archived project takes no new work logs and no new items; what it holds stays readable. */
function projectActive(trace: Trace, project: ProjectFacts): Decision | undefined {
  if (project.archived)
    return refuse(trace, 'business', GATES.projectActive.conflict, `project ${project.projectKey} is archived`);
  if (trace.reasons !== null)
    note(trace, 'business', 'project_active', `project ${project.projectKey} is not archived`);
  return undefined;
}

/** Each gate of the catalogue's GATES, decided for the person the work is done for on the facts the gate declares. */
const GATE_CHECKS: Record<Gate, (trace: Trace, person: SubjectFacts, resource: ResourceFacts) => Decision | undefined> =
  {
    projectActive: (trace, _person, resource) => projectActive(trace, resource.project!),
    teamCheck: (trace, person, resource) => teamCheck(trace, person, resource.teams!, resource.date!),
    periodOpen,
    timesheetEditable,
    notCharged: (trace, _person, resource) => notCharged(trace, resource),
    notOwnApproval,
    sliceState,
    notOwnLeave,
    leaveState,
  };

/** Layer 7 — the action's business gates in order; a gate whose facts are not all given is not asked. */
export function businessLayer(
  trace: Trace,
  gates: readonly Gate[],
  person: SubjectFacts,
  resource: ResourceFacts,
): Decision | undefined {
  for (const gate of gates) {
    if (!GATES[gate].facts.every((fact) => resource[fact] !== undefined)) continue;
    const refused = GATE_CHECKS[gate](trace, person, resource);
    if (refused) return refused;
  }
  return undefined;
}
