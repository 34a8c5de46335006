// Guards that the access SQL every list runs is reviewed: each visibility helper's compiled SQL (PostgreSQL compiler, a
// fixed reader) is committed in test/authz/sql-snapshots/, and this test regenerates it and fails on any difference —
// so a change to who sees what shows up in the diff as SQL (PRJ-4, ITEM-2, ITEM-9, WL-2, WL-3, TEAM-8, EXPL-2, EXPL-4).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
} from 'kysely';
import { promotedItems } from '../../src/authz/tree-sql.js';
import {
  browsingUsers,
  viewingUsers,
  visibleAuditRows,
  visibleItems,
  visibleProjects,
  reportedWorklogs,
  visibleLeave,
  visibleSlices,
  visibleTeams,
  visibleWorklogs,
  workloadWorklogs,
  type Reader,
} from '../../src/authz/visibility.js';
import type { DbHandle } from '../../src/db/index.js';
import type { DB } from '../../src/db/types.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';

const FOLDER = new URL('./sql-snapshots/', import.meta.url);
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';
const HOW_TO_UPDATE =
  'if the change is meant, run `UPDATE_SQL_SNAPSHOTS=1 node --import tsx --test test/authz/visibility-snapshots.test.ts` and commit the .sql files';

/** Compiles without a database: Kysely's PostgreSQL adapter and compiler over a driver that runs nothing. */
const compiler = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const reader: Reader = { userId: 42, systemAdmin: false };
const systemAdmin: Reader = { userId: 42, systemAdmin: true };
const PROJECT = 7;
const ITEM = 9;

/** Each helper as a list uses it: the snapshot's name, what it answers, and the query. */
const SNAPSHOTS: Array<{ name: string; about: string; query: (db: Kysely<DB>) => CompiledQuery }> = [
  {
    name: 'visible-projects',
    about: "visibleProjects(reader, 'p.id') — PRJ-4",
    query: (db) => db.selectFrom('projects as p').selectAll().where(visibleProjects(reader, 'p.id')).compile(),
  },
  {
    name: 'visible-items',
    about: "visibleItems(reader, 'i') — ITEM-9",
    query: (db) => db.selectFrom('work_items as i').selectAll().where(visibleItems(reader, 'i')).compile(),
  },
  {
    name: 'visible-items-system-admin',
    about: "visibleItems(systemAdmin, 'i') — system administrators bypass item security, not the project",
    query: (db) => db.selectFrom('work_items as i').selectAll().where(visibleItems(systemAdmin, 'i')).compile(),
  },
  {
    name: 'visible-items-with-trashed',
    about: "visibleItems(reader, 'i', { includeTrashed: true }) — EXPL-4 keeps rows about trashed items",
    query: (db) =>
      db
        .selectFrom('work_items as i')
        .selectAll()
        .where(visibleItems(reader, 'i', { includeTrashed: true }))
        .compile(),
  },
  {
    name: 'visible-worklogs',
    about: "visibleWorklogs(reader, 'w') — WL-2, WL-3, ITEM-9",
    query: (db) => db.selectFrom('worklogs as w').selectAll().where(visibleWorklogs(reader, 'w')).compile(),
  },
  {
    name: 'visible-worklogs-joined-item',
    about: "visibleWorklogs(reader, 'w', { itemAlias: 'i' }) — the work log's item joined already",
    query: (db) =>
      db
        .selectFrom('worklogs as w')
        .innerJoin('work_items as i', 'i.id', 'w.item_id')
        .selectAll('w')
        .where(visibleWorklogs(reader, 'w', { itemAlias: 'i' }))
        .compile(),
  },
  {
    name: 'visible-worklogs-reader-bound-once',
    about: "visibleWorklogs(reader, 'w', { readerId: sql.ref('r.id') }) — the reader's id one parameter",
    query: (db) =>
      db
        .selectFrom(['worklogs as w', sql<{ id: number }>`(select ${reader.userId}::int as id)`.as('r')])
        .selectAll('w')
        .where(visibleWorklogs(reader, 'w', { readerId: sql.ref<number>('r.id') }))
        .compile(),
  },
  {
    name: 'reported-worklogs',
    about: "reportedWorklogs(reader, 'w', { itemAlias: 'i' }) — REP-5, WL-3, ITEM-9: the work logs a report counts",
    query: (db) =>
      db
        .selectFrom('worklogs as w')
        .innerJoin('work_items as i', 'i.id', 'w.item_id')
        .selectAll('w')
        .where(reportedWorklogs(reader, 'w', { itemAlias: 'i' }))
        .compile(),
  },
  {
    name: 'workload-worklogs',
    about: "workloadWorklogs(reader, 'w', { itemAlias: 'i' }) — REP-5, ITEM-9: the work a per-person total counts",
    query: (db) =>
      db
        .selectFrom('worklogs as w')
        .innerJoin('work_items as i', 'i.id', 'w.item_id')
        .selectAll('w')
        .where(workloadWorklogs(reader, 'w', { itemAlias: 'i' }))
        .compile(),
  },
  {
    name: 'visible-teams',
    about: "visibleTeams(reader, 't') — TEAM-8",
    query: (db) => db.selectFrom('teams as t').selectAll().where(visibleTeams(reader, 't')).compile(),
  },
  {
    name: 'visible-slices',
    about: "visibleSlices(reader, 's') — FLOW-2, FLOW-8, FLOW-10, APP-2: the slices the reader may review",
    query: (db) => db.selectFrom('timesheet_slices as s').selectAll().where(visibleSlices(reader, 's')).compile(),
  },
  {
    name: 'visible-leave',
    about: "visibleLeave(reader, 'l') — FLOW-4: the leave requests (and types) the reader may know",
    query: (db) => db.selectFrom('leave_requests as l').selectAll().where(visibleLeave(reader, 'l')).compile(),
  },
  {
    name: 'visible-audit-rows',
    about: "visibleAuditRows(reader, 'a') — EXPL-4",
    query: (db) => db.selectFrom('audit_log as a').selectAll().where(visibleAuditRows(reader, 'a')).compile(),
  },
  {
    name: 'browsing-users',
    about: `browsingUsers('u', ${PROJECT}) — who may browse a project (EXPL-2, TEAM-1)`,
    query: (db) => db.selectFrom('users as u').selectAll().where(browsingUsers('u', PROJECT)).compile(),
  },
  {
    name: 'viewing-users',
    about: `viewingUsers('u', ${ITEM}) — who may view a work item (EXPL-2)`,
    query: (db) => db.selectFrom('users as u').selectAll().where(viewingUsers('u', ITEM)).compile(),
  },
  {
    name: 'promoted-items',
    about: `promotedItems(reader, ${PROJECT}) — where the tree lists items under hidden parents (ITEM-2)`,
    query: (db) => promotedItems(reader, PROJECT).compile(db),
  },
];

