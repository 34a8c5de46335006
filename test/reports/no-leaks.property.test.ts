// Guards REP-5 on generated worlds written to a real database: for every user, the work logs a report counts
// (`reportedWorklogs`) are exactly those the decision core lets them see in the app areas — `report.worklogsOf` for the
// author (WL-3: own, VIEW_MEMBER_WORKLOGS in a team of theirs, team_admin, app_admin) and `item.view` for the item
// (ITEM-9) — and the summary report's every group and total is the aggregate over exactly those: no group of what the
// reader may not see, no empty group, no hour more or less. The pivot in mode "all items" (REP-3) lists exactly the
// items the core lets the reader view, each total over the counted work on it and below it, and a summary shows the
// revenue column exactly to the readers the core lets see money (PRICE-7). The workload's per-person totals (ITEM-9:
// unaffected by item security) count exactly the seen authors' work on browsable projects, hidden items included; the
// cross-project item analysis lists exactly the items with counted work, with its hours. Mutants — a predicate that forgets item
// security, whose work it is, or project permissions (a hidden project's name as a group), and a presenter that shows
// the money column to everyone — are each caught.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Expression, type SqlBool } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadItems, loadProjects, loadSubjects } from '../../src/authz/loader.js';
import { reportedWorklogs, visibleWorklogs, type Reader } from '../../src/authz/visibility.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { summarize } from '../../src/modules/reports/repo.js';
import { summaryOut } from '../../src/modules/reports/present.js';
import type { SummaryOut } from '../../src/modules/reports/schema.js';
import { createReportService } from '../../src/modules/reports/service.js';
import { settingsAllowing, usersWhoseWorkIsSeen } from '../../src/authz/sql.js';
import { createPivotService } from '../../src/modules/reports/service-pivot.js';
import { findItemAnalysis, summarizeWorkload } from '../../src/modules/reports/repo-analysis.js';
import { createAuthz, type Actor } from '../../src/authz/engine.js';
import type { ItemSecurityFacts, ProjectFacts, SubjectFacts } from '../../src/authz/facts.js';
import { AppError } from '../../src/lib/errors.js';
import { mergeCurrencies } from '../../src/modules/reports/present.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import type { World } from '../authz/reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from '../authz/world.js';

const WORLDS = Number(process.env.REPORT_WORLDS ?? 40);
const QUICK = { explain: false } as const;
const RANGE = { from: '2026-01-01', to: '2026-12-31' };

/** Work logs spread over users, items, teams and two months: about one in three (user, item) pairs. */
function worklogsOf(world: World) {
  return world.items.flatMap((item, i) =>
    world.users.flatMap((_, u) => {
      if ((i + u) % 3 !== 0) return [];
      const teams = world.memberships.filter((m) => m.user === u).map((m) => m.team);
      return [
        {
          id: 9001 + i * 16 + u,
          item: i,
          project: item.project,
          owner: u,
          team: teams.length && (i + u) % 2 === 0 ? teams[(i * 7) % teams.length] : null,
          seconds: 60 * (1 + ((i * 7 + u) % 10)),
          date: (i + u) % 4 === 0 ? '2026-03-02' : '2026-04-15',
        },
      ];
    }),
  );
}
type Log = ReturnType<typeof worklogsOf>[number];

async function writeLogs(trx: Database, logs: Log[]) {
  if (logs.length === 0) return;
  const values = logs.map(
    (w) =>
      sql`(${w.id}, ${ids.item(w.item)}, ${ids.project(w.project)}, ${ids.user(w.owner)}, ${ids.user(w.owner)},
        ${w.date}::date, ${w.seconds}, ${w.team === null ? null : ids.team(w.team)}::int)`,
  );
  await sql`insert into worklogs (id, item_id, project_id, author_id, created_by, start_date, duration_seconds, team_id)
    overriding system value values ${sql.join(values)}`.execute(trx);
}

