// Guards ITEM-2 (lists agree with direct reads): on generated worlds, walking the tree lists — the top of a project, then
// the children of every listed item, page by page — reaches exactly the items the user can open directly, each once; each
// is listed under its visible parent (nearest viewable ancestor), which its direct read names as parentKey and as the last
// step of a path made only of viewable ancestors; hasChildren says whether that list is empty; and listing under an item
// the user cannot open answers 404 like opening it (PRJ-4, ITEM-9, API-3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createAuthz, type Actor } from '../../src/authz/engine.js';
import { loadSubjects } from '../../src/authz/loader.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { AppError } from '../../src/lib/errors.js';
import { createItemService } from '../../src/modules/items/service.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import { ancestorsOrSelf, hasPermission, itemExists, reference, type World } from '../authz/reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from '../authz/world.js';

/** `ITEM2_WORLDS=500 node --import tsx --test test/projects/tree-lists.test.ts` for a longer run. */
const WORLDS = Number(process.env.ITEM2_WORLDS ?? 10);

const canView = (world: World, u: number, i: number) =>
  reference(world, u, 'item.view', { kind: 'item', item: i }).allowed;
/** Some user may view an item whose parent they may not: the case the lists used to lose. */
const hidesAParent = (world: World) =>
  world.users.some((_, u) =>
    world.items.some(
      (item, i) =>
        item.parent !== null && itemExists(world, i) && canView(world, u, i) && !canView(world, u, item.parent),
    ),
  );
/** Three worlds in four hide a parent of a viewable item from someone; the rest are as generated. */
const treeWorldArb = fc.oneof(
  { arbitrary: dbWorldArb.filter(({ world }) => hidesAParent(world)), weight: 3 },
  { arbitrary: dbWorldArb, weight: 1 },
);

type Row = { key: string; parentKey: string | null; hasChildren: boolean };

const counts = { worlds: 0, walks: 0, listed: 0, promoted: 0, pages: 0, refusedLists: 0 };

/** What a call answers: its value, or the status of the AppError it throws (anything else fails the test). */
async function outcome<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; status: number }> {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, status: e.status };
    throw e;
  }
}

async function actorsOf(trx: Database, world: World): Promise<Actor[]> {
  const subjects = await loadSubjects(
    trx,
    world.users.map((_, u) => ids.user(u)),
  );
  return world.users.map((u, i) => ({
    userId: ids.user(i),
    login: names.login(i),
    displayName: names.user(i),
    email: `${names.login(i)}@world.test`,
    systemAdmin: u.systemAdmin,
    auth: 'session',
    subject: subjects.get(ids.user(i))!,
  }));
}

