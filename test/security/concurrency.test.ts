// Guards ITEM-2 under concurrency: whatever order concurrent requests commit in, every item of the tree ends up governed
// by its nearest secured ancestor-or-self — an item added or moved under an item while its setting is being saved never
// stays open to everyone. (PGlite runs one transaction at a time; PostgreSQL shows the races.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/harness.js';
import { as, editor, projectWorld, visible } from './fixtures.js';

const ROUNDS = 6;

for (const dialect of DIALECTS)
  describe(`item security: settings and tree changes racing (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** Items of the project whose stored governing setting differs from the one its live ancestry gives it. */
    async function misgoverned(projectId: number) {
      const { rows } = await sql<{ key: string }>`
      with recursive t as (
        select i.id, case when s.item_id is not null then i.id end as gov from work_items i left join item_security s on s.item_id = i.id
        where i.project_id = ${projectId} and i.parent_id is null and i.deleted_at is null
        union all
        select c.id, case when s.item_id is not null then c.id else t.gov end from work_items c join t on c.parent_id = t.id
        left join item_security s on s.item_id = c.id where c.deleted_at is null)
      select i.key from t join work_items i on i.id = t.id where i.governing_item_id is distinct from t.gov order by i.id`.execute(
        t.db,
      );
      return rows.map((r) => r.key);
    }

    test('ITEM-2: items created under an item while its setting is being saved all inherit it', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const w = await projectWorld(t.db);
        const outsider = await w.member();
        const parent = await w.item();
        const ac = await as(t.app, w.admin.login);
        const answers = await Promise.all([
          ...Array.from({ length: 6 }, (_, i) =>
            ac.post(`/api/projects/${w.project.key}/items`, { title: `Child ${i}`, parentKey: parent.key }),
          ),
          ac.put(`/api/items/${parent.key}/security`, { entries: [editor('user', w.admin.id)] }),
        ]);
        for (const res of answers) assert.ok(res.statusCode === 200 || res.statusCode === 201, res.body);
        assert.deepEqual(await misgoverned(w.project.id), []);
        const oc = await as(t.app, outsider.login);
        for (const res of answers.slice(0, -1)) assert.equal(await visible(oc, `/api/items/${res.json().key}`), false);
      }
    });

    test('ITEM-2/ITEM-8: items moved or pasted under an item while its setting is being saved all inherit it', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const w = await projectWorld(t.db);
        const parent = await w.item();
        const loose = await Promise.all(Array.from({ length: 4 }, () => w.item()));
        const ac = await as(t.app, w.admin.login);
        const answers = await Promise.all([
          ...loose.slice(0, 2).map((i) => ac.post(`/api/items/${i.key}/move`, { parentKey: parent.key, version: 1 })),
          ...loose.slice(2).map((i) => ac.post(`/api/items/${i.key}/copy`, { parentKey: parent.key })),
          ac.put(`/api/items/${parent.key}/security`, { entries: [editor('user', w.admin.id)] }),
          ac.delete(`/api/items/${loose[0].key}/security`),
        ]);
        for (const res of answers) assert.ok(res.statusCode < 300, res.body);
        assert.deepEqual(await misgoverned(w.project.id), []);
      }
    });

    test("ITEM-2/ITEM-8: a subtree restored while its parent's setting is being saved inherits it", async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const w = await projectWorld(t.db);
        const parent = await w.item();
        const items = await Promise.all(Array.from({ length: 3 }, () => w.item(parent.id)));
        const ac = await as(t.app, w.admin.login);
        for (const i of items) assert.equal((await ac.delete(`/api/items/${i.key}?version=1`)).statusCode, 204);
        const answers = await Promise.all([
          ...items.map((i) => ac.post(`/api/items/${i.key}/restore`)),
          ac.put(`/api/items/${parent.key}/security`, { entries: [editor('user', w.admin.id)] }),
        ]);
        for (const res of answers) assert.ok(res.statusCode < 300, res.body);
        assert.deepEqual(await misgoverned(w.project.id), []);
      }
    });
  });
