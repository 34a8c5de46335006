// Guards PRJ-5 and WL-1..WL-3: logging work needs WORK_ON_ISSUES, a work log carries its fields and version, everyone
// who can view the item sees its work logs there, and "my work logs" holds the caller's own only, filtered and paged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createItem,
  createProject,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { allPages, assertAbilities, assertDisjointAndComplete, auditCount } from '../projects/fixtures.js';

for (const dialect of DIALECTS)
  describe(`work logs: logging, item screen, my work logs (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const worklogsOf = (itemId: number) =>
      t.db.selectFrom('worklogs').selectAll().where('item_id', '=', itemId).execute();

    for (const held of [['BROWSE_PROJECT'], ['BROWSE_PROJECT', 'EDIT_ISSUES']] as const) {
      test(`PRJ-5: with ${held.join(' + ')} but not WORK_ON_ISSUES, logging work gets 403 missing_permission and writes nothing`, async () => {
        const { user, item } = await worldWithItem(t.db, [...held]);
        const c = await signedIn(t.app, user.login);
        const audits = await auditCount(t.db);
        const res = await c.post('/api/worklogs', {
          itemKey: item.key,
          startDate: '2024-02-01',
          durationSeconds: 3600,
        });
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'missing_permission');
        assert.match(res.json().detail, /WORK_ON_ISSUES/);
        assert.deepEqual(await worklogsOf(item.id), []);
        assert.equal(await auditCount(t.db), audits);
        assert.equal((await c.get(`/api/items/${item.key}`)).json().abilities.canLogWork, false);
      });
    }

    test('PRJ-5: WORK_ON_ISSUES reached through a group lets the user log work', async () => {
      const user = await createUser(t.db);
      const project = await createProject(t.db);
      const item = await createItem(t.db, { projectId: project.id });
      const group = await t.db
        .insertInto('groups')
        .values({ name: `workers-${project.key}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { groupId: group.id });
      const res = await (
        await signedIn(t.app, user.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2024-02-01', durationSeconds: 60 });
      assert.equal(res.statusCode, 201, res.body);
    });

    test('WL-1: a work log records author, item, start date and time, duration in seconds, description and version 1', async () => {
      const { user, project, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const res = await c.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2024-02-29',
        startTime: '08:15',
        durationSeconds: 5400,
        description: 'Leap-day review',
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.deepEqual(body.item, { key: item.key, title: 'Item 1', projectKey: project.key });
      assert.deepEqual(body.author, { id: user.id, displayName: `User ${user.login}` });
      assert.equal(body.startDate, '2024-02-29');
      assert.equal(body.startTime, '08:15');
      assert.equal(body.durationSeconds, 5400);
      assert.equal(body.description, 'Leap-day review');
      assert.equal(body.version, 1);
      assertAbilities(body.abilities, { canEdit: true, canDelete: true });

      const [row] = await worklogsOf(item.id);
      assert.equal(row.id, body.id);
      assert.equal(row.author_id, user.id);
      assert.equal(row.project_id, project.id);
      assert.equal(row.start_date, '2024-02-29');
      assert.equal(row.start_time, '08:15:00');
      assert.equal(row.duration_seconds, 5400);
      assert.equal(row.created_by, user.id);
    });

    test('WL-1: the start time is optional', async () => {
      const { user, item } = await worldWithItem(t.db);
      const res = await (
        await signedIn(t.app, user.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2024-02-01', durationSeconds: 1 });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().startTime, null);
      assert.equal(res.json().description, '');
    });

    test('WL-1/API-5: bad durations, dates, times and unknown fields get 400 naming the field; nothing is written', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const audits = await auditCount(t.db);
      const valid = { itemKey: item.key, startDate: '2024-02-01', durationSeconds: 60 };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...valid, durationSeconds: 0 }, 'durationSeconds'],
        [{ ...valid, durationSeconds: 86_401 }, 'durationSeconds'],
        [{ ...valid, durationSeconds: 1.5 }, 'durationSeconds'],
        [{ ...valid, startDate: '2024-02-30' }, 'startDate'],
        [{ ...valid, startTime: '24:00' }, 'startTime'],
        [{ ...valid, itemKey: 'nokey' }, 'itemKey'],
        [{ ...valid, authorId: 1 }, 'authorId'],
      ];
      for (const [payload, field] of cases) {
        const res = await c.post('/api/worklogs', payload);
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
        assert.equal(res.json().field, field, res.body);
      }
      assert.deepEqual(await worklogsOf(item.id), []);
      assert.equal(await auditCount(t.db), audits);
    });

    test('WL-1/API-4: the author edits a work log with its version (version bumps) and deletes it with the current version', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const log = (
        await c.post('/api/worklogs', {
          itemKey: item.key,
          startDate: '2024-02-01',
          startTime: '09:00',
          durationSeconds: 60,
        })
      ).json();
      const edited = await c.patch(`/api/worklogs/${log.id}`, {
        version: 1,
        startDate: '2024-02-02',
        startTime: null,
        durationSeconds: 120,
        description: 'more',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(
        (({ startDate, startTime, durationSeconds, description, version }) => ({
          startDate,
          startTime,
          durationSeconds,
          description,
          version,
        }))(edited.json()),
        { startDate: '2024-02-02', startTime: null, durationSeconds: 120, description: 'more', version: 2 },
      );
      const removed = await c.delete(`/api/worklogs/${log.id}?version=2`);
      assert.equal(removed.statusCode, 204, removed.body);
      assert.deepEqual(await worklogsOf(item.id), []);
    });

    test('WL-2: everyone who can view the item sees all its work logs on the item screen, newest first, paged disjointly and completely', async () => {
      const { user: author, project, item } = await worldWithItem(t.db);
      const colleague = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: colleague.id });
      const viewer = await createUser(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: viewer.id });
      const ac = await signedIn(t.app, author.login);
      const cc = await signedIn(t.app, colleague.login);
      const created: Array<{ id: number; startDate: string }> = [];
      // Two logs share a date, so the order must fall back to the id.
      for (const [c, date] of [
        [ac, '2024-04-02'],
        [cc, '2024-04-01'],
        [ac, '2024-04-03'],
        [cc, '2024-04-02'],
        [ac, '2024-03-30'],
      ] as const) {
        const res = await c.post('/api/worklogs', { itemKey: item.key, startDate: date, durationSeconds: 600 });
        assert.equal(res.statusCode, 201, res.body);
        created.push({ id: res.json().id, startDate: date });
      }
      const expected = [...created]
        .sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id - a.id)
        .map((l) => l.id);
      const vc = await signedIn(t.app, viewer.login);
      for (const limit of [1, 2, 5]) {
        const pages = await allPages<{ id: number; abilities: { canEdit: boolean } }>(
          vc,
          `/api/items/${item.key}/worklogs`,
          limit,
        );
        assertDisjointAndComplete(pages, expected);
        assert.ok(
          pages.flat().every((l) => !l.abilities.canEdit),
          "a viewer may not edit others' work logs",
        );
      }
      const seenByColleague = (await cc.get(`/api/items/${item.key}/worklogs`)).json().items as Array<{
        author: { id: number };
        abilities: { canEdit: boolean };
      }>;
      assert.deepEqual(
        seenByColleague.map((l) => l.abilities.canEdit),
        seenByColleague.map((l) => l.author.id === colleague.id),
      );
      assert.equal((await vc.get(`/api/items/${item.key}`)).json().abilities.canViewWorklogs, true);
    });

    test("WL-3: /api/me/worklogs shows only the caller's own work logs, filtered by from/to, with the total over the whole range", async () => {
      const { user: me, project, item } = await worldWithItem(t.db);
      const other = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: other.id });
      const second = await createItem(t.db, { projectId: project.id });
      const mc = await signedIn(t.app, me.login);
      const oc = await signedIn(t.app, other.login);
      const mine: Array<{ id: number; date: string; seconds: number }> = [];
      for (const [date, seconds, key] of [
        ['2024-06-01', 1800, item.key],
        ['2024-06-10', 3600, second.key],
        ['2024-06-10', 600, item.key],
        ['2024-06-20', 7200, item.key],
        ['2024-07-01', 60, second.key],
      ] as const) {
        const res = await mc.post('/api/worklogs', { itemKey: key, startDate: date, durationSeconds: seconds });
        mine.push({ id: res.json().id, date, seconds });
      }
      await oc.post('/api/worklogs', { itemKey: item.key, startDate: '2024-06-10', durationSeconds: 999 });

      const ranges: Array<[string, (d: string) => boolean]> = [
        ['', () => true],
        ['from=2024-06-10', (d) => d >= '2024-06-10'],
        ['to=2024-06-10', (d) => d <= '2024-06-10'],
        ['from=2024-06-10&to=2024-06-20', (d) => d >= '2024-06-10' && d <= '2024-06-20'],
        ['from=2024-06-11&to=2024-06-19', () => false],
      ];
      for (const [filter, keep] of ranges) {
        const expected = mine.filter((l) => keep(l.date)).sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
        const res = await mc.get(`/api/me/worklogs?limit=2${filter ? `&${filter}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        // The total covers the range, not just the page.
        assert.equal(
          res.json().totalSeconds,
          expected.reduce((s, l) => s + l.seconds, 0),
          filter,
        );
        const pages = await allPages<{ id: number; author: { id: number } }>(
          mc,
          `/api/me/worklogs${filter ? `?${filter}` : ''}`,
          2,
        );
        assertDisjointAndComplete(
          pages,
          expected.map((l) => l.id),
        );
        assert.ok(pages.flat().every((l) => l.author.id === me.id));
      }
      const theirs = (await oc.get('/api/me/worklogs')).json();
      assert.equal(theirs.items.length, 1);
      assert.equal(theirs.totalSeconds, 999);
    });

    test('WL-3/API-5: a range whose end precedes its start, a bad date or a forged cursor gets 400 naming the field', async () => {
      const { user } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const backwards = await c.get('/api/me/worklogs?from=2024-06-10&to=2024-06-01');
      assert.equal(backwards.statusCode, 400);
      assert.match(backwards.json().field, /(^|\.)to$/);
      const badDate = await c.get('/api/me/worklogs?from=2024-13-01');
      assert.equal(badDate.statusCode, 400);
      assert.match(badDate.json().field, /(^|\.)from$/);
      const badCursor = await c.get(`/api/me/worklogs?cursor=${Buffer.from('["x"]').toString('base64url')}`);
      assert.equal(badCursor.statusCode, 400);
      assert.match(badCursor.json().field, /(^|\.)cursor$/);
    });
  });
