/**
 * The queries of a group's deletion (ID-6): what the group carries across projects, items and app roles, its removal,
 * and what of it the administrator may see. They read other modules' tables, so they live here, beside the users
 * module's own repo, for the delete-group command (src/commands/delete-group.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../authz/engine.js';
import { visibleItems, visibleProjects } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';

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

/** Removes the group and, with it, everything it carries (the foreign keys cascade; item-security entries name it by id). */
export async function removeGroup(trx: Database, groupId: number) {
  await trx
    .deleteFrom('item_security_entries')
    .where('subject_kind', '=', 'group')
    .where('subject_id', '=', groupId)
    .execute();
  await trx.deleteFrom('groups').where('id', '=', groupId).execute();
}

/** Of `values` of the table's column, those on rows the reader may see (`shown`, a predicate over the alias). */
async function shownAmong<V extends number | string>(
  db: Database,
  rows: { table: 'projects' | 'work_items'; column: 'id' | 'key'; values: V[] },
  shown: (alias: string) => Expression<SqlBool>,
): Promise<Set<V>> {
  if (!rows.values.length) return new Set();
  const column = sql.ref(`tw_r.${rows.column}`);
  const found = await sql<{ value: V }>`select ${column} as value from ${sql.table(rows.table)} tw_r
    where ${column} in (${sql.join(rows.values)}) and ${shown('tw_r')}`.execute(db);
  return new Set(found.rows.map((r) => r.value));
}

/** Of the projects, those the actor may browse. */
export const browsableProjectIds = (db: Database, actor: Actor, ids: number[]) =>
  shownAmong(db, { table: 'projects', column: 'id', values: ids }, (p) => visibleProjects(actor, `${p}.id`));

/** Of the items, those the actor may view. */
export const viewableItemIds = (db: Database, actor: Actor, ids: number[]) =>
  shownAmong(db, { table: 'work_items', column: 'id', values: ids }, (i) => visibleItems(actor, i));

/** Of the item keys, those the actor may view. */
export const viewableItemKeys = (db: Database, actor: Actor, keys: string[]) =>
  shownAmong(db, { table: 'work_items', column: 'key', values: keys }, (i) => visibleItems(actor, i));

/** ITEM-4: the keys of the items whose own security setting has no view allow left. */
export async function settingsWithoutViewAllow(db: Database, itemIds: number[]) {
  if (!itemIds.length) return [];
  const rows = await db
    .selectFrom('item_security as s')
    .innerJoin('work_items as i', 'i.id', 's.item_id')
    .select('i.key')
    .where('s.item_id', 'in', itemIds)
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
    .execute();
  return rows.map((r) => r.key);
}
