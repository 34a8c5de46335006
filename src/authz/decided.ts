import { AsyncLocalStorage } from 'node:async_hooks';
import { ACTIONS, type Action } from './catalogue.js';

/**
 * The actions the engine decided while serving one request. The access hook opens a set per request; the engine
 * notes each enforced decision in it, so a route that answers 2xx without deciding its declared action is caught
 * (src/http/access.ts, test/http/routes.test.ts). Outside a request (benchmarks, scripts) nothing is noted.
 */
const decisions = new AsyncLocalStorage<Set<Action>>();

/** Runs `next` (the rest of the request's hooks and its handler) with `set` collecting the decisions made. */
export function collectDecisions(set: Set<Action>, next: () => void): void {
  decisions.run(set, next);
}

export function noteDecided(action: Action): void {
  const set = decisions.getStore();
  if (!set) return;
  set.add(action);
  for (const weaker of (ACTIONS[action] as { covers?: readonly string[] }).covers ?? []) set.add(weaker as Action);
}
