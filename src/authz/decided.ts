import { ACTIONS, type Action } from './catalogue.js';

/**
 * The actions the engine decided while serving one request. The access hook gives each request's actor a set; the
 * engine notes each enforced decision in it, so a route that answers 2xx without deciding its declared action is
 * caught (src/http/access.ts, test/http/routes.test.ts). Outside a request (benchmarks, scripts) there is no set.
 * The set travels on the actor rather than in an AsyncLocalStorage, whose promise hooks cost every request on Node 20.
 */
export function noteDecided(decided: Set<Action> | undefined, action: Action): void {
  if (!decided) return;
  decided.add(action);
  for (const weaker of (ACTIONS[action] as { covers?: readonly string[] }).covers ?? []) decided.add(weaker as Action);
}