/** A parameter written into the SQL, so the snapshot reads as the statement the database plans. */
const literal = (value: unknown) =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;

/** The file a snapshot is kept in: what it answers, then the SQL as compiled with its parameters written in (trailing blanks trimmed). */
function render(about: string, compiled: CompiledQuery): string {
  const text = compiled.sql
    .trim()
    .replace(/\$(\d+)/g, (_, n: string) => literal(compiled.parameters[Number(n) - 1]))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  const origin = `-- Compiled by test/authz/visibility-snapshots.test.ts for user ${reader.userId}, parameters written in.`;
  return [`-- ${about}`, origin, text, ''].join('\n');
}

describe('visibility helpers: committed SQL', () => {
  test('PRJ-4, ITEM-9, WL-3, TEAM-8, EXPL-4: each helper compiles to the SQL committed in test/authz/sql-snapshots/', () => {
    const expected = new Set(SNAPSHOTS.map((s) => `${s.name}.sql`));
    const stale = readdirSync(FOLDER).filter((file) => file.endsWith('.sql') && !expected.has(file));
    if (UPDATE) for (const file of stale) rmSync(new URL(file, FOLDER));
    else assert.deepEqual(stale, [], `snapshots no helper produces: ${HOW_TO_UPDATE}`);
    for (const { name, about, query } of SNAPSHOTS) {
      const file = new URL(`${name}.sql`, FOLDER);
      const now = render(about, query(compiler));
      if (UPDATE) writeFileSync(file, now);
      let committed = '';
      try {
        committed = readFileSync(file, 'utf8');
      } catch {
        assert.fail(`test/authz/sql-snapshots/${name}.sql is missing: ${HOW_TO_UPDATE}`);
      }
      assert.equal(now, committed, `the SQL of ${name} changed: ${HOW_TO_UPDATE}`);
    }
  });
});

for (const dialect of DIALECTS)
  describe(`visibility helpers: the committed SQL runs (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test('every snapshot is a statement the database accepts', async () => {
      for (const { name, query } of SNAPSHOTS)
        await assert.doesNotReject(handle.db.executeQuery(query(compiler)), `${name} runs on ${dialect}`);
    });
  });
