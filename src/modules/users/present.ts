import type { GroupFootprint } from './footprint.js';
import type { UserRow } from './repo.js';
import { isBuiltInGroup, type GroupDeletionPreview, type GroupOut, type UserOut } from './schema.js';

/** What the caller may do in user administration beyond admin.users: touch system administrators and the flag. */
export interface Viewer {
  setsSystemAdmins: boolean;
}

export function userOut(r: UserRow, viewer: Viewer): UserOut {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    email: r.email,
    active: r.active,
    systemAdmin: r.system_admin,
    groups: r.groups,
    version: r.version,
    abilities: { canEdit: viewer.setsSystemAdmins || !r.system_admin, canSetSystemAdmin: viewer.setsSystemAdmins },
  };
}

/** A group as the API shows it, with what the caller may do to it (ID-2: built-in groups are neither renamed nor deleted). */
export function groupOut(
  group: { id: number; name: string; version: number },
  memberCount: number,
  viewer: Viewer,
): GroupOut {
  const builtIn = isBuiltInGroup(group.name);
  // Who is in `administrators` is the grant boundary's: system administrators only.
  const canEditMembers = group.name !== 'administrators' || viewer.setsSystemAdmins;
  return {
    id: group.id,
    name: group.name,
    version: group.version,
    memberCount,
    abilities: { canRename: !builtIn, canDelete: !builtIn, canEditMembers },
  };
}

/** What a group's deletion removes, as its preview shows it: only what lies in projects and items the caller may see. */
export function removesOut(
  f: GroupFootprint,
  visible: { projects: Set<number>; items: Set<number> },
): GroupDeletionPreview['removes'] {
  return {
    members: f.members,
    projectPermissions: f.projectPermissions
      .filter((g) => visible.projects.has(g.projectId))
      .map(({ id, projectKey, permission }) => ({ id, projectKey, permission })),
    denials: f.denials,
    projectRoles: f.projectRoles
      .filter((m) => visible.projects.has(m.projectId))
      .map(({ id, projectKey, role }) => ({ id, projectKey, role })),
    itemSecurity: f.itemSecurity
      .filter((e) => visible.items.has(e.itemId))
      .map(({ id, itemKey, view, edit }) => ({ id, itemKey, view, edit })),
    appRoles: f.appRoles,
  };
}

/**
 * The audit row's `before`: every removed row by id. Projects and items are named by id only — a group's audit row
 * is installation-wide and shows to every audit reader (EXPL-4), who may not browse those projects.
 */
export function footprintForAudit(f: GroupFootprint) {
  return {
    members: f.members.map((m) => ({ id: m.id, login: m.login })),
    projectPermissions: f.projectPermissions.map((g) => ({
      id: g.id,
      projectId: g.projectId,
      permission: g.permission,
    })),
    denials: f.denials,
    projectRoles: f.projectRoles.map((m) => ({ id: m.id, projectId: m.projectId, role: m.role })),
    itemSecurity: f.itemSecurity.map((e) => ({
      id: e.id,
      itemId: e.itemId,
      projectId: e.projectId,
      view: e.view,
      edit: e.edit,
    })),
    appRoles: f.appRoles,
  };
}
