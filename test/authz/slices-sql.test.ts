// Guards "one model everywhere" for the approval queue (FLOW-2, FLOW-8, FLOW-10, APP-2): on generated worlds written to a
// real database, with a slice of every user for every team (and one without a team), the SQL predicate visibleSlices
// lists exactly the slices that decide('timesheet.review') — fed by the batch loaders — allows each user, and the rule
// as the SPEC words it (written out below, plainly) allows the same.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadSlices, loadSubjects } from '../../src/authz/loader.js';
import { visibleSlices } from '../../src/authz/visibility.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import type { World } from './reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 60);

/** The generated worlds, with timesheet_approver given to every other user, so approvers in teams are common. */
const approverWorldArb = dbWorldArb.map(({ world, settingOrder }) => {
  const approver = (u: number) =>
    u % 2 === 0 &&
    !world.appRoles.some((a) => a.role === 'timesheet_approver' && a.to.kind === 'user' && a.to.id === u);
  const added = world.users.flatMap((_, u) =>
    approver(u) ? [{ role: 'timesheet_approver' as const, to: { kind: 'user' as const, id: u } }] : [],
  );
  return { settingOrder, world: { ...world, appRoles: [...world.appRoles, ...added] } };
});
const SLICE_BASE = 5001;

/** One slice per user × (each team, no team), ids in that order; the period does not matter to who reviews it. */
function slicesOf(world: World): Array<{ id: number; owner: number; team: number | null }> {
  const teams = [null, ...world.teams.map((_, t) => t)];
  return world.users
    .flatMap((_, owner) => teams.map((team) => ({ owner, team })))
    .map((s, i) => ({ id: SLICE_BASE + i, ...s }));
}

async function writeSlices(trx: Database, world: World): Promise<void> {
  const slices = slicesOf(world);
  if (slices.length === 0) return;
  await sql`insert into timesheet_slices (id, user_id, team_id, period_start, period_end, state)
    overriding system value values ${sql.join(
      slices.map(
        (s) =>
          sql`(${s.id}, ${ids.user(s.owner)}, ${s.team === null ? null : ids.team(s.team)}, '2026-03-02', '2026-03-08', 'submitted')`,
      ),
    )}`.execute(trx);
}

/** The SPEC's rule: an active user with the Timesheet Approval area (timesheet_approver or app_admin), app_admin for any slice or APPROVE_TIMESHEETS in its team, never their own. */
function specAllows(world: World, user: number, slice: { owner: number; team: number | null }): boolean {
  const roles = world.appRoles
    .filter((a) => (a.to.kind === 'user' ? a.to.id === user : world.users[user].groups.includes(a.to.id)))
    .map((a) => a.role);
  const approvesInTeam =
    slice.team !== null &&
    world.memberships.some(
      (m) =>
        m.current &&
        m.user === user &&
        m.team === slice.team &&
        m.roles.some((r) => world.teams[m.team].roles[r].includes('APPROVE_TIMESHEETS')),
    );
  return (
    world.users[user].active &&
    slice.owner !== user &&
    (roles.includes('timesheet_approver') || roles.includes('app_admin')) &&
    (roles.includes('app_admin') || approvesInTeam)
  );
}

for (const dialect of DIALECTS) {
  describe(`slice visibility: SQL = core = the SPEC's rule (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`FLOW-2, FLOW-8, FLOW-10, APP-2: ${WORLDS} generated worlds — the slices visibleSlices lists for each user are those timesheet.review allows`, async () => {
      const counts = { checks: 0, allowed: 0, byTeam: 0, byAppAdmin: 0, ownRefused: 0, areaClosed: 0, hidden: 0 };
      await fc.assert(
        fc.asyncProperty(approverWorldArb, async ({ world, settingOrder }) => {
          await withWorld(handle.db, world, settingOrder, async (trx) => {
            await writeSlices(trx, world);
            const slices = slicesOf(world);
            const userIds = world.users.map((_, u) => ids.user(u));
            const subjects = await loadSubjects(trx, userIds);
            const facts = await loadSlices(
              trx,
              slices.map((s) => s.id),
            );
            for (const [u, userId] of userIds.entries()) {
              const { rows } = await sql<{ id: number }>`select s.id from timesheet_slices s
                where ${visibleSlices({ userId }, 's')} order by s.id`.execute(trx);
              const allowed: number[] = [];
              for (const slice of slices) {
                const fact = facts.get(slice.id)!;
                const resource = { slice: fact, ownerId: fact.ownerId, owner: subjects.get(fact.ownerId) };
                const decision = decide('timesheet.review', subjects.get(userId)!, resource, { explain: false });
                const what = `timesheet.review by ${names.user(u)} on ${names.user(slice.owner)}'s slice of ${slice.team === null ? 'no team' : names.team(slice.team)}`;
                assert.equal(decision.allowed, specAllows(world, u, slice), what);
                counts.checks++;
                if (decision.allowed) {
                  allowed.push(slice.id);
                  counts.allowed++;
                  if (subjects.get(userId)!.appRoles.some((r) => r.role === 'app_admin')) counts.byAppAdmin++;
                  else counts.byTeam++;
                } else if (decision.hidden) counts.hidden++;
                else if (decision.deciding.code === 'own_timesheet') counts.ownRefused++;
                else if (decision.deciding.code === 'area_closed') counts.areaClosed++;
              }
              assert.deepEqual(
                rows.map((r) => r.id),
                allowed,
                `FLOW-10: the slices listed for ${names.user(u)}`,
              );
            }
          });
        }),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(
        `${dialect}: ${counts.checks} slice checks — ${counts.allowed} allowed (${counts.byTeam} through APPROVE_TIMESHEETS, ${counts.byAppAdmin} as app_admin), ${counts.ownRefused} own slices refused, ${counts.areaClosed} area closed, ${counts.hidden} hidden`,
      );
      assert.ok(
        counts.byTeam >= 20 && counts.byAppAdmin >= 20 && counts.ownRefused >= 10 && counts.areaClosed >= 10,
        'the worlds reach every way of reviewing a slice and every refusal',
      );
    });
  });
}
