// The check cases of a world and the harness that holds a decision function to the reference model (SPEC §0):
// shared by the equality, explain, monotonicity and mutation tests.
import fc from 'fast-check';
import { ACTION_NAMES, ACTIONS, needsFact, type Action } from '../../src/authz/catalogue.js';
import { decide, type Decision } from '../../src/authz/decide.js';
import type { ResourceFacts, TeamFacts } from '../../src/authz/facts.js';
import { itemExists, reference, REQUIREMENTS, type Target, type Verdict, type World } from './reference.js';
import { ids, names, worldArb, worldFacts, type WorldFacts } from './world.js';

export interface Case {
  action: Action;
  user: number;
  target: Target;
}

/** A world with the engine's facts for it, built once and shared by every case. */
export interface Ctx {
  world: World;
  facts: WorldFacts;
}
export const contextOf = (world: World): Ctx => ({ world, facts: worldFacts(world) });

/** Something that decides like the engine: the real one, or a mutant. */
export type Checker = (ctx: Ctx, c: Case) => Decision;

/** Actions on someone's work (WL-5): asked for the caller's own and for every other user's. */
export const forOthers = (action: Action) => REQUIREMENTS[action].forOthers !== undefined;

/**
 * Every (action, user, resource) of the world: global actions once, project actions per project, item and
 * work-log actions per existing item, item.create both at the top level and under each item, team actions per
 * team (team.create per project and for a global team; team.grant per probed level set), slice actions per slice.
 * Actions on someone's work are asked for every owner — the caller and each other user (WL-5) — with one of the
 * world's work dates (none for a delete, which changes no date). Changes of a stored work log are asked on each one
 * too, by every user: an edit to one of the world's dates, a delete.
 */
export function casesOf(world: World): Case[] {
  const cases: Case[] = [];
  const liveItems = world.items.map((_, i) => i).filter((i) => itemExists(world, i));
  const users = world.users.map((_, u) => u);
  const dateFor = (...picks: number[]) => world.dates[picks.reduce((a, b) => a + b, 0) % world.dates.length];
  for (const user of users) {
    for (const action of ACTION_NAMES) {
      const scope = ACTIONS[action].scope;
      const owners = forOthers(action) ? [user, ...users.filter((o) => o !== user)] : [undefined];
      if (scope === 'global')
        for (const owner of owners)
          cases.push({ action, user, target: owner === undefined ? { kind: 'global' } : { kind: 'global', owner } });
      if (scope === 'project')
        for (let project = 0; project < world.projects; project++)
          cases.push({ action, user, target: { kind: 'project', project } });
      if (scope === 'item' || scope === 'worklog' || (scope === 'project' && REQUIREMENTS[action].item)) {
        for (const item of liveItems) {
          for (const owner of owners) {
            cases.push({
              action,
              user,
              target:
                owner === undefined
                  ? { kind: 'item', item }
                  : action === 'worklog.delete'
                    ? { kind: 'item', item, owner }
                    : { kind: 'item', item, owner, date: dateFor(user, owner, item) },
            });
          }
        }
      }
      if (action === 'worklog.edit' || action === 'worklog.delete')
        for (const [worklog, w] of world.worklogs.entries()) {
          // A work log on an item in the trash exists for nobody (ITEM-8), like the item.
          if (!itemExists(world, w.item)) continue;
          const date = action === 'worklog.edit' ? { date: dateFor(user, w.owner, worklog) } : {};
          cases.push({ action, user, target: { kind: 'item', item: w.item, owner: w.owner, worklog, ...date } });
        }
      if (scope === 'slice')
        for (const [slice, s] of world.slices.entries())
          cases.push({ action, user, target: { kind: 'slice', slice, owner: s.owner } });
      if (scope === 'leave')
        for (const [leave, l] of world.leaves.entries())
          cases.push({ action, user, target: { kind: 'leave', leave, owner: l.owner } });
      if (scope === 'team') {
        if (action === 'team.create') {
          for (let project = 0; project < world.projects; project++)
            cases.push({ action, user, target: { kind: 'team', team: null, project } });
          cases.push({ action, user, target: { kind: 'team', team: null, project: null } });
          continue;
        }
        for (const [team, t] of world.teams.entries()) {
          if (action !== 'team.grant') cases.push({ action, user, target: { kind: 'team', team, project: t.project } });
          else
            for (const levels of world.grantLevels)
              cases.push({ action, user, target: { kind: 'team', team, project: t.project, levels } });
        }
      }
    }
  }
  return cases;
}

/** A team about to be created (team.create): no id yet, as the engine sees it. */
const newTeam = (project: number | null): TeamFacts => ({
  teamId: 0,
  teamName: '(new team)',
  projectId: project === null ? null : ids.project(project),
});

