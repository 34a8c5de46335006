// Guards "one model everywhere" on a real database: on generated worlds written the way the services write them, the
// governing column, the SQL list predicates (full and keyset-paged), the batch loaders + decide(), explain and who-has-access
// agree with the reference model and the in-memory core (ITEM-2, ITEM-3, ITEM-9, PRJ-3, PRJ-4, EXPL-1, EXPL-2). The worlds
// carry teams (project and global ones assigned to projects), team roles, current and ended memberships, item-security
// entries naming teams, price lists and the team-check switches (ITEM-1, TEAM-1..TEAM-6, PRICE-1..PRICE-3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ACTIONS, needsFact, type Action } from '../../src/authz/catalogue.js';
import { decide } from '../../src/authz/decide.js';
import { createAuthz, type Actor } from '../../src/authz/engine.js';
import type { SubjectFacts } from '../../src/authz/facts.js';
import {
  loadItems,
  loadLocks,
  loadProjects,
  loadProjectTeams,
  loadLeaves,
  loadSlices,
  loadSubjects,
  loadTeams,
} from '../../src/authz/loader.js';
import { canViewItem, itemSecurityAllowsEdit, projectIdsWithPermission } from '../../src/authz/sql.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { PROJECT_PERMISSIONS } from '../../src/db/types.js';
import { loadDateSettings } from '../../src/lib/installation.js';
import { createExplainService } from '../../src/modules/explain/service.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import { casesOf, contextOf, describeCase, disagreement, engine, resourceOf, type Case, type Ctx } from './cases.js';
import { governingItem, hasPermission, itemExists, itemSecurityAllows, reference, type World } from './reference.js';
import { dbWorldArb, ids, locksOf, names, SEED, withWorld, type LocksQuery, type WorldFacts } from './world.js';

// 120 in `npm test` (its 6-minute bound, BENCHMARKS.md); `npm run test:authz:long` runs 1,000.
const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 40);

/**
 * A system administrator outside the world: passes item.security on every item, so it may ask who has access. It browses
 * every project (SPEC §0: otherwise item security is hidden from it too) through a group of its own that no world user is in.
 */
const CHECKERS = { id: 999, name: 'checkers' };
const checker: Actor = {
  userId: 0,
  login: 'checker',
  displayName: 'Checker',
  email: 'checker@world.test',
  systemAdmin: true,
  auth: 'session',
  subject: { userId: 0, active: true, systemAdmin: true, groups: [CHECKERS], appRoles: [], denies: [], teams: [] },
};
async function letCheckerBrowse(trx: Database, world: World) {
  await sql`insert into groups (id, name) overriding system value values (${CHECKERS.id}, ${CHECKERS.name})`.execute(
    trx,
  );
  await trx
    .insertInto('project_permission_grants')
    .values(
      Array.from({ length: world.projects }, (_, p) => ({
        project_id: ids.project(p),
        permission: 'BROWSE_PROJECT' as const,
        group_id: CHECKERS.id,
      })),
    )
    .execute();
}

// Regressions these properties found (now fixed in src/authz/sql.ts): on PGlite (PostgreSQL 18) a single
// select matching every subject kind with the user as an outer column reused the previous user's groups;
// and an inner `users u` alias captured a caller's `u.id`, letting deactivated users keep their grants.

const counts = {
  worlds: 0,
  listRows: 0,
  pages: 0,
  loaderDecisions: 0,
  explains: 0,
  accessItems: 0,
  teamEntries: 0,
  endedMembershipsNamed: 0,
  lockQueries: 0,
  lockedDays: 0,
};

const usersOf = (world: World) => world.users.map((_, u) => u);
const liveItemsOf = (world: World) => world.items.map((_, i) => i).filter((i) => itemExists(world, i));
const canView = (world: World, u: number, i: number) =>
  reference(world, u, 'item.view', { kind: 'item', item: i }).allowed;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** ITEM-2: work_items.governing_item_id, kept by recomputeGoverning, is the nearest secured ancestor-or-self found by walking up. */
