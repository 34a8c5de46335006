// Guards "the engine is the spec": on generated worlds the pure core decide() agrees with the reference model of
// SPEC §0 layers 1–5 on every check — allowed or not, and which layer said no — and hides exactly what it must.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { casesOf, contextOf, describeCase, engine, runAgainstReference } from './cases.js';
import { ancestorsOrSelf, governingItem, itemExists, reference, REF_LAYERS, type RefLayer } from './reference.js';
import { SEED, worldArb } from './world.js';

const MIN_CASES = Number(process.env.AUTHZ_CHECKS ?? 100_000);
const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 300);

describe('decision core = reference model (SPEC §0)', () => {
  test(`ID-1, PRJ-3, PRJ-4, PRJ-5, ITEM-2, ITEM-3, ITEM-4, ITEM-5, DENY-2, APP-2: decide() = reference on at least ${MIN_CASES} generated checks`, () => {
    const result = runAgainstReference(engine, { minCases: MIN_CASES, seed: SEED });
    console.log(`engine = reference: ${result.cases} check cases on ${result.worlds} generated worlds (seed ${SEED})`);
    if (result.failure) assert.fail(fc.defaultReportMessage(result.details!));
    assert.ok(result.cases >= MIN_CASES, `only ${result.cases} check cases ran`);
  });

  test('ITEM-2, ITEM-3, DENY-2, APP-2: the generated worlds reach every layer\'s refusal, broken inheritance and deep trees', () => {
    const seen = new Map<string, number>();
    const count = (feature: string) => seen.set(feature, (seen.get(feature) ?? 0) + 1);
    for (const world of fc.sample(worldArb, { seed: SEED, numRuns: WORLDS })) {
      for (const [i, item] of world.items.entries()) {
        if (!itemExists(world, i)) { count('trashed item'); continue; }
        const chain = ancestorsOrSelf(world, i);
        if (chain.length >= 5) count('item at depth 5 or more');
        if (item.setting && chain.slice(1).some((a) => world.items[a].setting)) count('own setting under a secured ancestor (broken inheritance)');
        if (!item.setting && governingItem(world, i) !== null) count('inherited setting');
      }
      for (const c of casesOf(world)) {
        const r = reference(world, c.user, c.action, c.target);
        count(r.allowed ? `allowed ${c.action}` : `refused at ${r.layer}`);
      }
    }
    const features = [
      'trashed item', 'item at depth 5 or more', 'own setting under a secured ancestor (broken inheritance)', 'inherited setting',
      ...REF_LAYERS.map((l: RefLayer) => `refused at ${l}`),
      'allowed item.view', 'allowed item.edit', 'allowed item.security', 'allowed worklog.create', 'allowed worklog.view', 'allowed admin.users',
    ];
    for (const feature of features) assert.ok((seen.get(feature) ?? 0) >= 10, `the generator rarely produces: ${feature} (${seen.get(feature) ?? 0})`);
  });

  test('PRJ-4, ITEM-9: a hidden refusal (404) is always about a resource the caller cannot view', () => {
    fc.assert(fc.property(worldArb, (world) => {
      const ctx = contextOf(world);
      for (const c of casesOf(world)) {
        const d = engine(ctx, c);
        if (d.hidden && !reference(world, c.user, c.action, c.target).hidden) throw new Error(`${describeCase(world, c)}: hidden although the caller can view it`);
      }
    }), { seed: SEED, numRuns: WORLDS, includeErrorInReport: true });
  });

  test('PRJ-4, ITEM-9: every refusal about a resource the caller cannot view is hidden (404), so nothing leaks its existence', () => {
    fc.assert(fc.property(worldArb, (world) => {
      const ctx = contextOf(world);
      for (const c of casesOf(world)) {
        const d = engine(ctx, c);
        if (!d.hidden && reference(world, c.user, c.action, c.target).hidden) {
          throw new Error(`${describeCase(world, c)}: visible refusal ${d.deciding.code} (${d.deciding.message}) about a resource the caller cannot view`);
        }
      }
    }), { seed: SEED, numRuns: WORLDS, includeErrorInReport: true });
  });
});
