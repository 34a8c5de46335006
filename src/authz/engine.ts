import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { forbidden, notFound } from '../lib/errors.js';
import { ACTIONS, actionSpec, type Action } from './catalogue.js';
import { decide, type Decision } from './decide.js';
import { noteDecided } from './decided.js';
import type { TeamPermission } from '../db/types.js';
import type { ItemSecurityFacts, ProjectFacts, ProjectTeamFacts, SubjectFacts, TeamFacts } from './facts.js';
import {
  loadItem,
  loadItems,
  loadProjects,
  loadProjectTeams,
  loadSubjects,
  loadTeams,
  type ItemFacts,
} from './loader.js';

/** The authenticated caller: one value passed everywhere instead of id/role/flag arguments. */
export interface Actor {
  userId: number;
  login: string;
  displayName: string;
  email: string;
  systemAdmin: boolean;
  auth: 'session' | 'token';
  subject: SubjectFacts;
  /** The actions the engine decided for the request this actor makes (src/authz/decided.ts); set by the access hook. */
  decided?: Set<Action>;
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

  /** The facts of a global or project action: the project's, and the other user's when acting for them (WL-5). */
  async function targetFacts(actor: Actor, action: Action, target: Target) {
    const project = ACTIONS[action].scope === 'global' ? undefined : await projectFacts(actor, target.projectId);
    const owner =
      target.ownerId === undefined || target.ownerId === actor.userId
        ? undefined
        : (await loadSubjects(db, [target.ownerId])).get(target.ownerId);
    return { project, ownerId: target.ownerId, owner };
  }

  async function check(actor: Actor, action: Action, target: Target = {}): Promise<Decision> {
    return decide(action, actor.subject, await targetFacts(actor, action, target));
  }

  /** Checks a project-level action and throws the right error: 404 when the caller may not know the resource, else 403. */
  async function authorize(actor: Actor, action: Action, target: Target = {}): Promise<ProjectFacts | undefined> {
    const facts = await targetFacts(actor, action, target);
    enforce(decide(action, actor.subject, facts, QUICK), target.noun, actor.decided);
    return facts.project;
  }

  /**
   * Looks an item up (by key or id) and authorizes an action on it, in one query. A missing item and
   * an unreadable one answer the same 404.
   */
  async function authorizeItem(
    actor: Actor,
    action: Action,
    item: string | number,
    target: Omit<Target, 'projectId'> = {},
  ): Promise<ItemFacts> {
    const facts =
      typeof item === 'string' ? await loadItem(db, item) : (await loadItems(db, sql`i.id = ${item}`)).get(item);
    enforce(
      decide(action, actor.subject, { project: facts?.project, item: facts?.item, ownerId: target.ownerId }, QUICK),
      target.noun ?? 'work item',
      actor.decided,
    );
    return facts!;
  }

  /**
   * Looks a team up and authorizes a team action on it (or, for `team.create`, on a new team of that project
   * or a global one). A project team whose project the caller may not browse answers 404 like a missing one.
   */
  async function authorizeTeam(
    actor: Actor,
    action: Action,
    team: number | { projectId: number | null },
    options: { grantLevels?: TeamPermission[] } = {},
  ): Promise<AuthorizedTeam> {
    const facts =
      typeof team === 'number'
        ? (await loadTeams(db, [team])).get(team)
        : { teamId: 0, teamName: '(new team)', projectId: team.projectId };
    const { project, servedProjects } = await teamProjectFacts(facts);
    enforce(
      decide(action, actor.subject, { project, servedProjects, team: facts, grantLevels: options.grantLevels }, QUICK),
      'team',
      actor.decided,
    );
    return { ...facts!, project, servedProjects };
  }

  /** A team's project facts, and for a global team those of the projects it is assigned to (TEAM-8), in one load. */
  async function teamProjectFacts(
    team: TeamFacts | undefined,
  ): Promise<{ project: ProjectFacts | undefined; servedProjects: ProjectFacts[] }> {
    const ids =
      team === undefined ? [] : team.projectId !== null ? [team.projectId] : [...(team.assignedProjectIds ?? [])];
    const loaded = await loadProjects(db, ids);
    if (team?.projectId != null) return { project: loaded.get(team.projectId), servedProjects: [] };
    return { project: undefined, servedProjects: ids.flatMap((id) => loaded.get(id) ?? []) };
  }

