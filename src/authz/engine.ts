import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { TeamPermission } from '../db/types.js';
import { ACTIONS, needsFact, type Action } from './catalogue.js';
import { decide, type Decision } from './decide.js';
import { noteDecided } from './decided.js';
import { enforce, QUICK } from './enforce.js';
import type { LeaveFact, ProjectFacts, ProjectTeamFacts, SliceFact, SubjectFacts, TeamFacts } from './facts.js';
import { loadLeaves } from './loader/leave.js';
import {
  loadItem,
  loadItems,
  loadLocks,
  loadProjectByKey,
  loadProjects,
  loadProjectTeams,
  loadSlices,
  loadSubjects,
  loadTeams,
  type ItemFacts,
  type LocksRead,
} from './loader.js';
import { teamProjectIds, teamProjects } from './loader/teams.js';
import { decideMany, type AuthorizedTeam, type DecisionOn, type FactsOf, type ResourceId } from './many.js';

export { abilities, enforce, seesMoney, seesTeamNames } from './enforce.js';
export type { AuthorizedTeam, DecisionOn, FactsOf, ResourceId } from './many.js';
export type { LocksRead } from './loader.js';

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
  /** The project by its key instead (one statement loads it with its facts); an unknown key is a 404. */
  projectKey?: string;
  /** What the resource is called in a 404, e.g. 'work item'. */
  noun?: string;
  ownerId?: number;
}

/** A work-log action's target: the user the work is (or was) logged for, and the work date its gates judge. */
export interface WorklogTarget {
  ownerId: number;
  date?: string;
  noun?: string;
  /** The stored work log of an edit or delete: its day and charge are judged too (periodOpen, notCharged). */
  worklogId?: number;
}

export interface WorklogDecisionOptions {
  explain?: boolean;
  /**
   * A creation's first try: decide on "no closed period and no held slice on the day" without reading the locks; the
   * insert is then guarded by exactly that (locksUnchanged), and a day that has locks is decided again on them.
   */
  assumeUnlocked?: boolean;
}

/** A work-log decision with the facts it was made on: the service takes the work log's snapshot from them. */
export interface WorklogDecision {
  decision: Decision;
  item: ItemFacts | undefined;
  owner: SubjectFacts | undefined;
  teams: ProjectTeamFacts | undefined;
  /** What the decision read of the days' locks: a write guarded by it lands only on the same facts (locksUnchanged). */
  locksRead: LocksRead | undefined;
}

/**
 * The engine: loads facts in batch and asks the pure core (on its fast path; refusals name their layer in the words
 * the explanation uses). Services make one of these checks per operation; lists use the SQL predicates beside it.
 * Every check throws the refusal: 404 when the caller may not know the resource, else 403 with the deciding rule.
 */
