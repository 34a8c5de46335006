import { z } from 'zod';
import { PROJECT_PERMISSIONS } from '../../db/types.js';
import { id, name, projectKey, version } from '../../lib/schemas.js';

export const projectOut = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  client: z.object({ id: z.number(), name: z.string() }).nullable(),
  settings: z.object({ teamChecks: z.enum(['inherit', 'disabled']), periodLength: z.enum(['week', 'month']) }),
  version: z.number(),
  /** canViewTeams: the project's "Teams & price lists" tab (TEAM-8: not for users denied ISSUE_TIME_TABS). */
  abilities: z.object({
    canAdminister: z.boolean(),
    canCreateItems: z.boolean(),
    canManagePermissions: z.boolean(),
    canViewTeams: z.boolean(),
  }),
});
export type ProjectOut = z.infer<typeof projectOut>;

export const projectCreate = z.strictObject({ key: projectKey, name, clientId: id.nullable().optional() });
export const projectUpdate = z.strictObject({
  version,
  name: name.optional(),
  clientId: id.nullable().optional(),
  settings: z
    .strictObject({
      teamChecks: z.enum(['inherit', 'disabled']).optional(),
      periodLength: z.enum(['week', 'month']).optional(),
    })
    .optional(),
});

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