  /**
   * Decides a work-log action for the user the work is (or was) logged for — the caller, or someone the
   * caller acts for (WL-5) — with the team check on the work date (PRICE-3). Returns the decision with the
   * facts, the owner's facts and the project's team facts, from which the service takes the work log's snapshot.
   * The explanation (EXPL-1) asks the same question with `explain: true`, so the two load and decide alike.
   */
  async function decideWorklog(
    actor: Pick<Actor, 'userId' | 'subject' | 'decided'>,
    action: Action,
    item: string | number,
    target: { ownerId: number; date?: string },
    options: { explain?: boolean } = {},
  ) {
    const owner =
      target.ownerId === actor.userId ? actor.subject : (await loadSubjects(db, [target.ownerId])).get(target.ownerId);
    // The project's team facts come with the item, in the same query, for actions with the team check.
    const withTeams = Boolean(actionSpec(action).teamCheck);
    const facts =
      typeof item === 'string'
        ? await loadItem(db, item, { withTeams })
        : (await loadItems(db, sql`i.id = ${item}`, { withTeams })).get(item);
    const teams = facts?.teams;
    const decision = decide(
      action,
      actor.subject,
      { project: facts?.project, item: facts?.item, ownerId: target.ownerId, owner, teams, date: target.date },
      options.explain ? undefined : QUICK,
    );
    // A caller that answers with the decision (the log-work preview) has decided the action, allowed or not.
    noteDecided(actor.decided, action);
    return { decision, item: facts, owner, teams };
  }

  /** `decideWorklog`, enforced: 404 when the caller may not know the item, else 403 with the deciding rule. */
  async function authorizeWorklog(
    actor: Actor,
    action: Action,
    item: string | number,
    target: { ownerId: number; date?: string; noun?: string },
  ) {
    const { decision, item: facts, owner, teams } = await decideWorklog(actor, action, item, target);
    enforce(decision, target.noun ?? 'work item', actor.decided);
    return { item: facts!, owner: owner!, teams };
  }

  return {
    check,
    authorize,
    authorizeItem,
    authorizeTeam,
    authorizeWorklog,
    decideWorklog,
    teamProjectFacts,
    loadProjectTeams: (ids: number[]) => loadProjectTeams(db, ids),
    loadSubjects: (ids: number[]) => loadSubjects(db, ids),
    loadProjects: (ids: number[]) => loadProjects(db, ids),
    loadItems: (ids: number[]) =>
      ids.length ? loadItems(db, sql`i.id in (${sql.join(ids)})`) : Promise.resolve(new Map<number, ItemFacts>()),
  };
}

/** A team the caller was authorized on, with the facts of its project (none for a global team) and of the projects it serves, for further abilities. */
export type AuthorizedTeam = TeamFacts & { project: ProjectFacts | undefined; servedProjects: ProjectFacts[] };

/** PRICE-7: money (rates, prices, revenue, cost) only for app_admin, billing_admin and billing_viewer. */
export function seesMoney(actor: Actor): boolean {
  return decide('money.view', actor.subject, {}, QUICK).allowed;
}

/** TEAM-8: team and price-list names (on work logs, previews, …) for everyone but users denied ISSUE_TIME_TABS. */
export function seesTeamNames(actor: Actor): boolean {
  return decide('team.names', actor.subject, {}, QUICK).allowed;
}

/** Throws the refusal of a decision (404 when hidden, else 403); an allowed decision is noted for the request's route check. */
export function enforce(decision: Decision, noun = 'resource', decided?: Set<Action>): void {
  if (decision.allowed) {
    noteDecided(decided, decision.action);
    return;
  }
  if (decision.hidden) throw notFound(noun);
  throw forbidden(decision.deciding.code, decision.deciding.message);
}

/** Abilities for a record, decided from facts already loaded — the web UI shows exactly these. */
export function abilities<K extends string>(
  subject: SubjectFacts,
  resource: {
    project?: ProjectFacts;
    servedProjects?: ReadonlyArray<ProjectFacts>;
    item?: ItemSecurityFacts;
    team?: TeamFacts;
    teams?: ProjectTeamFacts;
    owner?: SubjectFacts;
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
