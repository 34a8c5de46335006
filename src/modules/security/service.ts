import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../authz/engine.js';
import type { ItemFacts } from '../../authz/loader.js';
import { canViewItem } from '../../authz/sql.js';
import type { Database } from '../../db/index.js';
import { badRequest, conflict, unprocessable } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import { diffSnapshots, dryRun, itemAccessSnapshot } from '../../commands/preview.js';
import { lockProjectTree, recomputeGoverning, subtreeIds } from './governing.js';
import type { entryIn, securitySet } from './schema.js';

type EntryIn = z.infer<typeof entryIn>;

const subjectTables = {
  user: ['users', 'display_name'],
  group: ['groups', 'name'],
  role: ['project_roles', 'name'],
  team: ['teams', 'name'],
} as const;

/** Entries of an item's own setting, with their subjects' names. */
async function entriesOf(db: Database, itemId: number) {
  const { rows } = await sql<{
    kind: 'user' | 'group' | 'role' | 'team';
    subject_id: number;
    name: string | null;
    view: 'allow' | 'deny' | 'unset';
    edit: 'allow' | 'deny' | 'unset';
  }>`
    select e.subject_kind as kind, e.subject_id, e.view, e.edit,
      case e.subject_kind when 'user' then (select display_name from users where id = e.subject_id)
                          when 'group' then (select name from groups where id = e.subject_id)
                          when 'role' then (select name from project_roles where id = e.subject_id)
                          when 'team' then (select name from teams where id = e.subject_id) end as name
    from item_security_entries e where e.item_id = ${itemId} order by e.id`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    subject: { id: r.subject_id, name: r.name ?? '' },
    view: r.view,
    edit: r.edit,
  }));
}

/** ITEM-4: a setting in which nobody is allowed to view locks everyone but system administrators out. */
function lockoutWarnings(entries: ReadonlyArray<{ view: string }>) {
  return entries.some((e) => e.view === 'allow')
    ? []
    : [
        {
          code: 'lockout',
          message: 'no entry allows view: only system administrators will reach this item and its inheriting children',
        },
      ];
}

