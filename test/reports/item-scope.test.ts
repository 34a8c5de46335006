// Guards ITEM-9's scope table, one test per row, on one world: an author logs work on a viewable item V and on an item
// H secured to the project administrator alone; a team lead sees the author's work (VIEW_MEMBER_WORKLOGS). Screens the
// table says are affected show only viewable items — the work-item list, quick watch, my page (the Dashboard), the
// timesheet (read-only where the item may be viewed but not edited), cross-project analysis, pivot "all items" — and
// "my work items" shows a registered item taken away as a placeholder. Pivot "efforts and costs" counts H's hours, for
// project administrators only. The workload (an unaffected screen) counts H's hours in the author's total but never
// names H; it takes no item filter that would tell one item's hours.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDateSettings } from '../../src/lib/installation.js';
import { periodOf } from '../../src/lib/periods.js';
import { createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember } from '../helpers/teams.js';
import { chargingWorld } from '../charges/fixtures.js';
import { as, secure } from '../security/fixtures.js';

for (const dialect of DIALECTS)
  describe(`ITEM-9 scope of impact, screen by screen (${dialect})`, () => {
    let t: TestApp;
    let w: Awaited<ReturnType<typeof scopeWorld>>;
    before(async () => {
      t = await createTestApp(dialect);
      w = await scopeWorld();
    });
    after(() => t.close());

    async function scopeWorld() {
      const world = await chargingWorld(t.db, t.app);
      const { today } = await loadDateSettings(t.db);
      const week = periodOf(today, 'week');
      const visible = world.item;
      const hidden = await world.newItem(undefined, 'Secret acquisition H');
      const readOnly = await world.newItem(undefined, 'Look but do not log');
      await world.log(week.start, 3600, { itemId: visible.id });
      await world.log(week.start, 5400, { itemId: hidden.id });
      const lead = await world.member();
      await addMember(t.db, world.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      const admin = await as(t.app, world.admin.login);
      await secure(admin, hidden.key, [{ kind: 'user', subjectId: world.admin.id, view: 'allow', edit: 'allow' }]);
      await secure(admin, readOnly.key, [
        { kind: 'user', subjectId: world.admin.id, view: 'allow', edit: 'allow' },
        { kind: 'user', subjectId: world.author.id, view: 'allow', edit: 'deny' },
      ]);
      const range = `from=${week.start}&to=${week.end}`;
      return { ...world, week, visible, hidden, readOnly, lead, lc: await as(t.app, lead.login), adm: admin, range };
    }

    /** Neither H's key nor its title anywhere in a response. */
    const namesNothingHidden = (body: string, what: string) => {
      assert.ok(!body.includes(w.hidden.key), `${what} names the hidden item's key`);
      assert.ok(!body.includes('Secret acquisition'), `${what} names the hidden item's title`);
    };

    test('ITEM-9 work-item list: only viewable items', async () => {
      const res = await w.lc.get(`/api/projects/${w.project.key}/items?limit=200`);
      assert.equal(res.statusCode, 200, res.body);
      const keys = res.json().items.map((i: { key: string }) => i.key);
      assert.ok(keys.includes(w.visible.key));
      namesNothingHidden(res.body, 'the work-item list');
      assert.equal((await w.lc.get(`/api/items/${w.hidden.key}`)).statusCode, 404);
    });

    test('ITEM-9 quick watch: only viewable items — a watch on an item taken away leaves no trace', async () => {
      assert.equal((await w.lc.put(`/api/items/${w.visible.key}/watch`)).statusCode, 200);
      assert.equal((await w.lc.put(`/api/items/${w.hidden.key}/watch`)).statusCode, 404);
      const item = await w.newItem(undefined, 'Watched then taken');
      assert.equal((await w.lc.put(`/api/items/${item.key}/watch`)).statusCode, 200);
      let watched = (await w.lc.get('/api/dashboard')).json().watched;
      assert.deepEqual(
        watched.map((i: { key: string }) => i.key),
        [item.key, w.visible.key],
      );
      assert.deepEqual(
        watched.find((i: { key: string }) => i.key === w.visible.key),
        {
          key: w.visible.key,
          title: (
            await t.db.selectFrom('work_items').select('title').where('id', '=', w.visible.id).executeTakeFirstOrThrow()
          ).title,
          status: 'open',
          project: { key: w.project.key, name: `Project ${w.project.key}` },
          weekSeconds: 3600,
          totalSeconds: 3600,
        },
      );
      await secure(w.adm, item.key, [{ kind: 'user', subjectId: w.admin.id, view: 'allow', edit: 'allow' }]);
      const res = await w.lc.get('/api/dashboard');
      watched = res.json().watched;
      assert.deepEqual(
        watched.map((i: { key: string }) => i.key),
        [w.visible.key],
      );
      assert.ok(!res.body.includes(item.key) && !res.body.includes('Watched then taken'));
      assert.equal((await w.lc.get(`/api/items/${item.key}/watch`)).statusCode, 404);
    });

    test('ITEM-9 my page: the Dashboard shows my work on viewable items only', async () => {
      const res = await w.ac.get('/api/dashboard');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().week.seconds, 3600, 'my week counts what my reports count');
      assert.deepEqual(
        res.json().recent.map((r: { item: { key: string } }) => r.item.key),
        [w.visible.key],
      );
      namesNothingHidden(res.body, 'my page');
    });

    test('ITEM-9 timesheet: only viewable items; an item I may view but not edit is read-only', async () => {
      await w.log(w.week.start, 600, { itemId: w.readOnly.id });
      const res = await w.ac.get(`/api/timesheets?date=${w.week.start}`);
      assert.equal(res.statusCode, 200, res.body);
      const rows: Array<{ item: { key: string }; editable: boolean; reason: string | null }> = res.json().rows;
      assert.equal(rows.find((r) => r.item.key === w.visible.key)?.editable, true);
      const readOnly = rows.find((r) => r.item.key === w.readOnly.key);
      assert.equal(readOnly?.editable, false);
      assert.ok(readOnly?.reason, 'a read-only row says why');
      namesNothingHidden(res.body, 'the timesheet');
      await t.db.deleteFrom('worklogs').where('item_id', '=', w.readOnly.id).execute();
    });

    test('ITEM-9 my work items: a registered item I may no longer view is a placeholder without properties', async () => {
      await t.db.updateTable('work_items').set({ created_by: w.author.id }).where('id', '=', w.hidden.id).execute();
      const res = await w.ac.get('/api/dashboard');
      assert.ok(res.json().myItems.some((i: { restricted: boolean }) => i.restricted));
      assert.ok(
        res.json().myItems.every((i: object) => !('restricted' in i && i.restricted) || Object.keys(i).length === 1),
      );
      namesNothingHidden(res.body, 'my work items');
    });

    test('ITEM-9 cross-project analysis: as work items — viewable items only, with the hours reports count', async () => {
      const res = await w.lc.get(`/api/reports/items?${w.range}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().items.map((i: { key: string; seconds: number; people: number }) => [i.key, i.seconds, i.people]),
        [[w.visible.key, 3600, 1]],
      );
      assert.equal(res.json().nextOffset, null);
      namesNothingHidden(res.body, 'the cross-project analysis');
      const searched = await w.lc.get(`/api/reports/items?${w.range}&q=${encodeURIComponent('Secret acquisition')}`);
      assert.deepEqual(searched.json().items, [], 'a search by the hidden title finds nothing');
      // The administrator, who may view H, sees it there with its hours.
      const admins = await w.adm.get(`/api/reports/items?${w.range}&q=Secret`);
      assert.equal(admins.statusCode, 200, admins.body);
    });

    test('ITEM-9 pivot "efforts and costs": everything under the root, for project administrators only, naming nothing hidden', async () => {
      const query = `${w.range}&project=${w.project.key}&mode=efforts`;
      const lead = await w.lc.get(`/api/reports/pivot?${query}`);
      assert.equal(lead.statusCode, 403, lead.body);
      // The administrator is the one who may view H; make a second administrator who may not.
      const other = await w.member();
      await grant(t.db, w.project.id, 'ADMINISTER_PROJECT', { userId: other.id });
      const oc = await as(t.app, other.login);
      assert.equal((await oc.get(`/api/items/${w.hidden.key}`)).statusCode, 404, 'H stays hidden from them');
      const res = await oc.get(`/api/reports/pivot?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().total.seconds, 3600 + 5400);
      namesNothingHidden(res.body, 'the pivot "efforts and costs"');
    });

    test('ITEM-9 pivot "all items": only viewable items, their totals only over what is viewable', async () => {
      const res = await w.lc.get(`/api/reports/pivot?${w.range}&project=${w.project.key}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().total.seconds, 3600);
      namesNothingHidden(res.body, 'the pivot "all items"');
    });

    test('ITEM-9 workload (unaffected): the per-person total counts hidden items’ hours and names no item', async () => {
      const res = await w.lc.get(`/api/reports/workload?${w.range}`);
      assert.equal(res.statusCode, 200, res.body);
      const author = res.json().people.find((p: { user: { id: number } }) => p.user.id === w.author.id);
      assert.equal(author.seconds, 3600 + 5400);
      assert.equal(author.cells[0], 3600 + 5400, 'the week’s Monday');
      assert.equal(author.capacitySeconds, 40 * 3600);
      namesNothingHidden(res.body, 'the workload');
      const byItem = await w.lc.get(`/api/reports/workload?${w.range}&items=${w.hidden.id}`);
      assert.equal(byItem.statusCode, 400, 'no item filter: it would tell one hidden item’s hours');
      // Resource quick watch is the workload of one person: the same total.
      const one = await w.lc.get(`/api/reports/workload?${w.range}&users=${w.author.id}&period=week`);
      assert.deepEqual(
        one.json().people.map((p: { user: { id: number }; seconds: number }) => [p.user.id, p.seconds]),
        [[w.author.id, 3600 + 5400]],
      );
    });
  });
