// Guards the timesheet grid (FLOW-1, FLOW-10, FLOW-11, ITEM-9): rows only for items the caller may view, each cell's
// lock in the words of the `worklog.create` refusal, each day's locks (closed team periods, submitted slices), slices,
// totals against capacity, the month view, and a week crossing into a closed month (Kimai #6162).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimesheetGrid } from '../../src/contracts.js';
import { createItem, createProject, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { createPriceList, createTeam } from '../helpers/teams.js';
import { closeMonth, CROSSING, gridUrl, logged, logWork, sheetWorld, submit, WEEK } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`timesheets: the grid (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('FLOW-1: the week of my work logs — rows per item, cells per day, totals against 8 h Monday to Friday, one open slice', async () => {
      const w = await sheetWorld(t);
      const design = await logged(w.owner.c, w.item.key, '2025-11-03', 3600);
      await logged(w.owner.c, w.item.key, '2025-11-03', 1800);
      await logged(w.owner.c, w.item2.key, '2025-11-04', 7200);
      const res = await w.owner.c.get(gridUrl('2025-11-05'));
      assert.equal(res.statusCode, 200, res.body);
      const grid = res.json() as TimesheetGrid;
      assert.deepEqual([grid.view, grid.start, grid.end], ['week', WEEK.start, WEEK.end]);
      assert.deepEqual(grid.user, { id: w.owner.id, displayName: `User ${w.owner.login}` });
      assert.deepEqual(
        grid.days.map((d) => d.capacitySeconds),
        [28800, 28800, 28800, 28800, 28800, 0, 0],
      );
      assert.ok(grid.days.every((d) => d.locks.length === 0));
      assert.deepEqual(
        grid.rows.map((r) => [r.item.key, r.editable, r.reason]),
        [
          [w.item.key, true, null],
          [w.item2.key, true, null],
        ],
      );
      const monday = grid.rows[0].cells[0];
      assert.equal(monday.seconds, 5400);
      assert.deepEqual(monday.worklogs[0], {
        id: design.id,
        seconds: 3600,
        version: 1,
        description: '',
        startTime: null,
      });
      assert.ok(grid.rows.every((r) => r.cells.every((c) => c.lock === null)));
      assert.deepEqual(grid.totals, { days: [5400, 7200, 0, 0, 0, 0, 0], total: 12600, capacity: 5 * 28800 });
      assert.deepEqual(grid.slices, [
        {
          id: null,
          team: { id: w.team.id, name: w.team.name },
          start: WEEK.start,
          end: WEEK.end,
          state: 'open',
          seconds: 12600,
          abilities: { submit: true, recall: false },
          lastComment: null,
        },
      ]);
    });

    test('FLOW-1: the month view shows every day of the month, with the weeks it touches as slices', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-03');
      await logged(w.owner.c, w.item.key, '2025-11-28');
      const grid = (await w.owner.c.get(gridUrl('2025-11-15', { view: 'month' }))).json() as TimesheetGrid;
      assert.deepEqual([grid.view, grid.start, grid.end, grid.days.length], ['month', '2025-11-01', '2025-11-30', 30]);
      assert.equal(grid.totals.total, 7200);
      assert.equal(grid.totals.capacity, 20 * 28800);
      assert.equal(grid.rows[0].cells[2].seconds, 3600);
      assert.deepEqual(
        grid.slices.map((s) => [s.start, s.end, s.seconds]),
        [
          ['2025-11-03', '2025-11-09', 3600],
          ['2025-11-24', '2025-11-30', 3600],
        ],
      );
    });

    test("ITEM-9: a member's grid shows only items the caller may view — no row, no hours, no slice of the others", async () => {
      const w = await sheetWorld(t);
      const elsewhere = await createProject(t.db);
      await grant(t.db, elsewhere.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: w.owner.id });
      const hiddenTeam = await createTeam(t.db, elsewhere.id, { members: [{ userId: w.owner.id }] });
      await createPriceList(t.db, hiddenTeam.id);
      const secret = await createItem(t.db, { projectId: elsewhere.id, title: 'Secret' });
      await logged(w.owner.c, w.item.key, '2025-11-03');
      await logged(w.owner.c, secret.key, '2025-11-04', 7200);
      const own = (await w.owner.c.get(gridUrl(WEEK.start))).json() as TimesheetGrid;
      assert.deepEqual(
        own.rows.map((r) => r.item.key),
        [w.item.key, secret.key].sort(),
      );
      const res = await w.viewer.c.get(gridUrl(WEEK.start, { userId: w.owner.id }));
      assert.equal(res.statusCode, 200, res.body);
      const grid = res.json() as TimesheetGrid;
      assert.deepEqual(
        grid.rows.map((r) => r.item.key),
        [w.item.key],
      );
      assert.equal(grid.totals.total, 3600);
      assert.deepEqual(
        grid.slices.map((s) => s.seconds),
        [3600],
      );
      assert.doesNotMatch(res.body, new RegExp(`${secret.key}|Secret|${elsewhere.key}|${hiddenTeam.name}`));
    });

    test('ITEM-9: an item the user may view but not edit is a read-only row whose reason is the refusal', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-03');
      // The item gets a setting that lets the owner view it, not edit it.
      await t.db.insertInto('item_security').values({ item_id: w.item.id, project_id: w.project.id }).execute();
      await t.db
        .insertInto('item_security_entries')
        .values({ item_id: w.item.id, subject_kind: 'user', subject_id: w.owner.id, view: 'allow', edit: 'deny' })
        .execute();
      await t.db.updateTable('work_items').set({ governing_item_id: w.item.id }).where('id', '=', w.item.id).execute();
      const grid = (await w.owner.c.get(gridUrl(WEEK.start))).json() as TimesheetGrid;
      const [row] = grid.rows;
      assert.equal(row.editable, false);
      const refused = await logWork(w.owner.c, w.item.key, '2025-11-04');
      assert.equal(refused.statusCode, 403);
      assert.equal(row.reason, refused.json().detail);
      assert.deepEqual(row.cells[1].lock, { code: refused.json().code, message: refused.json().detail });
    });

    test("FLOW-2, WL-5: a member's grid is read-only for a viewer, editable for MANAGE_MEMBER_WORKLOGS, refused to others", async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-03');
      const viewed = (await w.viewer.c.get(gridUrl(WEEK.start, { userId: w.owner.id }))).json() as TimesheetGrid;
      assert.equal(viewed.rows[0].editable, false);
      assert.match(viewed.rows[0].reason ?? '', /MANAGE_MEMBER_WORKLOGS/);
      assert.deepEqual(viewed.slices[0].abilities, { submit: false, recall: false });
      const managed = (await w.manager.c.get(gridUrl(WEEK.start, { userId: w.owner.id }))).json() as TimesheetGrid;
      assert.equal(managed.rows[0].editable, true);
      assert.equal(managed.rows[0].cells[1].lock, null);
      assert.deepEqual(managed.slices[0].abilities, { submit: true, recall: false });
      for (const who of [w.colleague, w.outsider, w.approver]) {
        const res = await who.c.get(gridUrl(WEEK.start, { userId: w.owner.id }));
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'not_own_worklog');
      }
    });

    test('FLOW-1, FLOW-11: a submitted week locks its days and cells in the gate words', async () => {
      const w = await sheetWorld(t);
      await logged(w.owner.c, w.item.key, '2025-11-03');
      assert.equal((await submit(w.owner.c, WEEK)).statusCode, 200);
      const grid = (await w.owner.c.get(gridUrl(WEEK.start))).json() as TimesheetGrid;
      const refused = await logWork(w.owner.c, w.item.key, '2025-11-05');
      assert.equal(refused.statusCode, 409);
      const lock = { code: 'timesheet_locked', message: refused.json().detail };
      assert.match(lock.message, new RegExp(`team '${w.team.name}' for ${WEEK.start} – ${WEEK.end} is submitted`));
      assert.ok(grid.days.every((d) => d.locks.length === 1 && d.locks[0].code === 'timesheet_locked'));
      assert.deepEqual(grid.days[2].locks[0], lock);
      assert.deepEqual(grid.rows[0].cells[2].lock, lock);
      assert.equal(grid.rows[0].editable, true, 'the row stays editable in itself: the locks are the days');
      assert.deepEqual(
        grid.slices.map((s) => [s.state, s.abilities.submit]),
        [['submitted', false]],
      );
    });

    test('FLOW-3, Kimai #6162: a week crossing into a closed month locks only the closed days', async () => {
      const w = await sheetWorld(t);
      await closeMonth(t.db, w.team.id, '2025-09-01', '2025-09-30');
      await logged(w.owner.c, w.item.key, '2025-10-01');
      const grid = (await w.owner.c.get(gridUrl('2025-10-01'))).json() as TimesheetGrid;
      assert.deepEqual([grid.start, grid.end], [CROSSING.start, CROSSING.end]);
      const refused = await logWork(w.owner.c, w.item.key, '2025-09-30');
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().code, 'period_closed');
      const closed = { code: 'period_closed', message: refused.json().detail };
      assert.match(closed.message, new RegExp(`2025-09-01 – 2025-09-30 of team '${w.team.name}' is closed`));
      assert.deepEqual(
        grid.days.map((d) => d.locks),
        [[closed], [closed], [], [], [], [], []],
      );
      assert.deepEqual(
        grid.rows[0].cells.map((c) => c.lock?.code ?? null),
        ['period_closed', 'period_closed', null, null, null, null, null],
      );
      assert.equal((await logWork(w.owner.c, w.item.key, '2025-10-02')).statusCode, 201);
    });

    test('the add-row search lists items the user may log work on, matching the key or title', async () => {
      const w = await sheetWorld(t);
      const readOnly = await createProject(t.db);
      await grant(t.db, readOnly.id, ['BROWSE_PROJECT'], { userId: w.owner.id });
      await createItem(t.db, { projectId: readOnly.id, title: 'Design review' });
      const res = await w.owner.c.get('/api/timesheets/items?q=design');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().items, [{ key: w.item.key, title: 'Design', projectKey: w.project.key }]);
      const all = (await w.owner.c.get('/api/timesheets/items')).json().items.map((i: { key: string }) => i.key);
      assert.ok(all.includes(w.item.key) && all.includes(w.item2.key));
      const forMember = await w.manager.c.get(`/api/timesheets/items?q=build&userId=${w.owner.id}`);
      assert.deepEqual(
        forMember.json().items.map((i: { key: string }) => i.key),
        [w.item2.key],
      );
      assert.equal((await w.colleague.c.get(`/api/timesheets/items?userId=${w.owner.id}`)).statusCode, 403);
    });

    test('bad input is a 400 naming the field', async () => {
      const w = await sheetWorld(t);
      for (const [url, field] of [
        ['/api/timesheets?date=2025-13-01', 'date'],
        ['/api/timesheets?date=9999-12-31', 'date'],
        ['/api/timesheets?date=0001-01-01&view=month', 'date'],
        ['/api/timesheets?view=year', 'view'],
        ['/api/timesheets?userId=abc', 'userId'],
      ] as const) {
        const res = await w.owner.c.get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.json().field ?? '', new RegExp(field));
      }
    });
  });
