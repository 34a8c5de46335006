import { z } from 'zod';
import { idParam as id, name, page, pageQuery, version } from '../../lib/schemas.js';
import { changeOut } from '../security/schema.js';

export const login = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const email = z.email().max(320);
export const password = z.string().min(10, 'at least 10 characters').max(1000);

export const userOut = z.object({
  id: z.number(),
  login: z.string(),
  displayName: z.string(),
  email: z.string(),
  active: z.boolean(),
  systemAdmin: z.boolean(),
  groups: z.array(z.object({ id: z.number(), name: z.string() })),
  version: z.number(),
  /** What the caller may do to the user: a system administrator's account and the flag are system administrators' only. */
  abilities: z.object({ canEdit: z.boolean(), canSetSystemAdmin: z.boolean() }),
});
export const userPage = page(userOut);
export const userListQuery = z.strictObject({ ...pageQuery, q: z.string().max(200).optional() });
export const memberList = z.object({ items: z.array(userOut) });
export const userCreate = z.strictObject({
  login,
  displayName: name,
  email,
  password: password.optional(),
  /** Hand the user a one-time set-password link instead of a password (answered once, in `passwordLink`). */
  passwordLink: z.boolean().optional(),
  systemAdmin: z.boolean().optional(),
});
/** A one-time set-password link, shown once: the web makes `<origin>/#/set-password/<token>` of it. */
export const passwordLinkOut = z.object({ token: z.string(), expiresAt: z.date() });
export const userCreated = userOut.extend({ passwordLink: passwordLinkOut.nullable() });
/** The token of a set-password link, as the URL carries it. */
export const linkParams = z.strictObject({ token: z.string().min(1).max(100) });
export const setPasswordBody = z.strictObject({ password });
export const userUpdate = z.strictObject({
  version,
  displayName: name.optional(),
  email: email.optional(),
  password: password.optional(),
  active: z.boolean().optional(),
  systemAdmin: z.boolean().optional(),
});
export const groupOut = z.object({
  id: z.number(),
  name: z.string(),
  memberCount: z.number(),
  version: z.number(),
  abilities: z.object({ canRename: z.boolean(), canDelete: z.boolean(), canEditMembers: z.boolean() }),
});
export const groupList = z.object({ items: z.array(groupOut) });
export const groupCreate = z.strictObject({ name });
export const groupUpdate = z.strictObject({ version, name });
export const BUILT_IN_GROUPS = ['administrators', 'users'];
/** ID-2: the built-in groups keep their names and stay; the refusals and the abilities both ask this. */
export const isBuiltInGroup = (name: string) => BUILT_IN_GROUPS.includes(name);

export const groupDeleteQuery = z.strictObject({
  version: z.coerce.number().int().positive().max(2_147_483_647),
  confirm: z.enum(['true', 'false']).optional(),
});
const access = z.enum(['allow', 'deny', 'unset']);
/** ID-6: what a group's deletion removes — only what lies in projects and items the caller may see; the rest leaves no trace. */
export const groupDeletionPreview = z.object({
  group: z.object({ id: z.number(), name: z.string(), version: z.number() }),
  removes: z.object({
    members: z.array(z.object({ id: z.number(), login: z.string(), displayName: z.string() })),
    projectPermissions: z.array(z.object({ id: z.number(), projectKey: z.string(), permission: z.string() })),
    denials: z.array(z.object({ id: z.number(), permission: z.string() })),
    projectRoles: z.array(z.object({ id: z.number(), projectKey: z.string(), role: z.string() })),
    itemSecurity: z.array(z.object({ id: z.number(), itemKey: z.string(), view: access, edit: access })),
    appRoles: z.array(z.object({ id: z.number(), role: z.string() })),
  }),
  needsConfirmation: z.boolean(),
  changes: z.array(changeOut),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const idParams = z.strictObject({ id });
export const memberParams = z.strictObject({ id, userId: id });

export type UserOut = z.infer<typeof userOut>;
export type UserPage = z.infer<typeof userPage>;
export type UserListQuery = z.infer<typeof userListQuery>;
export type MemberList = z.infer<typeof memberList>;
export type UserCreate = z.infer<typeof userCreate>;
export type UserCreated = z.infer<typeof userCreated>;
export type PasswordLinkOut = z.infer<typeof passwordLinkOut>;
export type SetPasswordBody = z.infer<typeof setPasswordBody>;
export type UserUpdate = z.infer<typeof userUpdate>;
export type GroupOut = z.infer<typeof groupOut>;
export type GroupList = z.infer<typeof groupList>;
export type GroupCreate = z.infer<typeof groupCreate>;
export type GroupUpdate = z.infer<typeof groupUpdate>;
export type GroupDeleteQuery = z.infer<typeof groupDeleteQuery>;
export type GroupDeletionPreview = z.infer<typeof groupDeletionPreview>;
