// Guards PRJ-2 (the work-item tree, its keys and breadcrumbs), API-3 (children lists paged disjointly and completely)
// and API-4 for work items (a stale or refused edit changes nothing).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createProject,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { allPages, assertAbilities, assertDisjointAndComplete, auditCount } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`work items: tree, keys, paging, edits (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A user with BROWSE, EDIT and WORK on a fresh project, signed in. */
    async function editor() {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: user.id });
      return { user, project, c: await signedIn(t.app, user.login) };
    }
    const itemRow = (key: string) =>
      t.db.selectFrom('work_items').selectAll().where('key', '=', key).executeTakeFirst();

    test('PRJ-2: items are created top-level and under children at any depth, with sequential keys and the path as breadcrumbs', async () => {
      const { project, c } = await editor();
      const keys: string[] = [];
      let parentKey: string | undefined;
      for (let depth = 0; depth < 5; depth++) {
        const res = await c.post(`/api/projects/${project.key}/items`, {
          title: `Level ${depth}`,
          ...(parentKey ? { parentKey } : {}),
        });
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().parentKey, parentKey ?? null);
        keys.push(res.json().key);
        parentKey = res.json().key;
      }
      assert.deepEqual(
        keys,
        [1, 2, 3, 4, 5].map((n) => `${project.key}-${n}`),
      );

      const leaf = await c.get(`/api/items/${keys[4]}`);
      assert.equal(leaf.statusCode, 200, leaf.body);
      const body = leaf.json();
      assert.equal(body.projectKey, project.key);
      assert.equal(body.title, 'Level 4');
      assert.equal(body.parentKey, keys[3]);
      assert.deepEqual(
        body.path,
        keys.slice(0, 4).map((key, depth) => ({ key, title: `Level ${depth}` })),
      );
      assert.equal(body.version, 1);
      assertAbilities(body.abilities, { canEdit: true, canComment: true, canLogWork: true, canViewWorklogs: true });

      const top = await c.get(`/api/items/${keys[0]}`);
      assert.deepEqual(top.json().path, []);
      assert.equal(top.json().parentKey, null);
    });

    test('PRJ-2: item numbers are sequential per project, across top-level and child items', async () => {
      const a = await editor();
      const b = await editor();
      const made: string[] = [];
      for (const [who, parent] of [
        [a, undefined],
        [b, undefined],
        [a, `${a.project.key}-1`],
        [b, undefined],
        [a, undefined],
      ] as const) {
        const res = await who.c.post(`/api/projects/${who.project.key}/items`, {
          title: 'x',
          ...(parent ? { parentKey: parent } : {}),
        });
        assert.equal(res.statusCode, 201, res.body);
        made.push(res.json().key);
      }
      assert.deepEqual(made, [
        `${a.project.key}-1`,
        `${b.project.key}-1`,
        `${a.project.key}-2`,
        `${b.project.key}-2`,
        `${a.project.key}-3`,
      ]);
    });

    test('PRJ-2: concurrent creations in one project get distinct, gap-free keys', async () => {
      const { project, c } = await editor();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => c.post(`/api/projects/${project.key}/items`, { title: `Parallel ${i}` })),
      );
      for (const r of results) assert.equal(r.statusCode, 201, r.body);
      const nums = results.map((r) => Number(r.json().key.split('-')[1])).sort((a, b) => a - b);
      assert.deepEqual(nums, [1, 2, 3, 4, 5, 6, 7, 8]);
    });

    test('PRJ-2/API-3: children are listed in key order, paged in disjoint pages that together are complete; top level excludes children', async () => {
      const { project, c } = await editor();
      const parent = (await c.post(`/api/projects/${project.key}/items`, { title: 'Parent' })).json();
      const childIds: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await c.post(`/api/projects/${project.key}/items`, { title: `Child ${i}`, parentKey: parent.key });
        childIds.push(res.json().id);
      }
      const sibling = (await c.post(`/api/projects/${project.key}/items`, { title: 'Sibling' })).json();
      await c.post(`/api/projects/${project.key}/items`, { title: 'Grandchild', parentKey: `${project.key}-2` });

      for (const limit of [1, 3, 7, 50]) {
        const pages = await allPages<{ id: number; parentKey: string; hasChildren: boolean }>(
          c,
          `/api/projects/${project.key}/items?parent=${parent.key}`,
          limit,
        );
        assertDisjointAndComplete(pages, childIds);
        assert.ok(pages.flat().every((i) => i.parentKey === parent.key));
        assert.deepEqual(
          pages.flat().map((i) => i.hasChildren),
          [true, false, false, false, false, false, false],
        );
      }
      const top = await allPages<{ id: number; hasChildren: boolean }>(c, `/api/projects/${project.key}/items`, 1);
      assertDisjointAndComplete(top, [parent.id, sibling.id]);
      assert.deepEqual(
        top.flat().map((i) => i.hasChildren),
        [true, false],
      );
    });

    test('PRJ-2: a parent from another project is refused with the field named, and nothing is written', async () => {
      const { user, project, c } = await editor();
      // The user may edit the other project too, so the only fault is that the parent lives elsewhere.
      const other = await worldWithItem(t.db);
      await grant(t.db, other.project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES'], { userId: user.id });
      const audits = await auditCount(t.db);
      const res = await c.post(`/api/projects/${project.key}/items`, { title: 'Cross', parentKey: other.item.key });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().field, 'parentKey');
      const list = await c.get(`/api/projects/${project.key}/items?parent=${other.item.key}`);
      assert.equal(list.statusCode, 400);
      assert.equal(list.json().field, 'parent');
      assert.equal(
        await t.db.selectFrom('work_items').select('id').where('project_id', '=', project.id).executeTakeFirst(),
        undefined,
      );
      assert.equal(
        (
          await t.db
            .selectFrom('projects')
            .select('next_item_num')
            .where('id', '=', project.id)
            .executeTakeFirstOrThrow()
        ).next_item_num,
        1,
      );
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-2: creating and editing items needs EDIT_ISSUES (BROWSE alone gets 403 and writes nothing)', async () => {
      const { user, project, item } = await worldWithItem(t.db, ['BROWSE_PROJECT', 'WORK_ON_ISSUES']);
      const c = await signedIn(t.app, user.login);
      const before = await itemRow(item.key);
      const audits = await auditCount(t.db);
      const create = await c.post(`/api/projects/${project.key}/items`, { title: 'Nope' });
      assert.equal(create.statusCode, 403, create.body);
      assert.equal(create.json().code, 'missing_permission');
      const edit = await c.patch(`/api/items/${item.key}`, { version: 1, title: 'Nope' });
      assert.equal(edit.statusCode, 403, edit.body);
      assert.equal(edit.json().code, 'missing_permission');
      const read = await c.get(`/api/items/${item.key}`);
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().abilities.canEdit, false);
      assert.deepEqual(await itemRow(item.key), before);
      assert.equal(
        (await t.db.selectFrom('work_items').select('id').where('project_id', '=', project.id).execute()).length,
        1,
      );
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-2/API-4: an item edit with the current version applies and bumps the version; a stale one gets 409 and changes nothing', async () => {
      const { project, c } = await editor();
      const item = (await c.post(`/api/projects/${project.key}/items`, { title: 'Draft', description: 'd' })).json();
      const edited = await c.patch(`/api/items/${item.key}`, {
        version: 1,
        title: 'Final',
        status: 'in_progress',
        description: 'done right',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().title, 'Final');
      assert.equal(edited.json().status, 'in_progress');
      assert.equal(edited.json().description, 'done right');
      assert.equal(edited.json().version, 2);

      const before = await itemRow(item.key);
      const audits = await auditCount(t.db);
      const stale = await c.patch(`/api/items/${item.key}`, { version: 1, title: 'Lost update' });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal(stale.json().currentVersion, 2);
      assert.deepEqual(await itemRow(item.key), before);
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRJ-2/API-3: comments on an item are listed oldest first, paged disjointly and completely', async () => {
      const { project, c } = await editor();
      const item = (await c.post(`/api/projects/${project.key}/items`, { title: 'Discussed' })).json();
      const ids: number[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await c.post(`/api/items/${item.key}/comments`, { body: `comment ${i}` })).json().id);
      for (const limit of [1, 2, 5])
        assertDisjointAndComplete(await allPages(c, `/api/items/${item.key}/comments`, limit), ids);
    });

    test('PRJ-2/API-5: an unknown status is refused with the field named', async () => {
      const { project, c } = await editor();
      const item = (await c.post(`/api/projects/${project.key}/items`, { title: 'Draft' })).json();
      const res = await c.patch(`/api/items/${item.key}`, { version: 1, status: 'archived' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().field, 'status');
      assert.equal((await itemRow(item.key))!.version, 1);
    });
  });
