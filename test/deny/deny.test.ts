// Guards DENY-1..DENY-4: deny permissions granted to groups hide the item screen's time-tracking tabs and panels on the
// server (system administrators included), leave comments alone, show as "DENY" in administration and in explanations,
// and hide the user's own work logs on the item screen while "my work logs" (Timesheet area) still shows them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGroup, createUser, DIALECTS, grant, createTestApp, type TestApp } from '../helpers/harness.js';
import { createAppAdmin } from '../projects/fixtures.js';
import { as, logWork, projectWorld, systemAdmin, type Client } from '../security/fixtures.js';

for (const dialect of DIALECTS)
  describe(`deny permissions (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** An app admin's client, a project with one item, a `client` user in a fresh group, and a work log of theirs on the item. */
    async function world() {
      const w = await projectWorld(t.db);
      const client = await w.member();
      const clients = await createGroup(t.db, [client.id]);
      const item = await w.item(undefined, 'Shared with the client');
      const log = await logWork(t.db, item, client.id, 1200);
      const admin = await as(t.app, (await createAppAdmin(t.db)).login);
      return { ...w, client, clients, item, log, admin, cc: await as(t.app, client.login) };
    }

    async function deny(admin: Client, permission: 'ISSUE_TIME_TABS' | 'ISSUE_TIME_PANELS', groupId: number) {
      const res = await admin.post('/api/deny-permissions', { permission, groupId });
      assert.equal(res.statusCode, 201, res.body);
      return res
        .json()
        .grants.find(
          (g: { permission: string; group: { id: number } }) => g.permission === permission && g.group.id === groupId,
        ).id as number;
    }

    /** The item screen as the user gets it: status of each surface and the abilities. */
    async function screen(c: Client, key: string) {
      const item = await c.get(`/api/items/${key}`);
      return {
        item: item.statusCode,
        worklogs: (await c.get(`/api/items/${key}/worklogs`)).statusCode,
        panels: (await c.get(`/api/items/${key}/time-summary`)).statusCode,
        comments: (await c.get(`/api/items/${key}/comments`)).statusCode,
        canViewWorklogs: item.json().abilities?.canViewWorklogs,
        canViewTimePanels: item.json().abilities?.canViewTimePanels,
      };
    }

    test('DENY-1: the catalogue lists ISSUE_TIME_TABS and ISSUE_TIME_PANELS with the surfaces each hides; only administrators read it', async () => {
      const { admin, cc } = await world();
      const res = await admin.get('/api/deny-permissions');
      assert.equal(res.statusCode, 200, res.body);
      const catalogue = Object.fromEntries(
        res.json().catalogue.map((c: { permission: string; label: string; hides: string[] }) => [c.permission, c]),
      );
      assert.deepEqual(Object.keys(catalogue).sort(), ['ISSUE_TIME_PANELS', 'ISSUE_TIME_TABS']);
      assert.ok(catalogue.ISSUE_TIME_TABS.hides.includes('work logs tab'), res.body);
      assert.ok(catalogue.ISSUE_TIME_TABS.hides.some((h: string) => /time history/.test(h)));
      assert.ok(catalogue.ISSUE_TIME_PANELS.hides.some((h: string) => /time spent/.test(h)));
      assert.ok(catalogue.ISSUE_TIME_PANELS.hides.some((h: string) => /my last work log/.test(h)));
      for (const c of Object.values(catalogue) as Array<{ label: string }>) assert.match(c.label, /\bDENY\b/);
      const refused = await cc.get('/api/deny-permissions');
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'area_closed');
      assert.equal(
        (await cc.post('/api/deny-permissions', { permission: 'ISSUE_TIME_TABS', groupId: 1 })).statusCode,
        403,
      );
    });

    test('DENY-2: a group denied ISSUE_TIME_TABS loses the work-log tab (403) and canViewWorklogs; panels and comments stay', async () => {
      const w = await world();
      const bystander = await w.member();
      assert.deepEqual(await screen(w.cc, w.item.key), {
        item: 200,
        worklogs: 200,
        panels: 200,
        comments: 200,
        canViewWorklogs: true,
        canViewTimePanels: true,
      });
      await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      assert.deepEqual(await screen(w.cc, w.item.key), {
        item: 200,
        worklogs: 403,
        panels: 200,
        comments: 200,
        canViewWorklogs: false,
        canViewTimePanels: true,
      });
      const tab = await w.cc.get(`/api/items/${w.item.key}/worklogs`);
      assert.equal(tab.json().code, 'denied_surface');
      assert.ok(!tab.body.includes('"durationSeconds"'));
      const commented = await w.cc.post(`/api/items/${w.item.key}/comments`, { body: 'Looks good' });
      assert.equal(commented.statusCode, 201, commented.body);
      assert.deepEqual(await screen(await as(t.app, bystander.login), w.item.key), {
        item: 200,
        worklogs: 200,
        panels: 200,
        comments: 200,
        canViewWorklogs: true,
        canViewTimePanels: true,
      });
    });

    test('DENY-2: a group denied ISSUE_TIME_PANELS loses the time panels (403) and canViewTimePanels; the tab and comments stay', async () => {
      const w = await world();
      await deny(w.admin, 'ISSUE_TIME_PANELS', w.clients.id);
      assert.deepEqual(await screen(w.cc, w.item.key), {
        item: 200,
        worklogs: 200,
        panels: 403,
        comments: 200,
        canViewWorklogs: true,
        canViewTimePanels: false,
      });
      const panels = await w.cc.get(`/api/items/${w.item.key}/time-summary`);
      assert.equal(panels.json().code, 'denied_surface');
      assert.ok(!/timeSpentSeconds|myLastWorklog/.test(panels.body));
    });

    test('DENY-2: denials apply to system administrators who are members of the denied group', async () => {
      const w = await world();
      const root = await systemAdmin(t.db);
      await grant(t.db, w.project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: root.id });
      await t.db.insertInto('group_members').values({ group_id: w.clients.id, user_id: root.id }).execute();
      await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      await deny(w.admin, 'ISSUE_TIME_PANELS', w.clients.id);
      const rc = await as(t.app, root.login);
      assert.deepEqual(await screen(rc, w.item.key), {
        item: 200,
        worklogs: 403,
        panels: 403,
        comments: 200,
        canViewWorklogs: false,
        canViewTimePanels: false,
      });
    });

    test('DENY-2: a denial reaches every member at once, only through group membership, and lifting it restores the surfaces on the next request', async () => {
      const w = await world();
      const id = await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      const newcomer = await w.member();
      const nc = await as(t.app, newcomer.login);
      assert.equal((await nc.get(`/api/items/${w.item.key}/worklogs`)).statusCode, 200);
      await t.db.insertInto('group_members').values({ group_id: w.clients.id, user_id: newcomer.id }).execute();
      assert.equal(
        (await nc.get(`/api/items/${w.item.key}/worklogs`)).statusCode,
        403,
        'joining the denied group takes effect on the next request',
      );

      const lifted = await w.admin.delete(`/api/deny-permissions/${id}`);
      assert.equal(lifted.statusCode, 204, lifted.body);
      assert.equal((await w.cc.get(`/api/items/${w.item.key}/worklogs`)).statusCode, 200);
      assert.equal((await nc.get(`/api/items/${w.item.key}/worklogs`)).statusCode, 200);
      assert.equal((await w.admin.delete(`/api/deny-permissions/${id}`)).statusCode, 404);
    });

    test('DENY-3: the admin list shows each denial with effect "DENY" and the group; duplicates get 409; every change is audited', async () => {
      const w = await world();
      const id = await deny(w.admin, 'ISSUE_TIME_PANELS', w.clients.id);
      const list = (await w.admin.get('/api/deny-permissions')).json();
      const mine = list.grants.filter((g: { group: { id: number } }) => g.group.id === w.clients.id);
      assert.deepEqual(mine, [
        { id, permission: 'ISSUE_TIME_PANELS', effect: 'DENY', group: { id: w.clients.id, name: w.clients.name } },
      ]);
      assert.ok(list.grants.every((g: { effect: string }) => g.effect === 'DENY'));
      const again = await w.admin.post('/api/deny-permissions', {
        permission: 'ISSUE_TIME_PANELS',
        groupId: w.clients.id,
      });
      assert.equal(again.statusCode, 409, again.body);
      const missing = await w.admin.post('/api/deny-permissions', {
        permission: 'ISSUE_TIME_PANELS',
        groupId: 2_000_000,
      });
      assert.equal(missing.statusCode, 400, missing.body);
      assert.equal(missing.json().field, 'groupId');
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'deny_grant')
        .where('entity_id', '=', String(id))
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['deny.add'],
      );
    });

    test('DENY-3: the explanation names the group that caused a denial — for the user and in "Check access"', async () => {
      const w = await world();
      await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      const own = await w.cc.get(`/api/explain?action=worklog.view&item=${w.item.key}`);
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().allowed, false);
      assert.equal(own.json().deciding.layer, 'deny');
      assert.equal(own.json().deciding.code, 'denied_surface');
      assert.match(own.json().deciding.message, /DENY ISSUE_TIME_TABS/);
      assert.ok(own.json().deciding.message.includes(`'${w.clients.name}'`), own.body);
      // An administrator explains only what they may see themselves (EXPL-1): this one browses the project.
      const checker = await createAppAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: checker.id });
      const checked = await (
        await as(t.app, checker.login)
      ).get(`/api/admin/check-access?action=worklog.view&item=${w.item.key}&userId=${w.client.id}`);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.deepEqual(checked.json().deciding, own.json().deciding);
    });

    test('DENY-4: the user\'s own work logs vanish from the item screen (tab and "my last work log") but stay in "my work logs"', async () => {
      const w = await world();
      const before = (await w.cc.get(`/api/items/${w.item.key}/time-summary`)).json();
      assert.equal(before.myLastWorklog.id, w.log.id);
      await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      await deny(w.admin, 'ISSUE_TIME_PANELS', w.clients.id);
      for (const surface of ['worklogs', 'time-summary']) {
        const res = await w.cc.get(`/api/items/${w.item.key}/${surface}`);
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'denied_surface');
        assert.ok(!('items' in res.json()) && !('myLastWorklog' in res.json()), res.body);
      }
      const mine = await w.cc.get('/api/me/worklogs');
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(
        mine.json().items.map((l: { id: number }) => l.id),
        [w.log.id],
      );
      assert.equal(mine.json().totalSeconds, 1200);
      // Logging work is not an item-screen surface: the denied user still logs their own time.
      const logged = await w.cc.post('/api/worklogs', {
        itemKey: w.item.key,
        startDate: '2024-03-05',
        durationSeconds: 300,
      });
      assert.equal(logged.statusCode, 201, logged.body);
    });

    test('DENY-2: a user outside every project keeps getting 404 — a denial never turns a hidden item into a 403', async () => {
      const w = await world();
      const stranger = await createUser(t.db);
      await t.db.insertInto('group_members').values({ group_id: w.clients.id, user_id: stranger.id }).execute();
      await deny(w.admin, 'ISSUE_TIME_TABS', w.clients.id);
      const res = await (await as(t.app, stranger.login)).get(`/api/items/${w.item.key}/worklogs`);
      assert.equal(res.statusCode, 404, res.body);
    });
  });
