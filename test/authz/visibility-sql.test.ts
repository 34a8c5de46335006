// Guards "one model everywhere" for the visibility helpers that compose the SQL twins: on generated worlds written to a
// real database, the work logs (WL-2, WL-3, ITEM-9), audit rows (EXPL-4) and users (EXPL-2) each helper lists for a
// reader are exactly those the decision core — fed by the batch loaders — allows one at a time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import type { ItemSecurityFacts, ProjectFacts, SubjectFacts } from '../../src/authz/facts.js';
import { loadItems, loadProjects, loadSubjects } from '../../src/authz/loader.js';
import {
  browsingUsers,
  viewingUsers,
  visibleAuditRows,
  visibleWorklogs,
  type Reader,
} from '../../src/authz/visibility.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import type { World } from './reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 40);
const QUICK = { explain: false } as const;

type Counts = Record<
  'worklogsShown' | 'worklogsHidden' | 'deniedTabs' | 'auditShown' | 'auditHidden' | 'trashedShown',
  number
>;

/** One work log on every item, trashed ones too, by turns of the world's users. */
async function writeWorklogs(trx: Database, world: World) {
  await trx
    .insertInto('worklogs')
    .values(
      world.items.map((item, i) => ({
        item_id: ids.item(i),
        project_id: ids.project(item.project),
        author_id: ids.user(i % world.users.length),
        created_by: ids.user(i % world.users.length),
        start_date: '2026-03-02',
        duration_seconds: 600,
      })),
    )
    .execute();
}

/** Audit rows about each item (trashed ones too), about each project, and one installation-wide row; ids follow `scopes`. */
function auditScopes(world: World): Array<{ project: number | null; item: number | null }> {
  return [
    ...world.items.map((item, i) => ({ project: item.project, item: i })),
    ...Array.from({ length: world.projects }, (_, p) => ({ project: p, item: null })),
    { project: null, item: null },
  ];
}

async function writeAudit(trx: Database, world: World) {
  await trx
    .insertInto('audit_log')
    .values(
      auditScopes(world).map((s, k) => ({
        action: 'test.change',
        entity_type: 'test',
        entity_id: String(k),
        project_id: s.project === null ? null : ids.project(s.project),
        item_id: s.item === null ? null : ids.item(s.item),
      })),
    )
    .execute();
}

const idsOf = async (trx: Database, query: RawBuilder<{ id: number }>) =>
  (await query.execute(trx)).rows.map((r) => Number(r.id));

