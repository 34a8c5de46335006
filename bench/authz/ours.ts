import { sql } from 'kysely';
import { rolesHeld, matchingEntries } from '../../src/authz/decide.js';
import type { ItemSecurityFacts, ProjectFacts, SubjectFacts } from '../../src/authz/facts.js';
import { loadItems, loadProjects, loadSubjects } from '../../src/authz/loader.js';
import type { Database } from '../../src/db/index.js';
import type { Check } from './world.js';

/**
 * Our engine's side: facts loaded once through the real loaders — subject facts per user, project facts
 * per project, item security facts per item — as a request would cache them; then `decide` per check.
 */

export interface OurFacts {
  subjects: Map<number, SubjectFacts>;
  projects: Map<number, ProjectFacts>;
  items: Map<number, { projectId: number; item: ItemSecurityFacts }>;
}

export async function loadOurFacts(db: Database, checks: Check[]): Promise<OurFacts> {
  const userIds = [...new Set(checks.map((c) => c.userId))];
  const itemIds = [...new Set(checks.map((c) => c.itemId))];
  const subjects = await loadSubjects(db, userIds);
  const items = new Map<number, { projectId: number; item: ItemSecurityFacts }>();
  for (let start = 0; start < itemIds.length; start += 5000) {
    const chunk = itemIds.slice(start, start + 5000);
    for (const [id, facts] of await loadItems(db, sql`i.id in (${sql.join(chunk)})`))
      items.set(id, { projectId: facts.projectId, item: facts.item });
  }
  const projects = await loadProjects(db, [...new Set([...items.values()].map((i) => i.projectId))]);
  const missing = itemIds.filter((id) => !items.has(id));
  if (missing.length > 0) throw new Error(`loader returned no facts for ${missing.length} sampled items`);
  return { subjects, projects, items };
}

/** One check with its facts looked up, in the shape `decide` takes. */
export interface Prepared {
  action: Check['action'];
  subject: SubjectFacts;
  resource: { project: ProjectFacts; item: ItemSecurityFacts };
}

export function prepareOurs(facts: OurFacts, checks: Check[]): Prepared[] {
  return checks.map((c) => {
    const item = facts.items.get(c.itemId)!;
    return {
      action: c.action,
      subject: facts.subjects.get(c.userId)!,
      resource: { project: facts.projects.get(item.projectId)!, item: item.item },
    };
  });
}

/*
 * Hand-written decision-only baselines, for reference: they answer the same question for item.view /
 * item.edit without any reason, message or `via` object, and without the engine's memoised standing.
 * Both are checked to agree with `decide` on every sampled case before they are timed.
 */

function holdsWithHelpers(p: Prepared, roles: ReturnType<typeof rolesHeld>, permission: string): boolean {
  const {
    subject,
    resource: { project },
  } = p;
  return project.grants.some(
    (g) =>
      (g.permission === permission || g.permission === 'ADMINISTER_PROJECT') &&
      ((g.kind === 'user' && g.subjectId === subject.userId) ||
        (g.kind === 'group' && subject.groups.some((x) => x.id === g.subjectId)) ||
        (g.kind === 'role' && roles.some((r) => r.roleId === g.subjectId))),
  );
}

/** Same helpers as `decide` (rolesHeld, matchingEntries), same order of work, no reasons. */
export function allowedSameHelpers(p: Prepared): boolean {
  const {
    subject,
    resource: { project, item },
  } = p;
  if (!subject.active) return false;
  const roles = rolesHeld(project, subject);
  if (!holdsWithHelpers(p, roles, 'BROWSE_PROJECT')) return false;
  const edit = p.action === 'item.edit';
  if (edit && !holdsWithHelpers(p, roles, 'EDIT_ISSUES')) return false;
  if (subject.systemAdmin || !item.governing) return true;
  const matches = matchingEntries(item.governing, subject, project);
  for (const kind of edit ? (['view', 'edit'] as const) : (['view'] as const)) {
    if (matches.some((e) => e[kind] === 'deny') || !matches.some((e) => e[kind] === 'allow')) return false;
  }
  return true;
}

function inGroups(subject: SubjectFacts, id: number | undefined): boolean {
  for (const g of subject.groups) if (g.id === id) return true;
  return false;
}

function holdsRole(subject: SubjectFacts, project: ProjectFacts, roleId: number): boolean {
  for (const m of project.roleMembers)
    if (m.roleId === roleId && (m.userId === subject.userId || inGroups(subject, m.groupId))) return true;
  return false;
}

function reaches(subject: SubjectFacts, project: ProjectFacts, kind: string, subjectId: number): boolean {
  return kind === 'user'
    ? subjectId === subject.userId
    : kind === 'group'
      ? inGroups(subject, subjectId)
      : kind === 'role' && holdsRole(subject, project, subjectId);
}

/** A lean decision path: one pass over grants and one over entries, short-circuiting, allocating nothing. */
export function allowedLean(p: Prepared): boolean {
  const {
    subject,
    resource: { project, item },
  } = p;
  if (!subject.active) return false;
  const edit = p.action === 'item.edit';
  let browse = false;
  let editIssues = !edit;
  for (const g of project.grants) {
    if (browse && editIssues) break;
    const admin = g.permission === 'ADMINISTER_PROJECT';
    const useful =
      (!browse && (admin || g.permission === 'BROWSE_PROJECT')) ||
      (!editIssues && (admin || g.permission === 'EDIT_ISSUES'));
    if (!useful || !reaches(subject, project, g.kind, g.subjectId)) continue;
    if (admin || g.permission === 'BROWSE_PROJECT') browse = true;
    if (admin || g.permission === 'EDIT_ISSUES') editIssues = true;
  }
  if (!browse || !editIssues) return false;
  if (subject.systemAdmin || !item.governing) return true;
  let viewAllow = false;
  let editAllow = false;
  for (const e of item.governing.entries) {
    if (!reaches(subject, project, e.kind, e.subjectId)) continue;
    if (e.view === 'deny' || (edit && e.edit === 'deny')) return false;
    if (e.view === 'allow') viewAllow = true;
    if (e.edit === 'allow') editAllow = true;
  }
  return viewAllow && (!edit || editAllow);
}
