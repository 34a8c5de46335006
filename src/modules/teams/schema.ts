import { z } from 'zod';
import type { TeamCheckState } from '../../authz/facts.js';
import { PROJECT_TEAM_CHECKS, TEAM_PERMISSIONS } from '../../db/types.js';
import { id, idParam, name, page, pageQuery, projectKey, text, userRef, version } from '../../lib/schemas.js';

/** A list of ids in a body: no repeats, so each names one thing once. */
const idList = (max: number) =>
  z
    .array(id)
    .max(max)
    .superRefine((ids, ctx) => {
      const seen = new Set<number>();
      ids.forEach((value, i) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: `${value} appears twice` });
        seen.add(value);
      });
    });

/** The team permission levels a role gives (TEAM-2): at least one, each once. */
export const teamPermissions = z
  .array(z.enum(TEAM_PERMISSIONS))
  .min(1)
  .max(TEAM_PERMISSIONS.length)
  .superRefine((levels, ctx) => {
    levels.forEach((level, i) => {
      if (levels.indexOf(level) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${level} appears twice` });
    });
  });

export const teamParams = z.strictObject({ id: idParam });
export const roleParams = z.strictObject({ id: idParam, roleId: idParam });
export const memberParams = z.strictObject({ id: idParam, userId: idParam });
export const projectParams = z.strictObject({ key: projectKey });
export const assignmentParams = z.strictObject({ key: projectKey, teamId: idParam });

export const teamCreate = z.strictObject({
  name,
  description: text(20_000).optional(),
  /** Absent: a global team (TEAM-1). */
  projectKey: projectKey.optional(),
  /** Gets the Team Lead role; everyone else in `memberIds` the Team Member role (TEAM-3). */
  leadUserId: id.optional(),
  memberIds: idList(200).optional(),
});
export const teamUpdate = z.strictObject({ version, name: name.optional(), description: text(20_000).optional() });
export const versionQuery = z.strictObject({ version: z.coerce.number().int().positive().max(2_147_483_647) });

export const roleCreate = z.strictObject({ name, permissions: teamPermissions });
export const roleUpdate = z.strictObject({ version, name: name.optional(), permissions: teamPermissions.optional() });

export const membersAdd = z.strictObject({
  userIds: idList(200).min(1),
  /** The roles the new members hold; absent: the Team Member role. */
  roleIds: idList(50).min(1).optional(),
});
export const memberUpdate = z.strictObject({ roleIds: idList(50).min(1) });

export const assignmentSet = z.strictObject({ assigned: z.boolean() });
export const projectChecksUpdate = z.strictObject({ teamChecks: z.enum(PROJECT_TEAM_CHECKS), version });

export const teamListQuery = z.strictObject({
  ...pageQuery,
  scope: z.enum(['global', 'project']).optional(),
  /** Teams working on this project: its own, and the global teams assigned to it. */
  projectKey: projectKey.optional(),
});
export const candidatesQuery = z.strictObject({
  ...pageQuery,
  teamId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: z.string().max(200).optional(),
});
export const historyQuery = z.strictObject({
  ...pageQuery,
  userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

// ---- Responses (allowlists) -----------------------------------------------------------------------

export const memberRef = z.object({ id: z.number(), login: z.string(), displayName: z.string() });
const projectRef = z.object({ key: z.string(), name: z.string() });
export const teamAbilities = z.object({
  canManage: z.boolean(),
  canDelete: z.boolean(),
  canManagePriceLists: z.boolean(),
});

export const teamOut = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** null: a global team. */
  project: projectRef.nullable(),
  /** Current members. */
  members: z.array(memberRef),
  memberCount: z.number(),
  abilities: teamAbilities,
  version: z.number(),
});
export const globalTeamOut = teamOut.extend({ assigned: z.boolean() });
/** canCreateGlobalTeam: whether the Teams area may offer "Create global team". */
export const teamListOut = page(teamOut).extend({ abilities: z.object({ canCreateGlobalTeam: z.boolean() }) });

export const roleOut = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(['lead', 'member', 'custom']),
  permissions: z.array(z.enum(TEAM_PERMISSIONS)),
  version: z.number(),
});

export const teamDetail = teamOut.omit({ members: true }).extend({
  /** grantable: team permissions the caller may give in this team (the grant boundary); the role editor offers only these. */
  abilities: teamAbilities.extend({ grantable: z.array(z.enum(TEAM_PERMISSIONS)) }),
  /**
   * canGive: the caller may give the role in this team (the grant boundary); the role pickers offer only these.
   * abilities: the role may be changed or deleted by the caller (TEAM-3: default roles never).
   */
  roles: z.array(
    roleOut.extend({ canGive: z.boolean(), abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }) }),
  ),
  /** abilities.canDropRole: a role may be taken from the member (they keep at least one). */
  members: z.array(
    z.object({
      user: memberRef,
      roleIds: z.array(z.number()),
      joinedAt: z.date(),
      abilities: z.object({ canRemove: z.boolean(), canChangeRoles: z.boolean(), canDropRole: z.boolean() }),
    }),
  ),
  /** A global team's projects the caller may browse ([] for a project team). */
  assignedProjects: z.array(projectRef),
});

export const historyOut = z.object({
  id: z.number(),
  user: memberRef,
  joinedAt: z.date(),
  leftAt: z.date().nullable(),
  joinedBy: userRef.nullable(),
  leftBy: userRef.nullable(),
});
export const historyPage = page(historyOut);
/** Users who may join a team (TEAM-5). */
export const candidatePage = page(memberRef);

/**
 * Whether the team check applies to a project (PRICE-2), as the engine's facts name it: every TeamCheckState is a key
 * here, so a state added there does not compile until it is added to the API too.
 */
const TEAM_CHECK_STATES: { [S in TeamCheckState]: S } = {
  on: 'on',
  off_globally: 'off_globally',
  off_for_project: 'off_for_project',
};
export const teamCheckState = z.enum(TEAM_CHECK_STATES);

export const teamChecksOut = z.object({
  project: z.enum(PROJECT_TEAM_CHECKS),
  global: z.boolean(),
  /** What applies to the project (PRICE-2). */
  effective: teamCheckState,
  /** The project's version, for changing its switch. */
  version: z.number(),
});

export const projectTeamsOut = z.object({
  teamChecks: teamChecksOut,
  projectTeams: z.array(teamOut),
  globalTeams: z.array(globalTeamOut),
  abilities: z.object({ canCreateTeam: z.boolean(), canAssignTeams: z.boolean(), canSwitchChecks: z.boolean() }),
});

export type TeamCreate = z.infer<typeof teamCreate>;
export type TeamUpdate = z.infer<typeof teamUpdate>;
export type RoleCreate = z.infer<typeof roleCreate>;
export type RoleUpdate = z.infer<typeof roleUpdate>;
export type MembersAdd = z.infer<typeof membersAdd>;
export type MemberUpdate = z.infer<typeof memberUpdate>;
export type AssignmentSet = z.infer<typeof assignmentSet>;
export type ProjectChecksUpdate = z.infer<typeof projectChecksUpdate>;
export type TeamListQuery = z.infer<typeof teamListQuery>;
export type CandidatesQuery = z.infer<typeof candidatesQuery>;
export type HistoryQuery = z.infer<typeof historyQuery>;

export type MemberRef = z.infer<typeof memberRef>;
export type TeamAbilities = z.infer<typeof teamAbilities>;
export type TeamOut = z.infer<typeof teamOut>;
export type GlobalTeamOut = z.infer<typeof globalTeamOut>;
export type TeamListOut = z.infer<typeof teamListOut>;
export type RoleOut = z.infer<typeof roleOut>;
export type TeamDetail = z.infer<typeof teamDetail>;
export type TeamRoleOut = TeamDetail['roles'][number];
export type TeamMemberOut = TeamDetail['members'][number];
export type HistoryOut = z.infer<typeof historyOut>;
export type HistoryPage = z.infer<typeof historyPage>;
export type CandidatePage = z.infer<typeof candidatePage>;
export type TeamChecksOut = z.infer<typeof teamChecksOut>;
/** Whether the team & price-list check applies to a project (PRICE-2). */
export type TeamChecksState = TeamChecksOut['effective'];
export type ProjectTeamsOut = z.infer<typeof projectTeamsOut>;
