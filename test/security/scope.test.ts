// Guards ITEM-9: every screen and API behind it shows only viewable items — children lists (hasChildren counts only
// viewable children), the item itself (404 like a missing one), breadcrumbs, the work-log tab, time panels and "my
// work logs" — and logging work on a secured item needs edit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { as, editor, logWork, projectWorld, secure, viewer, visible } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`item security: scope of impact (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const keysOf = (res: { json(): { items: Array<{ key: string }> } }) => res.json().items.map((i) => i.key);

    /** A member `user` and a parent with a visible and a hidden child (hidden: secured to the admin only). */
    async function world() {
      const w = await projectWorld(t.db);
      const user = await w.member();
      const parent = await w.item(undefined, 'Parent');
      const shown = await w.item(parent.id, 'Shown');
      const hidden = await w.item(parent.id, 'Hidden');
      const ac = await as(t.app, w.admin.login);
      await secure(ac, hidden.key, [editor('user', w.admin.id)]);
      return { ...w, user, parent, shown, hidden, ac, uc: await as(t.app, user.login) };
    }

    test('ITEM-9: children lists leave out hidden items, at the top and under a parent', async () => {
      const w = await world();
      const secretTop = await w.item(undefined, 'Secret top');
      await secure(w.ac, secretTop.key, [editor('user', w.admin.id)]);
      assert.deepEqual(keysOf(await w.uc.get(`/api/projects/${w.project.key}/items`)), [w.parent.key]);
      assert.deepEqual(keysOf(await w.uc.get(`/api/projects/${w.project.key}/items?parent=${w.parent.key}`)), [
        w.shown.key,
      ]);
      assert.deepEqual(keysOf(await w.ac.get(`/api/projects/${w.project.key}/items?parent=${w.parent.key}`)), [
        w.shown.key,
        w.hidden.key,
      ]);
      // Paging runs over the visible rows only: a page of one is never empty and never skips.
      const first = await w.uc.get(`/api/projects/${w.project.key}/items?parent=${w.parent.key}&limit=1`);
      assert.deepEqual([keysOf(first), first.json().nextCursor], [[w.shown.key], null]);
    });

    test('ITEM-9: hasChildren does not reveal hidden children', async () => {
      const w = await world();
      await secure(w.ac, w.shown.key, [editor('user', w.admin.id)], {});
      const top = (await w.uc.get(`/api/projects/${w.project.key}/items`)).json().items;
      assert.deepEqual(
        top.map((i: { key: string; hasChildren: boolean }) => [i.key, i.hasChildren]),
        [[w.parent.key, false]],
      );
      const forAdmin = (await w.ac.get(`/api/projects/${w.project.key}/items`)).json().items;
      assert.deepEqual(
        forAdmin.map((i: { key: string; hasChildren: boolean }) => [i.key, i.hasChildren]),
        [[w.parent.key, true]],
      );
    });

    test('ITEM-9: a hidden item answers 404 exactly like one that does not exist, on every item route', async () => {
      const w = await world();
      const missing = `${w.project.key}-999`;
      for (const suffix of [
        '',
        '/comments',
        '/worklogs',
        '/time-summary',
        '/worklog-preview?startDate=2026-11-02',
        '/access',
        '/security',
      ]) {
        const hidden = await w.uc.get(`/api/items/${w.hidden.key}${suffix}`);
        const absent = await w.uc.get(`/api/items/${missing}${suffix}`);
        assert.equal(hidden.statusCode, 404, `${suffix}: ${hidden.body}`);
        assert.deepEqual(hidden.json(), absent.json(), `${suffix} tells a hidden item from a missing one`);
      }
      const comment = await w.uc.post(`/api/items/${w.hidden.key}/comments`, { body: 'hello?' });
      assert.equal(comment.statusCode, 404, comment.body);
      const edit = await w.uc.patch(`/api/items/${w.hidden.key}`, { version: 1, title: 'x' });
      assert.equal(edit.statusCode, 404, edit.body);
    });

    test('ITEM-2, ITEM-9: the path (breadcrumbs) leaves out hidden ancestors and parentKey names the nearest viewable one', async () => {
      const w = await world();
      const deep = await w.item(w.hidden.id, 'Deep');
      const deeper = await w.item(deep.id, 'Deeper');
      await secure(w.ac, deep.key, [editor('user', w.admin.id), editor('user', w.user.id)]);
      const a = (await w.uc.get(`/api/items/${deep.key}`)).json();
      assert.deepEqual(a.path, [{ key: w.parent.key, title: 'Parent' }]);
      assert.equal(a.parentKey, w.parent.key, 'the real parent is hidden: the grandparent is the visible parent');
      // The lists agree: the grandparent lists the item, and has children for the user through it.
      assert.deepEqual(keysOf(await w.uc.get(`/api/projects/${w.project.key}/items?parent=${w.parent.key}`)), [
        w.shown.key,
        deep.key,
      ]);
      const b = (await w.uc.get(`/api/items/${deeper.key}`)).json();
      assert.deepEqual(
        b.path.map((p: { key: string }) => p.key),
        [w.parent.key, deep.key],
      );
      assert.equal(b.parentKey, deep.key);
      assert.ok(!JSON.stringify([a, b]).includes(w.hidden.key) && !JSON.stringify([a, b]).includes('"Hidden"'));
      // The admin sees the whole path.
      const full = (await w.ac.get(`/api/items/${deeper.key}`)).json();
      assert.deepEqual(
        full.path.map((p: { key: string }) => p.key),
        [w.parent.key, w.hidden.key, deep.key],
      );
    });

    test('ITEM-9: the work-log tab and time panels follow item security; subtree totals leave out hidden children', async () => {
      const w = await world();
      const other = await w.member();
      await logWork(t.db, w.parent, other.id, 600);
      await logWork(t.db, w.shown, other.id, 60);
      await logWork(t.db, w.hidden, w.admin.id, 7200);
      const tab = await w.uc.get(`/api/items/${w.parent.key}/worklogs`);
      assert.equal(tab.statusCode, 200, tab.body);
      assert.equal(tab.json().items.length, 1);
      const summary = await w.uc.get(`/api/items/${w.parent.key}/time-summary`);
      assert.equal(summary.statusCode, 200, summary.body);
      assert.deepEqual([summary.json().timeSpentSeconds, summary.json().subtreeTimeSpentSeconds], [600, 660]);
      const adminSummary = (await w.ac.get(`/api/items/${w.parent.key}/time-summary`)).json();
      assert.equal(adminSummary.subtreeTimeSpentSeconds, 7860);
      assert.equal((await w.uc.get(`/api/items/${w.hidden.key}/worklogs`)).statusCode, 404);
    });

    test('ITEM-9: "my work logs" drops the logs on items that became hidden, in the rows and in the total; they come back with access', async () => {
      const w = await world();
      const item = await w.item(undefined, 'Mine');
      await logWork(t.db, item, w.user.id, 1800);
      const log = await logWork(t.db, w.shown, w.user.id, 900);
      const mine = async () => {
        const r = (await w.uc.get('/api/me/worklogs')).json();
        return { keys: r.items.map((i: { item: { key: string } }) => i.item.key).sort(), total: r.totalSeconds };
      };
      assert.deepEqual(await mine(), { keys: [item.key, w.shown.key].sort(), total: 2700 });

      const saved = await secure(w.ac, w.shown.key, [editor('user', w.admin.id)]);
      assert.deepEqual(await mine(), { keys: [item.key], total: 1800 });
      const edit = await w.uc.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 });
      assert.equal(edit.statusCode, 404, 'a work log on a hidden item does not exist for its author either');

      await secure(w.ac, w.shown.key, [editor('user', w.admin.id), viewer('user', w.user.id)], {
        version: saved.version!,
      });
      assert.deepEqual(await mine(), { keys: [item.key, w.shown.key].sort(), total: 2700 });
    });

    test('ITEM-9: logging work on a secured item needs edit — view only gets 403 and writes nothing, canLogWork says so; edit lets it', async () => {
      const w = await world();
      const saved = await secure(w.ac, w.shown.key, [editor('user', w.admin.id), viewer('user', w.user.id)]);
      const item = (await w.uc.get(`/api/items/${w.shown.key}`)).json();
      assert.equal(item.abilities.canLogWork, false);
      const refused = await w.uc.post('/api/worklogs', {
        itemKey: w.shown.key,
        startDate: '2024-03-04',
        durationSeconds: 600,
      });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'no_edit_allow');
      assert.equal(
        (await t.db.selectFrom('worklogs').select('id').where('item_id', '=', w.shown.id).execute()).length,
        0,
      );

      await secure(w.ac, w.shown.key, [editor('user', w.admin.id), editor('user', w.user.id)], {
        version: saved.version!,
      });
      assert.equal((await w.uc.get(`/api/items/${w.shown.key}`)).json().abilities.canLogWork, true);
      const logged = await w.uc.post('/api/worklogs', {
        itemKey: w.shown.key,
        startDate: '2024-03-04',
        durationSeconds: 600,
      });
      assert.equal(logged.statusCode, 201, logged.body);
    });

    test('ITEM-9: an existing work log on an item that became view-only cannot be changed or deleted by its author', async () => {
      const w = await world();
      const log = await logWork(t.db, w.shown, w.user.id, 900);
      await secure(w.ac, w.shown.key, [editor('user', w.admin.id), viewer('user', w.user.id)]);
      const before = await t.db.selectFrom('worklogs').selectAll().where('id', '=', log.id).executeTakeFirstOrThrow();
      const edit = await w.uc.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 });
      assert.equal(edit.statusCode, 403, edit.body);
      const del = await w.uc.delete(`/api/worklogs/${log.id}?version=1`);
      assert.equal(del.statusCode, 403, del.body);
      assert.deepEqual(
        await t.db.selectFrom('worklogs').selectAll().where('id', '=', log.id).executeTakeFirstOrThrow(),
        before,
      );
      const listed = (await w.uc.get('/api/me/worklogs')).json().items;
      assert.deepEqual(
        listed.map((l: { id: number; abilities: { canEdit: boolean } }) => [l.id, l.abilities.canEdit]),
        [[log.id, false]],
      );
    });

    test('ITEM-9: the visible-items list and the single check agree for every item of a mixed tree', async () => {
      const w = await world();
      const extra = await w.item(w.shown.id, 'Under shown');
      await secure(w.ac, extra.key, [editor('user', w.admin.id), viewer('user', w.user.id)]);
      for (const item of [w.parent, w.shown, w.hidden, extra]) {
        const single = await visible(w.uc, `/api/items/${item.key}`);
        const parentId = (
          await t.db.selectFrom('work_items').select('parent_id').where('id', '=', item.id).executeTakeFirstOrThrow()
        ).parent_id;
        const parentKey =
          parentId === null
            ? null
            : (await t.db.selectFrom('work_items').select('key').where('id', '=', parentId).executeTakeFirstOrThrow())
                .key;
        const list = await w.uc.get(`/api/projects/${w.project.key}/items${parentKey ? `?parent=${parentKey}` : ''}`);
        assert.equal(list.statusCode, 200, list.body);
        assert.equal(keysOf(list).includes(item.key), single, `${item.key}: list and single check disagree`);
      }
    });
  });
