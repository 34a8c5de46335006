// Guards ITEM-2, ITEM-6 and ITEM-7: an item without its own setting follows its nearest secured ancestor (new items
// too) or, without one, project permissions; "apply to all children" and switching back to inheriting; clearing one
// setting or a whole subtree.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { as, editor, projectWorld, secure, viewer, visible, type Client, type SecurityOut } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`item security: inheritance, apply to children, clear (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const setting = async (c: Client, key: string) => {
      const res = await c.get(`/api/items/${key}/security`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as SecurityOut;
    };
    const ownSettings = async (itemIds: number[]) =>
      (
        await t.db
          .selectFrom('item_security')
          .select('item_id')
          .where('item_id', 'in', itemIds)
          .orderBy('item_id')
          .execute()
      ).map((r) => r.item_id);

    /** root → child → grandchild, with two members: `insider` (allowed on root's setting) and `outsider`. */
    async function chain() {
      const w = await projectWorld(t.db);
      const insider = await w.member();
      const outsider = await w.member();
      const root = await w.item(undefined, 'Root');
      const child = await w.item(root.id, 'Child');
      const grandchild = await w.item(child.id, 'Grandchild');
      const ac = await as(t.app, w.admin.login);
      return {
        ...w,
        insider,
        outsider,
        root,
        child,
        grandchild,
        ac,
        ic: await as(t.app, insider.login),
        oc: await as(t.app, outsider.login),
      };
    }

    test('ITEM-2: children and grandchildren of a secured item inherit its setting and say where from', async () => {
      const w = await chain();
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      for (const item of [w.child, w.grandchild]) {
        const s = await setting(w.ac, item.key);
        assert.equal(s.mode, 'inherited');
        assert.equal(s.inheritedFrom, w.root.key);
        assert.equal(s.version, null);
        assert.deepEqual(
          s.entries.map((e) => e.subject.id),
          [w.admin.id, w.insider.id],
        );
        assert.equal(await visible(w.ic, `/api/items/${item.key}`), true);
        assert.equal(await visible(w.oc, `/api/items/${item.key}`), false);
      }
    });

    test('ITEM-2: a new item created under a secured item (at any depth) inherits at once', async () => {
      const w = await chain();
      await secure(w.ac, w.child.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      const made = await w.ic.post(`/api/projects/${w.project.key}/items`, {
        title: 'New under secured',
        parentKey: w.grandchild.key,
      });
      assert.equal(made.statusCode, 201, made.body);
      const key = made.json().key;
      assert.equal((await setting(w.ac, key)).inheritedFrom, w.child.key);
      assert.equal(await visible(w.oc, `/api/items/${key}`), false);
      const listed = await w.oc.get(`/api/projects/${w.project.key}/items?parent=${w.grandchild.key}`);
      assert.equal(
        listed.statusCode,
        404,
        'the parent itself is hidden from the outsider: listing under it answers as reading it',
      );
      // The outsider cannot create under it either: the parent does not exist for them.
      const refused = await w.oc.post(`/api/projects/${w.project.key}/items`, {
        title: 'Sneak in',
        parentKey: w.child.key,
      });
      assert.equal(refused.statusCode, 404, refused.body);
    });

    test('ITEM-2: an item with no secured ancestor falls back to project permissions; the nearest secured ancestor wins over a farther one', async () => {
      const w = await chain();
      const s = await setting(w.ac, w.grandchild.key);
      assert.deepEqual([s.mode, s.inheritedFrom, s.entries], ['none', null, []]);
      assert.equal(await visible(w.oc, `/api/items/${w.grandchild.key}`), true, 'project permissions apply');

      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, w.child.key, [editor('user', w.admin.id), editor('user', w.outsider.id)]);
      assert.equal((await setting(w.ac, w.grandchild.key)).inheritedFrom, w.child.key);
      assert.equal(
        await visible(w.oc, `/api/items/${w.grandchild.key}`),
        true,
        'the nearest setting (child) allows the outsider',
      );
      assert.equal(
        await visible(w.ic, `/api/items/${w.grandchild.key}`),
        false,
        'the farther setting (root) no longer applies',
      );
      assert.equal(await visible(w.oc, `/api/items/${w.root.key}`), false);
    });

    test('ITEM-6: "apply to all child items" removes every descendant\'s own setting so the whole subtree inherits', async () => {
      const w = await chain();
      await secure(w.ac, w.child.key, [editor('user', w.admin.id), editor('user', w.outsider.id)]);
      await secure(w.ac, w.grandchild.key, [editor('user', w.admin.id), viewer('user', w.outsider.id)]);
      const before = await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      assert.deepEqual(before.childrenWithOwnSetting, [w.child.key, w.grandchild.key]);

      const applied = await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)], {
        version: before.version!,
        applyToChildren: true,
      });
      assert.deepEqual(applied.childrenWithOwnSetting, []);
      assert.deepEqual(await ownSettings([w.root.id, w.child.id, w.grandchild.id]), [w.root.id]);
      for (const item of [w.child, w.grandchild]) {
        assert.equal((await setting(w.ac, item.key)).inheritedFrom, w.root.key);
        assert.equal(await visible(w.oc, `/api/items/${item.key}`), false);
        assert.equal(await visible(w.ic, `/api/items/${item.key}`), true);
      }
    });

    test("ITEM-6: an item with its own setting switches back to inheriting its parent's", async () => {
      const w = await chain();
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, w.child.key, [editor('user', w.admin.id), editor('user', w.outsider.id)]);
      assert.equal(await visible(w.ic, `/api/items/${w.grandchild.key}`), false);
      const res = await w.ac.delete(`/api/items/${w.child.key}/security`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().mode, res.json().inheritedFrom], ['inherited', w.root.key]);
      assert.equal((await setting(w.ac, w.grandchild.key)).inheritedFrom, w.root.key);
      assert.equal(await visible(w.ic, `/api/items/${w.grandchild.key}`), true);
      assert.equal(await visible(w.oc, `/api/items/${w.child.key}`), false);
    });

    test("ITEM-7: clearing without children removes only the item's own setting — descendants with their own keep them, inheriting ones follow", async () => {
      const w = await chain();
      const leaf = await w.item(w.root.id, 'Leaf');
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, w.grandchild.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      const res = await w.ac.delete(`/api/items/${w.root.key}/security?children=false`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().mode, 'none');
      assert.deepEqual(res.json().childrenWithOwnSetting, [w.grandchild.key]);
      assert.deepEqual(await ownSettings([w.root.id, w.child.id, w.grandchild.id, leaf.id]), [w.grandchild.id]);
      for (const item of [w.root, w.child, leaf]) {
        assert.equal((await setting(w.ac, item.key)).mode, 'none');
        assert.equal(
          await visible(w.oc, `/api/items/${item.key}`),
          true,
          `${item.key} falls back to project permissions`,
        );
      }
      assert.equal(
        await visible(w.oc, `/api/items/${w.grandchild.key}`),
        false,
        'the grandchild keeps its own setting',
      );
    });

    test('ITEM-7: clearing with "clear all child items" removes every setting in the subtree, and only there', async () => {
      const w = await chain();
      const sibling = await w.item(undefined, 'Sibling');
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, w.grandchild.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, sibling.key, [editor('user', w.admin.id)]);
      const res = await w.ac.delete(`/api/items/${w.root.key}/security?children=true`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().childrenWithOwnSetting, []);
      assert.deepEqual(await ownSettings([w.root.id, w.child.id, w.grandchild.id, sibling.id]), [sibling.id]);
      for (const item of [w.root, w.child, w.grandchild])
        assert.equal(await visible(w.oc, `/api/items/${item.key}`), true);
      assert.equal(await visible(w.oc, `/api/items/${sibling.key}`), false);
    });

    test("ITEM-7: clearing a child that only inherits changes nothing and removes no ancestor's setting", async () => {
      const w = await chain();
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      const res = await w.ac.delete(`/api/items/${w.child.key}/security?children=true`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().mode, res.json().inheritedFrom], ['inherited', w.root.key]);
      assert.deepEqual(await ownSettings([w.root.id]), [w.root.id]);
      assert.equal(await visible(w.oc, `/api/items/${w.child.key}`), false);
    });

    test('ITEM-6/API-4: replacing an own setting needs the version read; a stale version gets 409 and changes nothing', async () => {
      const w = await chain();
      const first = await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.insider.id)]);
      await secure(w.ac, w.root.key, [editor('user', w.admin.id), editor('user', w.outsider.id)], {
        version: first.version!,
      });
      for (const version of [undefined, first.version]) {
        const stale = await w.ac.put(`/api/items/${w.root.key}/security`, {
          entries: [editor('user', w.admin.id)],
          ...(version ? { version } : {}),
        });
        assert.equal(stale.statusCode, 409, stale.body);
        assert.equal(stale.json().code, 'version_conflict');
      }
      assert.equal(await visible(w.oc, `/api/items/${w.root.key}`), true);
    });
  });
