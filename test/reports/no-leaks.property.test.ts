// Guards REP-5 on generated worlds written to a real database: for every user, the work logs a report counts
// (`reportedWorklogs`) are exactly those the decision core lets them see in the app areas — `report.worklogsOf` for the
// author (WL-3: own, VIEW_MEMBER_WORKLOGS in a team of theirs, team_admin, app_admin) and `item.view` for the item
// (ITEM-9) — and the summary report's every group and total is the aggregate over exactly those: no group of what the
// reader may not see, no empty group, no hour more or less. Mutants of the predicate (one that forgets item security,
// one that forgets whose work it is) are caught by the same property.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Expression, type SqlBool } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadItems, loadProjects, loadSubjects } from '../../src/authz/loader.js';
import { reportedWorklogs, visibleWorklogs, type Reader } from '../../src/authz/visibility.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { summarize } from '../../src/modules/reports/repo.js';
import { mergeCurrencies } from '../../src/modules/reports/present.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import type { World } from '../authz/reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from '../authz/world.js';

const WORLDS = Number(process.env.REPORT_WORLDS ?? 150);
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
};

interface Counts {
  checks: number;
  counted: number;
  hiddenByItem: number;
  hiddenByAuthor: number;
  others: number;
}

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

for (const dialect of DIALECTS) {
  describe(`reports count what the app areas show (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`REP-5, REP-1, WL-3, ITEM-9: ${WORLDS} generated worlds — each user's report counts exactly the work logs the core lets them see`, async () => {
      const counts: Counts = { checks: 0, counted: 0, hiddenByItem: 0, hiddenByAuthor: 0, others: 0 };
      await fc.assert(
        fc.asyncProperty(dbWorldArb, ({ world, settingOrder }) =>
          withWorld(handle.db, world, settingOrder, (trx) => checkWorld(trx, world, REAL, counts, true)),
        ),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(`${dialect}: ${JSON.stringify(counts)}`);
      assert.ok(
        counts.counted >= 100 && counts.hiddenByItem >= 50 && counts.hiddenByAuthor >= 100 && counts.others >= 20,
      );
    });

    for (const [name, mutant] of Object.entries(MUTANTS))
      test(`REP-5: the mutant that ${name} is caught`, async () => {
        const counts: Counts = { checks: 0, counted: 0, hiddenByItem: 0, hiddenByAuthor: 0, others: 0 };
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
