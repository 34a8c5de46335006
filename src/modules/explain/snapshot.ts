import { sql } from 'kysely';
import { openAreas } from '../../authz/areas.js';
import { decide } from '../../authz/decide.js';
import { loadItems, loadSubjects } from '../../authz/loader.js';
import type { Database } from '../../db/index.js';

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
type Snapshot = Map<number, Set<string>>;

/** Item access of every active user to an item's subtree (first 200 items): view / edit / logWork. */
export async function itemAccessSnapshot(db: Database, rootItemId: number): Promise<Snapshot> {
  const { rows: items } = await sql<{ id: number }>`
    with recursive t as (select id, 0 as depth from work_items where id = ${rootItemId}
      union all select c.id, t.depth + 1 from work_items c join t on c.parent_id = t.id where c.deleted_at is null)
    select id from t order by depth, id limit 200`.execute(db);
  const facts = await loadItems(db, sql`i.id in (${sql.join(items.map((i) => i.id))})`);
  const users = await db.selectFrom('users').select('id').where('active', '=', true).execute();
  const subjects = await loadSubjects(
    db,
    users.map((u) => u.id),
  );
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    const abilities = new Set<string>();
    for (const f of facts.values()) {
      const resource = { project: f.project, item: f.item, ownerId: subject.userId };
      if (decide('item.view', subject, resource).allowed) abilities.add(`${f.itemKey}:view`);
      if (decide('item.edit', subject, resource).allowed) abilities.add(`${f.itemKey}:edit`);
      if (decide('worklog.create', subject, resource).allowed) abilities.add(`${f.itemKey}:logWork`);
    }
    snapshot.set(subject.userId, abilities);
  }
  return snapshot;
}

/** Areas and denied surfaces of every active user (app roles and deny permissions). */
export async function appAccessSnapshot(db: Database): Promise<Snapshot> {
  const users = await db.selectFrom('users').select('id').where('active', '=', true).execute();
  const subjects = await loadSubjects(
    db,
    users.map((u) => u.id),
  );
  const snapshot: Snapshot = new Map();
  for (const subject of subjects.values()) {
    snapshot.set(
      subject.userId,
      new Set([...openAreas(subject).map((a) => `area:${a}`), ...subject.denies.map((d) => `denied:${d.permission}`)]),
    );
  }
  return snapshot;
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
  const users = new Map(
    (changes.length
      ? await db
          .selectFrom('users')
          .select(['id', 'login', 'display_name'])
          .where('id', 'in', [...new Set(changes.map((c) => c.userId))])
          .execute()
      : []
    ).map((u) => [u.id, u]),
  );
  return changes
    .map(({ userId, ...c }) => ({
      user: { id: userId, login: users.get(userId)?.login ?? '', displayName: users.get(userId)?.display_name ?? '' },
      ...c,
    }))
    .sort((x, y) => x.user.login.localeCompare(y.user.login) || x.target.localeCompare(y.target));
}
