import { sql, type Expression, type SqlBool } from 'kysely';
import { SUBJECT_KINDS, type SubjectKind } from '../../authz/catalogue.js';
import type { Actor } from '../../authz/engine.js';
import { visibleItems } from '../../authz/visibility.js';
import type { Database } from '../../db/index.js';
import type { AccessValue } from '../../db/types.js';
import { worksOnProjects } from '../teams/repo.js';
import type { EntryIn } from './schema.js';

/** The item-security module's queries: settings and their entries, and the governing setting of every item (ITEM-2). */

/**
 * Where the subjects of each kind live, the column that names one, and which of them an entry on the project's items may
 * name (every one, or only those working on the project). A kind added to SUBJECT_KINDS does not compile until it is here.
 */
const SUBJECT_TABLES: Record<
  SubjectKind,
  { table: string; name: string; onProject?: (alias: string, projectId: number) => Expression<SqlBool> }
> = {
  user: { table: 'users', name: 'display_name' },
  group: { table: 'groups', name: 'name' },
  role: { table: 'project_roles', name: 'name' },
  // A team of the project, or a global team assigned to it (TEAM-4).
  team: { table: 'teams', name: 'name', onProject: (alias, projectId) => worksOnProjects(alias, [projectId]) },
};

/**
 * Serialises the changes to one project's tree and settings. `recomputeGoverning` reads the tree as it was when
 * its statement began, so a setting saved while a concurrent transaction adds or moves an item below it would
 * leave that item ungoverned — open to everyone (ITEM-2). Every transaction that changes settings or the tree
 * takes this lock first; it conflicts with the item-number counter update, which item creation also takes.
 */
export async function lockProjectTree(db: Database, projectId: number): Promise<void> {
  await db.selectFrom('projects').select('id').where('id', '=', projectId).forNoKeyUpdate().execute();
}

/**
 * Recomputes `governing_item_id` — the nearest ancestor-or-self with a setting of its own (ITEM-2) —
 * for the subtree under `rootItemId`. Called in the same transaction as every change to settings or
 * to the tree, so a request right after a change sees it.
 */
export async function recomputeGoverning(db: Database, rootItemId: number): Promise<void> {
  await sql`
    with recursive seed as (
      select coalesce((select p.governing_item_id from work_items p where p.id = r.parent_id), null) as gov
      from work_items r where r.id = ${rootItemId}),
    t as (
      select i.id, case when exists (select 1 from item_security s where s.item_id = i.id) then i.id else (select gov from seed) end as gov
      from work_items i where i.id = ${rootItemId}
      union all
      select c.id, case when exists (select 1 from item_security s where s.item_id = c.id) then c.id else t.gov end
      from work_items c join t on c.parent_id = t.id)
    update work_items w set governing_item_id = t.gov from t
    where w.id = t.id and w.governing_item_id is distinct from t.gov`.execute(db);
}

