// Guards WL-6 and API-5 for work logs: a work date outside the installation's window (2000-01-01 to a year ahead, or
// narrower) is a 400 naming `startDate` in plain words and writes nothing, on create and edit; and the lists order a
// day's work logs by start time, then by creation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addDays, addYears } from '../helpers/dates.js';
import {
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { allPages, assertDisjointAndComplete, auditCount } from '../projects/fixtures.js';

for (const dialect of DIALECTS)
  describe(`work logs: work dates and order (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const worklogsOf = (itemId: number) =>
      t.db.selectFrom('worklogs').select(['start_date', 'version']).where('item_id', '=', itemId).execute();
    /** The window as the server reads it, so the test holds on any day it runs. */
    const today = async () => (await loadDateSettings(t.db)).today;

    async function withWindow<T>(earliest: string, daysAhead: number | null, body: () => Promise<T>): Promise<T> {
      await t.db
        .updateTable('app_settings')
        .set({ worklog_earliest: earliest, worklog_days_ahead: daysAhead })
        .execute();
      try {
        return await body();
      } finally {
        await t.db
          .updateTable('app_settings')
          .set({ worklog_earliest: '2000-01-01', worklog_days_ahead: null })
          .execute();
      }
    }

    test('WL-6/API-5: a work date outside 2000-01-01 … one year ahead is a 400 naming startDate in plain words; nothing is written', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const latest = addYears(await today(), 1);
      const audits = await auditCount(t.db);
      for (const startDate of [
        '1999-12-31',
        '1900-06-15',
        '0001-01-01',
        addDays(latest, 1),
        '2100-01-01',
        '9999-12-31',
      ]) {
        const res = await c.post('/api/worklogs', { itemKey: item.key, startDate, durationSeconds: 3600 });
        assert.equal(res.statusCode, 400, `${startDate}: ${res.body}`);
        const problem = res.json();
        assert.equal(problem.field, 'startDate');
        assert.equal(problem.code, 'work_date_out_of_range');
        assert.equal(problem.detail, `Work date must be between 2000-01-01 and ${latest}.`);
      }
      assert.deepEqual(await worklogsOf(item.id), []);
      assert.equal(await auditCount(t.db), audits);
    });

    test('WL-6: the window is inclusive: 2000-01-01, today and exactly one year ahead are accepted', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const now = await today();
      const dates = ['2000-01-01', now, addYears(now, 1)];
      for (const startDate of dates) {
        const res = await c.post('/api/worklogs', { itemKey: item.key, startDate, durationSeconds: 60 });
        assert.equal(res.statusCode, 201, `${startDate}: ${res.body}`);
      }
      assert.deepEqual((await worklogsOf(item.id)).map((w) => w.start_date).sort(), [...dates].sort());
    });

    test('WL-6/API-5: an edit moving a work log outside the window is refused naming startDate and changes nothing', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const log = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: '2024-05-06', durationSeconds: 60 })
      ).json();
      const audits = await auditCount(t.db);
      for (const startDate of ['1999-12-31', addDays(addYears(await today(), 1), 1), '9999-12-31']) {
        const res = await c.patch(`/api/worklogs/${log.id}`, { version: 1, startDate, durationSeconds: 120 });
        assert.equal(res.statusCode, 400, `${startDate}: ${res.body}`);
        assert.equal(res.json().field, 'startDate');
        assert.match(res.json().detail, /^Work date must be between 2000-01-01 and \d{4}-\d{2}-\d{2}\.$/);
      }
      assert.deepEqual(await worklogsOf(item.id), [{ start_date: '2024-05-06', version: 1 }]);
      assert.equal(await auditCount(t.db), audits);
      const inside = await c.patch(`/api/worklogs/${log.id}`, { version: 1, startDate: '2000-01-01' });
      assert.equal(inside.statusCode, 200, inside.body);
    });

    test('WL-6: a narrowed window (app_settings.worklog_earliest, worklog_days_ahead) is respected on create, edit and preview', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const now = await today();
      const old = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: addDays(now, -60), durationSeconds: 60 })
      ).json();
      await withWindow(addDays(now, -30), 7, async () => {
        const window = `Work date must be between ${addDays(now, -30)} and ${addDays(now, 7)}.`;
        for (const [startDate, status] of [
          [addDays(now, -31), 400],
          [addDays(now, -30), 201],
          [addDays(now, 7), 201],
          [addDays(now, 8), 400],
          [addYears(now, 1), 400],
        ] as const) {
          const res = await c.post('/api/worklogs', { itemKey: item.key, startDate, durationSeconds: 60 });
          assert.equal(res.statusCode, status, `${startDate}: ${res.body}`);
          if (status === 400) assert.deepEqual([res.json().field, res.json().detail], ['startDate', window]);
        }
        const preview = await c.get(`/api/items/${item.key}/worklog-preview?startDate=${addDays(now, 8)}`);
        assert.equal(preview.statusCode, 400, preview.body);
        assert.deepEqual([preview.json().field, preview.json().detail], ['query.startDate', window]);
        // A work log dated before the narrowed window keeps its date: its other fields may change, its date may not move outside.
        const described = await c.patch(`/api/worklogs/${old.id}`, {
          version: 1,
          startDate: old.startDate,
          description: 'kept',
        });
        assert.equal(described.statusCode, 200, described.body);
        const moved = await c.patch(`/api/worklogs/${old.id}`, { version: 2, startDate: addDays(now, -59) });
        assert.equal(moved.statusCode, 400, moved.body);
        assert.equal(moved.json().field, 'startDate');
      });
      assert.deepEqual(
        (await worklogsOf(item.id)).map((w) => w.start_date).sort(),
        [addDays(now, -60), addDays(now, -30), addDays(now, 7)].sort(),
      );
    });

    test('API-5: schema refusals of a work log read as plain words, naming the field', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const valid = { itemKey: item.key, startDate: '2024-02-01', durationSeconds: 60 };
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ ...valid, durationSeconds: 86_401 }, 'durationSeconds', 'Duration must be at most 24 hours.'],
        [{ ...valid, durationSeconds: 0 }, 'durationSeconds', 'Duration must be at least 1 second.'],
        [{ ...valid, durationSeconds: 1.5 }, 'durationSeconds', 'Duration must be a whole number.'],
        [{ itemKey: item.key, durationSeconds: 60 }, 'startDate', 'Work date is required.'],
        [
          { ...valid, startDate: '2024-02-30' },
          'startDate',
          'Work date must be a date like 2026-12-06 (year-month-day).',
        ],
        [{ ...valid, startTime: '24:00' }, 'startTime', 'Start time must be HH:MM.'],
        [
          { ...valid, description: 'x'.repeat(5_001) },
          'description',
          'Description must be at most 5000 characters long.',
        ],
      ];
      for (const [payload, field, detail] of cases) {
        const res = await c.post('/api/worklogs', payload);
        assert.equal(res.statusCode, 400, res.body);
        assert.deepEqual([res.json().field, res.json().detail], [field, detail]);
      }
      assert.deepEqual(await worklogsOf(item.id), []);
    });

    test("WL-3: a day's work logs are ordered by start time, then by creation — in my, the item's and a member's work logs, paged", async () => {
      const { user, project, item } = await worldWithItem(t.db);
      const viewer = await createUser(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: viewer.id });
      const c = await signedIn(t.app, user.login);
      // Entered out of order: the list must not follow the order of entry within a day.
      const entries: Array<[string, string | null]> = [
        ['2024-03-05', '14:00'],
        ['2024-03-05', '09:00'],
        ['2024-03-05', null],
        ['2024-03-04', '17:30'],
        ['2024-03-05', '09:00'],
        ['2024-03-05', '23:59'],
        ['2024-03-04', '08:00'],
        ['2024-03-06', null],
      ];
      const ids: number[] = [];
      for (const [startDate, startTime] of entries) {
        const res = await c.post('/api/worklogs', { itemKey: item.key, startDate, startTime, durationSeconds: 600 });
        assert.equal(res.statusCode, 201, res.body);
        ids.push(res.json().id);
      }
      // Days newest first; in a day the latest start first (no start time counts as 00:00), then the latest created.
      const expected = [7, 5, 0, 4, 1, 2, 3, 6].map((i) => ids[i]);
      const vc = await signedIn(t.app, viewer.login);
      for (const [client, url] of [
        [c, '/api/me/worklogs'],
        [vc, `/api/items/${item.key}/worklogs`],
        [c, `/api/users/${user.id}/worklogs`],
      ] as const) {
        assert.deepEqual(
          (await client.get(url)).json().items.map((w: { id: number }) => w.id),
          expected,
          url,
        );
        for (const limit of [1, 2, 3]) assertDisjointAndComplete(await allPages(client, url, limit), expected);
      }
      const summary = (await c.get(`/api/items/${item.key}/time-summary`)).json();
      assert.equal(summary.myLastWorklog.id, ids[7]);
    });
  });
