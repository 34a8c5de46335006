// The check cases of a world and the harness that holds a decision function to the reference model (SPEC §0):
// shared by the equality, explain, monotonicity and mutation tests.
import fc from 'fast-check';
import { ACTION_NAMES, ACTIONS, type Action } from '../../src/authz/catalogue.js';
import { decide, type Decision } from '../../src/authz/decide.js';
import type { ResourceFacts } from '../../src/authz/facts.js';
import { itemExists, reference, REQUIREMENTS, type Target, type Verdict, type World } from './reference.js';
import { ids, names, worldArb, worldFacts, type WorldFacts } from './world.js';

export interface Case { action: Action; user: number; target: Target }

/** A world with the engine's facts for it, built once and shared by every case. */
export interface Ctx { world: World; facts: WorldFacts }
export const contextOf = (world: World): Ctx => ({ world, facts: worldFacts(world) });

/** Something that decides like the engine: the real one, or a mutant. */
export type Checker = (ctx: Ctx, c: Case) => Decision;

/**
 * Every (action, user, resource) of the world: global actions once, project actions per project, item and
 * work-log actions per existing item, item.create both at the top level and under each item. Work-log
 * actions are the user's own (acting for others is layer 6).
 */
export function casesOf(world: World): Case[] {
  const cases: Case[] = [];
  const liveItems = world.items.map((_, i) => i).filter((i) => itemExists(world, i));
  for (let user = 0; user < world.users.length; user++) {
    for (const action of ACTION_NAMES) {
      const scope = ACTIONS[action].scope;
      if (scope === 'global') cases.push({ action, user, target: { kind: 'global' } });
      if (scope === 'project') for (let project = 0; project < world.projects; project++) cases.push({ action, user, target: { kind: 'project', project } });
      if (scope === 'item' || scope === 'worklog' || (scope === 'project' && REQUIREMENTS[action].item)) {
        for (const item of liveItems) cases.push({ action, user, target: { kind: 'item', item } });
      }
    }
  }
  return cases;
}

export function resourceOf(ctx: Ctx, c: Case): ResourceFacts {
  const ownerId = ids.user(c.user);
  if (c.target.kind === 'global') return { ownerId };
  if (c.target.kind === 'project') return { project: ctx.facts.projects[c.target.project], ownerId };
  return { project: ctx.facts.projects[ctx.world.items[c.target.item].project], item: ctx.facts.items[c.target.item], ownerId };
}

/** The real engine: the pure core on the world's facts. */
export const engine: Checker = (ctx, c) => decide(c.action, ctx.facts.subjects[c.user], resourceOf(ctx, c));

export function describeTarget(world: World, t: Target): string {
  return t.kind === 'global' ? 'global' : t.kind === 'project' ? `project ${names.project(t.project)}` : `item ${names.item(world, t.item)}`;
}
export const describeCase = (world: World, c: Case) => `${c.action} by ${names.user(c.user)} on ${describeTarget(world, c.target)}`;
const describeVerdict = (v: Verdict) => (v.allowed ? 'allow' : `deny at ${v.layer}`);
const describeDecision = (d: Decision) => (d.allowed ? 'allow' : `deny at ${d.deciding.layer} (${d.deciding.code}: ${d.deciding.message})`);

/** Null when the decision agrees with the reference (allowed, and the layer that refused); else why not. */
export function disagreement(world: World, c: Case, d: Decision): string | null {
  const r = reference(world, c.user, c.action, c.target);
  if (d.allowed === r.allowed && (r.allowed || d.deciding.layer === r.layer)) return null;
  return `${describeCase(world, c)}: reference says ${describeVerdict(r)}, checker says ${describeDecision(d)}`;
}

export interface RunResult { cases: number; worlds: number; failure?: string; details?: fc.RunDetails<[World]> }

/**
 * Runs the checker against the reference on generated worlds, in batches of `batchSize` worlds with seeds
 * seed, seed+1, … until at least `minCases` cases ran or a world disagrees. Deterministic for a seed.
 */
export function runAgainstReference(checker: Checker, options: { minCases: number; seed?: number; batchSize?: number; arb?: fc.Arbitrary<World> }): RunResult {
  const { minCases, seed = 0, batchSize = 100, arb = worldArb } = options;
  let cases = 0;
  let worlds = 0;
  for (let batch = 0; cases < minCases; batch++) {
    const details = fc.check(fc.property(arb, (world) => {
      const ctx = contextOf(world);
      const all = casesOf(world);
      for (const c of all) {
        const why = disagreement(world, c, checker(ctx, c));
        if (why) throw new Error(why);
      }
      cases += all.length;
      worlds += 1;
    }), { seed: seed + batch, numRuns: batchSize, includeErrorInReport: true });
    if (details.failed) {
      const first = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      return { cases, worlds, failure: first, details };
    }
  }
  return { cases, worlds };
}
