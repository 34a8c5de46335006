// Guards what the installation settings change for everyone else: PRICE-2's global switch lets work be logged without a
// team, WL-6's window set in Administration bounds new work logs, and a session begun after a change of the session
// lifetime expires after it (one begun before keeps its expiry).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addDays } from '../helpers/dates.js';
import { createTestApp, DIALECTS, signIn, signedIn, worldWithItem, type TestApp } from '../helpers/harness.js';
import { resetSettings, settingsAdmin } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`installation settings at work (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    afterEach(() => resetSettings(t.db, true));
    after(() => t.close());

    test('PRICE-2: with the check turned off in the settings, a user in no team may log work; turned on, not', async () => {
      const { change } = await settingsAdmin(t);
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const today = (await loadDateSettings(t.db)).today;
      const log = () => c.post('/api/worklogs', { itemKey: item.key, startDate: today, durationSeconds: 600 });
      assert.equal((await log()).statusCode, 403);
      assert.equal((await change({ teamChecks: false })).statusCode, 200);
      const logged = await log();
      assert.equal(logged.statusCode, 201, logged.body);
      assert.equal(logged.json().team, null);
      assert.equal((await change({ teamChecks: true })).statusCode, 200);
      assert.equal((await log()).statusCode, 403);
    });

    test('WL-6: the work-date window set in the settings applies to new work logs, naming startDate outside it', async () => {
      const { change } = await settingsAdmin(t);
      await change({ teamChecks: false });
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      const today = (await loadDateSettings(t.db)).today;
      const res = await change({ earliestWorkDate: addDays(today, -30), workDaysAhead: 7 });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().latestWorkDate, addDays(today, 7));
      for (const [days, status] of [
        [-31, 400],
        [-30, 201],
        [7, 201],
        [8, 400],
      ] as const) {
        const startDate = addDays(today, days);
        const logged = await c.post('/api/worklogs', { itemKey: item.key, startDate, durationSeconds: 60 });
        assert.equal(logged.statusCode, status, `${startDate}: ${logged.body}`);
        if (status === 400)
          assert.deepEqual(
            [logged.json().field, logged.json().detail],
            ['startDate', `Work date must be between ${addDays(today, -30)} and ${addDays(today, 7)}.`],
          );
      }
    });

    test('ID-3: a session (and its cookie) begun after a change expires after the new lifetime; one begun before keeps its expiry', async () => {
      const { user, change } = await settingsAdmin(t);
      const sessionsOf = () =>
        t.db
          .selectFrom('sessions')
          .select(['id', 'expires_at'])
          .where('user_id', '=', user.id)
          .orderBy('created_at')
          .execute();
      const earlier = await sessionsOf();
      assert.equal(earlier.length, 1);
      assert.equal((await change({ sessionHours: 2 })).statusCode, 200);

      const startedAfter = Date.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: user.login, password: user.password },
      });
      const endedBefore = Date.now();
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.cookies.find((cookie) => cookie.name === 'tw_session')!.maxAge, 2 * 3600);
      const [old, fresh] = await sessionsOf();
      const expires = new Date(fresh!.expires_at).getTime();
      assert.ok(expires >= startedAfter + 2 * 3_600_000 && expires <= endedBefore + 2 * 3_600_000, String(expires));
      assert.deepEqual(old, earlier[0]);

      // The default is the 14 days sign-in always gave.
      await resetSettings(t.db, true);
      await signIn(t.app, user.login);
      const newest = (await sessionsOf()).at(-1)!;
      const days = (new Date(newest.expires_at).getTime() - Date.now()) / 86_400_000;
      assert.ok(days > 13.9 && days <= 14, String(days));
    });
  });