type Predicate = (reader: Reader) => Expression<SqlBool>;
const REAL: Predicate = (reader) => reportedWorklogs(reader, 'w', { itemAlias: 'i' });
const MUTANTS: Record<string, Predicate> = {
  'forgets item security': (reader) =>
    sql<SqlBool>`(w.author_id = any(array(select w2.author_id from worklogs w2 where ${reportedWorklogs(reader, 'w2')})) or ${reportedWorklogs(reader, 'w', { itemAlias: 'i' })})`,
  'forgets whose work it is': (reader) => visibleWorklogs(reader, 'w', { itemAlias: 'i' }),
  // A hidden project's work, and so its name as a group, in the report of a reader who may not browse it.
  'forgets project permissions': (reader) =>
    sql<SqlBool>`(w.author_id = any(array${usersWhoseWorkIsSeen(reader.userId, 'report.worklogsOf')})
      and i.deleted_at is null
      and (i.governing_item_id is null or i.governing_item_id in ${settingsAllowing(reader.userId, 'view')}))`,
};

/** The actor the services take, for a user of the world. */
function actorOf(world: World, u: number, subject: SubjectFacts): Actor {
  return {
    userId: ids.user(u),
    login: names.login(u),
    displayName: names.user(u),
    email: '',
    systemAdmin: world.users[u].systemAdmin,
    auth: 'session',
    subject,
  };
}

/** PRICE-7: a summary shows revenue — the key at all, even empty — exactly when the core lets the reader see money. */
function moneyProblem(out: SummaryOut, subject: SubjectFacts): string | undefined {
  const shown = [out.total, ...out.rows].some((row) => 'revenue' in row);
  const allowed = decide('money.view', subject, {}, QUICK).allowed;
  return shown === allowed ? undefined : `revenue ${shown ? 'shown' : 'hidden'} where money.view is ${allowed}`;
}

interface Counts {
  moneyShown: number;
  moneyHidden: number;
  pivots: number;
  pivotItems: number;
  workloadHidden: number;
  checks: number;
  counted: number;
  hiddenByItem: number;
  hiddenByAuthor: number;
  others: number;
}

const noCounts = (): Counts => ({
  moneyShown: 0,
  moneyHidden: 0,
  pivots: 0,
  pivotItems: 0,
  workloadHidden: 0,
  checks: 0,
  counted: 0,
  hiddenByItem: 0,
  hiddenByAuthor: 0,
  others: 0,
});

/** The expected work logs per user, from the core; throws (an assertion) where the predicate lists others. */
async function checkWorld(trx: Database, world: World, predicate: Predicate, counts: Counts, summaries: boolean) {
  const logs = worklogsOf(world);
  await writeLogs(trx, logs);
  const userIds = world.users.map((_, u) => ids.user(u));
  const subjects = await loadSubjects(trx, userIds);
  const projects = await loadProjects(
    trx,
    Array.from({ length: world.projects }, (_, p) => ids.project(p)),
  );
  const live = await loadItems(trx, sql`true`);
  for (const [u, userId] of userIds.entries()) {
    const subject = subjects.get(userId)!;
    const reader: Reader = { userId, systemAdmin: world.users[u].systemAdmin };
    const expected = logs.filter((w) => {
      const ofAuthor = decide(
        'report.worklogsOf',
        subject,
        { ownerId: ids.user(w.owner), owner: subjects.get(ids.user(w.owner)) },
        QUICK,
      ).allowed;
      const item = live.get(ids.item(w.item));
      const viewsItem =
        item !== undefined &&
        decide('item.view', subject, { project: projects.get(ids.project(w.project)), item: item.item }, QUICK).allowed;
      if (!ofAuthor) counts.hiddenByAuthor++;
      else if (!viewsItem) counts.hiddenByItem++;
      else if (w.owner !== u) counts.others++;
      return ofAuthor && viewsItem;
    });
    counts.checks += logs.length;
    counts.counted += expected.length;
    const { rows } = await sql<{ id: number }>`select w.id from worklogs w join work_items i on i.id = w.item_id
      where ${predicate(reader)} order by w.id`.execute(trx);
    assert.deepEqual(
      rows.map((r) => Number(r.id)),
      expected.map((w) => w.id).sort((a, b) => a - b),
      `REP-5, WL-3, ITEM-9: the work logs a report counts for ${names.user(u)}`,
    );
    if (!summaries) continue;
    await checkPivots(trx, world, u, subject, projects, live, expected, counts);
    await checkAnalysis(trx, world, u, subjects, projects, live, logs, expected, counts);
    const reports = createReportService({ db: trx, authz: createAuthz(trx), secureCookies: false });
    const served = await reports.summary(actorOf(world, u, subject), { ...RANGE, groupBy: ['project'] });
    assert.equal(moneyProblem(served, subject), undefined, `PRICE-7: ${names.user(u)}'s summary`);
    if (decide('money.view', subject, {}, QUICK).allowed) counts.moneyShown++;
    else counts.moneyHidden++;
    // The summary by project, user and team: every group and subtotal the aggregate over the expected work logs.
    const got = mergeCurrencies(await summarize(trx, reader, RANGE, ['project', 'user', 'team'], 100_000));
    const want = new Map<string, number>();
    for (const w of expected) {
      const path = [
        String(ids.project(w.project)),
        String(ids.user(w.owner)),
        String(w.team === null ? null : ids.team(w.team)),
      ];
      for (let depth = 0; depth <= 3; depth++) {
        const key = path.slice(0, depth).join('|');
        want.set(key, (want.get(key) ?? 0) + w.seconds);
      }
    }
    assert.deepEqual(
      new Map(got.map((r) => [r.keys.map((k) => String(k.id)).join('|'), r.seconds])),
      want,
      `REP-1, REP-5: the groups and totals of ${names.user(u)}'s summary`,
    );
  }
}