/** Item security settings (ITEM-1…ITEM-10): each change is one transaction that also recomputes the governing settings. */
export function createSecurityService({ db, authz }: Deps) {
  async function get(actor: Actor, key: string) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    return describe(actor, key, item.itemId);
  }

  /**
   * The setting as it now stands. After a change it is answered without a second check: a setting that
   * shuts out the very administrator who saved it (ITEM-4, confirmed) is saved, and the answer says so.
   */
  async function describe(actor: Actor, key: string, itemId: number) {
    const row = await db
      .selectFrom('work_items as i')
      .leftJoin('work_items as g', 'g.id', 'i.governing_item_id')
      .leftJoin('item_security as s', 's.item_id', 'i.id')
      .select(['i.id', 'i.governing_item_id', 'g.key as governing_key', 's.version'])
      .where('i.id', '=', itemId)
      .executeTakeFirstOrThrow();
    const mode = row.governing_item_id === null ? 'none' : row.governing_item_id === row.id ? 'own' : 'inherited';
    const entries = row.governing_item_id === null ? [] : await entriesOf(db, row.governing_item_id);
    const ids = (await subtreeIds(db, itemId)).filter((id) => id !== itemId);
    // Only descendants the caller may view are named: a project administrator kept out of part of the subtree learns
    // nothing of it (ITEM-9); clearing the whole subtree (ITEM-7) still clears them.
    const own = ids.length
      ? await db
          .selectFrom('item_security as s')
          .innerJoin('work_items as w', 'w.id', 's.item_id')
          .select('w.key')
          .where('s.item_id', 'in', ids)
          .where(canViewItem(actor, 'w'))
          .orderBy('w.num')
          .execute()
      : [];
    return {
      itemKey: key,
      mode: mode as 'own' | 'inherited' | 'none',
      inheritedFrom: mode === 'inherited' ? row.governing_key : null,
      entries,
      version: mode === 'own' ? row.version : null,
      childrenWithOwnSetting: own.map((r) => r.key),
      warnings: mode === 'none' ? [] : lockoutWarnings(entries),
    };
  }

  async function checkSubjects(trx: Database, entries: EntryIn[], projectId: number, field = 'entries') {
    const seen = new Set<string>();
    for (const [i, e] of entries.entries()) {
      const k = `${e.kind}:${e.subjectId}`;
      if (seen.has(k)) throw badRequest(`${field}.${i}`, `${e.kind} ${e.subjectId} appears twice`);
      seen.add(k);
      const [table] = subjectTables[e.kind];
      // A team must work on the item's project: its own team or a global team assigned to it.
      const found =
        e.kind === 'team'
          ? await trx
              .selectFrom('teams')
              .select('id')
              .where('id', '=', e.subjectId)
              .where((eb) =>
                eb.or([
                  eb('project_id', '=', projectId),
                  eb('id', 'in', eb.selectFrom('team_projects').select('team_id').where('project_id', '=', projectId)),
                ]),
              )
              .executeTakeFirst()
          : await trx.selectFrom(table).select('id').where('id', '=', e.subjectId).executeTakeFirst();
      if (!found) throw badRequest(`${field}.${i}.subjectId`, `no such ${e.kind}`);
    }
  }

  /** Sets the item's own setting (replacing any), optionally making all descendants inherit it (ITEM-6). */
  async function applySet(
    trx: Database,
    actor: Actor,
    itemId: number,
    projectId: number,
    input: z.infer<typeof securitySet>,
    field = 'entries',
  ) {
    if (!input.confirmLockout && lockoutWarnings(input.entries).length) {
      throw unprocessable(
        'lockout_warning',
        'no entry allows view: only system administrators would reach this item; confirm with confirmLockout',
        field,
      );
    }
    await checkSubjects(trx, input.entries, projectId, field);
    await lockProjectTree(trx, projectId);
    const before = await trx
      .selectFrom('item_security')
      .selectAll()
      .where('item_id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    // API-4: replacing an own setting needs the version read; a version for a setting that is gone is stale too.
    if ((before && before.version !== input.version) || (!before && input.version !== undefined)) {
      throw conflict(
        'version_conflict',
        `the setting changed${input.version ? ` since version ${input.version}` : ''}; reload it`,
        { currentVersion: before?.version ?? null },
      );
    }
    const beforeEntries = before ? await entriesOf(trx, itemId) : null;
    if (before) {
      await trx.deleteFrom('item_security_entries').where('item_id', '=', itemId).execute();
      await trx
        .updateTable('item_security')
        .set({ version: sql`version + 1`, updated_at: new Date() })
        .where('item_id', '=', itemId)
        .execute();
    } else {
      await trx.insertInto('item_security').values({ item_id: itemId, project_id: projectId }).execute();
    }
    if (input.entries.length) {
      await trx
        .insertInto('item_security_entries')
        .values(
          input.entries.map((e) => ({
            item_id: itemId,
            subject_kind: e.kind,
            subject_id: e.subjectId,
            view: e.view,
            edit: e.edit,
          })),
        )
        .execute();
    }
    let cleared: number[] = [];
    if (input.applyToChildren) {
      const below = (await subtreeIds(trx, itemId)).filter((id) => id !== itemId);
      if (below.length)
        cleared = (
          await trx.deleteFrom('item_security').where('item_id', 'in', below).returning('item_id').execute()
        ).map((r) => r.item_id);
    }
    await recomputeGoverning(trx, itemId);
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'item.security.set',
      entityType: 'work_item',
      entityId: itemId,
      projectId,
      before: beforeEntries,
      after: { entries: input.entries, applyToChildren: input.applyToChildren, clearedChildren: cleared },
    });
  }

  async function set(actor: Actor, key: string, input: z.infer<typeof securitySet>) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    await db.transaction().execute((trx) => applySet(trx, actor, item.itemId, item.projectId, input));
    return describe(actor, key, item.itemId);
  }

  /** ITEM-10: several items in one request, each checked on its own; all or nothing. */
  async function setMany(actor: Actor, items: Array<z.infer<typeof securitySet> & { itemKey: string }>) {
    const checked: Array<{ entry: (typeof items)[number]; item: ItemFacts }> = [];
    for (const entry of items)
      checked.push({ entry, item: await authz.authorizeItem(actor, 'item.security', entry.itemKey) });
    await db.transaction().execute(async (trx) => {
      // Projects locked in one order, so two batches over the same projects cannot deadlock.
      for (const projectId of [...new Set(checked.map((c) => c.item.projectId))].sort((a, b) => a - b))
        await lockProjectTree(trx, projectId);
      for (const [i, { entry, item }] of checked.entries())
        await applySet(trx, actor, item.itemId, item.projectId, entry, `items.${i}.entries`);
    });
    return { items: await Promise.all(checked.map(({ entry, item }) => describe(actor, entry.itemKey, item.itemId))) };
  }

  /** ITEM-7: clears the own setting (the item inherits again, ITEM-6) — with `children`, the whole subtree's. */
  async function clear(actor: Actor, key: string, children: boolean) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    await db.transaction().execute(async (trx) => {
      await lockProjectTree(trx, item.projectId);
      const ids = children ? await subtreeIds(trx, item.itemId) : [item.itemId];
      const removed = await trx.deleteFrom('item_security').where('item_id', 'in', ids).returning('item_id').execute();
      await recomputeGoverning(trx, item.itemId);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'item.security.clear',
        entityType: 'work_item',
        entityId: item.itemId,
        projectId: item.projectId,
        before: { clearedItems: removed.map((r) => r.item_id) },
        after: { children },
      });
    });
    return describe(actor, key, item.itemId);
  }

  /** EXPL-3: whose access to the item and its subtree would change, without saving. */
  async function preview(actor: Actor, key: string, input: z.infer<typeof securitySet>) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    // Changes are named only on items of the subtree the caller may view now: the others do not exist for them (ITEM-9).
    const { rows } = await sql<{ key: string }>`
      with recursive t as (select id from work_items where id = ${item.itemId}
        union all select c.id from work_items c join t on c.parent_id = t.id)
      select w.key from t join work_items w on w.id = t.id where ${canViewItem(actor, 'w')}`.execute(db);
    const shown = new Set(rows.map((r) => r.key));
    return dryRun(db, async (trx) => {
      const before = await itemAccessSnapshot(trx, item.itemId);
      await applySet(trx, actor, item.itemId, item.projectId, { ...input, confirmLockout: true });
      const changes = await diffSnapshots(trx, before, await itemAccessSnapshot(trx, item.itemId));
      return { changes: changes.filter((c) => shown.has(c.target)), warnings: lockoutWarnings(input.entries) };
    });
  }

  return { get, set, setMany, clear, preview };
}
