import { reachingGrants } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { loadProjects, loadSubjects } from '../../authz/loader.js';
import { canBrowseProject, canViewItem } from '../../authz/sql.js';
import { PROJECT_PERMISSIONS } from '../../db/types.js';
import type { Database } from '../../db/index.js';
import { appAccessSnapshot, diffSnapshots, dryRun, itemAccessSnapshot } from '../../commands/preview.js';

type Snapshot = Awaited<ReturnType<typeof appAccessSnapshot>>;

/**
 * Everything a group carries that its deletion removes (ID-6): its memberships, and every grant, denial, project-role
 * membership, item-security entry and app role naming it. Groups have no team memberships (teams hold users).
 */
export async function groupFootprint(db: Database, groupId: number) {
  const [members, projectPermissions, denials, projectRoles, itemSecurity, appRoles] = await Promise.all([
    db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.login', 'u.display_name as displayName'])
      .where('m.group_id', '=', groupId)
      .orderBy('u.login')
      .execute(),
    db
      .selectFrom('project_permission_grants as g')
      .innerJoin('projects as p', 'p.id', 'g.project_id')
      .select(['g.id', 'g.project_id as projectId', 'p.key as projectKey', 'g.permission'])
      .where('g.group_id', '=', groupId)
      .orderBy('p.key')
      .orderBy('g.permission')
      .execute(),
    db
      .selectFrom('deny_grants')
      .select(['id', 'permission'])
      .where('group_id', '=', groupId)
      .orderBy('permission')
      .execute(),
    db
      .selectFrom('project_role_members as m')
      .innerJoin('projects as p', 'p.id', 'm.project_id')
      .innerJoin('project_roles as r', 'r.id', 'm.role_id')
      .select(['m.id', 'm.project_id as projectId', 'p.key as projectKey', 'r.name as role'])
      .where('m.group_id', '=', groupId)
      .orderBy('p.key')
      .orderBy('r.name')
      .execute(),
    db
      .selectFrom('item_security_entries as e')
      .innerJoin('work_items as i', 'i.id', 'e.item_id')
      .select(['e.id', 'e.item_id as itemId', 'i.key as itemKey', 'i.project_id as projectId', 'e.view', 'e.edit'])
      .where('e.subject_kind', '=', 'group')
      .where('e.subject_id', '=', groupId)
      .orderBy('i.project_id')
      .orderBy('i.num')
      .execute(),
    db.selectFrom('app_role_grants').select(['id', 'role']).where('group_id', '=', groupId).orderBy('role').execute(),
  ]);
  return { members, projectPermissions, denials, projectRoles, itemSecurity, appRoles };
}
export type GroupFootprint = Awaited<ReturnType<typeof groupFootprint>>;

export const carriesAnything = (f: GroupFootprint) => Object.values(f).some((list) => list.length > 0);

/**
 * The audit row's `before`: every removed row by id. Projects and items are named by id only — a group's audit row
 * is installation-wide and shows to every audit reader (EXPL-4), who may not browse those projects.
 */
export function auditFootprint(f: GroupFootprint) {
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

/** Removes the group and, with it, everything it carries (the foreign keys cascade; item-security entries name it by id). */
export async function removeGroup(trx: Database, groupId: number) {
  await trx
    .deleteFrom('item_security_entries')
    .where('subject_kind', '=', 'group')
    .where('subject_id', '=', groupId)
    .execute();
  await trx.deleteFrom('groups').where('id', '=', groupId).execute();
}

/** The project permissions (ADMINISTER_PROJECT implying the others) each active user holds in the projects. */
async function projectAccessSnapshot(db: Database, projectIds: number[]): Promise<Snapshot> {
  const users = await db.selectFrom('users').select('id').where('active', '=', true).execute();
  const [subjects, projects] = await Promise.all([
    loadSubjects(
      db,
      users.map((u) => u.id),
    ),
    loadProjects(db, projectIds),
  ]);
  const keys = new Map(
    (projectIds.length
      ? await db.selectFrom('projects').select(['id', 'key']).where('id', 'in', projectIds).execute()
      : []
    ).map((p) => [p.id, p.key]),
  );
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    const held = new Set<string>();
    for (const [projectId, project] of projects) {
      const permissions = new Set(reachingGrants(project, subject).map((g) => g.permission));
      for (const permission of permissions.has('ADMINISTER_PROJECT') ? PROJECT_PERMISSIONS : permissions)
        held.add(`project ${keys.get(projectId)}:${permission}`);
    }
    snapshot.set(subject.userId, held);
  }
  return snapshot;
}

