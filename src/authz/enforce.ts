import type { TeamPermission } from '../db/types.js';
import { conflict, forbidden, notFound } from '../lib/errors.js';
import { CONFLICT_CODES, type Action } from './catalogue.js';
import { decide, type Decision } from './decide.js';
import { noteDecided } from './decided.js';
import type { ItemSecurityFacts, LeaveFact, ProjectFacts, ProjectTeamFacts, SubjectFacts, TeamFacts } from './facts.js';

/** Checks that need only the answer (and a refusal's reason, in the explanation's words) skip building the explanation. */
export const QUICK = { explain: false } as const;

/** The caller as the engine's pure checks need it. */
type Caller = { subject: SubjectFacts };

/** PRICE-7: money (rates, prices, revenue, cost) only for the catalogue's money roles. */
export function seesMoney(actor: Caller): boolean {
  return decide('money.view', actor.subject, {}, QUICK).allowed;
}

/** TEAM-8: team and price-list names (on work logs, previews, …) for everyone but users denied ISSUE_TIME_TABS. */
export function seesTeamNames(actor: Caller): boolean {
  return decide('team.names', actor.subject, {}, QUICK).allowed;
}

/**
 * Throws the refusal of a decision (404 when hidden, 409 for a gate about the resource's state, else 403); an allowed
 * decision is noted for the request's route check.
 */
export function enforce(decision: Decision, noun = 'resource', decided?: Set<Action>): void {
  if (decision.allowed) {
    noteDecided(decided, decision.action);
    return;
  }
  if (decision.hidden) throw notFound(noun);
  const { code, message } = decision.deciding;
  throw CONFLICT_CODES.has(code) ? conflict(code, message) : forbidden(code, message);
}

/** Abilities for a record, decided on the fast path from facts already loaded — the web UI shows exactly these. */
export function abilities<K extends string>(
  subject: SubjectFacts,
  resource: {
    project?: ProjectFacts;
    servedProjects?: ReadonlyArray<ProjectFacts>;
    item?: ItemSecurityFacts;
    team?: TeamFacts;
    teams?: ProjectTeamFacts;
    owner?: SubjectFacts;
    leave?: LeaveFact;
  },
  map: Record<K, { action: Action; ownerId?: number; date?: string; grantLevels?: readonly TeamPermission[] }>,
): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(map) as K[]) {
    const { action, ownerId, date, grantLevels } = map[key];
    out[key] = decide(action, subject, { ...resource, ownerId, date, grantLevels }, QUICK).allowed;
  }
  return out;
}
