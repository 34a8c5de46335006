// Guards EXPL-1 "the explanation and the action's own refusal always give the same code and message": explaining
// worklog.create — for a given work date or, without one, for today in the installation's time zone — answers what
// POST /api/worklogs answers for that date (201 allowed; 403 — 409 for an archived project — with the same code and
// message; 404 when hidden), in memory on many generated worlds and through the HTTP endpoints on a few written to a
// database; who-has-access's log-work column answers the same for today. A wrong explanation (mutants.ts) must fail
// the same property.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { CONFLICT_CODES } from '../../src/authz/catalogue.js';
import type { Decision } from '../../src/authz/decide.js';
import { loadDateSettings } from '../../src/lib/installation.js';
import { digest } from '../../src/modules/auth/secrets.js';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { contextOf, type Ctx } from './cases.js';
import { created, explainer, explanationDisagrees, probesOf, type DatedProbe, type Explainer } from './explanations.js';
import { EXPLANATION_MUTANTS } from './mutants.js';
import type { World } from './reference.js';
import { day, ids, names, SEED, worldArb, writeTimesheets, writeWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_EXPLAIN_WORLDS ?? 200);
const HTTP_WORLDS = Number(process.env.AUTHZ_HTTP_WORLDS ?? 3);
const HTTP_PROBES = Number(process.env.AUTHZ_HTTP_PROBES ?? 16);
/** Probes per HTTP world that a lock refuses, and the locks' codes (FLOW-1, FLOW-3). */
const LOCKED_PROBES = 3;
const LOCK_CODES = ['period_closed', 'timesheet_locked'];
/** "Today" of the in-memory worlds: inside the probed dates, where price lists start, end and leave gaps. */
const TODAY = day(9);