async function checkGoverning(trx: Database, world: World) {
  const rows = await trx
    .selectFrom('work_items')
    .select(['id', 'governing_item_id'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const expected = liveItemsOf(world).map((i) => ({
    id: ids.item(i),
    governing_item_id: governingItem(world, i) === null ? null : ids.item(governingItem(world, i)!),
  }));
  assert.deepEqual(rows, expected, 'ITEM-2: governing_item_id');
}

/** ITEM-9 and PRJ-3 in the who-has-access form: the user is a column of an outer query over users. */
async function checkColumnForms(trx: Database, world: World, alias: 'u' | 'x') {
  const userId = sql.ref<number>(`${alias}.id`);
  const { rows: matrix } = await sql<{
    user_id: number;
    item_id: number;
  }>`select ${sql.ref(`${alias}.id`)} as user_id, i.id as item_id
    from users ${sql.raw(alias)} cross join work_items i
    where ${canViewItem({ userId, systemAdmin: sql.ref<boolean>(`${alias}.system_admin`) }, 'i')} order by 1, 2`.execute(
    trx,
  );
  const expected = usersOf(world).flatMap((u) =>
    liveItemsOf(world)
      .filter((i) => canView(world, u, i))
      .map((i) => ({ user_id: ids.user(u), item_id: ids.item(i) })),
  );
  assert.deepEqual(matrix, expected, `ITEM-9: canViewItem with the user as column ${alias}.id`);
  // The predicate itemAccess filters its candidates with (active users), for every item at once.
  const { rows: access } = await sql<{
    user_id: number;
    item_id: number;
  }>`select ${sql.ref(`${alias}.id`)} as user_id, w.id as item_id
    from users ${sql.raw(alias)} cross join work_items w
    where ${sql.ref(`${alias}.active`)} and exists (select 1 from work_items i where i.id = w.id
      and ${canViewItem({ userId, systemAdmin: sql.ref<boolean>(`${alias}.system_admin`) }, 'i')}) order by 1, 2`.execute(
    trx,
  );
  assert.deepEqual(
    access,
    expected,
    `EXPL-2: the who-has-access predicate over every item, the user as column ${alias}.id`,
  );
  const { rows } = await sql<
    Record<string, number | boolean>
  >`select ${sql.ref(`${alias}.id`)} as user_id, p.id as project_id,
    ${sql.join(PROJECT_PERMISSIONS.map((permission) => sql`p.id in ${projectIdsWithPermission(userId, permission)} as ${sql.ref(permission)}`))}
    from users ${sql.raw(alias)} cross join projects p order by 1, 2`.execute(trx);
  assert.deepEqual(
    rows,
    expectedPermissions(world),
    `PRJ-3, ID-1: projectIdsWithPermission with the user as column ${alias}.id`,
  );
}

function expectedPermissions(world: World) {
  return usersOf(world).flatMap((u) =>
    Array.from({ length: world.projects }, (_, p) => ({
      user_id: ids.user(u),
      project_id: ids.project(p),
      ...Object.fromEntries(
        PROJECT_PERMISSIONS.map((permission) => [
          permission,
          world.users[u].active && hasPermission(world, u, p, permission),
        ]),
      ),
    })),
  );
}

/** PRJ-3, PRJ-4, ITEM-3, ITEM-9: for each user (a literal id, as every list passes it) the predicates return exactly what the check allows — in full and page by page. */
async function checkLists(trx: Database, world: World, pageSize: number, pagedUsers: number[]) {
  for (const u of usersOf(world)) {
    const actor = { userId: ids.user(u), systemAdmin: world.users[u].systemAdmin };
    const list = await trx
      .selectFrom('work_items as i')
      .select(['i.id', sql<boolean>`${itemSecurityAllowsEdit(actor, 'i')}`.as('editable')])
      .where(canViewItem(actor, 'i'))
      .orderBy('i.id')
      .execute();
    const expected = liveItemsOf(world).filter((i) => canView(world, u, i));
    assert.deepEqual(
      list.map((r) => r.id),
      expected.map(ids.item),
      `ITEM-9: the item list of ${names.user(u)}`,
    );
    assert.deepEqual(
      list.map((r) => r.editable),
      expected.map((i) => itemSecurityAllows(world, u, i, 'edit')),
      `ITEM-3, ITEM-9: which listed items ${names.user(u)} may edit`,
    );
    counts.listRows += list.length;

    const { rows: held } = await sql<Record<string, number | boolean>>`select p.id as project_id,
      ${sql.join(PROJECT_PERMISSIONS.map((permission) => sql`p.id in ${projectIdsWithPermission(actor.userId, permission)} as ${sql.ref(permission)}`))}
      from projects p order by p.id`.execute(trx);
    assert.deepEqual(
      held,
      expectedPermissions(world)
        .filter((r) => r.user_id === actor.userId)
        .map(({ user_id: _, ...rest }) => rest),
      `PRJ-3, ID-1: the project permissions of ${names.user(u)}`,
    );
    if (!pagedUsers.includes(u)) continue;

    const paged: number[] = [];
    for (let last = 0; ;) {
      const page = (
        await trx
          .selectFrom('work_items as i')
          .select('i.id')
          .where(canViewItem(actor, 'i'))
          .where('i.id', '>', last)
          .orderBy('i.id')
          .limit(pageSize)
          .execute()
      ).map((r) => r.id);
      counts.pages++;
      assert.ok(page.length <= pageSize, 'API-3: a page never exceeds its limit');
      paged.push(...page);
      if (page.length < pageSize) break;
      last = page[page.length - 1];
    }
    assert.deepEqual(
      paged,
      list.map((r) => r.id),
      `API-3, ITEM-9: keyset pages of ${pageSize} concatenate to the full list of ${names.user(u)}`,
    );
  }
}

/** A subject's team memberships in a comparable form: the loader aggregates role permissions in no particular order. */
const teamsOf = (subject: SubjectFacts) => ({
  name: subject.name,
  teams: subject.teams.map((t) => ({ ...t, permissions: [...t.permissions].sort() })),
});

/** The loader's answer in a comparable form: it promises no order of the periods and slices. */
const ordered = ({ locks, worklog }: ReturnType<WorldFacts['locks']>) => ({
  locks: {
    periods: [...locks.periods].sort((a, b) => a.teamId - b.teamId || a.start.localeCompare(b.start)),
    slices: [...locks.slices].sort((a, b) => a.id - b.id),
  },
  worklog,
});

/**
 * FLOW-1, FLOW-3, FLOW-9: loadLocks, asked every lock query the cases make about the work of one user (the days a
 * work-log action touches, the stored work log), gives what locksOf gives in memory; the answers, as loaded, serve the
 * loaded decisions on that user's work (one query each: the other users' locks come from memory, to keep the run short).
 */
async function loadedLocks(
  trx: Database,
  world: World,
  memory: Ctx,
  cases: Case[],
  owner: number,
): Promise<WorldFacts['locks']> {
  const queries = new Map<string, LocksQuery>();
  const keyOf = (q: LocksQuery) => JSON.stringify([q.owner, q.dates, q.worklog ?? null]);
  const recording: Ctx = {
    world,
    facts: {
      ...memory.facts,
      locks: (q) => (q.owner === owner && queries.set(keyOf(q), q), memory.facts.locks(q)),
    },
  };
  for (const c of cases) resourceOf(recording, c);
  const answers = new Map<string, ReturnType<WorldFacts['locks']>>();
  for (const [key, q] of queries) {
    const answer = await loadLocks(trx, {
      ownerId: ids.user(q.owner),
      dates: q.dates,
      worklogId: q.worklog === undefined ? undefined : ids.worklog(q.worklog),
    });
    assert.deepEqual(ordered(answer), locksOf(world, q), `FLOW-1, FLOW-3, FLOW-9: loadLocks ${key}`);
    answers.set(key, answer);
    counts.lockQueries++;
    if (answer.locks.periods.length || answer.locks.slices.length) counts.lockedDays++;
  }
  return (q) => answers.get(keyOf(q)) ?? memory.facts.locks(q);
}

/**
 * The batch loaders give the in-memory facts — team memberships (current ones only, TEAM-6), the teams working on each
 * project with their price lists and the team-check switch (PRICE-2, PRICE-3), teams — and loaders + decide() give the same
 * decisions, reasons included, as the in-memory facts + decide(), and as the reference: acting for others and the team check included.
 */
async function checkLoaders(trx: Database, world: World, memory: Ctx, probe: number) {
  const subjects = await loadSubjects(trx, usersOf(world).map(ids.user));
  const projectIds = Array.from({ length: world.projects }, (_, p) => ids.project(p));
  const projects = await loadProjects(trx, projectIds);
  const projectTeams = await loadProjectTeams(trx, projectIds);
  const teams = await loadTeams(
    trx,
    world.teams.map((_, t) => ids.team(t)),
  );
  const items = await loadItems(trx, sql`true`);
  assert.deepEqual(
    sorted([...items.keys()]),
    liveItemsOf(world).map(ids.item),
    'ITEM-8: the loader finds exactly the items not in the trash',
  );
  for (const [id, facts] of items)
    assert.deepEqual(facts.project, projects.get(facts.projectId), `loadItems and loadProjects agree on item ${id}`);
  const slices = await loadSlices(
    trx,
    world.slices.map((_, i) => ids.slice(i)),
  );
  const leaves = await loadLeaves(
    trx,
    world.leaves.map((_, i) => ids.leave(i)),
  );
  const cases = casesOf(world);
  const loaded: Ctx = {
    world,
    facts: {
      subjects: usersOf(world).map((u) => subjects.get(ids.user(u))!),
      projects: projectIds.map((id) => projects.get(id)!),
      items: world.items.map((_, i) => items.get(ids.item(i))?.item),
      projectTeams: projectIds.map((id) => projectTeams.get(id)!),
      teams: world.teams.map((_, t) => teams.get(ids.team(t))!),
      slices: world.slices.map((_, i) => slices.get(ids.slice(i))!),
      leaves: world.leaves.map((_, i) => leaves.get(ids.leave(i))!),
      locks: await loadedLocks(trx, world, memory, cases, probe % world.users.length),
    },
  };
  assert.deepEqual(loaded.facts.slices, memory.facts.slices, 'FLOW-1, FLOW-10: the slices, their owners and teams');
  assert.deepEqual(
    loaded.facts.leaves,
    memory.facts.leaves,
    'FLOW-4: the leave requests, their owners and routed teams',
  );
  for (const u of usersOf(world)) {
    assert.deepEqual(
      teamsOf(loaded.facts.subjects[u]),
      teamsOf(memory.facts.subjects[u]),
      `TEAM-3, TEAM-6: the current team memberships of ${names.user(u)}`,
    );
  }
  assert.deepEqual(
    loaded.facts.projectTeams,
    memory.facts.projectTeams,
    'TEAM-1, PRICE-1, PRICE-2: the teams working on each project, their price lists and the team check',
  );
  assert.deepEqual(loaded.facts.teams, memory.facts.teams, 'TEAM-1: teams and their projects');
  for (const c of cases) {
    const fromDb = engine(loaded, c);
    assert.deepEqual(fromDb, engine(memory, c), `loaders + decide = facts + decide: ${describeCase(world, c)}`);
    const why = disagreement(world, c, fromDb);
    if (why) assert.fail(why);
    counts.loaderDecisions++;
  }
}

/**
 * EXPL-1: "Check access" for a sample of (user, item, action) answers what decide() answers on the in-memory facts, reasons
 * included — a dated action (worklog.create) for today in the installation's time zone, with the project's team facts — to a
 * reader who can view the item, and the same 404 as for a missing item to a reader who cannot.
 */
async function checkExplain(trx: Database, world: World, memory: Ctx, probe: number) {
  const live = liveItemsOf(world);
  if (live.length === 0) return;
  const explain = createExplainService({ db: trx, authz: createAuthz(trx), secureCookies: false });
  const item = live[probe % live.length];
  const key = names.item(world, item);
  const project = world.items[item].project;
  const { today } = await loadDateSettings(trx);
  const actions = (Object.keys(ACTIONS) as Action[]).filter((a) => ACTIONS[a].scope === 'item');
  const readerOf = (r: number): Actor => ({
    ...checker,
    userId: ids.user(r),
    systemAdmin: world.users[r].systemAdmin,
    subject: memory.facts.subjects[r],
  });
  for (const u of new Set([probe % world.users.length, (probe + 1) % world.users.length])) {
    const action = actions[(probe + u) % actions.length];
    const reader = (probe + 2 * u) % world.users.length;
    const ask = () => explain.explain(readerOf(reader), { action, item: key, userId: ids.user(u) });
    if (reader !== u && !canView(world, reader, item)) {
      await assert.rejects(
        ask,
        (e: { status?: number; message?: string }) => e.status === 404 && e.message === 'no such work item',
        `EXPL-1: ${names.user(reader)} cannot view ${key}, so may not have it explained`,
      );
      continue;
    }
    // What the explain service hands the core: the item's facts and the user as owner; a dated action also the team facts and today.
    const dated = needsFact(action, 'date');
    const d = decide(
      action,
      memory.facts.subjects[u],
      {
        project: memory.facts.projects[project],
        item: memory.facts.items[item],
        ownerId: ids.user(u),
        ...(dated ? { owner: memory.facts.subjects[u], teams: memory.facts.projectTeams[project], date: today } : {}),
        // The locks on the day (FLOW-1, FLOW-3), as decideWorklog loads them for a work-log action.
        ...(dated ? memory.facts.locks({ owner: u, dates: [today] }) : {}),
      },
      { explain: true },
    );
    if (reader === u && d.hidden) {
      // About oneself, a decision hidden from the user is the 404 of a missing item.
      await assert.rejects(
        ask,
        (e: { status?: number; message?: string }) => e.status === 404 && e.message === 'no such work item',
      );
      continue;
    }
    const answer = await ask();
    assert.deepEqual(
      {
        allowed: answer.allowed,
        hidden: answer.hidden,
        deciding: answer.deciding,
        layers: answer.layers,
        date: answer.date,
      },
      { allowed: d.allowed, hidden: d.hidden, deciding: d.deciding, layers: d.reasons, date: dated ? today : null },
      `EXPL-1: explain ${action} for ${names.user(u)} on ${key}`,
    );
    counts.explains++;
  }
}

/** EXPL-2: who has access to each item (itemAccess, paged by login) = the users the check lets view it, with edit and log-work (today) as decided. */
async function checkWhoHasAccess(trx: Database, world: World, pageSize: number) {
  const explain = createExplainService({ db: trx, authz: createAuthz(trx), secureCookies: false });
  await letCheckerBrowse(trx, world);
  const { today } = await loadDateSettings(trx);
  for (const item of liveItemsOf(world)) {
    const key = names.item(world, item);
    const rows: Awaited<ReturnType<typeof explain.itemAccess>>['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await explain.itemAccess(checker, key, { limit: pageSize, cursor });
      assert.ok(page.items.length <= pageSize, 'EXPL-2: a page never exceeds its limit');
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const viewers = usersOf(world).filter((u) => canView(world, u, item));
    assert.deepEqual(sorted(rows.map((r) => r.user.id)), viewers.map(ids.user), `EXPL-2: who has access to ${key}`);
    for (const row of rows) {
      const u = row.user.id - ids.user(0);
      const answer = (action: Action) => reference(world, u, action, { kind: 'item', item }).allowed;
      // Log work is answered for today (installation time zone), the team and price-list check included (EXPL-1, PRICE-3).
      const logWork = reference(world, u, 'worklog.create', { kind: 'item', item, owner: u, date: today }).allowed;
      assert.deepEqual(
        [row.view.allowed, row.edit.allowed, row.logWork.allowed],
        [true, answer('item.edit'), logWork],
        `EXPL-2: abilities of ${names.user(u)} on ${key}`,
      );
    }
    counts.accessItems++;
  }
}

/**
 * The suite, in two parts that run as two test files (`db-equals-reference-*.test.ts`) so they run side by side:
 * `lists` (governing column, lists, loaders, explain) and `access` (who has access, and the column forms).
 */
export function dbReferenceSuite(part: 'lists' | 'access') {
  for (const dialect of DIALECTS) {
    describe(`database = reference, ${part} (${dialect})`, () => {
      let handle: DbHandle;
      before(async () => {
        handle = await createTestDb(dialect);
      });
      after(() => handle.close());

      if (part === 'lists')
        test(
          `ITEM-1, ITEM-2, ITEM-3, ITEM-8, ITEM-9, PRJ-3, PRJ-4, TEAM-3, TEAM-4, TEAM-6, WL-5, PRICE-2, PRICE-3, API-3, EXPL-1, FLOW-1, FLOW-3, FLOW-9, FLOW-10: ${WORLDS} generated worlds with teams and timesheets — ` +
            'governing column, SQL lists full and paged (team entries match current members only), loaders (the locks and slices included) + decide and explain agree with the reference',
          async () => {
            Object.assign(counts, {
              worlds: 0,
              listRows: 0,
              pages: 0,
              loaderDecisions: 0,
              explains: 0,
              teamEntries: 0,
              endedMembershipsNamed: 0,
              lockQueries: 0,
              lockedDays: 0,
            });
            await fc.assert(
              fc.asyncProperty(dbWorldArb, async ({ world, settingOrder, pageSize, probe }) => {
                const memory = contextOf(world);
                for (const e of world.items.flatMap((item) => item.setting ?? []).filter((x) => x.kind === 'team')) {
                  counts.teamEntries++;
                  if (world.memberships.some((m) => !m.current && m.team === e.subject)) counts.endedMembershipsNamed++;
                }
                await withWorld(
                  handle.db,
                  world,
                  settingOrder,
                  async (trx) => {
                    await checkGoverning(trx, world);
                    await checkLists(trx, world, pageSize, [probe % world.users.length]);
                    await checkLoaders(trx, world, memory, probe);
                    await checkExplain(trx, world, memory, probe);
                  },
                  { timesheets: true },
                );
                counts.worlds++;
              }),
              { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
            );
            console.log(
              `${dialect}: ${counts.worlds} worlds through the database — ${counts.listRows} listed rows, ${counts.pages} keyset pages, ` +
                `${counts.loaderDecisions} loader decisions, ${counts.lockQueries} lock queries (${counts.lockedDays} finding a lock), ` +
                `${counts.explains} explanations; ${counts.teamEntries} item-security entries naming teams, ` +
                `${counts.endedMembershipsNamed} of them naming a team with an ended membership`,
            );
            assert.ok(counts.worlds >= WORLDS);
            assert.ok(
              counts.endedMembershipsNamed >= 10,
              'the worlds name teams with ended memberships in item security',
            );
            assert.ok(counts.lockedDays >= 20, `the worlds lock days (${counts.lockedDays})`);
          },
        );

      if (part === 'access') {
        test(`EXPL-2, ITEM-1, ITEM-9, PRJ-3: ${WORLDS} generated worlds — who has access to every item (paged), and the predicates it is built on with the user as a column, agree with the reference`, async () => {
          counts.accessItems = 0;
          await fc.assert(
            fc.asyncProperty(dbWorldArb, async ({ world, settingOrder, pageSize }) => {
              await withWorld(handle.db, world, settingOrder, async (trx) => {
                await checkWhoHasAccess(trx, world, pageSize);
                await checkColumnForms(trx, world, 'x');
              });
            }),
            { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
          );
          console.log(`${dialect}: who-has-access checked on ${counts.accessItems} items`);
        });

        test("ID-1, PRJ-4: with the outer query's users aliased `u`, as explain/service.ts writes it, deactivated users still hold nothing", async () => {
          await fc.assert(
            fc.asyncProperty(dbWorldArb, async ({ world, settingOrder }) => {
              await withWorld(handle.db, world, settingOrder, (trx) => checkColumnForms(trx, world, 'u'));
            }),
            { seed: SEED, numRuns: 50, includeErrorInReport: true, endOnFailure: true },
          );
        });
      }
    });
  }
}