/** The ids of an item and all its descendants. */
export async function subtreeIds(db: Database, rootItemId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    with recursive t as (select id from work_items where id = ${rootItemId}
      union all select c.id from work_items c join t on c.parent_id = t.id)
    select id from t`.execute(db);
  return rows.map((r) => r.id);
}

/** The keys of the item and its descendants that the actor may view. */
export async function viewableSubtreeKeys(db: Database, actor: Actor, rootItemId: number): Promise<Set<string>> {
  const { rows } = await sql<{ key: string }>`
    with recursive t as (select id from work_items where id = ${rootItemId}
      union all select c.id from work_items c join t on c.parent_id = t.id)
    select w.key from t join work_items w on w.id = t.id where ${visibleItems(actor, 'w')}`.execute(db);
  return new Set(rows.map((r) => r.key));
}

/** The item's governing setting (none, its own, or an ancestor's) and its own setting's version. */
export function findSettingState(db: Database, itemId: number) {
  return db
    .selectFrom('work_items as i')
    .leftJoin('work_items as g', 'g.id', 'i.governing_item_id')
    .leftJoin('item_security as s', 's.item_id', 'i.id')
    .select(['i.id', 'i.governing_item_id', 'g.key as governing_key', 's.version'])
    .where('i.id', '=', itemId)
    .executeTakeFirstOrThrow();
}

export type EntryRow = Awaited<ReturnType<typeof findEntries>>[number];

/** Entries of an item's own setting, with their subjects' names. */
export async function findEntries(db: Database, itemId: number) {
  const names = SUBJECT_KINDS.map((kind) => {
    const { table, name } = SUBJECT_TABLES[kind];
    return sql`when ${sql.lit(kind)} then (select ${sql.ref(name)} from ${sql.table(table)} where id = e.subject_id)`;
  });
  const { rows } = await sql<{
    kind: SubjectKind;
    subject_id: number;
    name: string | null;
    view: AccessValue;
    edit: AccessValue;
  }>`
    select e.subject_kind as kind, e.subject_id, e.view, e.edit, case e.subject_kind ${sql.join(names, sql` `)} end as name
    from item_security_entries e where e.item_id = ${itemId} order by e.id`.execute(db);
  return rows;
}

/** Keys of the given items that have a setting of their own and that the actor may view, by number. */
export function findViewableWithOwnSetting(db: Database, actor: Actor, itemIds: number[]) {
  return db
    .selectFrom('item_security as s')
    .innerJoin('work_items as w', 'w.id', 's.item_id')
    .select('w.key')
    .where('s.item_id', 'in', itemIds)
    .where(visibleItems(actor, 'w'))
    .orderBy('w.num')
    .execute();
}

/**
 * Which of the entries' subjects exist, as `kind:id`, in one statement: users, groups and project roles, and teams that
 * work on the project (its own teams and global teams assigned to it).
 */
export async function findExistingSubjects(db: Database, entries: EntryIn[], projectId: number): Promise<Set<string>> {
  const selects = SUBJECT_KINDS.map((kind) => {
    const { table, onProject } = SUBJECT_TABLES[kind];
    const ids = entries.filter((e) => e.kind === kind).map((e) => e.subjectId);
    return sql`select ${sql.lit(kind)} as kind, tw_s.id from ${sql.table(table)} tw_s where tw_s.id = any(${ids}::int[])
      ${onProject ? sql`and ${onProject('tw_s', projectId)}` : sql``}`;
  });
  const { rows } = await sql<{ kind: SubjectKind; id: number }>`${sql.join(selects, sql` union all `)}`.execute(db);
  return new Set(rows.map((r) => `${r.kind}:${r.id}`));
}

/** The item's own setting, locked for the change that follows; undefined when it has none. */
export function lockSetting(trx: Database, itemId: number) {
  return trx.selectFrom('item_security').selectAll().where('item_id', '=', itemId).forUpdate().executeTakeFirst();
}

/** Gives the item a setting with these entries: replaces its own setting (a new version) or adds one. */
export async function writeSetting(
  trx: Database,
  setting: { itemId: number; projectId: number; replaces: boolean; entries: EntryIn[] },
) {
  const { itemId, projectId, entries } = setting;
  if (setting.replaces) {
    await trx.deleteFrom('item_security_entries').where('item_id', '=', itemId).execute();
    await trx
      .updateTable('item_security')
      .set({ version: sql`version + 1`, updated_at: new Date() })
      .where('item_id', '=', itemId)
      .execute();
  } else {
    await trx.insertInto('item_security').values({ item_id: itemId, project_id: projectId }).execute();
  }
  if (entries.length)
    await trx
      .insertInto('item_security_entries')
      .values(
        entries.map((e) => ({
          item_id: itemId,
          subject_kind: e.kind,
          subject_id: e.subjectId,
          view: e.view,
          edit: e.edit,
        })),
      )
      .execute();
}

/** Removes the own settings of the given items; returns the items that had one. */
export async function deleteSettings(trx: Database, itemIds: number[]): Promise<number[]> {
  if (!itemIds.length) return [];
  const removed = await trx.deleteFrom('item_security').where('item_id', 'in', itemIds).returning('item_id').execute();
  return removed.map((r) => r.item_id);
}
