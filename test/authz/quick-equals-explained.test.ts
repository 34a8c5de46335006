// Guards that the quick check and the explanation are one decision: on generated worlds, decide() without
// an explanation gives the same answer, the same 404-or-403 and the same deciding reason (EXPL-1) — team layers,
// acting for another user, the team check and the timesheet locks included (TEAM-2, WL-5, PRICE-3, FLOW-11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decide } from '../../src/authz/decide.js';
import { casesOf, contextOf, describeCase, resourceOf } from './cases.js';
import { SEED, worldArb } from './world.js';

const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 200);

test(`EXPL-1, FLOW-11, TEAM-2, WL-5, PRICE-3: ${WORLDS} generated worlds — the quick check (no explanation) decides exactly as the explained decision, the locks of timesheets, periods and charges included`, () => {
  let cases = 0;
  fc.assert(
    fc.property(worldArb, (world) => {
      const ctx = contextOf(world);
      for (const c of casesOf(world)) {
        const subject = ctx.facts.subjects[c.user];
        const explained = decide(c.action, subject, resourceOf(ctx, c), { explain: true });
        const quick = decide(c.action, subject, resourceOf(ctx, c), { explain: false });
        const what = describeCase(world, c);
        assert.equal(quick.allowed, explained.allowed, what);
        assert.equal(quick.hidden, explained.hidden, what);
        if (!explained.allowed) assert.deepEqual(quick.deciding, explained.deciding, what);
        cases++;
      }
    }),
    { seed: SEED, numRuns: WORLDS },
  );
  console.log(`quick = explained on ${cases} check cases`);
  assert.ok(cases > WORLDS);
});
