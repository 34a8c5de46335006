import { z } from 'zod';
import { PERIOD_LENGTHS, PROJECT_PERMISSIONS, PROJECT_TEAM_CHECKS, type ProjectPermission } from '../../db/types.js';
import { id, idParam, name, page, pageQuery, projectKey, version } from '../../lib/schemas.js';

/**
 * The default scheme (PRJ-3): project roles are installation-wide and carry these permissions on every project that
 * uses the scheme — each new project, and the demo's. The creator of a project joins its first role.
 */
export const DEFAULT_PROJECT_ROLES = [
  { name: 'Administrators', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES', 'ADMINISTER_PROJECT'] },
  { name: 'Developers', permissions: ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'] },
  { name: 'Viewers', permissions: ['BROWSE_PROJECT'] },
] as const satisfies ReadonlyArray<{ name: string; permissions: readonly ProjectPermission[] }>;

export const projectKeyParams = z.strictObject({ key: projectKey });
export const grantParams = z.strictObject({ key: projectKey, grantId: idParam });
export const roleMemberParams = z.strictObject({ key: projectKey, memberId: idParam });
/** PRJ-1: the list shows active projects unless asked for the archived ones too (`include`) or only (`only`). */
export const projectListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().max(200).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export const subjectsQuery = z.strictObject({ q: z.string().max(200).optional() });
export type ProjectListQuery = z.infer<typeof projectListQuery>;
export type SubjectsQuery = z.infer<typeof subjectsQuery>;

export const projectOut = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  client: z.object({ id: z.number(), name: z.string() }).nullable(),
  settings: z.object({ teamChecks: z.enum(PROJECT_TEAM_CHECKS), periodLength: z.enum(PERIOD_LENGTHS) }),
  /** When the project was archived (PRJ-1: no new work logs or items); null while it is active. */
  archivedAt: z.date().nullable(),
  version: z.number(),
  /**
   * canViewTeams: the project's "Teams & price lists" tab (TEAM-8: not for users denied ISSUE_TIME_TABS);
   * canChooseClient: the caller edits the project and reads the clients it may name.
   */
  abilities: z.object({
    canAdminister: z.boolean(),
    canCreateItems: z.boolean(),
    canManagePermissions: z.boolean(),
    canViewTeams: z.boolean(),
    canChooseClient: z.boolean(),
  }),
});
/** A page of projects, and what the caller may do beside them: create a project, read the clients a new one may name. */
export const projectPage = page(projectOut).extend({
  abilities: z.object({ canCreate: z.boolean(), canListClients: z.boolean() }),
});
export type ProjectOut = z.infer<typeof projectOut>;
export type ProjectPage = z.infer<typeof projectPage>;

/** PRJ-1: a project's settings — the team check (PRICE-2) and the timesheet period length; each may be left out. */
const projectSettings = z
  .strictObject({
    teamChecks: z.enum(PROJECT_TEAM_CHECKS).optional(),
    periodLength: z.enum(PERIOD_LENGTHS).optional(),
  })
  .optional();
export const projectCreate = z.strictObject({
  key: projectKey,
  name,
  clientId: id.nullable().optional(),
  settings: projectSettings,
});
export const projectUpdate = z.strictObject({
  version,
  name: name.optional(),
  clientId: id.nullable().optional(),
  settings: projectSettings,
});
/** Archive or unarchive (PRJ-1), with the version read (API-4). */
export const projectArchive = z.strictObject({ version, archived: z.boolean() });
export type ProjectCreate = z.infer<typeof projectCreate>;
export type ProjectUpdate = z.infer<typeof projectUpdate>;
export type ProjectArchive = z.infer<typeof projectArchive>;

/** Exactly one of userId / groupId (/ roleId) names who receives a grant. */
function exactlyOne<K extends string>(keys: readonly K[]) {
  return (value: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    const given = keys.filter((k) => value[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', path: [given[1] ?? keys[0]], message: `give exactly one of ${keys.join(', ')}` });
  };
}

export const grantCreate = z
  .strictObject({
    permission: z.enum(PROJECT_PERMISSIONS),
    userId: id.optional(),
    groupId: id.optional(),
    roleId: id.optional(),
  })
  .superRefine(exactlyOne(['userId', 'groupId', 'roleId']));
export const roleMemberCreate = z
  .strictObject({ roleId: id, userId: id.optional(), groupId: id.optional() })
  .superRefine(exactlyOne(['userId', 'groupId']));
/** EXPL-3: a grant or a revocation, previewed (nothing is saved). */
export const grantPreviewBody = z
  .strictObject({ grant: grantCreate.optional(), revokeId: id.optional() })
  .superRefine(exactlyOne(['grant', 'revokeId']));
/** EXPL-3: a new role member or a removal, previewed (nothing is saved). */
export const roleMemberPreviewBody = z
  .strictObject({ add: roleMemberCreate.optional(), removeId: id.optional() })
  .superRefine(exactlyOne(['add', 'removeId']));
/** Taking the project's last administrator away needs this confirmation (the preview's `project_lockout` warning). */
export const lockoutQuery = z.strictObject({
  confirmLockout: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type GrantPreviewBody = z.infer<typeof grantPreviewBody>;
export type RoleMemberPreviewBody = z.infer<typeof roleMemberPreviewBody>;
export type GrantCreate = z.infer<typeof grantCreate>;
export type RoleMemberCreate = z.infer<typeof roleMemberCreate>;

export const grantOut = z.object({
  id: z.number(),
  permission: z.enum(PROJECT_PERMISSIONS),
  subject: z.object({ kind: z.enum(['user', 'group', 'role']), id: z.number(), name: z.string() }),
});
export const roleMemberOut = z.object({
  id: z.number(),
  role: z.object({ id: z.number(), name: z.string() }),
  subject: z.object({ kind: z.enum(['user', 'group']), id: z.number(), name: z.string() }),
});
export const grantList = z.object({ items: z.array(grantOut) });
export const roleMemberList = z.object({ items: z.array(roleMemberOut) });
export type GrantOut = z.infer<typeof grantOut>;
export type RoleMemberOut = z.infer<typeof roleMemberOut>;
export type GrantList = z.infer<typeof grantList>;
export type RoleMemberList = z.infer<typeof roleMemberList>;

/** Who a project administrator may name in grants, role memberships and item security. */
export const subjectsOut = z.object({
  users: z.array(z.object({ id: z.number(), login: z.string(), displayName: z.string() })),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
  roles: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type SubjectsOut = z.infer<typeof subjectsOut>;
