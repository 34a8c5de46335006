// Guards the guard: the reference harness that proves decide() correct must catch deliberately wrong rules —
// each mutant in ./mutants.ts (item security, deny permissions, and the team layers: WL-5, TEAM-2/3/6, PRICE-3)
// fails it, while the real engine passes the same harness with the same seeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { engine, runAgainstReference } from './cases.js';
import { MUTANTS } from './mutants.js';
import { SEED } from './world.js';

const MIN_CASES = Number(process.env.AUTHZ_CHECKS ?? 100_000);

describe('mutation check: the harness catches wrong rules', () => {
  test('control: the real engine passes the harness every mutant is run through', () => {
    const result = runAgainstReference(engine, { minCases: MIN_CASES, seed: SEED });
    if (result.failure) assert.fail(fc.defaultReportMessage(result.details!));
    console.log(`control: real engine agrees on ${result.cases} check cases`);
  });

  for (const mutant of MUTANTS) {
    test(`${mutant.breaks}: the harness catches the mutant "${mutant.name}"`, () => {
      const result = runAgainstReference(mutant.checker, { minCases: MIN_CASES, seed: SEED });
      assert.ok(
        result.failure,
        `mutant "${mutant.name}" (${mutant.meaning}) survived ${result.cases} check cases on ${result.worlds} worlds`,
      );
      console.log(
        `mutant "${mutant.name}" (${mutant.meaning}) caught at world ${result.details!.numRuns} of batch seed ${result.details!.seed}, ` +
          `shrunk ${result.details!.numShrinks}x to: ${result.failure}`,
      );
    });
  }
});
