// Guards the working calendars of issue 16 (capacity and calendars): a person's working time per weekday is
// effective-dated — a version holds from its first day until the next — the public holidays of their region
// (date-holidays) and the company's days off have no capacity; the timesheet grid, the Dashboard's week and the
// workload count capacity from the calendar. User administrators set working time (audited), installation
// administrators the days off; everyone reads their own calendar; an unknown region is a 400 at the field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dayOf, leaveDaysOf, type Calendar } from '../../src/modules/calendars/calendar.js';
import { createAppAdmin, createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { auditRowsFor } from '../projects/fixtures.js';
import { as } from '../security/fixtures.js';

const H = 3600;

test('calendar: versions hold from their first day; a region’s public holiday and a company day off have no capacity', () => {
  const calendar: Calendar = {
    schedules: [
      { validFrom: '2026-01-01', daySeconds: [8, 8, 8, 8, 8, 0, 0].map((h) => h * H), holidayRegion: 'DE-BY' },
      { validFrom: '2026-02-01', daySeconds: [6, 6, 6, 6, 0, 0, 0].map((h) => h * H), holidayRegion: null },
    ],
    daysOff: new Map([['2026-01-07', 'Team offsite']]),
  };
  assert.deepEqual(dayOf(calendar, '2026-01-05'), { seconds: 8 * H, off: null, leave: null });
  assert.deepEqual(dayOf(calendar, '2026-01-06'), {
    seconds: 0,
    off: { kind: 'holiday', name: 'Epiphany' },
    leave: null,
  });
  assert.deepEqual(dayOf(calendar, '2026-01-07'), {
    seconds: 0,
    off: { kind: 'dayOff', name: 'Team offsite' },
    leave: null,
  });
  assert.deepEqual(
    dayOf(calendar, '2026-01-10'),
    { seconds: 0, off: null, leave: null },
    'a Saturday is no working day',
  );
  assert.deepEqual(dayOf(calendar, '2026-02-05'), { seconds: 6 * H, off: null, leave: null }, 'the February version');
  assert.deepEqual(dayOf(calendar, '2026-02-06'), { seconds: 0, off: null, leave: null }, 'a Friday off in February');
  assert.deepEqual(dayOf({ schedules: [], daysOff: new Map() }, '2025-12-31'), {
    seconds: 8 * H,
    off: null,
    leave: null,
  });
});

test('FLOW-4: approved leave takes a working day’s capacity, half of it on a half day, and counts no day without working time', () => {
  const leave = new Map([
    ['2026-02-05', { requestId: 7, half: false }],
    ['2026-02-06', { requestId: 7, half: true }],
    ['2026-02-09', { requestId: 7, half: true }],
  ]);
  const calendar: Calendar = {
    schedules: [{ validFrom: '2026-02-01', daySeconds: [6, 6, 6, 6, 0, 0, 0].map((h) => h * H), holidayRegion: null }],
    daysOff: new Map(),
    leave,
  };
  assert.deepEqual(dayOf(calendar, '2026-02-05'), { seconds: 0, off: null, leave: { requestId: 7, half: false } });
  assert.deepEqual(dayOf(calendar, '2026-02-06'), { seconds: 0, off: null, leave: null }, 'a Friday off is no leave');
  assert.deepEqual(dayOf(calendar, '2026-02-09'), { seconds: 3 * H, off: null, leave: { requestId: 7, half: true } });
  const days = ['2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08', '2026-02-09'];
  assert.equal(leaveDaysOf(calendar, days, { start: false, end: true }), 1.5, 'Thursday, and Monday’s morning');
});

for (const dialect of DIALECTS)
  describe(`working calendars (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('issue 16 capacity: an administrator sets a person’s working time from a day on with a holiday region; the grid and the workload count it; audited', async () => {
      const admin = await createAppAdmin(t.db);
      const ac = await as(t.app, admin.login);
      const user = await createUser(t.db);
      const put = await ac.put(`/api/users/${user.id}/schedules`, {
        validFrom: '2026-01-01',
        daySeconds: [8 * H, 8 * H, 8 * H, 8 * H, 4 * H, 0, 0],
        holidayRegion: 'DE-BY',
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json().schedules, [
        { validFrom: '2026-01-01', daySeconds: [8 * H, 8 * H, 8 * H, 8 * H, 4 * H, 0, 0], holidayRegion: 'DE-BY' },
      ]);
      const dayOff = await ac.post('/api/admin/days-off', { day: '2026-01-08', name: 'Inventory' });
      assert.equal(dayOff.statusCode, 201, dayOff.body);
      const twice = await ac.post('/api/admin/days-off', { day: '2026-01-08', name: 'Again' });
      assert.deepEqual([twice.statusCode, twice.json().code, twice.json().field], [409, 'day_off_exists', 'day']);

      const uc = await as(t.app, user.login);
      const grid = await uc.get('/api/timesheets?date=2026-01-07');
      assert.equal(grid.statusCode, 200, grid.body);
      assert.deepEqual(
        grid
          .json()
          .days.map((d: { capacitySeconds: number; off: { name: string } | null }) => [
            d.capacitySeconds / H,
            d.off?.name ?? null,
          ]),
        [
          [8, null],
          [0, 'Epiphany'],
          [8, null],
          [0, 'Inventory'],
          [4, null],
          [0, null],
          [0, null],
        ],
      );
      assert.equal(grid.json().totals.capacity, 20 * H);

      const workload = await ac.get(`/api/reports/workload?from=2026-01-05&to=2026-01-11&users=${user.id}&period=week`);
      assert.equal(workload.statusCode, 200, workload.body);
      assert.deepEqual(workload.json().people[0].capacity, [20 * H]);

      const mine = await uc.get('/api/me/calendar');
      assert.equal(mine.statusCode, 200, mine.body);
      assert.equal(mine.json().user.id, user.id);
      assert.deepEqual(
        (await auditRowsFor(t.db, 'user', user.id)).map((r) => r.action).filter((a) => a.startsWith('schedule')),
        ['schedule.set'],
      );
      const removed = await ac.delete(`/api/users/${user.id}/schedules/2026-01-01`);
      assert.deepEqual(removed.json().schedules, []);
      assert.equal((await ac.delete(`/api/users/${user.id}/schedules/2026-01-01`)).statusCode, 404);
      assert.equal((await ac.delete('/api/admin/days-off/2026-01-08')).statusCode, 200);
    });

    test('issue 16 capacity: only user administrators set working time; an unknown holiday region is a 400 at the field', async () => {
      const user = await createUser(t.db);
      const uc = await as(t.app, user.login);
      const body = { validFrom: '2026-03-01', daySeconds: [0, 0, 0, 0, 0, 0, 0], holidayRegion: null };
      assert.equal((await uc.put(`/api/users/${user.id}/schedules`, body)).statusCode, 403, 'not even one’s own');
      assert.equal((await uc.post('/api/admin/days-off', { day: '2026-03-02', name: 'Mine' })).statusCode, 403);
      assert.equal((await uc.get(`/api/users/${user.id}/calendar`)).statusCode, 403);
      const ac = await as(t.app, (await createAppAdmin(t.db)).login);
      const bad = await ac.put(`/api/users/${user.id}/schedules`, { ...body, holidayRegion: 'XX-QQ' });
      assert.deepEqual([bad.statusCode, bad.json().field], [400, 'holidayRegion']);
      const short = await ac.put(`/api/users/${user.id}/schedules`, { ...body, daySeconds: [1, 2, 3] });
      assert.deepEqual([short.statusCode, short.json().field], [400, 'daySeconds']);
      assert.equal((await ac.put('/api/users/2147483000/schedules', body)).statusCode, 404);
      const regions = await uc.get('/api/holiday-regions?country=DE');
      assert.ok(regions.json().items.some((r: { code: string }) => r.code === 'DE-BY'));
    });
  });
