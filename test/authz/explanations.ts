// The explanation of a dated action (EXPL-1) in memory: what the explain service decides — the engine's own
// decideWorklog facts with the explanation on, for the given work date or the installation's today — beside what
// POST /api/worklogs decides (authorizeWorklog: the quick check) for the date the work would be logged on.
import { needsFact, type Action } from '../../src/authz/catalogue.js';
import { decide, type Decision } from '../../src/authz/decide.js';
import { itemExists, type World } from './reference.js';
import { resourceOf, type Case, type Ctx } from './cases.js';

/** A probe: `user` explains (and then tries) logging work on `item`, at `date` or — undefined — today. */
export interface DatedProbe {
  user: number;
  item: number;
  date: string | undefined;
}

/** Something that explains like the explain service: the real one, or a mutant. */
export type Explainer = (ctx: Ctx, probe: DatedProbe, today: string) => Decision;

export const DATED_ACTION: Action = 'worklog.create';

const caseOf = (probe: DatedProbe, date: string | undefined): Case => ({
  action: DATED_ACTION,
  user: probe.user,
  target: { kind: 'item', item: probe.item, owner: probe.user, ...(date === undefined ? {} : { date }) },
});

/** The explanation as the explain service builds it: decideWorklog's facts (item, project, the owner, the project's teams), explained. */
export const explainer: Explainer = (ctx, probe, today) => {
  const date = needsFact(DATED_ACTION, 'date') ? (probe.date ?? today) : undefined;
  return decide(DATED_ACTION, ctx.facts.subjects[probe.user], resourceOf(ctx, caseOf(probe, date)), { explain: true });
};

/** What creating the work log answers: the quick check on the date the work is logged for. */
export function created(ctx: Ctx, probe: DatedProbe, today: string): Decision {
  return decide(DATED_ACTION, ctx.facts.subjects[probe.user], resourceOf(ctx, caseOf(probe, probe.date ?? today)), {
    explain: false,
  });
}

/** The same decision without the date, and so without the team facts: how the explain service decided before EXPL-1 said "or today". */
export function undated(ctx: Ctx, probe: DatedProbe): Decision {
  return decide(DATED_ACTION, ctx.facts.subjects[probe.user], resourceOf(ctx, caseOf(probe, undefined)), {
    explain: true,
  });
}

/** Every (user, live item, date) of the world, each date once with it and once without (today). */
export function probesOf(world: World): DatedProbe[] {
  const probes: DatedProbe[] = [];
  for (const [user] of world.users.entries()) {
    for (const [item] of world.items.entries()) {
      if (!itemExists(world, item)) continue;
      for (const date of [undefined, ...world.dates]) probes.push({ user, item, date });
    }
  }
  return probes;
}

/** Null when the explanation agrees with the creation — allowed, hidden (404), code and message; else how not. */
export function explanationDisagrees(explained: Decision, answered: Decision): string | null {
  const show = (d: Decision) =>
    `${d.allowed ? 'allowed' : d.hidden ? 'hidden (404)' : 'refused'} ${d.deciding.code}: ${d.deciding.message}`;
  const same =
    explained.allowed === answered.allowed &&
    explained.hidden === answered.hidden &&
    (answered.allowed ||
      (explained.deciding.code === answered.deciding.code && explained.deciding.message === answered.deciding.message));
  return same ? null : `explained ${show(explained)}; creating answers ${show(answered)}`;
}