/** Several id lists in one statement (a statement costs PGlite more than these small plans): each list ascending. */
async function idLists(trx: Database, lists: ReadonlyArray<RawBuilder<unknown>>): Promise<number[][]> {
  const union = sql.join(
    lists.map((query, k) => sql`select ${k}::int as list, x.id from (${query}) x`),
    sql` union all `,
  );
  const { rows } = await sql<{ list: number; id: number }>`${union} order by 1, 2`.execute(trx);
  return lists.map((_, k) => rows.filter((r) => r.list === k).map((r) => Number(r.id)));
}
const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function checkWorld(trx: Database, world: World, counts: Counts) {
  await writeWorklogs(trx, world);
  await writeAudit(trx, world);
  const userIds = world.users.map((_, u) => ids.user(u));
  const projectIds = Array.from({ length: world.projects }, (_, p) => ids.project(p));
  const subjects = await loadSubjects(trx, userIds);
  const projects = await loadProjects(trx, projectIds);
  const live = await loadItems(trx, sql`true`);
  const worklogIds = await idsOf(trx, sql`select w.id from worklogs w order by w.item_id`);
  const auditIds = await idsOf(trx, sql`select a.id from audit_log a order by a.entity_id::int`);
  const scopes = auditScopes(world);

  /** A trashed item's facts as its setting stands once trashed: none (EXPL-4). */
  const itemFacts = (i: number): ItemSecurityFacts =>
    live.get(ids.item(i))?.item ?? { itemId: ids.item(i), itemKey: names.item(world, i), governing: null };
  const projectOf = (i: number): ProjectFacts => projects.get(ids.project(world.items[i].project))!;
  const allows = (action: 'item.view' | 'worklog.view', subject: SubjectFacts, i: number) =>
    decide(action, subject, { project: projectOf(i), item: itemFacts(i) }, QUICK).allowed;
  const viewsItem = (subject: SubjectFacts, i: number) => live.has(ids.item(i)) && allows('item.view', subject, i);
  const browses = (subject: SubjectFacts, p: number) =>
    decide('project.view', subject, { project: projects.get(ids.project(p))! }, QUICK).allowed;

  for (const [u, userId] of userIds.entries()) {
    const subject = subjects.get(userId)!;
    const reader: Reader = { userId, systemAdmin: world.users[u].systemAdmin };
    const who = names.user(u);
    const worklogs = (predicate: Expression<SqlBool>) =>
      sql`select w.id from worklogs w join work_items i on i.id = w.item_id, (select ${userId}::int as id) r where ${predicate}`;
    const [alone, joined, bound, audit] = await idLists(trx, [
      worklogs(visibleWorklogs(reader, 'w')),
      worklogs(visibleWorklogs(reader, 'w', { itemAlias: 'i' })),
      worklogs(visibleWorklogs(reader, 'w', { readerId: sql.ref<number>('r.id') })),
      sql`select a.id from audit_log a where ${visibleAuditRows(reader, 'a')}`,
    ]);

    // Work logs: one per item, in item order.
    const expected = worklogIds.filter((_, i) => viewsItem(subject, i));
    assert.deepEqual(alone, ascending(expected), `WL-3, ITEM-9: the work logs ${who} may see`);
    assert.deepEqual(joined, ascending(expected), `WL-3, ITEM-9: the work logs ${who} may see, the item joined`);
    assert.deepEqual(bound, ascending(expected), `WL-3, ITEM-9: the work logs ${who} may see, the reader bound once`);
    // The item screen's work-log tab (worklog.view) is that, and the reader's own DENY-1 surface: one answer per reader.
    const deniedTabs = subject.denies.some((d) => d.permission === 'ISSUE_TIME_TABS');
    for (const [i] of world.items.entries()) {
      if (!live.has(ids.item(i))) continue;
      const tab = allows('worklog.view', subject, i);
      assert.equal(tab, viewsItem(subject, i) && !deniedTabs, `WL-2, DENY-1: worklog.view by ${who} on item ${i}`);
      if (deniedTabs && viewsItem(subject, i)) counts.deniedTabs++;
    }
    counts.worklogsShown += expected.length;
    counts.worklogsHidden += worklogIds.length - expected.length;

    // Audit rows: about an item (trashed or not), a project, or neither.
    const shown = auditIds.filter((_, k) => {
      const { project, item } = scopes[k];
      if (item !== null) return allows('item.view', subject, item);
      return project === null || browses(subject, project);
    });
    assert.deepEqual(audit, ascending(shown), `EXPL-4: the audit rows ${who} may read`);
    counts.auditShown += shown.length;
    counts.auditHidden += auditIds.length - shown.length;
    counts.trashedShown += scopes.filter(
      (s, k) => s.item !== null && world.items[s.item].trashed && shown.includes(auditIds[k]),
    ).length;
  }

  // Users who may browse each project, and who may view each item (EXPL-2): the reader is a column.
  const users = (predicate: Expression<SqlBool>) => sql`select u.id from users u where ${predicate}`;
  const browsing = projectIds.length;
  const lists = await idLists(trx, [
    ...projectIds.map((projectId) => users(browsingUsers('u', projectId))),
    ...world.items.map((_, i) => users(viewingUsers('u', ids.item(i)))),
  ]);
  for (const p of projectIds.keys())
    assert.deepEqual(
      lists[p],
      userIds.filter((id) => browses(subjects.get(id)!, p)),
      `PRJ-4, EXPL-2: who may browse ${names.project(p)}`,
    );
  for (const i of world.items.keys())
    assert.deepEqual(
      lists[browsing + i],
      userIds.filter((id) => viewsItem(subjects.get(id)!, i)),
      `ITEM-9, EXPL-2: who may view ${names.item(world, i)}`,
    );
}

for (const dialect of DIALECTS) {
  describe(`visibility helpers: SQL = core (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    const counts: Counts = {
      worklogsShown: 0,
      worklogsHidden: 0,
      deniedTabs: 0,
      auditShown: 0,
      auditHidden: 0,
      trashedShown: 0,
    };
    test(`WL-2, WL-3, ITEM-9, EXPL-2, EXPL-4, DENY-1: ${WORLDS} generated worlds — the work logs, audit rows and users each helper lists are those the core allows`, async () => {
      await fc.assert(
        fc.asyncProperty(dbWorldArb, ({ world, settingOrder }) =>
          withWorld(handle.db, world, settingOrder, (trx) => checkWorld(trx, world, counts)),
        ),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(`${dialect}: ${JSON.stringify(counts)}`);
      assert.ok(
        counts.worklogsShown >= 50 && counts.worklogsHidden >= 50 && counts.deniedTabs >= 5,
        'the worlds reach both answers for work logs, and readers denied the time tabs',
      );
      assert.ok(
        counts.auditShown >= 50 && counts.auditHidden >= 50 && counts.trashedShown >= 5,
        'the worlds reach both answers for audit rows, and rows about trashed items',
      );
    });
  });
}
