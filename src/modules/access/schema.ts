import { z } from 'zod';
import { APP_ROLES, DENY_PERMISSIONS } from '../../db/types.js';
import { id } from '../../lib/schemas.js';
import { changeOut } from '../security/schema.js';

const subjectOut = z.object({ kind: z.enum(['user', 'group']), id: z.number(), name: z.string() });

/** The deny catalogue (DENY-1: what each deny permission hides) and which groups are denied what. */
export const denyList = z.object({
  catalogue: z.array(z.object({ permission: z.enum(DENY_PERMISSIONS), label: z.string(), hides: z.array(z.string()) })),
  grants: z.array(
    z.object({
      id: z.number(),
      permission: z.enum(DENY_PERMISSIONS),
      effect: z.literal('DENY'),
      group: z.object({ id: z.number(), name: z.string() }),
    }),
  ),
});
/** App roles, the areas each opens, who holds them (APP-1, APP-2) and the prerequisites not held (APP-6). */
export const roleList = z.object({
  roles: z.array(
    z.object({
      role: z.enum(APP_ROLES),
      areas: z.array(z.string()),
      prerequisites: z.array(z.string()),
      grants: z.array(z.object({ id: z.number(), subject: subjectOut })),
    }),
  ),
  warnings: z.array(
    z.object({
      code: z.string(),
      user: z.object({ id: z.number(), login: z.string() }),
      role: z.string(),
      missing: z.array(z.string()),
      message: z.string(),
    }),
  ),
});
/** EXPL-3: whose areas or denied surfaces a change would change. */
export const accessPreview = z.object({ changes: z.array(changeOut) });

export const denyAdd = z.strictObject({ permission: z.enum(DENY_PERMISSIONS), groupId: id });
/** A grant names exactly one subject — the same rule for the save and its preview (the table's check would answer 500). */
export const roleGrant = z
  .strictObject({ role: z.enum(APP_ROLES), userId: id.optional(), groupId: id.optional() })
  .refine((v) => (v.userId === undefined) !== (v.groupId === undefined), {
    message: 'give exactly one of userId, groupId',
    path: ['userId'],
  });
export const denyPreviewBody = z.strictObject({ add: denyAdd.optional(), removeId: id.optional() });
export const rolePreviewBody = z.strictObject({ grant: roleGrant.optional(), revokeId: id.optional() });

export type DenyList = z.infer<typeof denyList>;
export type RoleList = z.infer<typeof roleList>;
export type RoleWarning = RoleList['warnings'][number];
export type AccessPreview = z.infer<typeof accessPreview>;
export type DenyAdd = z.infer<typeof denyAdd>;
export type RoleGrantInput = z.infer<typeof roleGrant>;
export type DenyPreviewBody = z.infer<typeof denyPreviewBody>;
export type RolePreviewBody = z.infer<typeof rolePreviewBody>;
