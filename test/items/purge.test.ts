// Guards the project's trash (ITEM-8: deleting moves an item to the trash): only project administrators purge, a purge
// deletes the trashed subtree and its comments in one transaction with one audit row, and an item with work logs on it
// or under it is never purged (409 item_has_worklogs, nothing deleted).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { as, logWork, projectWorld } from '../security/fixtures.js';

for (const dialect of DIALECTS)
  describe(`trash: purge (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const exists = async (id: number) =>
      Boolean(await t.db.selectFrom('work_items').select('id').where('id', '=', id).executeTakeFirst());
    const versionOf = async (id: number) =>
      (await t.db.selectFrom('work_items').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

    /** A trashed parent with a child (which has a comment), trashed by the project administrator. */
    async function trashedTree() {
      const w = await projectWorld(t.db);
      const parent = await w.item(undefined, 'Old plan');
      const child = await w.item(parent.id, 'Old step');
      const ac = await as(t.app, w.admin.login);
      assert.equal((await ac.post(`/api/items/${child.key}/comments`, { body: 'note' })).statusCode, 201);
      const trashed = await ac.delete(`/api/items/${parent.key}?version=${await versionOf(parent.id)}`);
      assert.equal(trashed.statusCode, 204, trashed.body);
      return { ...w, parent, child, ac, url: `/api/projects/${w.project.key}/trash/${parent.key}` };
    }

    test('ITEM-8: a project administrator purges a trashed subtree — items and comments go, one audit row names them', async () => {
      const w = await trashedTree();
      const listed = await w.ac.get(`/api/projects/${w.project.key}/trash`);
      assert.deepEqual(
        listed.json().items.map((i: { key: string }) => i.key),
        [w.parent.key],
      );

      const res = await w.ac.delete(w.url);
      assert.equal(res.statusCode, 204, res.body);
      assert.equal(await exists(w.parent.id), false);
      assert.equal(await exists(w.child.id), false);
      const comments = await t.db.selectFrom('item_comments').select('id').where('item_id', '=', w.child.id).execute();
      assert.equal(comments.length, 0);
      assert.deepEqual((await w.ac.get(`/api/projects/${w.project.key}/trash`)).json().items, []);

      const rows = await t.db
        .selectFrom('audit_log')
        .select(['entity_type', 'entity_id', 'project_id', 'item_id', 'before'])
        .where('action', '=', 'item.purge')
        .where('project_id', '=', w.project.id)
        .execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].entity_type, 'project');
      assert.equal(rows[0].item_id, null, 'the row is about the project, so readers who browse it still see it');
      const before = rows[0].before as { key: string; items: Array<{ key: string }>; comments: number };
      assert.equal(before.key, w.parent.key);
      assert.deepEqual(before.items.map((i) => i.key).sort(), [w.parent.key, w.child.key].sort());
      assert.equal(before.comments, 1);

      assert.equal((await w.ac.delete(w.url)).statusCode, 404, 'a purged item is gone from the trash');
    });

    test('ITEM-8: an item with work logs in its subtree is not purged — 409 item_has_worklogs, nothing deleted', async () => {
      const w = await trashedTree();
      await logWork(t.db, w.child, w.admin.id);
      const res = await w.ac.delete(w.url);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'item_has_worklogs');
      assert.match(res.json().detail, /1 work log is recorded/);
      assert.equal(await exists(w.parent.id), true);
      assert.equal(await exists(w.child.id), true);
      const audited = await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'item.purge')
        .where('project_id', '=', w.project.id)
        .execute();
      assert.equal(audited.length, 0, 'a refused purge writes no audit row');
      assert.equal(
        (await w.ac.get(`/api/projects/${w.project.key}/trash`)).json().items.length,
        1,
        'the item stays in the trash',
      );
    });

    test('ITEM-8: purging needs ADMINISTER_PROJECT — a member with edit gets 403, a stranger 404, a live item 404', async () => {
      const w = await trashedTree();
      const member = await w.member();
      const mc = await as(t.app, member.login);
      const refused = await mc.delete(w.url);
      assert.equal(refused.statusCode, 403, refused.body);
      const stranger = await as(t.app, (await projectWorld(t.db)).admin.login);
      assert.equal((await stranger.delete(w.url)).statusCode, 404);
      const live = await w.item(undefined, 'Live');
      assert.equal((await w.ac.delete(`/api/projects/${w.project.key}/trash/${live.key}`)).statusCode, 404);
      assert.equal(await exists(live.id), true);
      assert.equal(await exists(w.parent.id), true);
    });

    test('ITEM-8: move targets are the viewable items outside the moved subtree, searched by key or title', async () => {
      const w = await projectWorld(t.db);
      const moved = await w.item(undefined, 'Moved');
      await w.item(moved.id, 'Inside moved');
      const other = await w.item(undefined, 'Other place');
      const ac = await as(t.app, w.admin.login);
      const all = await ac.get(`/api/items/${moved.key}/move-targets`);
      assert.equal(all.statusCode, 200, all.body);
      assert.deepEqual(
        all.json().items.map((i: { key: string }) => i.key),
        [other.key],
      );
      const none = await ac.get(`/api/items/${moved.key}/move-targets?q=${encodeURIComponent('100%')}`);
      assert.deepEqual(none.json().items, []);
      const byTitle = await ac.get(`/api/items/${moved.key}/move-targets?q=other`);
      assert.deepEqual(
        byTitle.json().items.map((i: { key: string }) => i.key),
        [other.key],
      );
    });
  });