async function accessSnapshot(db: Database, projectIds: number[], itemIds: number[]): Promise<Snapshot> {
  const parts = [await appAccessSnapshot(db), await projectAccessSnapshot(db, projectIds)];
  for (const itemId of itemIds) parts.push(await itemAccessSnapshot(db, itemId));
  const merged: Snapshot = new Map();
  for (const part of parts)
    for (const [userId, abilities] of part) merged.set(userId, new Set([...(merged.get(userId) ?? []), ...abilities]));
  return merged;
}

/**
 * ID-6 with EXPL-3: what deleting the group removes and whose access changes, from a dry run of the deletion itself.
 * The caller sees projects and items as everywhere else: what lies in projects they cannot browse, or on items they
 * cannot view, is neither named nor counted (no trace of it), and changes there are left out.
 */
export async function previewGroupDeletion(
  db: Database,
  actor: Actor,
  group: { id: number; name: string; version: number },
) {
  const footprint = await groupFootprint(db, group.id);
  const projectIds = [
    ...new Set(
      [...footprint.projectPermissions, ...footprint.projectRoles, ...footprint.itemSecurity].map((r) => r.projectId),
    ),
  ];
  const itemIds = [...new Set(footprint.itemSecurity.map((e) => e.itemId))];
  const visibleProjects = new Set(
    projectIds.length
      ? (
          await db
            .selectFrom('projects as p')
            .select('p.id')
            .where('p.id', 'in', projectIds)
            .where(canBrowseProject(actor.userId, 'p.id'))
            .execute()
        ).map((p) => p.id)
      : [],
  );
  const viewableItems = new Set(
    itemIds.length
      ? (
          await db
            .selectFrom('work_items as i')
            .select('i.id')
            .where('i.id', 'in', itemIds)
            .where(canViewItem(actor, 'i'))
            .execute()
        ).map((i) => i.id)
      : [],
  );

  const { changes, lockouts } = await dryRun(db, async (trx) => {
    const shownItems = itemIds.filter((id) => viewableItems.has(id));
    const before = await accessSnapshot(trx, [...visibleProjects], shownItems);
    await removeGroup(trx, group.id);
    const diff = await diffSnapshots(trx, before, await accessSnapshot(trx, [...visibleProjects], shownItems));
    // ITEM-4: a setting left without any view allow makes its items reachable by system administrators only (as the security editor warns).
    const lockouts = shownItems.length
      ? await trx
          .selectFrom('item_security as s')
          .innerJoin('work_items as i', 'i.id', 's.item_id')
          .select('i.key')
          .where('s.item_id', 'in', shownItems)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('item_security_entries as e')
                  .select('e.id')
                  .whereRef('e.item_id', '=', 's.item_id')
                  .where('e.view', '=', 'allow'),
              ),
            ),
          )
          .orderBy('i.key')
          .execute()
      : [];
    return { changes: diff, lockouts: lockouts.map((l) => l.key) };
  });
  const viewableKeys = new Set(
    changes.length
      ? await visibleItemKeys(
          db,
          actor,
          changes.map((c) => c.target),
        )
      : [],
  );
  const visibleTarget = (target: string) =>
    target === 'area' || target === 'denied' || (target.startsWith('project ') ? true : viewableKeys.has(target));

  const shown = {
    members: footprint.members,
    projectPermissions: footprint.projectPermissions
      .filter((g) => visibleProjects.has(g.projectId))
      .map(({ id, projectKey, permission }) => ({ id, projectKey, permission })),
    denials: footprint.denials,
    projectRoles: footprint.projectRoles
      .filter((m) => visibleProjects.has(m.projectId))
      .map(({ id, projectKey, role }) => ({ id, projectKey, role })),
    itemSecurity: footprint.itemSecurity
      .filter((e) => viewableItems.has(e.itemId))
      .map(({ id, itemKey, view, edit }) => ({ id, itemKey, view, edit })),
    appRoles: footprint.appRoles,
  };
  return {
    group,
    removes: shown,
    needsConfirmation: carriesAnything(footprint),
    changes: changes.filter((c) => visibleTarget(c.target)),
    warnings: lockouts.map((key) => ({
      code: 'lockout',
      message: `${key} would keep a security setting with no allow: only system administrators could reach it (ITEM-4)`,
    })),
  };
}

/** Of the targets that look like item keys, those the actor may view. */
async function visibleItemKeys(db: Database, actor: Actor, targets: string[]) {
  const keys = [...new Set(targets.filter((t) => /^[A-Z][A-Z0-9]*-\d+$/.test(t)))];
  if (!keys.length) return [];
  const rows = await db
    .selectFrom('work_items as i')
    .select('i.key')
    .where('i.key', 'in', keys)
    .where(canViewItem(actor, 'i'))
    .execute();
  return rows.map((r) => r.key);
}
