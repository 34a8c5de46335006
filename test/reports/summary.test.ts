// Guards the summary report (REP-1) end to end over HTTP: groups, subtotals and totals over the work logs the caller may
// see in the app areas (WL-3) — and nothing else (REP-5): no hours, group or name of an item the caller may not view, no
// other member's work without a team permission; money only for money roles (PRICE-7); the Reports area (APP-2); team
// names only for readers who see them (TEAM-8); bad input a 400 naming the field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createAppAdmin,
  createGroup,
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  type TestApp,
} from '../helpers/harness.js';
import { addMember, assertNoMoney, grantAppRole } from '../helpers/teams.js';
import { chargingWorld, RATE } from '../charges/fixtures.js';
import { as, secure } from '../security/fixtures.js';

const RANGE = 'from=2026-03-01&to=2026-04-30';
interface Row {
  keys: Array<{ id: string | null; label: string | null; code?: string }>;
  seconds: number;
  entries: number;
  revenue?: Array<{ currency: string; amount: string }>;
}

for (const dialect of DIALECTS)
  describe(`summary report (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** The author's work: 1 h and 2 h in March on the world's item, 30 min in April on a second item. */
    async function reportWorld() {
      const w = await chargingWorld(t.db, t.app);
      const other = await w.newItem(undefined, 'Second item');
      await w.log('2026-03-02', 3600);
      await w.log('2026-03-10', 7200);
      await w.log('2026-04-01', 1800, { itemId: other.id });
      const lead = await w.member();
      await addMember(t.db, w.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      return { ...w, other, lead, lc: await as(t.app, lead.login) };
    }

    test('REP-1, WL-3: a team lead sees a member’s hours by project, user and month, each subtotal before its subgroups and the total over all', async () => {
      const w = await reportWorld();
      const res = await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=project,user,month&projects=${w.project.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { rows: Row[]; total: Row; money: boolean; truncated: boolean };
      assert.equal(body.total.seconds, 3 * 3600 + 1800);
      assert.equal(body.total.entries, 3);
      const shape = body.rows.map((r) => [r.keys.map((k) => k.label ?? k.id), r.seconds]);
      const [author, project] = [`User ${w.author.login}`, `Project ${w.project.key}`];
      assert.deepEqual(shape, [
        [[project], 12600],
        [[project, author], 12600],
        [[project, author, '2026-03-01'], 10800],
        [[project, author, '2026-04-01'], 1800],
      ]);
      assert.equal(body.rows[0].keys[0].code, w.project.key);
      assert.equal(body.money, false);
      assert.equal(body.truncated, false);
      assertNoMoney(res.body, [RATE], 'a team lead’s report (PRICE-7)');
    });

    test('REP-5, WL-3: without a team permission a colleague’s report counts none of the member’s work — no group, no total', async () => {
      const w = await reportWorld();
      const colleague = await as(t.app, (await w.member()).login);
      const res = await colleague.get(`/api/reports/summary?${RANGE}&groupBy=user,item`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().rows, []);
      assert.equal(res.json().total.seconds, 0);
      assert.ok(!res.body.includes(w.author.login), 'the author is not named');
    });

    test('REP-5, ITEM-9: hours on an item the reader may not view are not counted, and its key and title appear nowhere', async () => {
      const w = await reportWorld();
      const admin = await as(t.app, w.admin.login);
      await secure(admin, w.other.key, [{ kind: 'user', subjectId: w.author.id, view: 'allow', edit: 'allow' }]);
      const res = await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=item,day`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().total.seconds, 3 * 3600);
      for (const hidden of [w.other.key, 'Second item', '2026-04-01'])
        assert.ok(!res.body.includes(hidden), `${hidden} does not appear`);
      const own = await w.ac.get(`/api/reports/summary?${RANGE}&groupBy=item`);
      assert.equal(own.json().total.seconds, 3 * 3600 + 1800, 'the author still sees their own work on it');
    });

    test('REP-1, REP-5, ITEM-9: the work-item filter by key counts that item only; a hidden item’s key filters to nothing, as an unknown one does', async () => {
      const w = await reportWorld();
      const byKey = await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=item&itemKeys=${w.other.key}`);
      assert.equal(byKey.statusCode, 200, byKey.body);
      assert.equal(byKey.json().total.seconds, 1800);
      const both = await w.lc.get(`/api/reports/worklogs?${RANGE}&itemKeys=${w.item.key},${w.other.key}`);
      assert.equal(both.json().items.length, 3);
      const admin = await as(t.app, w.admin.login);
      await secure(admin, w.other.key, [{ kind: 'user', subjectId: w.author.id, view: 'allow', edit: 'allow' }]);
      const hidden = await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=item&itemKeys=${w.other.key}`);
      const unknown = await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=item&itemKeys=${w.project.key}-9999`);
      assert.deepEqual(hidden.json(), unknown.json(), 'a hidden item answers as an item that does not exist');
      assert.equal(hidden.json().total.seconds, 0);
      const bad = await w.lc.get(`/api/reports/summary?${RANGE}&itemKeys=${encodeURIComponent('contact form')}`);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().field, 'query.itemKeys');
    });

    test('REP-1, PRICE-7: app_admin sees the revenue per group and currency — rate × hours, each work log rounded to the cent', async () => {
      const w = await reportWorld();
      await w.log('2026-03-03', 1000);
      const admin = await createAppAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: admin.id });
      const appAdmin = await as(t.app, admin.login);
      const res = await appAdmin.get(`/api/reports/summary?${RANGE}&groupBy=team,priceList&projects=${w.project.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { rows: Row[]; total: Row; money: boolean };
      assert.equal(body.money, true);
      // 3.5 h × 87.35 = 305.725 → 305.73 over three work logs (87.35 + 174.70 + 43.68 = 305.73), and 1,000 s → 24.26.
      assert.deepEqual(body.total.revenue, [{ currency: 'EUR', amount: '329.99' }]);
      assert.deepEqual(
        body.rows.map((r) => [r.keys.map((k) => k.label), r.revenue]),
        [
          [[w.team.name], [{ currency: 'EUR', amount: '329.99' }]],
          [[w.team.name, w.priceList.name], [{ currency: 'EUR', amount: '329.99' }]],
        ],
      );
    });

    test('APP-2, TEAM-8: a user without an app role gets 403 area_closed; a reader denied ISSUE_TIME_TABS may not group by team', async () => {
      const w = await reportWorld();
      const nobody = await createUser(t.db);
      await t.db.deleteFrom('group_members').where('user_id', '=', nobody.id).execute();
      const closed = await (await as(t.app, nobody.login)).get(`/api/reports/summary?${RANGE}`);
      assert.equal(closed.statusCode, 403, closed.body);
      assert.equal(closed.json().code, 'area_closed');

      const group = await createGroup(t.db);
      await t.db.insertInto('group_members').values({ group_id: group.id, user_id: w.lead.id }).execute();
      await t.db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();
      for (const q of ['groupBy=team', 'groupBy=user,priceList', `teams=${w.team.id}`]) {
        const res = await w.lc.get(`/api/reports/summary?${RANGE}&${q}`);
        assert.equal(res.statusCode, 403, res.body);
        assert.ok(!res.body.includes(w.team.name));
      }
      assert.equal((await w.lc.get(`/api/reports/summary?${RANGE}&groupBy=user`)).statusCode, 200);
    });

    test('REP-1: bad input is a 400 naming the field', async () => {
      const w = await reportWorld();
      await grantAppRole(t.db, w.lead.id, 'timesheet_viewer');
      for (const [query, field] of [
        ['from=2026-03-01', 'query.to'],
        ['to=2026-03-01', 'query.from'],
        ['from=2026-04-01&to=2026-03-01', 'query.to'],
        ['from=2016-01-01&to=2026-03-01', 'query.to'],
        [`${RANGE}&groupBy=colour`, 'query.groupBy'],
        [`${RANGE}&groupBy=project,item,user,team`, 'query.groupBy'],
        [`${RANGE}&groupBy=day,month`, 'query.groupBy'],
        [`${RANGE}&groupBy=user,user`, 'query.groupBy'],
        [`${RANGE}&projects=1,x`, 'query.projects'],
        [`${RANGE}&users=99999999999`, 'query.users'],
        [`${RANGE}&colour=red`, 'query.colour'],
      ]) {
        const res = await w.lc.get(`/api/reports/summary?${query}`);
        assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
        assert.equal(res.json().field, field, query);
      }
    });
  });
