import { actionSpec, needsFact, type Action } from '../../authz/catalogue.js';
import { decide, reachingGrants, type Decision } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { QUICK } from '../../authz/enforce.js';
import type { ResourceFacts } from '../../authz/facts.js';
import { loadItem, loadProjects, loadSlices, loadSubjects, loadTeams } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { answerOut, explanationOut, permissionsOut, personOut } from './present.js';
import { findProjectId } from '../projects/repo.js';
import { findWorklogHead } from '../worklogs/repo.js';
import * as repo from './repo.js';
import type { Explanation, ExplainQuery } from './schema.js';

type ResourceKind = Explanation['resource']['kind'];
const NOUN: Record<ResourceKind, string> = {
  item: 'work item',
  project: 'project',
  team: 'team',
  worklog: 'work log',
  slice: 'timesheet',
  global: '',
};
/** What the reader must be allowed to do with a resource to be told anything about it (EXPL-1: "only resources they may see themselves"). */
const SEE: Record<Exclude<ResourceKind, 'global' | 'slice'>, Action> = {
  item: 'item.view',
  project: 'project.view',
  team: 'team.view',
  // A work log is seen by whoever views its item (WL-2).
  worklog: 'item.view',
};
const EXPLAINED = { explain: true } as const;
type PageQuery = { limit: number; cursor?: string };
const afterLogin = (page: PageQuery) => decodeCursor<[string]>(page.cursor, ['string'])?.[0];

/** An explained decision with the resource it is about and whether a reader may be told about it. */
interface Explained {
  resource: Explanation['resource'];
  date: string | undefined;
  decision: Decision;
  /** The reader (explaining someone else's decision) may know the resource exists. */
  seenBy: (reader: Actor) => boolean;
}