export interface Authz {
  /** A global or project action; acting for `ownerId` loads that user's facts too (WL-5). Returns the project's facts. */
  authorize(actor: Actor, action: Action, target?: Target): Promise<ProjectFacts | undefined>;
  /** An item action, the item looked up by key or id in one query; a missing item and an unreadable one are the same 404. */
  authorizeItem(
    actor: Actor,
    action: Action,
    item: string | number,
    target?: Omit<Target, 'projectId'>,
  ): Promise<ItemFacts>;
  /** A team action on a team, or (`team.create`) on a new team of a project or a global one. */
  authorizeTeam(
    actor: Actor,
    action: Action,
    team: number | { projectId: number | null },
    options?: { grantLevels?: TeamPermission[] },
  ): Promise<AuthorizedTeam>;
  /** One action on many resources with one set-based load: each id's decision, as the single check would make it; nothing thrown. */
  authorizeMany<A extends Action, K extends ResourceId<A>>(
    actor: Actor,
    action: A,
    ids: readonly K[],
  ): Promise<Map<K, DecisionOn<FactsOf<A>>>>;
  /**
   * A work-log action for the user the work is logged for — the caller, or someone they act for (WL-5) — with the
   * gates' facts (the team check on the work date, PRICE-3) loaded with the item. Not enforced: the log-work preview
   * answers with it; `explain: true` is the explanation (EXPL-1), the same question loaded and decided alike.
   */
  decideWorklog(
    actor: Pick<Actor, 'userId' | 'subject' | 'decided'>,
    action: Action,
    item: string | number,
    target: WorklogTarget,
    options?: WorklogDecisionOptions,
  ): Promise<WorklogDecision>;
  /**
   * `worklog.create` on many items × days for one owner (the timesheet grid's editable cells): one load of the items,
   * their team facts and the days' locks; each decision as `decideWorklog` makes it. Keyed `${itemId}|${date}`.
   */
  decideWorkDays(
    actor: Pick<Actor, 'userId' | 'subject'>,
    ownerId: number,
    itemIds: readonly number[],
    dates: readonly string[],
  ): Promise<Map<string, Decision>>;
  /** A slice action (FLOW-1, 2, 8, 10) on one slice; a slice the caller may not know of is a 404. */
  authorizeSlice(actor: Actor, action: Action, sliceId: number): Promise<SliceFact>;
  /** A leave action (FLOW-4) on one request; a request the caller may not know of is a 404. */
  authorizeLeave(actor: Actor, action: Action, leaveId: number): Promise<LeaveFact>;
  /** `decideWorklog`, enforced. */
  authorizeWorklog(
    actor: Actor,
    action: Action,
    item: string | number,
    target: WorklogTarget,
    options?: WorklogDecisionOptions,
  ): Promise<{
    item: ItemFacts;
    owner: SubjectFacts;
    teams: ProjectTeamFacts | undefined;
    locksRead: LocksRead | undefined;
  }>;
  /**
   * The same engine on a transaction: facts are read inside it — its own uncommitted writes and the locks it holds
   * included — so a write re-checks its state gates there and the decision holds at commit as far as those locks do.
   */
  within(trx: Database): Authz;
  /** A team's project facts, and for a global team those of the projects it serves (TEAM-8), in one load. */
  teamProjectFacts(team: TeamFacts | undefined): Promise<Pick<AuthorizedTeam, 'project' | 'servedProjects'>>;
  loadProjectTeams(ids: number[]): Promise<Map<number, ProjectTeamFacts>>;
  loadSubjects(ids: number[]): Promise<Map<number, SubjectFacts>>;
  loadProjects(ids: number[]): Promise<Map<number, ProjectFacts>>;
  loadItems(ids: number[]): Promise<Map<number, ItemFacts>>;
}