async function checkWorld(trx: Database, world: World, pageSize: number) {
  const items = createItemService({ db: trx, authz: createAuthz(trx), secureCookies: false });
  const actors = await actorsOf(trx, world);
  const viewable = (u: number, i: number) => canView(world, u, i);
  for (const [u, actor] of actors.entries()) {
    for (let p = 0; p < world.projects; p++) {
      const project = names.project(p);
      const of = `${names.user(u)} in ${project}`;
      const liveHere = world.items.map((_, i) => i).filter((i) => world.items[i].project === p && itemExists(world, i));
      const expected = liveHere.filter((i) => viewable(u, i));

      /** Every page of the list under `parent` (the top without one), with each page's size checked. */
      const listAll = async (parent: string | undefined) => {
        const rows: Row[] = [];
        let cursor: string | undefined;
        do {
          const page = await items.listChildren(actor, project, { parent, limit: pageSize, cursor });
          assert.ok(page.items.length <= pageSize, `API-3: a page never exceeds its limit (${of})`);
          counts.pages++;
          rows.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return rows;
      };

      const top = await outcome(listAll(undefined));
      const browses = world.users[u].active && hasPermission(world, u, p, 'BROWSE_PROJECT');
      assert.equal(top.ok, browses, `PRJ-4: the top of the tree answers only to users who browse the project (${of})`);
      if (!top.ok) {
        assert.equal(top.status, 404, `PRJ-4: a project the user cannot browse is not found (${of})`);
        assert.deepEqual(expected, [], `nothing of ${project} is viewable for ${names.user(u)}`);
        continue;
      }

      // The walk: each listed item once, with the parent it was listed under.
      const listedUnder = new Map<string, string | null>();
      const queue: Array<{ key: string | null; hasChildren: boolean }> = [{ key: null, hasChildren: true }];
      for (let next = queue.shift(); next; next = queue.shift()) {
        const rows: Row[] = next.key === null ? top.value : await listAll(next.key);
        if (next.key !== null)
          assert.equal(
            next.hasChildren,
            rows.length > 0,
            `ITEM-2: hasChildren of ${next.key} says whether its list is empty (${of})`,
          );
        for (const row of rows) {
          assert.ok(
            !listedUnder.has(row.key),
            `ITEM-2: ${row.key} is listed once, not under ${listedUnder.get(row.key)} and ${next.key} (${of})`,
          );
          assert.equal(row.parentKey, next.key, `the list under ${next.key} says so in parentKey (${of})`);
          listedUnder.set(row.key, next.key);
          queue.push({ key: row.key, hasChildren: row.hasChildren });
        }
      }
      counts.walks++;
      counts.listed += listedUnder.size;
      assert.deepEqual(
        [...listedUnder.keys()].sort(),
        expected.map((i) => names.item(world, i)).sort(),
        `ITEM-2: the lists reach exactly the items ${names.user(u)} may view in ${project}`,
      );

      for (const i of liveHere) {
        const key = names.item(world, i);
        const read = await outcome(items.get(actor, key));
        assert.equal(read.ok, expected.includes(i), `ITEM-2: ${key} opens directly iff the lists reach it (${of})`);
        if (!read.ok) {
          assert.equal(read.status, 404, `ITEM-9: a hidden item is not found (${of})`);
          const under = await outcome(items.listChildren(actor, project, { parent: key, limit: pageSize }));
          assert.deepEqual(
            under,
            { ok: false, status: 404 },
            `ITEM-2: listing under hidden ${key} answers 404 like opening it (${of})`,
          );
          counts.refusedLists++;
          continue;
        }
        // The visible parent, from the reference: the nearest ancestor the user may view.
        const viewableAncestors = ancestorsOrSelf(world, i)
          .slice(1)
          .filter((a) => viewable(u, a))
          .reverse()
          .map((a) => names.item(world, a));
        const visibleParent = viewableAncestors.length ? viewableAncestors[viewableAncestors.length - 1] : null;
        assert.deepEqual(
          read.value.path.map((step) => step.key),
          viewableAncestors,
          `ITEM-2: the path of ${key} names only viewable ancestors (${of})`,
        );
        assert.equal(
          read.value.parentKey,
          visibleParent,
          `ITEM-2: the direct read of ${key} names its visible parent (${of})`,
        );
        assert.equal(listedUnder.get(key), visibleParent, `ITEM-2: ${key} is listed under its visible parent (${of})`);
        if (world.items[i].parent !== null && visibleParent !== names.item(world, world.items[i].parent!))
          counts.promoted++;
      }
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`the tree lists reach every viewable item (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(
      `ITEM-2, ITEM-9, PRJ-4, API-3: ${WORLDS} generated worlds — walking the lists page by page reaches exactly the items each user ` +
        'can open, each under the visible parent its direct read names; lists under hidden items answer 404',
      async () => {
        Object.assign(counts, { worlds: 0, walks: 0, listed: 0, promoted: 0, pages: 0, refusedLists: 0 });
        await fc.assert(
          fc.asyncProperty(treeWorldArb, async ({ world, settingOrder, pageSize }) => {
            await withWorld(handle.db, world, settingOrder, (trx) => checkWorld(trx, world, pageSize));
            counts.worlds++;
          }),
          { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
        );
        console.log(
          `${dialect}: ${counts.worlds} worlds, ${counts.walks} walks, ${counts.listed} items listed (${counts.promoted} under a visible ` +
            `parent other than their parent), ${counts.pages} pages, ${counts.refusedLists} lists under hidden items refused`,
        );
        assert.equal(counts.worlds, WORLDS);
        // The property is only as good as its cases: the worlds hide parents of viewable items.
        assert.ok(
          counts.promoted >= WORLDS / 2,
          `items listed under a visible parent other than their parent: ${counts.promoted}`,
        );
      },
    );
  });
}