/** Explain (EXPL-1) and who has access (EXPL-2): the same core that decides, replayed with its reasons. */
export function createExplainService({ db, authz }: Deps) {
  /**
   * The explanation of one user's decision. A dated action (the team and price-list check, PRICE-3) is explained for
   * `date`, or today in the installation's time zone, through the engine's own `decideWorklog` — the path
   * `POST /api/worklogs` takes — so the explanation and the refusal cannot drift apart. A change of a stored work log
   * (`worklogId`) and a slice action (`sliceId`) are decided on the facts PATCH/DELETE /api/worklogs/:id and the slice
   * transitions decide on (FLOW-11).
   */
  async function explain(actor: Actor, query: ExplainQuery): Promise<Explanation> {
    // The route decides who may ask about others ("Check access" is Administration).
    const aboutOther = query.userId !== undefined && query.userId !== actor.userId;
    const userId = query.userId ?? actor.userId;
    const spec = actionSpec(query.action);
    if (spec.scope === 'item' && !query.item) throw badRequest('item', `${query.action} is decided on a work item`);
    if (spec.scope === 'worklog' && query.worklogId === undefined)
      throw badRequest('worklogId', `${query.action} is decided on a work log`);
    if (spec.scope === 'slice' && query.sliceId === undefined)
      throw badRequest('sliceId', `${query.action} is decided on a timesheet slice`);
    const onSomething = spec.scope === 'global' || spec.scope === 'worklog' || spec.scope === 'slice';
    if (!onSomething && !query.item && !query.project && query.team === undefined)
      throw badRequest('item', `${query.action} needs an item or a project`);
    const user = await repo.findUser(db, userId);
    const subject = user && (await loadSubjects(db, [userId])).get(userId);
    if (!user || !subject) throw notFound('user');
    const who = { userId, subject };

    const explained =
      spec.scope === 'worklog'
        ? await onWorklog(who, query, query.worklogId!)
        : spec.scope === 'slice'
          ? await onSlice(who, query.action, query.sliceId!)
          : await onResource(who, query);
    // An explanation never reveals what its reader may not see: about oneself, a hidden resource is a 404; about
    // someone else, so is a resource the reader could not see themselves (system administrators bypass item
    // security, not BROWSE_PROJECT) — with the same answer as a missing one.
    const { resource, decision } = explained;
    if (resource.kind !== 'global') {
      const visible = aboutOther ? explained.seenBy(actor) : !decision.hidden;
      if (!visible) throw notFound(NOUN[resource.kind]);
    }
    return explanationOut(user, { action: query.action, resource, date: explained.date ?? null }, decision);
  }

  type Who = Pick<Actor, 'userId' | 'subject'>;
  const dateOf = async (action: Action, given: string | undefined) =>
    needsFact(action, 'date') ? (given ?? (await loadDateSettings(db)).today) : undefined;

  /** A global, project, team or item action; a dated one (logging work) through decideWorklog for the date. */
  async function onResource(who: Who, query: ExplainQuery): Promise<Explained> {
    const date = await dateOf(query.action, query.date);
    let facts: ResourceFacts = {};
    let resource: { kind: 'item' | 'project' | 'team' | 'global'; key: string | null } = { kind: 'global', key: null };
    let decision: Decision;
    if (query.item) {
      resource = { kind: 'item', key: query.item };
      if (date !== undefined) {
        const target = { ownerId: who.userId, date };
        const worklog = await authz.decideWorklog(who, query.action, query.item, target, EXPLAINED);
        facts = { project: worklog.item?.project, item: worklog.item?.item };
        decision = worklog.decision;
      } else {
        const item = await loadItem(db, query.item);
        facts = { project: item?.project, item: item?.item };
        decision = decide(query.action, who.subject, { ...facts, ownerId: who.userId }, EXPLAINED);
      }
    } else {
      if (query.team !== undefined) {
        const team = (await loadTeams(db, [query.team])).get(query.team);
        // The facts authorizeTeam decides on: a global team's served projects too (TEAM-8), so the two cannot disagree.
        facts = { team, ...(await authz.teamProjectFacts(team)) };
        resource = { kind: 'team', key: String(query.team) };
      } else if (query.project) {
        const projectId = await findProjectId(db, query.project);
        facts = { project: projectId === undefined ? undefined : (await loadProjects(db, [projectId])).get(projectId) };
        resource = { kind: 'project', key: query.project };
      }
      decision = decide(query.action, who.subject, { ...facts, ownerId: who.userId }, EXPLAINED);
    }
    const kind = resource.kind;
    return {
      resource,
      date,
      decision,
      seenBy: (reader) => kind === 'global' || decide(SEE[kind], reader.subject, facts, QUICK).allowed,
    };
  }

  /**
   * A change of a stored work log, as PATCH (to `date`, or keeping its own date) or DELETE /api/worklogs/:id decides it:
   * decideWorklog on its item for its author, with the locks of its day and the new one and its charge (FLOW-1, 3, 9).
   */
  async function onWorklog(who: Who, query: ExplainQuery, worklogId: number): Promise<Explained> {
    const head = await findWorklogHead(db, worklogId);
    const date = needsFact(query.action, 'date') ? (query.date ?? head?.start_date) : undefined;
    const target = { ownerId: head?.author_id ?? who.userId, date, worklogId };
    const worklog = await authz.decideWorklog(who, query.action, head?.item_id ?? 0, target, EXPLAINED);
    const facts = { project: worklog.item?.project, item: worklog.item?.item };
    return {
      resource: { kind: 'worklog', key: String(worklogId) },
      date,
      decision: worklog.decision,
      seenBy: (reader) => decide(SEE.worklog, reader.subject, facts, QUICK).allowed,
    };
  }

  /** A slice action, as authorizeSlice decides it; a reader knows the slice when it is not hidden from them (FLOW-10). */
  async function onSlice(who: Who, action: Action, sliceId: number): Promise<Explained> {
    const slice = (await loadSlices(db, [sliceId])).get(sliceId);
    const owner = slice && (await loadSubjects(db, [slice.ownerId])).get(slice.ownerId);
    const factsFor = (person: Who) => ({
      slice,
      ownerId: slice?.ownerId,
      owner: slice?.ownerId === person.userId ? undefined : owner,
    });
    return {
      resource: { kind: 'slice', key: String(sliceId) },
      date: undefined,
      decision: decide(action, who.subject, factsFor(who), EXPLAINED),
      seenBy: (reader) => !decide(action, reader.subject, factsFor(reader), QUICK).hidden,
    };
  }

  /**
   * EXPL-2 for a work item: every active user who can view it, with edit and log-work, and why. Paged by login.
   * Log-work is decided as logging work today (installation time zone) would be: with the project's team facts.
   */
  async function itemAccess(actor: Actor, key: string, page: PageQuery) {
    const item = await authz.authorizeItem(actor, 'item.security', key);
    const rows = pageOf(
      await repo.usersViewingItem(db, item.itemId, { limit: page.limit, afterLogin: afterLogin(page) }),
      page.limit,
      (r) => [r.login],
    );
    const subjects = await loadSubjects(
      db,
      rows.items.map((u) => u.id),
    );
    const teams = (await authz.loadProjectTeams([item.projectId])).get(item.projectId);
    const { today } = await loadDateSettings(db);
    return {
      items: rows.items.map((u) => {
        const subject = subjects.get(u.id)!;
        const resource = { project: item.project, item: item.item, ownerId: u.id };
        const answer = (action: Action) =>
          answerOut(
            decide(
              action,
              subject,
              needsFact(action, 'date') ? { ...resource, teams, date: today } : resource,
              EXPLAINED,
            ),
          );
        return {
          user: personOut(u),
          view: answer('item.view'),
          edit: answer('item.edit'),
          logWork: { ...answer('worklog.create'), date: today },
        };
      }),
      nextCursor: rows.nextCursor,
    };
  }

  /** EXPL-2 for a project: every active user who can browse it, with each project permission and how it reaches them. */
  async function projectAccess(actor: Actor, key: string, page: PageQuery) {
    const projectId = await findProjectId(db, key);
    const project = (await authz.authorize(actor, 'project.permissions', { projectId, noun: 'project' }))!;
    const rows = pageOf(
      await repo.usersBrowsingProject(db, projectId!, { limit: page.limit, afterLogin: afterLogin(page) }),
      page.limit,
      (r) => [r.login],
    );
    const subjects = await loadSubjects(
      db,
      rows.items.map((u) => u.id),
    );
    return {
      items: rows.items.map((u) => ({
        user: personOut(u),
        permissions: permissionsOut(reachingGrants(project, subjects.get(u.id)!)),
      })),
      nextCursor: rows.nextCursor,
    };
  }

  return { explain, itemAccess, projectAccess };
}