export function createAuthz(db: Database): Authz {
  const subjectOf = async (actor: Pick<Actor, 'userId' | 'subject'>, userId: number | undefined) =>
    userId === undefined || userId === actor.userId ? undefined : (await loadSubjects(db, [userId])).get(userId);
  const itemFacts = async (item: string | number, action?: Action) =>
    typeof item === 'string'
      ? await loadItem(db, item, { action })
      : (await loadItems(db, sql`i.id = ${item}`, { action })).get(item);
  /** The target's project, named by key or by id (none: a 404 for a project-scoped action). */
  const projectOf = async ({ projectKey, projectId }: Target) => {
    if (projectKey !== undefined) return loadProjectByKey(db, projectKey);
    return projectId === undefined ? undefined : (await loadProjects(db, [projectId])).get(projectId);
  };
  const teamProjectFacts = async (team: TeamFacts | undefined) =>
    teamProjects(team, await loadProjects(db, teamProjectIds(team)));

  const engine: Authz = {
    async authorize(actor, action, target = {}) {
      const project = ACTIONS[action].scope === 'global' ? undefined : await projectOf(target);
      const owner = await subjectOf(actor, target.ownerId);
      enforce(
        decide(action, actor.subject, { project, ownerId: target.ownerId, owner }, QUICK),
        target.noun,
        actor.decided,
      );
      return project;
    },

    async authorizeItem(actor, action, item, target = {}) {
      const facts = await itemFacts(item);
      const resource = { project: facts?.project, item: facts?.item, ownerId: target.ownerId };
      enforce(decide(action, actor.subject, resource, QUICK), target.noun ?? 'work item', actor.decided);
      return facts!;
    },

    async authorizeTeam(actor, action, team, options = {}) {
      const facts =
        typeof team === 'number'
          ? (await loadTeams(db, [team])).get(team)
          : { teamId: 0, teamName: '(new team)', projectId: team.projectId };
      const around = await teamProjectFacts(facts);
      const resource = { ...around, team: facts, grantLevels: options.grantLevels };
      enforce(decide(action, actor.subject, resource, QUICK), 'team', actor.decided);
      return { ...facts!, ...around };
    },

    authorizeMany: (actor, action, ids) => decideMany(db, actor.subject, action, ids),

    async decideWorklog(actor, action, item, target, options = {}) {
      const owner = target.ownerId === actor.userId ? actor.subject : await subjectOf(actor, target.ownerId);
      // The facts the action's gates need (the project's team facts) come with the item, in the same query; the
      // locks on the touched days (periods, slices, the stored work log's charge) in one more.
      const facts = await itemFacts(item, action);
      const gated = facts && (needsFact(action, 'locks') || needsFact(action, 'worklog'));
      const query = { ownerId: target.ownerId, dates: target.date ? [target.date] : [], worklogId: target.worklogId };
      const assumed = gated && options.assumeUnlocked === true && target.worklogId === undefined;
      const { locks, worklog, digest } = !gated
        ? { locks: undefined, worklog: undefined, digest: undefined }
        : assumed
          ? { locks: { periods: [], slices: [] }, worklog: undefined, digest: null }
          : await loadLocks(db, query);
      const teams = facts?.teams;
      const { project, item: security } = facts ?? {};
      const resource = {
        project,
        item: security,
        ownerId: target.ownerId,
        owner,
        teams,
        date: target.date,
        locks,
        worklog,
      };
      const decision = decide(action, actor.subject, resource, { explain: options.explain === true });
      // A caller that answers with the decision (the log-work preview) has decided the action, allowed or not.
      noteDecided(actor.decided, action);
      const locksRead = digest === undefined ? undefined : { query, digest };
      return { decision, item: facts, owner, teams, locksRead };
    },

    async authorizeWorklog(actor, action, item, target, options = {}) {
      const {
        decision,
        item: facts,
        owner,
        teams,
        locksRead,
      } = await engine.decideWorklog(actor, action, item, target, options);
      enforce(decision, target.noun ?? 'work item', actor.decided);
      return { item: facts!, owner: owner!, teams, locksRead };
    },

    async decideWorkDays(actor, ownerId, itemIds, dates) {
      const owner = ownerId === actor.userId ? actor.subject : await subjectOf(actor, ownerId);
      const action = 'worklog.create';
      const decided = new Map<string, Decision>();
      if (itemIds.length === 0 || dates.length === 0) return decided;
      const items = await loadItems(db, sql`i.id in (${sql.join([...itemIds])})`, { action });
      const { locks } = await loadLocks(db, { ownerId, dates });
      for (const facts of items.values())
        for (const date of dates) {
          const { project, item, teams } = facts;
          const resource = { project, item, ownerId, owner, teams, date, locks };
          decided.set(`${facts.itemId}|${date}`, decide(action, actor.subject, resource, QUICK));
        }
      return decided;
    },

    async authorizeSlice(actor, action, sliceId) {
      const slice = (await loadSlices(db, [sliceId])).get(sliceId);
      const owner = slice ? await subjectOf(actor, slice.ownerId) : undefined;
      const resource = { slice, ownerId: slice?.ownerId, owner };
      enforce(decide(action, actor.subject, resource, QUICK), 'timesheet', actor.decided);
      return slice!;
    },

    async authorizeLeave(actor, action, leaveId) {
      const leave = (await loadLeaves(db, [leaveId])).get(leaveId);
      enforce(decide(action, actor.subject, { leave, ownerId: leave?.ownerId }, QUICK), 'leave request', actor.decided);
      return leave!;
    },

    within: (trx) => createAuthz(trx),
    teamProjectFacts,
    loadProjectTeams: (ids) => loadProjectTeams(db, ids),
    loadSubjects: (ids) => loadSubjects(db, ids),
    loadProjects: (ids) => loadProjects(db, ids),
    loadItems: (ids) =>
      ids.length ? loadItems(db, sql`i.id in (${sql.join(ids)})`) : Promise.resolve(new Map<number, ItemFacts>()),
  };
  return engine;
}
