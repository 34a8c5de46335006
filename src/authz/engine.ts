import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { forbidden, notFound } from '../http/errors.js';
import { ACTIONS, type Action } from './catalogue.js';
import { decide, type Decision } from './decide.js';
import type { ItemSecurityFacts, ProjectFacts, SubjectFacts } from './facts.js';
import { loadItem, loadItems, loadProjects, type ItemFacts } from './loader.js';

/** The authenticated caller: one value passed everywhere instead of id/role/flag arguments. */
export interface Actor {
  userId: number;
  login: string;
  displayName: string;
  email: string;
  systemAdmin: boolean;
  auth: 'session' | 'token';
  subject: SubjectFacts;
}

export interface Target {
  projectId?: number;
  /** What the resource is called in a 404, e.g. 'work item'. */
  noun?: string;
  ownerId?: number;
}

export type Authz = ReturnType<typeof createAuthz>;

/** Checks that need only the answer (and a refusal's reason) skip building the explanation. */
const QUICK = { explain: false } as const;

/**
 * The engine: loads facts in batch and asks the pure core. Services call `authorize` (or
 * `authorizeItem`) once per operation; lists use the SQL predicates in ./sql.ts; abilities reuse
 * the facts already loaded.
 */
export function createAuthz(db: Database) {
  async function projectFacts(actor: Actor, projectId: number | undefined): Promise<ProjectFacts | undefined> {
    if (projectId === undefined) return undefined;
    return (await loadProjects(db, [projectId])).get(projectId);
  }

  async function check(actor: Actor, action: Action, target: Target = {}): Promise<Decision> {
    const project = ACTIONS[action].scope === 'global' ? undefined : await projectFacts(actor, target.projectId);
    return decide(action, actor.subject, { project, ownerId: target.ownerId });
  }

  /** Checks a project-level action and throws the right error: 404 when the caller may not know the resource, else 403. */
  async function authorize(actor: Actor, action: Action, target: Target = {}): Promise<ProjectFacts | undefined> {
    const project = ACTIONS[action].scope === 'global' ? undefined : await projectFacts(actor, target.projectId);
    enforce(decide(action, actor.subject, { project, ownerId: target.ownerId }, QUICK), target.noun);
    return project;
  }

  /**
   * Looks an item up (by key or id) and authorizes an action on it, in one query. A missing item and
   * an unreadable one answer the same 404.
   */
  async function authorizeItem(actor: Actor, action: Action, item: string | number, target: Omit<Target, 'projectId'> = {}): Promise<ItemFacts> {
    const facts = typeof item === 'string' ? await loadItem(db, item) : (await loadItems(db, sql`i.id = ${item}`)).get(item);
    enforce(decide(action, actor.subject, { project: facts?.project, item: facts?.item, ownerId: target.ownerId }, QUICK), target.noun ?? 'work item');
    return facts!;
  }

  return {
    check, authorize, authorizeItem,
    loadProjects: (ids: number[]) => loadProjects(db, ids),
    loadItems: (ids: number[]) => (ids.length ? loadItems(db, sql`i.id in (${sql.join(ids)})`) : Promise.resolve(new Map<number, ItemFacts>())),
  };
}

export function enforce(decision: Decision, noun = 'resource'): void {
  if (decision.allowed) return;
  if (decision.hidden) throw notFound(noun);
  throw forbidden(decision.deciding.code, decision.deciding.message);
}

/** Abilities for a record, decided from facts already loaded — the web UI shows exactly these. */
export function abilities<K extends string>(
  subject: SubjectFacts, resource: { project?: ProjectFacts; item?: ItemSecurityFacts }, map: Record<K, { action: Action; ownerId?: number }>,
): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(map) as K[]) {
    out[key] = decide(map[key].action, subject, { ...resource, ownerId: map[key].ownerId }, QUICK).allowed;
  }
  return out;
}
