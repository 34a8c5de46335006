// Guards ITEM-8: copy needs view, paste and move need edit on the target, pasted items carry no setting (they inherit
// the target's), deleting moves a subtree to the trash and drops its settings, and a restored subtree inherits again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestApp, grant, type TestApp } from '../helpers/harness.js';
import {
  as,
  editor,
  projectWorld,
  secure,
  securityState,
  systemAdmin,
  viewer,
  visible,
  type Client,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`item security: copy, paste, move, trash, restore (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const row = (key: string) =>
      t.db.selectFrom('work_items').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    const settingOf = async (c: Client, key: string) =>
      (await c.get(`/api/items/${key}/security`)).json() as { mode: string; inheritedFrom: string | null };
    const itemCount = async (projectId: number) =>
      (await t.db.selectFrom('work_items').select('id').where('project_id', '=', projectId).execute()).length;

    /** A project with a `source` item and a `target` item, a copier and an outsider (both members). */
    async function world() {
      const w = await projectWorld(t.db);
      const copier = await w.member();
      const outsider = await w.member();
      const source = await w.item(undefined, 'Source');
      const target = await w.item(undefined, 'Target');
      const ac = await as(t.app, w.admin.login);
      return {
        ...w,
        copier,
        outsider,
        source,
        target,
        ac,
        cc: await as(t.app, copier.login),
        oc: await as(t.app, outsider.login),
      };
    }

    test('ITEM-8: copy needs view — a viewer of the source may paste a copy, someone who cannot view it gets 404 and nothing is written', async () => {
      const w = await world();
      await secure(w.ac, w.source.key, [editor('user', w.admin.id), viewer('user', w.copier.id)]);
      const count = await itemCount(w.project.id);
      const refused = await w.oc.post(`/api/items/${w.source.key}/copy`, { parentKey: w.target.key });
      assert.equal(refused.statusCode, 404, refused.body);
      assert.equal(await itemCount(w.project.id), count);

      const copied = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: w.target.key });
      assert.equal(copied.statusCode, 201, copied.body);
      assert.equal(copied.json().title, 'Source');
      assert.equal(copied.json().parentKey, w.target.key);
      assert.equal(await itemCount(w.project.id), count + 1);
    });

    test('ITEM-8: paste needs edit on the target — a view-only target gets 403, a hidden one 404, and nothing is written', async () => {
      const w = await world();
      const hiddenTarget = await w.item(undefined, 'Hidden target');
      await secure(w.ac, w.target.key, [editor('user', w.admin.id), viewer('user', w.copier.id)]);
      await secure(w.ac, hiddenTarget.key, [editor('user', w.admin.id)]);
      const before = {
        count: await itemCount(w.project.id),
        next: (
          await t.db
            .selectFrom('projects')
            .select('next_item_num')
            .where('id', '=', w.project.id)
            .executeTakeFirstOrThrow()
        ).next_item_num,
      };

      const viewOnly = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: w.target.key });
      assert.equal(viewOnly.statusCode, 403, viewOnly.body);
      assert.equal(viewOnly.json().code, 'no_edit_allow');
      const hidden = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: hiddenTarget.key });
      assert.equal(hidden.statusCode, 404, hidden.body);
      assert.deepEqual(
        {
          count: await itemCount(w.project.id),
          next: (
            await t.db
              .selectFrom('projects')
              .select('next_item_num')
              .where('id', '=', w.project.id)
              .executeTakeFirstOrThrow()
          ).next_item_num,
        },
        before,
      );
    });

    test("ITEM-8: pasted items carry no security setting — the copies inherit the target's setting, or none at the top", async () => {
      const w = await world();
      const child = await w.item(w.source.id, 'Source child');
      await secure(w.ac, w.source.key, [
        editor('user', w.admin.id),
        editor('user', w.copier.id),
        editor('user', w.outsider.id),
      ]);
      await secure(w.ac, child.key, [editor('user', w.admin.id), editor('user', w.copier.id)]);
      await secure(w.ac, w.target.key, [editor('user', w.admin.id), editor('user', w.copier.id)]);

      const under = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: w.target.key });
      assert.equal(under.statusCode, 201, under.body);
      const copyRoot = await row(under.json().key);
      const copyChild = await t.db
        .selectFrom('work_items')
        .selectAll()
        .where('parent_id', '=', copyRoot.id)
        .executeTakeFirstOrThrow();
      assert.equal(copyChild.title, 'Source child');
      for (const copy of [copyRoot, copyChild]) {
        assert.equal(
          await t.db.selectFrom('item_security').select('item_id').where('item_id', '=', copy.id).executeTakeFirst(),
          undefined,
        );
        const s = await settingOf(w.ac, copy.key);
        assert.deepEqual([s.mode, s.inheritedFrom], ['inherited', w.target.key]);
        // The source allowed the outsider; the copy follows the target, which does not.
        assert.equal(await visible(w.oc, `/api/items/${copy.key}`), false);
      }

      const top = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: null });
      assert.equal(top.statusCode, 201, top.body);
      assert.equal((await settingOf(w.ac, top.json().key)).mode, 'none');
      assert.equal(await visible(w.oc, `/api/items/${top.json().key}`), true, 'at the top, project permissions apply');
    });

    test('ITEM-8/ITEM-9: a copy takes only the part of the subtree the copier can view', async () => {
      const w = await world();
      await w.item(w.source.id, 'Shown child');
      const secret = await w.item(w.source.id, 'Secret child');
      await w.item(secret.id, 'Under the secret');
      await secure(w.ac, secret.key, [editor('user', w.admin.id)]);
      const res = await w.cc.post(`/api/items/${w.source.key}/copy`, { parentKey: null });
      assert.equal(res.statusCode, 201, res.body);
      const copied = await t.db
        .selectFrom('work_items')
        .select('title')
        .where('parent_id', '=', res.json().id)
        .execute();
      assert.deepEqual(
        copied.map((r) => r.title),
        ['Shown child'],
      );
    });

    test('ITEM-8: move needs edit on the item and on the target; refusals write nothing', async () => {
      const w = await world();
      const viewOnlyItem = await w.item(undefined, 'View only');
      await secure(w.ac, viewOnlyItem.key, [editor('user', w.admin.id), viewer('user', w.copier.id)]);
      await secure(w.ac, w.target.key, [editor('user', w.admin.id), viewer('user', w.copier.id)]);
      const before = await securityState(t.db);
      const parents = async () =>
        t.db
          .selectFrom('work_items')
          .select(['id', 'parent_id', 'version'])
          .where('project_id', '=', w.project.id)
          .orderBy('id')
          .execute();
      const placed = await parents();

      const itemNotEditable = await w.cc.post(`/api/items/${viewOnlyItem.key}/move`, {
        parentKey: w.source.key,
        version: 1,
      });
      assert.equal(itemNotEditable.statusCode, 403, itemNotEditable.body);
      const targetNotEditable = await w.cc.post(`/api/items/${w.source.key}/move`, {
        parentKey: w.target.key,
        version: 1,
      });
      assert.equal(targetNotEditable.statusCode, 403, targetNotEditable.body);
      assert.equal(targetNotEditable.json().code, 'no_edit_allow');
      const hiddenTarget = await w.oc.post(`/api/items/${w.source.key}/move`, { parentKey: w.target.key, version: 1 });
      assert.equal(hiddenTarget.statusCode, 404, hiddenTarget.body);
      assert.deepEqual(await parents(), placed);
      assert.deepEqual(await securityState(t.db), before);
    });

    test("ITEM-8/ITEM-2: a moved item inherits its new parent's setting; moved to the top it falls back to project permissions; an own setting moves with it", async () => {
      const w = await world();
      const grandchild = await w.item(w.source.id, 'Under source');
      await secure(w.ac, w.target.key, [editor('user', w.admin.id), editor('user', w.copier.id)]);
      const moved = await w.cc.post(`/api/items/${w.source.key}/move`, { parentKey: w.target.key, version: 1 });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().parentKey, w.target.key);
      for (const key of [w.source.key, grandchild.key]) {
        assert.equal((await settingOf(w.ac, key)).inheritedFrom, w.target.key);
        assert.equal(await visible(w.oc, `/api/items/${key}`), false);
      }

      await secure(w.ac, grandchild.key, [
        editor('user', w.admin.id),
        editor('user', w.copier.id),
        editor('user', w.outsider.id),
      ]);
      const back = await w.cc.post(`/api/items/${w.source.key}/move`, { parentKey: null, version: 2 });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal((await settingOf(w.ac, w.source.key)).mode, 'none');
      assert.equal(await visible(w.oc, `/api/items/${w.source.key}`), true);
      assert.equal((await settingOf(w.ac, grandchild.key)).mode, 'own', 'an own setting is not dropped by a move');
    });

    test('ITEM-8: deleting needs edit; it moves the subtree to the trash and drops every security setting in it', async () => {
      const w = await world();
      const child = await w.item(w.source.id, 'Child');
      await secure(w.ac, w.source.key, [
        editor('user', w.admin.id),
        editor('user', w.copier.id),
        viewer('user', w.outsider.id),
      ]);
      await secure(w.ac, child.key, [editor('user', w.admin.id), editor('user', w.copier.id)]);

      const viewOnly = await w.oc.delete(`/api/items/${w.source.key}?version=1`);
      assert.equal(viewOnly.statusCode, 403, viewOnly.body);
      assert.equal((await row(w.source.key)).deleted_at, null);

      const res = await w.cc.delete(`/api/items/${w.source.key}?version=1`);
      assert.equal(res.statusCode, 204, res.body);
      for (const item of [w.source, child]) {
        assert.notEqual((await row(item.key)).deleted_at, null);
        assert.equal(
          await t.db.selectFrom('item_security').select('item_id').where('item_id', '=', item.id).executeTakeFirst(),
          undefined,
        );
        assert.equal(
          await t.db.selectFrom('item_security_entries').select('id').where('item_id', '=', item.id).executeTakeFirst(),
          undefined,
        );
        assert.equal(
          await visible(w.ac, `/api/items/${item.key}`),
          false,
          'a trashed item is gone even for its project administrator',
        );
      }
      assert.deepEqual(
        (await w.ac.get(`/api/projects/${w.project.key}/items`)).json().items.map((i: { key: string }) => i.key),
        [w.target.key],
      );
      const trash = await w.ac.get(`/api/projects/${w.project.key}/trash`);
      assert.equal(trash.statusCode, 200, trash.body);
      assert.deepEqual(
        trash.json().items.map((i: { key: string }) => i.key),
        [w.source.key],
      );
      const audit = await t.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'item.trash')
        .where('entity_id', '=', String(w.source.id))
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        (audit.after as { droppedSecurity: number[] }).droppedSecurity.sort(),
        [w.source.id, child.id].sort(),
      );
    });

    test("ITEM-8: only project administrators list the trash and restore; a restored subtree comes back without its old settings and inherits its parent's", async () => {
      const w = await world();
      const item = await w.item(w.target.id, 'Under target');
      const child = await w.item(item.id, 'Child');
      await secure(w.ac, item.key, [editor('user', w.admin.id), editor('user', w.copier.id)]);
      assert.equal((await w.cc.delete(`/api/items/${item.key}?version=1`)).statusCode, 204);

      assert.equal((await w.cc.get(`/api/projects/${w.project.key}/trash`)).statusCode, 403);
      const notAdmin = await w.cc.post(`/api/items/${item.key}/restore`);
      assert.equal(notAdmin.statusCode, 403, notAdmin.body);
      assert.notEqual((await row(item.key)).deleted_at, null);

      await secure(w.ac, w.target.key, [editor('user', w.admin.id), editor('user', w.outsider.id)]);
      const restored = await w.ac.post(`/api/items/${item.key}/restore`);
      assert.equal(restored.statusCode, 200, restored.body);
      assert.equal(restored.json().parentKey, w.target.key);
      for (const key of [item.key, child.key]) {
        assert.equal((await row(key)).deleted_at, null);
        const s = await settingOf(w.ac, key);
        assert.deepEqual([s.mode, s.inheritedFrom], ['inherited', w.target.key]);
        assert.equal(await visible(w.oc, `/api/items/${key}`), true, "the parent's setting now decides");
        assert.equal(await visible(w.cc, `/api/items/${key}`), false, 'the dropped setting does not come back');
      }
      assert.deepEqual((await w.ac.get(`/api/projects/${w.project.key}/trash`)).json().items, []);
    });

    test('ITEM-8: restoring under a parent needs edit on it, like a paste — a refused restore leaves the item in the trash', async () => {
      const w = await world();
      const item = await w.item(w.target.id, 'Under target');
      assert.equal((await w.cc.delete(`/api/items/${item.key}?version=1`)).statusCode, 204);
      // The target is now secured to the copier alone: the project administrator may neither see nor edit it.
      await secure(w.ac, w.target.key, [editor('user', w.copier.id)]);
      const refused = await w.ac.post(`/api/items/${item.key}/restore`);
      assert.equal(refused.statusCode, 404, refused.body);
      assert.notEqual(
        (await row(item.key)).deleted_at,
        null,
        'the restore was refused, so nothing may have been restored',
      );
      assert.deepEqual(
        (await w.ac.get(`/api/projects/${w.project.key}/trash`)).json().items.map((i: { key: string }) => i.key),
        [item.key],
      );

      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: root.id });
      await secure(
        await as(t.app, root.login),
        w.target.key,
        [editor('user', w.copier.id), viewer('user', w.admin.id)],
        { version: 1 },
      );
      const viewOnly = await w.ac.post(`/api/items/${item.key}/restore`);
      assert.equal(viewOnly.statusCode, 403, viewOnly.body);
      assert.equal(viewOnly.json().code, 'no_edit_allow');
    });
  });