/** Runs the explainer against the creation on every probe of generated worlds; the first disagreement, or the counts. */
function check(explain: Explainer, worlds: number) {
  const outcomes = new Map<string, number>();
  let probes = 0;
  const details = fc.check(
    fc.property(worldArb, (world) => {
      const ctx = contextOf(world);
      for (const probe of probesOf(world)) {
        const answered = created(ctx, probe, TODAY);
        const why = explanationDisagrees(explain(ctx, probe, TODAY), answered);
        if (why) throw new Error(`${probeText(world, probe)}: ${why}`);
        const key = `${probe.date === undefined ? 'undated' : 'dated'} ${answered.allowed ? 'allowed' : answered.hidden ? 'hidden' : answered.deciding.code}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        probes++;
      }
    }),
    { seed: SEED, numRuns: worlds, includeErrorInReport: true },
  );
  return { details, outcomes, probes };
}

const probeText = (world: World, p: DatedProbe) =>
  `${names.user(p.user)} logs work on ${names.item(world, p.item)} ${p.date ? `on ${p.date}` : '(no date: today)'}`;

describe("EXPL-1: the explanation of a dated action = the action's own answer (in memory)", () => {
  test(`EXPL-1, PRICE-3: on ${WORLDS} generated worlds, explaining worklog.create with and without a date answers what creating the work log answers — allowed, 404, code and message`, () => {
    const { details, outcomes, probes } = check(explainer, WORLDS);
    if (details.failed) assert.fail(fc.defaultReportMessage(details));
    console.log(`explain = create on ${probes} probes: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
    // The property means something only if undated explanations meet every refusal of the team gate and every allow.
    for (const outcome of [
      'undated allowed',
      'undated hidden',
      'undated not_in_team',
      'undated team_role_cannot_work',
      'undated no_valid_price_list',
      'dated no_valid_price_list',
    ]) {
      assert.ok(
        (outcomes.get(outcome) ?? 0) >= 10,
        `the worlds rarely produce: ${outcome} (${outcomes.get(outcome) ?? 0})`,
      );
    }
  });

  for (const mutant of EXPLANATION_MUTANTS) {
    test(`${mutant.breaks}: the explanation property catches the mutant "${mutant.name}"`, () => {
      const { details } = check(mutant.explainer, WORLDS);
      assert.ok(details.failed, `mutant "${mutant.name}" (${mutant.meaning}) survived ${WORLDS} worlds`);
      console.log(
        `mutant "${mutant.name}" caught at world ${details.numRuns}, shrunk ${details.numShrinks}x: ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)}`,
      );
    });
  }
});

/** Worlds where the team gate has something to say: the check on and some team. */
const teamWorldArb = worldArb.filter((w) => w.teamChecks && w.teams.length > 0 && w.users.some((u) => u.active));

/** The dated probes of a world that a lock refuses — a closed team period or a submitted or approved slice (FLOW-1, FLOW-3). */
const lockedProbes = (world: World, ctx: Ctx) =>
  probesOf(world).filter(
    (p) =>
      p.date !== undefined && world.users[p.user].active && LOCK_CODES.includes(created(ctx, p, TODAY).deciding.code),
  );
/** …where some work is locked, so the refusals through HTTP name a closed period or a slice too (FLOW-11). */
const lockedWorldArb = teamWorldArb.filter((w) => lockedProbes(w, contextOf(w)).length > 0);

/** A system administrator outside the world who may browse every world project: "Check access" lets it explain any item. */
const CHECKER = 5000;

for (const dialect of DIALECTS) {
  describe(`EXPL-1 through the HTTP endpoints (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function writeCommitted(world: World): Promise<Map<number, string>> {
      const tokens = new Map<number, string>();
      await t.db.transaction().execute(async (trx) => {
        await writeWorld(trx, world);
        await writeTimesheets(trx, world);
        await sql`insert into users (id, login, display_name, email, system_admin) overriding system value
          values (${CHECKER}, 'checker', 'Checker', 'checker@world.test', true)`.execute(trx);
        for (let p = 0; p < world.projects; p++) {
          await trx
            .insertInto('project_permission_grants')
            .values({ project_id: ids.project(p), permission: 'BROWSE_PROJECT', user_id: CHECKER })
            .execute();
        }
        for (const userId of [CHECKER, ...world.users.map((_, u) => ids.user(u))]) {
          const token = `tw_world${userId}`;
          tokens.set(userId, token);
          await trx
            .insertInto('api_tokens')
            .values({ user_id: userId, name: 'world', token_hash: digest(token), prefix: token.slice(0, 8) })
            .execute();
        }
      });
      return tokens;
    }

    test(`EXPL-1, EXPL-2, PRICE-3, FLOW-11: on ${HTTP_WORLDS} generated worlds with teams and locks, GET /api/explain and /api/admin/check-access answer what POST /api/worklogs answers, and who-has-access's log-work column what it answers today`, async () => {
      const counts = new Map<string, number>();
      // The team gate's worlds, and one where work is locked.
      const worlds = [
        ...fc.sample(teamWorldArb, { seed: SEED, numRuns: Math.max(1, HTTP_WORLDS - 1) }),
        ...fc.sample(lockedWorldArb, { seed: SEED, numRuns: 1 }),
      ];
      for (const [w, world] of worlds.entries()) {
        const tokens = await writeCommitted(world);
        try {
          const ctx = contextOf(world);
          const as = (userId: number) => ({ authorization: `Bearer ${tokens.get(userId)}` });
          // Active users only: a deactivated one cannot call the API (401), which no explanation of theirs is about.
          // Mostly probes on items the user can see, where the team gate decides; a quarter on hidden ones (404).
          const all = probesOf(world).filter((p) => world.users[p.user].active);
          const seen = all.filter((p) => !created(ctx, p, TODAY).hidden);
          const pick = (from: DatedProbe[], n: number, seed: number) =>
            fc.sample(
              fc.shuffledSubarray(from, { minLength: Math.min(n, from.length), maxLength: Math.min(n, from.length) }),
              { seed, numRuns: 1 },
            )[0];
          // And a few dated ones a lock refuses (FLOW-1, FLOW-3, FLOW-11: the refusal names the closed period or the slice).
          const locked = lockedProbes(world, ctx);
          const picked = [
            ...pick(seen, Math.ceil(HTTP_PROBES * 0.75), SEED + w),
            ...pick(
              all.filter((p) => !seen.includes(p)),
              Math.floor(HTTP_PROBES / 4),
              SEED + w,
            ),
            ...pick(locked, LOCKED_PROBES, SEED + w),
          ];
          for (const probe of picked) {
            const key = names.item(world, probe.item);
            const userId = ids.user(probe.user);
            const today = (await loadDateSettings(t.db)).today;
            const date = probe.date ?? today;
            const dateQuery = probe.date ? `&date=${probe.date}` : '';
            const own = await t.app.inject({
              method: 'GET',
              url: `/api/explain?action=worklog.create&item=${key}${dateQuery}`,
              headers: as(userId),
            });
            const admin = await t.app.inject({
              method: 'GET',
              url: `/api/admin/check-access?action=worklog.create&item=${key}${dateQuery}&userId=${userId}`,
              headers: as(CHECKER),
            });
            const post = await t.app.inject({
              method: 'POST',
              url: '/api/worklogs',
              headers: as(userId),
              payload: { itemKey: key, startDate: date, durationSeconds: 60 },
            });
            const what = `${probeText(world, probe)} (world ${w})`;
            assert.equal(admin.statusCode, 200, `${what}: check-access ${admin.body}`);
            const a = admin.json();
            assert.equal(a.date, date, `${what}: check-access says which date it explained`);
            if (post.statusCode === 404) {
              assert.equal(
                own.statusCode,
                404,
                `${what}: creating answers 404, the explanation ${own.statusCode} ${own.body}`,
              );
              assert.deepEqual([a.allowed, a.hidden], [false, true], `${what}: check-access ${admin.body}`);
            } else {
              assert.equal(own.statusCode, 200, `${what}: ${own.body}`);
              const e = own.json();
              assert.equal(e.date, date, `${what}: the explanation says which date it explained`);
              for (const [who, x] of [
                ['explain', e],
                ['check-access', a],
              ] as const) {
                if (post.statusCode === 201)
                  assert.equal(
                    x.allowed,
                    true,
                    `${what}: created, but ${who} says ${x.deciding.code}: ${x.deciding.message}`,
                  );
                else {
                  // A gate about the project's state (PRJ-1: archived) is a 409; every other refusal a 403.
                  assert.equal(
                    post.statusCode,
                    CONFLICT_CODES.has(x.deciding.code) ? 409 : 403,
                    `${what}: ${post.body}`,
                  );
                  assert.deepEqual(
                    [x.allowed, x.deciding.code, x.deciding.message],
                    [false, post.json().code, post.json().detail],
                    `${what}: ${who} against the refusal`,
                  );
                }
              }
            }
            if (post.statusCode === 201) await t.db.deleteFrom('worklogs').where('id', '=', post.json().id).execute();
            // And the in-memory explanation agrees with the database's (the worlds mean the same in both).
            const memory: Decision = explainer(ctx, probe, today);
            assert.equal(
              memory.allowed,
              post.statusCode === 201,
              `${what}: in memory ${memory.deciding.code}, through HTTP ${post.statusCode}`,
            );
            const outcome = `${probe.date === undefined ? 'undated' : 'dated'} ${post.statusCode === 403 || post.statusCode === 409 ? post.json().code : post.statusCode}`;
            counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
          }
          await checkWhoHasAccess(world, ctx, as(CHECKER));
        } finally {
          await sql`truncate table users, groups, projects, teams, deny_grants, app_role_grants cascade`.execute(t.db);
        }
      }
      console.log(
        `${dialect}: explain = check-access = create through HTTP: ${JSON.stringify(Object.fromEntries([...counts].sort()))}`,
      );
      assert.ok(
        [...counts.keys()].some((k) => k.startsWith('undated')),
        'some probes were undated (today)',
      );
      assert.ok(
        LOCK_CODES.some((code) => counts.has(`dated ${code}`)),
        'FLOW-11: some refusals through HTTP named a lock',
      );
    });

    /** EXPL-2: the log-work column of who-has-access answers what logging work today would (the team gate included). */
    async function checkWhoHasAccess(world: World, ctx: Ctx, headers: Record<string, string>) {
      const today = (await loadDateSettings(t.db)).today;
      for (const [item] of world.items.entries()) {
        if (!ctx.facts.items[item]) continue;
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/items/${names.item(world, item)}/access?limit=50`,
          headers,
        });
        assert.equal(res.statusCode, 200, res.body);
        for (const row of res.json().items as Array<{
          user: { id: number };
          logWork: { allowed: boolean; why: string; date: string };
        }>) {
          if (row.user.id === CHECKER) continue;
          const answered = created(ctx, { user: row.user.id - ids.user(0), item, date: undefined }, today);
          assert.equal(row.logWork.date, today);
          assert.deepEqual(
            [row.logWork.allowed, row.logWork.allowed || row.logWork.why === answered.deciding.message],
            [answered.allowed, true],
            `EXPL-2: log work for ${row.user.id} on ${names.item(world, item)}: listed ${row.logWork.allowed} (${row.logWork.why}), creating answers ${answered.deciding.code}: ${answered.deciding.message}`,
          );
        }
      }
    }
  });
}