/** The facts the services hand the engine for the case (engine.ts: authorize, authorizeWorklog, authorizeTeam). */
export function resourceOf(ctx: Ctx, c: Case): ResourceFacts {
  const { facts } = ctx;
  const t = c.target;
  if (t.kind === 'global') {
    const owner = t.owner ?? c.user;
    return { ownerId: ids.user(owner), owner: facts.subjects[owner] };
  }
  if (t.kind === 'project') return { project: facts.projects[t.project], ownerId: ids.user(c.user) };
  if (t.kind === 'team') {
    // A global team's assigned projects, whose administrators see it (TEAM-8), as engine.authorizeTeam loads them.
    const served =
      t.team === null || t.project !== null ? [] : ctx.world.teams[t.team].assigned.map((p) => facts.projects[p]);
    return {
      project: t.project === null ? undefined : facts.projects[t.project],
      team: t.team === null ? newTeam(t.project) : facts.teams[t.team],
      ...(served.length ? { servedProjects: served } : {}),
      ...(t.levels ? { grantLevels: t.levels } : {}),
    };
  }
  if (t.kind === 'slice') {
    // engine.authorizeSlice: the slice, and its owner's facts when the owner is someone else.
    return {
      slice: facts.slices[t.slice],
      ownerId: ids.user(t.owner),
      owner: t.owner === c.user ? undefined : facts.subjects[t.owner],
    };
  }
  if (t.kind === 'leave') {
    // engine.authorizeLeave: the request's facts; no leave action acts for another owner.
    return { leave: facts.leaves[t.leave], ownerId: ids.user(t.owner) };
  }
  const project = ctx.world.items[t.item].project;
  const owner = t.owner ?? c.user;
  // engine.decideWorklog: the locks on the days touched and the stored work log, when the item is found.
  const gated = facts.items[t.item] !== undefined && (needsFact(c.action, 'locks') || needsFact(c.action, 'worklog'));
  return {
    project: facts.projects[project],
    item: facts.items[t.item],
    ownerId: ids.user(owner),
    owner: facts.subjects[owner],
    ...(t.date !== undefined ? { teams: facts.projectTeams[project], date: t.date } : {}),
    ...(gated ? facts.locks({ owner, dates: t.date === undefined ? [] : [t.date], worklog: t.worklog }) : {}),
  };
}

/** The real engine: the pure core on the world's facts, explained (the explanation tests read its reasons). */
export const engine: Checker = (ctx, c) =>
  decide(c.action, ctx.facts.subjects[c.user], resourceOf(ctx, c), { explain: true });

export function describeTarget(world: World, t: Target): string {
  switch (t.kind) {
    case 'global':
      return `global${t.owner !== undefined ? ` for ${names.user(t.owner)}` : ''}`;
    case 'project':
      return `project ${names.project(t.project)}`;
    case 'item':
      return (
        `${t.worklog !== undefined ? `work log ${t.worklog} (${world.worklogs[t.worklog].date}, team ${world.worklogs[t.worklog].team ?? 'none'}) on ` : ''}` +
        `item ${names.item(world, t.item)}${t.owner !== undefined ? ` for ${names.user(t.owner)}` : ''}${t.date ? ` on ${t.date}` : ''}`
      );
    case 'slice': {
      const s = world.slices[t.slice];
      return `${names.user(s.owner)}'s ${s.state} slice ${t.slice} of ${s.team === null ? 'no team' : names.team(s.team)} for ${s.start} – ${s.end}`;
    }
    case 'leave': {
      const l = world.leaves[t.leave];
      return `${names.user(l.owner)}'s ${l.state} leave request ${t.leave}`;
    }
    case 'team':
      return (
        `${t.team === null ? 'a new team' : `team ${names.team(t.team)}`} of ${t.project === null ? 'no project (global)' : `project ${names.project(t.project)}`}` +
        `${t.levels ? ` granting ${t.levels.join('+')}` : ''}`
      );
  }
}
export const describeCase = (world: World, c: Case) =>
  `${c.action} by ${names.user(c.user)} on ${describeTarget(world, c.target)}`;
const describeVerdict = (v: Verdict) => {
  if (v.allowed) return 'allow';
  const step = v.steps.find((s) => !s.ok)!;
  return `deny at ${v.layer} for the ${v.who}${v.code ? ` (${v.code})` : ''}: ${step.what}`;
};
const describeDecision = (d: Decision) =>
  d.allowed ? 'allow' : `deny at ${d.deciding.layer} (${d.deciding.code}: ${d.deciding.message})`;

/** Whose standing a reason speaks about: the owner's pass prefixes each message with "for <name>: " (WL-5). */
export const reasonWho = (message: string): 'caller' | 'owner' => (message.startsWith('for ') ? 'owner' : 'caller');

/**
 * Null when the decision agrees with the reference — allowed, and for a refusal the layer, whose standing refused
 * (the caller's or the owner's, WL-5) and the error code where the spec names one (PRICE-3, WL-5); else why not.
 */
export function disagreement(world: World, c: Case, d: Decision): string | null {
  const r = reference(world, c.user, c.action, c.target);
  if (
    d.allowed === r.allowed &&
    (r.allowed ||
      (d.deciding.layer === r.layer &&
        reasonWho(d.deciding.message) === r.who &&
        (r.code === null || r.code === d.deciding.code)))
  )
    return null;
  return `${describeCase(world, c)}: reference says ${describeVerdict(r)}, checker says ${describeDecision(d)}`;
}

export interface RunResult {
  cases: number;
  worlds: number;
  failure?: string;
  details?: fc.RunDetails<[World]>;
}

/**
 * Runs the checker against the reference on generated worlds, in batches of `batchSize` worlds with seeds
 * seed, seed+1, … until at least `minCases` cases ran or a world disagrees. Deterministic for a seed.
 */
export function runAgainstReference(
  checker: Checker,
  options: { minCases: number; seed?: number; batchSize?: number; arb?: fc.Arbitrary<World> },
): RunResult {
  const { minCases, seed = 0, batchSize = 100, arb = worldArb } = options;
  let cases = 0;
  let worlds = 0;
  for (let batch = 0; cases < minCases; batch++) {
    const details = fc.check(
      fc.property(arb, (world) => {
        const ctx = contextOf(world);
        const all = casesOf(world);
        for (const c of all) {
          const why = disagreement(world, c, checker(ctx, c));
          if (why) throw new Error(why);
        }
        cases += all.length;
        worlds += 1;
      }),
      { seed: seed + batch, numRuns: batchSize, includeErrorInReport: true },
    );
    if (details.failed) {
      const first =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      return { cases, worlds, failure: first, details };
    }
  }
  return { cases, worlds };
}