/**
 * REP-3, REP-5, ITEM-9: the pivot of each project in mode "all items" lists exactly the items the core lets the user
 * view, and each item's total is the sum of the counted work logs on it and its descendants (the viewable ones: the
 * others carry none that count); a user the core refuses the pivot gets a refusal, not an empty pivot.
 */
async function checkPivots(
  trx: Database,
  world: World,
  u: number,
  subject: SubjectFacts,
  projects: Map<number, ProjectFacts>,
  live: Map<number, { item: ItemSecurityFacts }>,
  expected: Log[],
  counts: Counts,
) {
  const pivots = createPivotService({ db: trx, authz: createAuthz(trx), secureCookies: false });
  const actor = actorOf(world, u, subject);
  const isUnder = (i: number, ancestor: number): boolean =>
    i === ancestor || (world.items[i].parent !== null && isUnder(world.items[i].parent!, ancestor));
  for (let p = 0; p < world.projects; p++) {
    const project = projects.get(ids.project(p))!;
    const allowed = decide('report.pivotProject', subject, { project }, QUICK).allowed;
    const out = await pivots
      .pivot(actor, { ...RANGE, project: names.project(p), mode: 'all' })
      .catch((e: unknown) => (e instanceof AppError ? undefined : Promise.reject(e)));
    assert.equal(out !== undefined, allowed, `REP-3: the pivot of ${names.project(p)} for ${names.user(u)}`);
    if (!out) continue;
    counts.pivots++;
    const viewable = world.items.flatMap((item, i) => {
      const facts = live.get(ids.item(i));
      const views =
        item.project === p && facts && decide('item.view', subject, { project, item: facts.item }, QUICK).allowed;
      return views ? [i] : [];
    });
    assert.deepEqual(
      out.items!.map((i) => i.key).sort(),
      viewable.map((i) => names.item(world, i)).sort(),
      `ITEM-9: the items of ${names.project(p)}'s pivot for ${names.user(u)}`,
    );
    counts.pivotItems += viewable.length;
    const sum = (logs: Log[]) => logs.reduce((s, w) => s + w.seconds, 0);
    const inProject = expected.filter((w) => w.project === p);
    assert.equal(out.total.seconds, sum(inProject), `REP-5: the pivot's total of ${names.project(p)}`);
    for (const i of viewable)
      assert.equal(
        out.items!.find((row) => row.key === names.item(world, i))!.seconds,
        sum(inProject.filter((w) => isUnder(w.item, i))),
        `REP-3, REP-5: ${names.item(world, i)}'s total over its viewable descendants for ${names.user(u)}`,
      );
  }
}

/**
 * ITEM-9, REP-5: the workload counts, per person, the work of authors the core lets the user see (`report.worklogsOf`)
 * on live items of projects they may browse (`project.view`) — hidden items' hours included; the cross-project item
 * analysis lists exactly the items with counted work, each with the counted hours on it.
 */
