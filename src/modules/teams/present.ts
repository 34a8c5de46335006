import { abilities, type Actor } from '../../authz/engine.js';
import { effectiveTeamChecks, type ProjectFacts } from '../../authz/facts.js';
import { TEAM_PERMISSIONS, type ProjectTeamChecks, type TeamPermission } from '../../db/types.js';
import type { HistoryRow, UserNamed } from './repo-members.js';
import type { TeamParts, TeamRow } from './repo.js';
import { deletionRefusal, normalizeLevels, roleChangeRefusal, roleDeletionDecision } from './rules.js';
import type { HistoryOut, MemberRef, RoleOut, TeamAbilities, TeamChecksOut, TeamDetail, TeamOut } from './schema.js';

/** Rows as the API answers them, with the caller's abilities decided by the engine from facts already loaded. */

/** The project facts team abilities are decided on: each team's own project, and the projects global teams are assigned to (TEAM-8). */
export type ProjectFactsById = Map<number, ProjectFacts>;

export const projectIdsOfTeams = (rows: ReadonlyArray<Pick<TeamRow, 'project_id' | 'assigned_project_ids'>>) => [
  ...new Set(rows.flatMap((r) => (r.project_id === null ? r.assigned_project_ids.map(Number) : [r.project_id]))),
];

/** The resource facts of a team action: the team, its project, the projects a global team serves (TEAM-8). */
export function teamResource(
  team: Pick<TeamRow, 'id' | 'name' | 'project_id' | 'assigned_project_ids'>,
  facts: ProjectFactsById,
) {
  const assigned = team.assigned_project_ids.map(Number);
  return {
    project: team.project_id === null ? undefined : facts.get(team.project_id),
    servedProjects: team.project_id === null ? assigned.flatMap((id) => facts.get(id) ?? []) : [],
    team: { teamId: team.id, teamName: team.name, projectId: team.project_id, assignedProjectIds: assigned },
  };
}

/** The engine's abilities; `canDelete` also asks `deletionRefusal` (TEAM-7), the check the delete operation makes, so the UI offers no doomed button. */
export function teamAbilities(actor: Actor, team: TeamRow, facts: ProjectFactsById): TeamAbilities {
  const decided = abilities(actor.subject, teamResource(team, facts), {
    canManage: { action: 'team.manage' },
    canDelete: { action: 'team.delete' },
    canManagePriceLists: { action: 'pricelist.manage' },
  });
  return { ...decided, canDelete: decided.canDelete && deletionRefusal(team) === null };
}

/** One `team.grant` decision (an empty list: MANAGE_TEAM alone), from facts already loaded. */
function mayGrant(actor: Actor, team: TeamRow, facts: ProjectFactsById, levels: readonly TeamPermission[]): boolean {
  return abilities(actor.subject, teamResource(team, facts), { give: { action: 'team.grant', grantLevels: levels } })
    .give;
}

const NEW_TEAM = { teamId: 0, teamName: '(new team)' };

/** The Teams area's list: whether it may offer "Create global team" — the engine's answer for a new global team. */
export function teamListAbilities(actor: Actor) {
  return abilities(
    actor.subject,
    { team: { ...NEW_TEAM, projectId: null } },
    { canCreateGlobalTeam: { action: 'team.create' } },
  );
}

/** A project's teams tab: whether it may offer creating a team, assigning global teams and the check switch. */
export function projectTeamsAbilities(actor: Actor, project: ProjectFacts | undefined, projectId: number) {
  return abilities(
    actor.subject,
    { project, team: { ...NEW_TEAM, projectId } },
    {
      canCreateTeam: { action: 'team.create' },
      canAssignTeams: { action: 'project.teams' },
      canSwitchChecks: { action: 'project.teams' },
    },
  );
}

export function presentUser(u: UserNamed): MemberRef {
  return { id: u.id, login: u.login, displayName: u.display_name };
}

const projectOf = (row: TeamRow) =>
  row.project_id === null ? null : { key: row.project_key ?? '', name: row.project_name ?? '' };

/** A team as lists show it. */
export function presentTeam(actor: Actor, row: TeamRow, members: UserNamed[], facts: ProjectFactsById): TeamOut {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    project: projectOf(row),
    members: members.map(presentUser),
    memberCount: members.length,
    abilities: teamAbilities(actor, row, facts),
    version: row.version,
  };
}

/**
 * A team's page. What the caller may give (the grant boundary) is one `team.grant` decision per team permission and per
 * role, for the role editor and pickers; a role's deletion is decided as the delete operation decides it.
 */
export function presentTeamDetail(
  actor: Actor,
  row: TeamRow,
  facts: ProjectFactsById,
  [roles, members, projects]: TeamParts,
): TeamDetail {
  const may = (levels: readonly TeamPermission[]) => mayGrant(actor, row, facts, levels);
  const teamAbility = teamAbilities(actor, row, facts);
  const roleIdsOf = members.map((m) => m.role_ids.map(Number));
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    project: projectOf(row),
    memberCount: members.length,
    abilities: { ...teamAbility, grantable: TEAM_PERMISSIONS.filter((p) => may([p])) },
    version: row.version,
    roles: roles.map((r) => {
      // A grant of WORK_ON_ISSUES when holders would fall back to Team Member.
      const deletion = roleDeletionDecision(roleIdsOf.some((ids) => ids.length === 1 && ids[0] === r.id));
      const changeable = roleChangeRefusal(r) === null;
      return {
        ...r,
        permissions: normalizeLevels(r.permissions),
        canGive: may(r.permissions),
        abilities: { canEdit: changeable && teamAbility.canManage, canDelete: changeable && may(deletion.grantLevels) },
      };
    }),
    members: members.map((m, i) => ({
      user: presentUser(m),
      roleIds: roleIdsOf[i],
      joinedAt: m.joined_at,
      // memberUpdate keeps at least one role; a role is taken away only while another stays.
      abilities: {
        canRemove: teamAbility.canManage,
        canChangeRoles: teamAbility.canManage,
        canDropRole: teamAbility.canManage && roleIdsOf[i].length > 1,
      },
    })),
    assignedProjects: projects.map((p) => ({ key: p.key, name: p.name })),
  };
}

export function presentRole(r: {
  id: number;
  name: string;
  kind: 'lead' | 'member' | 'custom';
  permissions: TeamPermission[];
  version: number;
}): RoleOut {
  return { id: r.id, name: r.name, kind: r.kind, permissions: normalizeLevels(r.permissions), version: r.version };
}

/** One period of membership (TEAM-6). */
export function presentPeriod(r: HistoryRow): HistoryOut {
  return {
    id: r.id,
    user: { id: r.user_id, login: r.login, displayName: r.display_name },
    joinedAt: r.joined_at,
    leftAt: r.left_at,
    joinedBy: r.joined_by_id === null ? null : { id: r.joined_by_id, displayName: r.joined_by_name ?? '' },
    leftBy: r.left_by_id === null ? null : { id: r.left_by_id, displayName: r.left_by_name ?? '' },
  };
}

/** PRICE-2: the project's switch, the global one, and what applies to the project. */
export function presentTeamChecks(
  project: { team_checks: ProjectTeamChecks; version: number },
  global: boolean,
): TeamChecksOut {
  return {
    project: project.team_checks,
    global,
    version: project.version,
    effective: effectiveTeamChecks(global, project.team_checks),
  };
}
