import type { Actor, Authz } from '../../authz/engine.js';
import type { ItemSecurityFacts, ProjectFacts, SubjectFacts } from '../../authz/facts.js';
import type { WorklogRow } from './repo.js';

/** What a work log's abilities are decided on: its item's project and security facts, and its author's facts. */
export interface WorklogFacts {
  project?: ProjectFacts;
  item?: ItemSecurityFacts;
  owner?: SubjectFacts;
}

const distinct = (ids: number[]) => [...new Set(ids)];

/**
 * The facts of a page of work logs, loaded set-based — each project's facts once, however many of its work logs the
 * page holds, the full item facts only for items under an item-security setting, and the facts of authors other than
 * the caller (WL-5) — in parallel. An item without a setting has no security facts beyond its key (ITEM-2), which the
 * row carries. Rows come from lists that show live items only, whose rows carry `governing_item_id`.
 */
export async function loadPageFacts(
  authz: Authz,
  actor: Actor,
  rows: readonly WorklogRow[],
): Promise<(row: WorklogRow) => WorklogFacts> {
  const governed = rows.filter((r) => r.governing_item_id != null);
  const [projects, items, owners] = await Promise.all([
    authz.loadProjects(distinct(rows.filter((r) => r.governing_item_id == null).map((r) => r.project_id))),
    authz.loadItems(distinct(governed.map((r) => r.item_id))),
    loadOwners(authz, actor, rows),
  ]);
  return (row) => {
    const owner = owners.get(row.author_id);
    if (row.governing_item_id != null) {
      const facts = items.get(row.item_id);
      return { project: facts?.project, item: facts?.item, owner };
    }
    const item = { itemId: row.item_id, itemKey: row.item_key, governing: null };
    return { project: projects.get(row.project_id), item, owner };
  };
}

/** The facts of the authors of some work logs: the caller's from the request, the others' in one load. */
export async function loadOwners(authz: Authz, actor: Actor, rows: ReadonlyArray<{ author_id: number }>) {
  const owners = await authz.loadSubjects(distinct(rows.map((r) => r.author_id)).filter((id) => id !== actor.userId));
  owners.set(actor.userId, actor.subject);
  return owners;
}