async function checkAnalysis(
  trx: Database,
  world: World,
  u: number,
  subjects: Map<number, SubjectFacts>,
  projects: Map<number, ProjectFacts>,
  live: Map<number, { item: ItemSecurityFacts }>,
  logs: Log[],
  expected: Log[],
  counts: Counts,
) {
  const subject = subjects.get(ids.user(u))!;
  const reader: Reader = { userId: ids.user(u), systemAdmin: world.users[u].systemAdmin };
  const sumBy = (rows: Log[], key: (w: Log) => string) => {
    const sums = new Map<string, number>();
    for (const w of rows) sums.set(key(w), (sums.get(key(w)) ?? 0) + w.seconds);
    return sums;
  };
  const workload = logs.filter(
    (w) =>
      live.has(ids.item(w.item)) &&
      decide(
        'report.worklogsOf',
        subject,
        { ownerId: ids.user(w.owner), owner: subjects.get(ids.user(w.owner)) },
        QUICK,
      ).allowed &&
      decide('project.view', subject, { project: projects.get(ids.project(w.project)) }, QUICK).allowed,
  );
  counts.workloadHidden += workload.length - expected.length;
  const rows = await summarizeWorkload(trx, reader, { ...RANGE, period: 'week' }, 100_000);
  assert.deepEqual(
    new Map(mergeCurrencies(rows).flatMap((r) => (r.keys.length === 1 ? [[String(r.keys[0].id), r.seconds]] : []))),
    sumBy(workload, (w) => String(ids.user(w.owner))),
    `ITEM-9, REP-5: the per-person totals of ${names.user(u)}'s workload`,
  );
  const items = await findItemAnalysis(trx, reader, { ...RANGE, limit: 10_000, offset: 0 }, 10_000);
  assert.deepEqual(
    new Map(items.map((i) => [i.key, Number(i.seconds)])),
    sumBy(expected, (w) => names.item(world, w.item)),
    `ITEM-9, REP-5: the items of ${names.user(u)}'s cross-project analysis and their hours`,
  );
}

for (const dialect of DIALECTS) {
  describe(`reports count what the app areas show (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`REP-5, REP-1, REP-3, WL-3, ITEM-9: ${WORLDS} generated worlds — each user's report and pivot count exactly the work logs the core lets them see`, async () => {
      const counts = noCounts();
      await fc.assert(
        fc.asyncProperty(dbWorldArb, ({ world, settingOrder }) =>
          withWorld(handle.db, world, settingOrder, (trx) => checkWorld(trx, world, REAL, counts, true)),
        ),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(`${dialect}: ${JSON.stringify(counts)}`);
      assert.ok(
        counts.counted >= 100 &&
          counts.hiddenByItem >= 50 &&
          counts.hiddenByAuthor >= 100 &&
          counts.others >= 20 &&
          counts.workloadHidden >= 20,
      );
    });

    test('PRICE-7, REP-5: the mutant that shows the money column to every reader is caught', async () => {
      let caught = false;
      for (let run = 0; run < WORLDS && !caught; run++) {
        const [{ world, settingOrder }] = fc.sample(dbWorldArb, { seed: SEED + run, numRuns: 1 });
        caught = await withWorld(handle.db, world, settingOrder, async (trx) => {
          const subjects = await loadSubjects(
            trx,
            world.users.map((_, u) => ids.user(u)),
          );
          const everyone = summaryOut([], ['project'], true, 100, false);
          return [...subjects.values()].some((subject) => moneyProblem(everyone, subject) !== undefined);
        });
      }
      assert.ok(caught, 'no reader told a money column shown to everyone apart');
    });

    for (const [name, mutant] of Object.entries(MUTANTS))
      test(`REP-5: the mutant that ${name} is caught`, async () => {
        const counts = noCounts();
        let caught = false;
        for (let run = 0; run < WORLDS && !caught; run++) {
          const [{ world, settingOrder }] = fc.sample(dbWorldArb, { seed: SEED + run, numRuns: 1 });
          caught = await withWorld(handle.db, world, settingOrder, (trx) =>
            checkWorld(trx, world, mutant, counts, false).then(
              () => false,
              (e: unknown) => e instanceof assert.AssertionError,
            ),
          );
        }
        assert.ok(caught, `no world told the mutant that ${name} apart`);
      });
  });
}
