import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { ACTIONS, type Action } from './catalogue.js';
import { decide, type Decision } from './decide.js';
import { QUICK } from './enforce.js';
import type { LeaveFact, ProjectFacts, ResourceFacts, SliceFact, SubjectFacts, TeamFacts } from './facts.js';
import { loadItems, type ItemFacts } from './loader/items.js';
import { loadLeaves } from './loader/leave.js';
import { loadProjects } from './loader/projects.js';
import { loadSubjects } from './loader/subjects.js';
import { loadTeams, teamProjectIds, teamProjects } from './loader/teams.js';
import { loadSlices } from './loader/timesheets.js';

/** A team the caller was authorized on, with the facts of its project (none for a global team) and of the projects it serves. */
export type AuthorizedTeam = TeamFacts & { project: ProjectFacts | undefined; servedProjects: ProjectFacts[] };

type ScopeOf<A extends Action> = (typeof ACTIONS)[A]['scope'];
/** What identifies the resource of an action: a work item by id or key, a project or a team by id. */
export type ResourceId<A extends Action> = A extends Action
  ? ScopeOf<A> extends 'item' | 'worklog'
    ? number | string
    : number
  : never;
/** The facts an action is decided on, by its scope. */
export type FactsOf<A extends Action> = A extends Action
  ? ScopeOf<A> extends 'item' | 'worklog'
    ? ItemFacts
    : ScopeOf<A> extends 'team'
      ? AuthorizedTeam
      : ScopeOf<A> extends 'slice'
        ? SliceFact
        : ScopeOf<A> extends 'leave'
          ? LeaveFact
          : ProjectFacts
  : never;
/** A decision with the facts it was made on (undefined: no such resource — a 404, as for one that is hidden). */
export type DecisionOn<F> = Decision & { facts: F | undefined };

/**
 * One action on many resources: the facts of all of them in one set-based load (items with their projects in one
 * query; projects in one; teams in one and their projects in one), then the fast-path decision of each — the decision
 * `authorizeItem`, `authorize` or `authorizeTeam` would make for it alone. Keyed by the ids as given.
 */
export async function decideMany<A extends Action, K extends ResourceId<A>>(
  db: Database,
  subject: SubjectFacts,
  action: A,
  ids: readonly K[],
): Promise<Map<K, DecisionOn<FactsOf<A>>>> {
  const decided = new Map<K, DecisionOn<FactsOf<A>>>();
  const on = (id: K, resource: ResourceFacts, facts: unknown) =>
    decided.set(id, { ...decide(action, subject, resource, QUICK), facts: facts as FactsOf<A> | undefined });
  const scope = ACTIONS[action].scope;
  if (ids.length === 0) return decided;
  if (scope === 'item' || scope === 'worklog') {
    const items = await loadItemsByRef(db, ids as readonly (number | string)[]);
    for (const id of ids) {
      const facts = items.get(id);
      on(id, { project: facts?.project, item: facts?.item }, facts);
    }
  } else if (scope === 'project') {
    const projects = await loadProjects(db, ids as readonly number[]);
    for (const id of ids) on(id, { project: projects.get(id as number) }, projects.get(id as number));
  } else if (scope === 'team') {
    const teams = await loadTeams(db, ids as readonly number[]);
    const projects = await loadProjects(db, [...new Set([...teams.values()].flatMap(teamProjectIds))]);
    for (const id of ids) {
      const team = teams.get(id as number);
      const around = teamProjects(team, projects);
      on(id, { ...around, team }, team && { ...team, ...around });
    }
  } else if (scope === 'slice') {
    const slices = await loadSlices(db, ids as readonly number[]);
    const ownerIds = [...new Set([...slices.values()].map((s) => s.ownerId))].filter((id) => id !== subject.userId);
    const owners = await loadSubjects(db, ownerIds);
    for (const id of ids) {
      const slice = slices.get(id as number);
      on(id, { slice, ownerId: slice?.ownerId, owner: slice && owners.get(slice.ownerId) }, slice);
    }
  } else if (scope === 'leave') {
    // Leave actions are decided for the caller alone (none acts for another owner), so no owner's facts are loaded.
    const leaves = await loadLeaves(db, ids as readonly number[]);
    for (const id of ids) {
      const leave = leaves.get(id as number);
      on(id, { leave, ownerId: leave?.ownerId }, leave);
    }
  } else {
    throw new Error(`${action} is not decided on a resource`);
  }
  return decided;
}

/** Items (not in the trash) by id or key, in one query. */
async function loadItemsByRef(
  db: Database,
  refs: readonly (number | string)[],
): Promise<Map<number | string, ItemFacts>> {
  const ids = refs.filter((r): r is number => typeof r === 'number');
  const keys = refs.filter((r): r is string => typeof r === 'string');
  const where = [
    ...(ids.length ? [sql`i.id in (${sql.join(ids)})`] : []),
    ...(keys.length ? [sql`i.key in (${sql.join(keys)})`] : []),
  ];
  const loaded = await loadItems(db, sql`(${sql.join(where, sql` or `)})`);
  const byRef = new Map<number | string, ItemFacts>();
  for (const facts of loaded.values()) byRef.set(facts.itemId, facts).set(facts.itemKey, facts);
  return byRef;
}
