// Guards the Dashboard (APP-2, ITEM-9, REP-5): the area and its API are closed to users without an app role (403);
// my week's hours are the reports' total for the same days; items I registered but may no longer view show as a
// restricted placeholder with nothing of the item; a team lead sees members' hours this week and who has not submitted
// last week's timesheet; an approver sees how many slices wait.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addDays, periodOf } from '../../src/lib/periods.js';
import { createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember, grantAppRole } from '../helpers/teams.js';
import { chargingWorld } from '../charges/fixtures.js';
import { as, secure } from '../security/fixtures.js';

for (const dialect of DIALECTS)
  describe(`dashboard (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function dashboardWorld() {
      const w = await chargingWorld(t.db, t.app);
      const { today } = await loadDateSettings(t.db);
      const week = periodOf(today, 'week');
      await w.log(week.start, 3600);
      await w.log(week.end, 1800);
      await w.log(addDays(week.start, -3), 7200);
      const lead = await w.member();
      await addMember(t.db, w.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      return { ...w, week, today, lc: await as(t.app, lead.login), lead };
    }

    test('APP-2: the Dashboard and Reports APIs answer 403 area_closed to a user whose roles open neither', async () => {
      const nobody = await createUser(t.db);
      await t.db.deleteFrom('group_members').where('user_id', '=', nobody.id).execute();
      const c = await as(t.app, nobody.login);
      for (const url of [
        '/api/dashboard',
        '/api/reports/summary?from=2026-03-01&to=2026-03-31',
        '/api/reports/links',
      ]) {
        const res = await c.get(url);
        assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
        assert.equal(res.json().code, 'area_closed');
      }
    });

    test('REP-5, APP-2: my week on the dashboard is the reports’ total for the same days, with my last work logs and timesheet', async () => {
      const w = await dashboardWorld();
      const res = await w.ac.get('/api/dashboard');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.week.from, w.week.start);
      assert.equal(body.week.seconds, 5400);
      assert.equal(body.week.capacitySeconds, 40 * 3600);
      assert.equal(body.week.days.length, 7);
      const report = await w.ac.get(`/api/reports/summary?from=${w.week.start}&to=${w.week.end}&users=${w.author.id}`);
      assert.equal(body.week.seconds, report.json().total.seconds);
      // My last work logs: the newest up to today (work dated later is planned, not done).
      assert.deepEqual(
        body.recent.map((r: { date: string }) => r.date),
        [w.week.end, w.week.start, addDays(w.week.start, -3)].filter((d) => d <= w.today),
      );
      assert.deepEqual(body.timesheet, [{ team: null, state: 'open' }]);
      assert.equal(body.approvals, undefined, 'no approvals widget without the Timesheet Approval area');
    });

    test('ITEM-9: an item I registered but may no longer view is a restricted placeholder without key or title', async () => {
      const w = await dashboardWorld();
      const mine = await w.newItem(undefined, 'My open item');
      const lost = await w.newItem(undefined, 'Item taken from me');
      await t.db
        .updateTable('work_items')
        .set({ created_by: w.author.id })
        .where('id', 'in', [mine.id, lost.id])
        .execute();
      await secure(await as(t.app, w.admin.login), lost.key, [
        { kind: 'user', subjectId: w.admin.id, view: 'allow', edit: 'allow' },
      ]);
      const res = await w.ac.get('/api/dashboard');
      const items = res.json().myItems;
      assert.deepEqual(
        items.find((i: { key?: string }) => i.key === mine.key),
        {
          restricted: false,
          key: mine.key,
          title: 'My open item',
          status: 'open',
        },
      );
      assert.equal(items.filter((i: { restricted: boolean }) => i.restricted).length, 1);
      assert.deepEqual(
        items.find((i: { restricted: boolean }) => i.restricted),
        { restricted: true },
      );
      for (const hidden of [lost.key, 'Item taken from me']) assert.ok(!res.body.includes(hidden));
    });

    test('TEAM-2, REP-5: a team lead sees members’ hours this week and who has not submitted last week; an approver how many wait', async () => {
      const w = await dashboardWorld();
      const team = (await w.lc.get('/api/dashboard')).json().teams;
      assert.equal(team.length, 1);
      assert.equal(team[0].team.name, w.team.name);
      assert.deepEqual(
        team[0].members.map((m: { user: { id: number }; seconds: number }) => [m.user.id, m.seconds]),
        [[w.author.id, 3600 + 1800]],
      );
      assert.deepEqual(
        team[0].missingTimesheets.map((u: { id: number }) => u.id),
        [w.author.id],
      );
      const lastWeek = periodOf(addDays(w.week.start, -1), 'week');
      await w.slice(lastWeek.start, lastWeek.end, 'submitted');
      assert.deepEqual((await w.lc.get('/api/dashboard')).json().teams[0].missingTimesheets, []);
      assert.deepEqual((await w.ac.get('/api/dashboard')).json().teams, [], 'a member without the permission has none');

      const approver = await w.member();
      await addMember(t.db, w.team.id, approver.id, ['APPROVE_TIMESHEETS']);
      await grantAppRole(t.db, approver.id, 'timesheet_approver');
      const approverView = (await (await as(t.app, approver.login)).get('/api/dashboard')).json();
      assert.deepEqual(approverView.approvals, { waiting: 1 });
    });
  });
