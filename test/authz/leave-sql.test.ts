// Guards "one model everywhere" for leave (FLOW-4): on generated worlds written to a real database, with a leave
// request of every user and vacation_approver given to every third user, the SQL predicate visibleLeave lists exactly
// the requests that decide('leave.view') — fed by the batch loaders — allows each user (who may know a request and its
// type: the owner, the approvers it is routed to, app_admin), and the reference model's rule allows the same.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadLeaves, loadSubjects } from '../../src/authz/loader.js';
import { visibleLeave } from '../../src/authz/visibility.js';
import type { DbHandle } from '../../src/db/index.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import { seesLeave, type World } from './reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 40);

/** The generated worlds with one pending request per user and vacation_approver given to every third user. */
const leaveWorldArb = dbWorldArb.map(({ world, settingOrder }) => {
  const added = world.users.flatMap((_, u) =>
    u % 3 === 1 ? [{ role: 'vacation_approver' as const, to: { kind: 'user' as const, id: u } }] : [],
  );
  const leaves = world.users.map((_, owner) => ({ owner, state: 'pending' as const }));
  const appRoles = [...world.appRoles, ...added].filter(
    (a, i, all) => all.findIndex((b) => b.role === a.role && b.to.kind === a.to.kind && b.to.id === a.to.id) === i,
  );
  return { settingOrder, world: { ...world, appRoles, leaves } satisfies World };
});

for (const dialect of DIALECTS) {
  describe(`leave visibility: SQL = core = the reference (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`FLOW-4: ${WORLDS} generated worlds — the requests visibleLeave lists for each user are those leave.view allows`, async () => {
      const counts = { checks: 0, own: 0, routed: 0, toAll: 0, byAppAdmin: 0, hidden: 0 };
      await fc.assert(
        fc.asyncProperty(leaveWorldArb, async ({ world, settingOrder }) => {
          await withWorld(
            handle.db,
            world,
            settingOrder,
            async (trx) => {
              const userIds = world.users.map((_, u) => ids.user(u));
              const subjects = await loadSubjects(trx, userIds);
              const facts = await loadLeaves(
                trx,
                world.leaves.map((_, i) => ids.leave(i)),
              );
              for (const [u, userId] of userIds.entries()) {
                const { rows } = await sql<{ id: number }>`select l.id from leave_requests l
                  where ${visibleLeave({ userId }, 'l')} order by l.id`.execute(trx);
                const allowed: number[] = [];
                for (const [i, leave] of world.leaves.entries()) {
                  const fact = facts.get(ids.leave(i))!;
                  const decision = decide(
                    'leave.view',
                    subjects.get(userId)!,
                    { leave: fact, ownerId: fact.ownerId },
                    {
                      explain: false,
                    },
                  );
                  const what = `leave.view by ${names.user(u)} on ${names.user(leave.owner)}'s request`;
                  assert.equal(decision.allowed, seesLeave(world, u, i), what);
                  counts.checks++;
                  if (!decision.allowed) {
                    counts.hidden++;
                    continue;
                  }
                  allowed.push(fact.id);
                  if (leave.owner === u) counts.own++;
                  else if (subjects.get(userId)!.appRoles.some((r) => r.role === 'app_admin')) counts.byAppAdmin++;
                  else if (fact.routedTeamIds.length === 0) counts.toAll++;
                  else counts.routed++;
                }
                assert.deepEqual(
                  rows.map((r) => r.id),
                  allowed,
                  `FLOW-4: the requests listed for ${names.user(u)}`,
                );
              }
            },
            { timesheets: true },
          );
        }),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(
        `${dialect}: ${counts.checks} leave checks — ${counts.own} own, ${counts.routed} routed through a team, ${counts.toAll} routed to every approver, ${counts.byAppAdmin} as app_admin, ${counts.hidden} hidden`,
      );
      assert.ok(
        counts.routed >= 5 && counts.toAll >= 5 && counts.byAppAdmin >= 5 && counts.hidden >= 20,
        'the worlds reach every way of knowing a request, and hiding it',
      );
    });
  });
}
