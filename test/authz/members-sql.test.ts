// Guards "one model everywhere" for whose work a user sees and acts on through a global action of a member's work
// (`selfOnly` with `forOthers`): on generated worlds written to a real database, the users `usersWhoseWorkIsSeen` lists
// for each user are exactly those the decision core — fed by the batch loaders — allows: for reports
// (report.worklogsOf, WL-3) and for the Schedule (plan.view, plan.edit, FLOW-5: oneself, the members of teams where one
// holds MANAGE_SCHEDULE, every team member for team_admin, anyone for app_admin).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Action } from '../../src/authz/catalogue.js';
import { decide } from '../../src/authz/decide.js';
import { loadSubjects } from '../../src/authz/loader.js';
import { usersWhoseWorkIsSeen } from '../../src/authz/sql.js';
import type { DbHandle } from '../../src/db/index.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 25);
const ACTIONS: readonly Action[] = ['report.worklogsOf', 'plan.view', 'plan.edit'];

for (const dialect of DIALECTS) {
  describe(`whose work a user sees: SQL = core (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`FLOW-5, WL-3: ${WORLDS} generated worlds — usersWhoseWorkIsSeen lists exactly whom the core allows`, async () => {
      const counts = { checks: 0, self: 0, others: 0, hidden: 0 };
      await fc.assert(
        fc.asyncProperty(dbWorldArb, async ({ world, settingOrder }) => {
          await withWorld(handle.db, world, settingOrder, async (trx) => {
            const userIds = world.users.map((_, u) => ids.user(u));
            const subjects = await loadSubjects(trx, userIds);
            for (const action of ACTIONS)
              for (const [u, userId] of userIds.entries()) {
                const { rows } = await sql<{ id: number }>`select o.id from users o
                  where o.id in ${usersWhoseWorkIsSeen(userId, action)} order by o.id`.execute(trx);
                const allowed = userIds.filter((ownerId) => {
                  const { allowed } = decide(
                    action,
                    subjects.get(userId)!,
                    { ownerId, owner: ownerId === userId ? undefined : subjects.get(ownerId) },
                    { explain: false },
                  );
                  counts.checks++;
                  if (!allowed) counts.hidden++;
                  else if (ownerId === userId) counts.self++;
                  else counts.others++;
                  return allowed;
                });
                assert.deepEqual(
                  rows.map((r) => Number(r.id)),
                  allowed,
                  `${action}: the users ${names.user(u)} sees`,
                );
              }
          });
        }),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(
        `${dialect}: ${counts.checks} checks — ${counts.self} oneself, ${counts.others} another user, ${counts.hidden} refused`,
      );
      assert.ok(counts.self >= 20 && counts.others >= 10 && counts.hidden >= 20, 'the worlds reach every answer');
    });
  });
}
