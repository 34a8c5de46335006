// Guards "one model everywhere" for TEAM-8: on generated worlds written to a real database, the SQL list predicate
// canViewTeam returns exactly the teams that decide('team.view') — fed by the batch loaders — and the reference model allow
// to each user, and hides (404) exactly the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadProjects, loadSubjects, loadTeams } from '../../src/authz/loader.js';
import { canViewTeam } from '../../src/authz/sql.js';
import type { DbHandle } from '../../src/db/index.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import { reference, teamVisibleTo } from './reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_SQL_WORLDS ?? 100);

for (const dialect of DIALECTS) {
  describe(`team visibility: SQL = core = reference (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`TEAM-8, DENY-2, APP-2, PRJ-4: ${WORLDS} generated worlds — the teams canViewTeam lists for each user are those team.view allows, and every other team is a 404`, async () => {
      const counts = { checks: 0, visible: 0, hidden: 0, byProjectAdmin: 0 };
      await fc.assert(
        fc.asyncProperty(dbWorldArb, async ({ world, settingOrder }) => {
          await withWorld(handle.db, world, settingOrder, async (trx) => {
            const userIds = world.users.map((_, u) => ids.user(u));
            const subjects = await loadSubjects(trx, userIds);
            const teams = await loadTeams(
              trx,
              world.teams.map((_, t) => ids.team(t)),
            );
            const projects = await loadProjects(
              trx,
              Array.from({ length: world.projects }, (_, p) => ids.project(p)),
            );
            for (const [u, userId] of userIds.entries()) {
              const { rows } = await sql<{
                id: number;
              }>`select t.id from teams t where ${canViewTeam(userId, 't')} order by t.id`.execute(trx);
              const listed = rows.map((r) => r.id);
              const allowed: number[] = [];
              for (const [t, team] of world.teams.entries()) {
                const facts = teams.get(ids.team(t))!;
                const decision = decide(
                  'team.view',
                  subjects.get(userId)!,
                  {
                    team: facts,
                    project: facts.projectId === null ? undefined : projects.get(facts.projectId),
                    servedProjects: (facts.assignedProjectIds ?? []).map((id) => projects.get(id)!),
                  },
                  { explain: false },
                );
                const expected = reference(world, u, 'team.view', { kind: 'team', team: t, project: team.project });
                assert.equal(decision.allowed, expected.allowed, `team.view by ${names.user(u)} on ${names.team(t)}`);
                if (!decision.allowed) {
                  assert.equal(
                    decision.hidden,
                    expected.hidden,
                    `TEAM-8: 404 or 403 for ${names.user(u)} on ${names.team(t)}`,
                  );
                  counts.hidden++;
                } else counts.visible++;
                if (
                  decision.allowed &&
                  teamVisibleTo(world, u, t) &&
                  !world.users[u].systemAdmin &&
                  world.memberships.every((m) => !(m.current && m.user === u && m.team === t))
                )
                  counts.byProjectAdmin++;
                if (decision.allowed) allowed.push(ids.team(t));
                counts.checks++;
              }
              assert.deepEqual(listed, allowed, `TEAM-8: the teams listed for ${names.user(u)}`);
            }
          });
        }),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(
        `${dialect}: ${counts.checks} team checks — ${counts.visible} visible (${counts.byProjectAdmin} not as a member or system administrator), ${counts.hidden} refused`,
      );
      assert.ok(
        counts.visible >= 50 && counts.hidden >= 50 && counts.byProjectAdmin >= 10,
        'the worlds reach both answers and every way of seeing a team',
      );
    });
  });
}
