/**
 * The change preview (EXPL-3): whose access a change would change. It spans the users, the subjects' facts (groups,
 * app roles, denials), projects' grants and items' security: it takes access snapshots of every active user, runs
 * the real change, takes them again and compares — all in one transaction that is always rolled back, so nothing
 * of the change is ever seen by anyone else.
 */
import { openAreas } from '../authz/areas.js';
import { decide, reachingGrants } from '../authz/decide.js';
import { QUICK } from '../authz/enforce.js';
import { loadProjects, loadSubjects } from '../authz/loader.js';
import type { Database } from '../db/index.js';
import { PROJECT_PERMISSIONS } from '../db/types.js';
import { activeUserIds, keysOfProjects, namesOfUsers, subtreeFacts } from '../modules/explain/repo.js';

/** Runs `fn` in a transaction that is always rolled back: a dry run of a change (EXPL-3). */
export async function dryRun<T>(db: Database, fn: (trx: Database) => Promise<T>): Promise<T> {
  const rollback = Symbol('rollback');
  let result: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      result = await fn(trx);
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
  return result as T;
}

export type Change = {
  user: { id: number; login: string; displayName: string };
  target: string;
  before: string[];
  after: string[];
};

/** What each user may do: a set of "target:ability" strings per user. */
export type Snapshot = Map<number, Set<string>>;

/** Item access of every active user to an item's subtree (first 200 items): view / edit / logWork. */
export async function itemAccessSnapshot(db: Database, rootItemId: number): Promise<Snapshot> {
  const facts = await subtreeFacts(db, rootItemId, 200);
  const subjects = await loadSubjects(db, await activeUserIds(db));
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    const abilities = new Set<string>();
    for (const f of facts.values()) {
      const resource = { project: f.project, item: f.item, ownerId: subject.userId };
      if (decide('item.view', subject, resource, QUICK).allowed) abilities.add(`${f.itemKey}:view`);
      if (decide('item.edit', subject, resource, QUICK).allowed) abilities.add(`${f.itemKey}:edit`);
      if (decide('worklog.create', subject, resource, QUICK).allowed) abilities.add(`${f.itemKey}:logWork`);
    }
    snapshot.set(subject.userId, abilities);
  }
  return snapshot;
}

/** Areas and denied surfaces of every active user (app roles and deny permissions). */
export async function appAccessSnapshot(db: Database): Promise<Snapshot> {
  const subjects = await loadSubjects(db, await activeUserIds(db));
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    snapshot.set(
      subject.userId,
      new Set([...openAreas(subject).map((a) => `area:${a}`), ...subject.denies.map((d) => `denied:${d.permission}`)]),
    );
  }
  return snapshot;
}

/** The project permissions (ADMINISTER_PROJECT implying the others) each active user holds in the projects. */
export async function projectAccessSnapshot(db: Database, projectIds: number[]): Promise<Snapshot> {
  const [subjects, projects, keys] = await Promise.all([
    activeUserIds(db).then((ids) => loadSubjects(db, ids)),
    loadProjects(db, projectIds),
    keysOfProjects(db, projectIds).then((rows) => new Map(rows.map((p) => [p.id, p.key]))),
  ]);
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    const held = new Set<string>();
    for (const [projectId, project] of projects) {
      const permissions = new Set(reachingGrants(project, subject).map((g) => g.permission));
      for (const permission of permissions.has('ADMINISTER_PROJECT') ? PROJECT_PERMISSIONS : permissions)
        held.add(`project ${keys.get(projectId)}:${permission}`);
    }
    snapshot.set(subject.userId, held);
  }
  return snapshot;
}

/** App areas and denials, the projects' permissions and the items' subtrees, as one snapshot. */
export async function accessSnapshot(db: Database, projectIds: number[], itemIds: number[]): Promise<Snapshot> {
  const parts = [await appAccessSnapshot(db), await projectAccessSnapshot(db, projectIds)];
  for (const itemId of itemIds) parts.push(await itemAccessSnapshot(db, itemId));
  const merged: Snapshot = new Map();
  for (const part of parts)
    for (const [userId, abilities] of part) merged.set(userId, new Set([...(merged.get(userId) ?? []), ...abilities]));
  return merged;
}

/** The users whose abilities differ, per target. */
export async function diffSnapshots(db: Database, before: Snapshot, after: Snapshot): Promise<Change[]> {
  const changes: Array<Omit<Change, 'user'> & { userId: number }> = [];
  for (const userId of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(userId) ?? new Set<string>();
    const a = after.get(userId) ?? new Set<string>();
    const targets = new Set(
      [...b, ...a].filter((x) => b.has(x) !== a.has(x)).map((x) => x.slice(0, x.lastIndexOf(':'))),
    );
    for (const target of targets) {
      const pick = (s: Set<string>) =>
        [...s]
          .filter((x) => x.slice(0, x.lastIndexOf(':')) === target)
          .map((x) => x.slice(x.lastIndexOf(':') + 1))
          .sort();
      changes.push({ userId, target, before: pick(b), after: pick(a) });
    }
  }
  const users = new Map((await namesOfUsers(db, [...new Set(changes.map((c) => c.userId))])).map((u) => [u.id, u]));
  return changes
    .map(({ userId, ...c }) => ({
      user: { id: userId, login: users.get(userId)?.login ?? '', displayName: users.get(userId)?.display_name ?? '' },
      ...c,
    }))
    .sort((x, y) => x.user.login.localeCompare(y.user.login) || x.target.localeCompare(y.target));
}
