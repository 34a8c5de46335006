import { actionSpec, needsFact, type Action } from '../../authz/catalogue.js';
import { decide, reachingGrants, type Decision } from '../../authz/decide.js';
import type { Actor } from '../../authz/engine.js';
import { QUICK } from '../../authz/enforce.js';
import type { ResourceFacts } from '../../authz/facts.js';
import { loadItem, loadProjects, loadSubjects, loadTeams } from '../../authz/loader.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { answerOut, explanationOut, permissionsOut, personOut } from './present.js';
import { findProjectId } from '../projects/repo.js';
import * as repo from './repo.js';
import type { Explanation, ExplainQuery } from './schema.js';

type ResourceKind = Explanation['resource']['kind'];
const NOUN: Record<ResourceKind, string> = { item: 'work item', project: 'project', team: 'team', global: '' };
/** What the reader must be allowed to do with a resource to be told anything about it (EXPL-1: "only resources they may see themselves"). */
const SEE: Record<Exclude<ResourceKind, 'global'>, Action> = {
  item: 'item.view',
  project: 'project.view',
  team: 'team.view',
};
const EXPLAINED = { explain: true } as const;
type PageQuery = { limit: number; cursor?: string };
const afterLogin = (page: PageQuery) => decodeCursor<[string]>(page.cursor, ['string'])?.[0];

/** Explain (EXPL-1) and who has access (EXPL-2): the same core that decides, replayed with its reasons. */
export function createExplainService({ db, authz }: Deps) {
  /**
   * The explanation of one user's decision. A dated action (the team and price-list check, PRICE-3) is explained for
   * `date`, or today in the installation's time zone, through the engine's own `decideWorklog` — the path
   * `POST /api/worklogs` takes — so the explanation and the refusal cannot drift apart.
   */
  async function explain(actor: Actor, query: ExplainQuery): Promise<Explanation> {
    // The route decides who may ask about others ("Check access" is Administration).
    const aboutOther = query.userId !== undefined && query.userId !== actor.userId;
    const userId = query.userId ?? actor.userId;
    const spec = actionSpec(query.action);
    if (spec.scope === 'item' && !query.item) throw badRequest('item', `${query.action} is decided on a work item`);
    if (spec.scope !== 'global' && !query.item && !query.project && query.team === undefined)
      throw badRequest('item', `${query.action} needs an item or a project`);
    const user = await repo.findUser(db, userId);
    const subject = user && (await loadSubjects(db, [userId])).get(userId);
    if (!user || !subject) throw notFound('user');
    const dated = needsFact(query.action, 'date');
    const date = dated ? (query.date ?? (await loadDateSettings(db)).today) : undefined;

    let facts: ResourceFacts = {};
    let resource: Explanation['resource'] = { kind: 'global', key: null };
    let decision: Decision;
    if (query.item) {
      resource = { kind: 'item', key: query.item };
      if (dated) {
        const worklog = await authz.decideWorklog(
          { userId, subject },
          query.action,
          query.item,
          { ownerId: userId, date },
          EXPLAINED,
        );
        facts = { project: worklog.item?.project, item: worklog.item?.item };
        decision = worklog.decision;
      } else {
        const item = await loadItem(db, query.item);
        facts = { project: item?.project, item: item?.item };
        decision = decide(query.action, subject, { ...facts, ownerId: userId }, EXPLAINED);
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
      decision = decide(query.action, subject, { ...facts, ownerId: userId }, EXPLAINED);
    }
    // An explanation never reveals what its reader may not see: about oneself, a hidden resource is a 404; about
    // someone else, so is a resource the reader could not view themselves (system administrators bypass item
    // security, not BROWSE_PROJECT) — with the same answer as a missing one.
    if (resource.kind !== 'global') {
      const visible = aboutOther ? decide(SEE[resource.kind], actor.subject, facts, QUICK).allowed : !decision.hidden;
      if (!visible) throw notFound(NOUN[resource.kind]);
    }
    return explanationOut(user, { action: query.action, resource, date: date ?? null }, decision);
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
