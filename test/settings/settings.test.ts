// Guards the installation settings (Administration → Settings): PRICE-2's global switch, the time zone, WL-6's
// work-date window and the session lifetime are read and changed by administrators only; a change names its version
// (API-4), refuses bad input naming the field without writing (API-5), and is audited with the row before and after.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addDays, addYears, calendarDateIn } from '../helpers/dates.js';
import { createUser, createTestApp, DIALECTS, signedIn, type TestApp } from '../helpers/harness.js';
import { resetSettings, settingsAdmin, settingsAudits, settingsRow } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`installation settings (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    afterEach(() => resetSettings(t.db, true));
    after(() => t.close());

    test('PRICE-2/WL-6: the settings read as the product starts: check on, UTC, 2000-01-01 to a year ahead, 14-day sessions', async () => {
      const { c } = await settingsAdmin(t);
      const res = await c.get('/api/admin/settings');
      assert.equal(res.statusCode, 200, res.body);
      const today = (await loadDateSettings(t.db)).today;
      assert.deepEqual(res.json(), {
        teamChecks: true,
        timeZone: 'UTC',
        earliestWorkDate: '2000-01-01',
        workDaysAhead: null,
        sessionHours: 336,
        version: (await settingsRow(t.db)).version,
        today,
        latestWorkDate: addYears(today, 1),
      });
    });

    test('PRICE-2/WL-6: one change sets every field, answers the new settings and is audited with before and after', async () => {
      const { user, change } = await settingsAdmin(t);
      const before = await settingsRow(t.db);
      const audits = (await settingsAudits(t.db)).length;
      const res = await change({
        teamChecks: false,
        timeZone: 'Pacific/Kiritimati',
        earliestWorkDate: '2020-01-01',
        workDaysAhead: 30,
        sessionHours: 8,
      });
      assert.equal(res.statusCode, 200, res.body);
      const today = calendarDateIn('Pacific/Kiritimati');
      assert.deepEqual(res.json(), {
        teamChecks: false,
        timeZone: 'Pacific/Kiritimati',
        earliestWorkDate: '2020-01-01',
        workDaysAhead: 30,
        sessionHours: 8,
        version: before.version + 1,
        today,
        latestWorkDate: addDays(today, 30),
      });
      const rows = await settingsAudits(t.db);
      assert.equal(rows.length, audits + 1);
      const row = rows.at(-1)!;
      assert.deepEqual([row.actor_id, row.entity_type, row.entity_id], [user.id, 'app_settings', 'app']);
      const [was, is] = [row.before as Record<string, unknown>, row.after as Record<string, unknown>];
      assert.deepEqual(
        [was.team_checks, was.time_zone, was.worklog_earliest, was.worklog_days_ahead, was.session_hours],
        [true, 'UTC', '2000-01-01', null, 336],
      );
      assert.deepEqual(
        [is.team_checks, is.time_zone, is.worklog_earliest, is.worklog_days_ahead, is.session_hours],
        [false, 'Pacific/Kiritimati', '2020-01-01', 30, 8],
      );
    });

    test('PRICE-2/EXPL-1: a change of one field leaves the others as they were; a time zone is stored as the database spells it', async () => {
      const { change } = await settingsAdmin(t);
      const first = await change({ sessionHours: 24 });
      assert.equal(first.statusCode, 200, first.body);
      const res = await change({ timeZone: 'europe/berlin' });
      assert.equal(res.statusCode, 200, res.body);
      const row = await settingsRow(t.db);
      assert.deepEqual(
        [row.time_zone, row.session_hours, row.team_checks, row.worklog_earliest],
        ['Europe/Berlin', 24, true, '2000-01-01'],
      );
    });

    test('API-5/WL-6: a bad value in any field is a 400 naming that field in plain words; nothing is written', async () => {
      const { change } = await settingsAdmin(t);
      const before = await settingsRow(t.db);
      const audits = (await settingsAudits(t.db)).length;
      const today = (await loadDateSettings(t.db)).today;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ teamChecks: 'yes' }, 'teamChecks'],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ timeZone: '+01:00' }, 'timeZone'],
        [{ timeZone: '' }, 'timeZone'],
        [{ timeZone: 42 }, 'timeZone'],
        [{ earliestWorkDate: '1999-12-31' }, 'earliestWorkDate'],
        [{ earliestWorkDate: '2026-02-30' }, 'earliestWorkDate'],
        [{ earliestWorkDate: null }, 'earliestWorkDate'],
        [{ earliestWorkDate: addDays(today, 10), workDaysAhead: 5 }, 'earliestWorkDate'],
        [{ workDaysAhead: 367 }, 'workDaysAhead'],
        [{ workDaysAhead: -1 }, 'workDaysAhead'],
        [{ workDaysAhead: 1.5 }, 'workDaysAhead'],
        [{ sessionHours: 0 }, 'sessionHours'],
        [{ sessionHours: 2161 }, 'sessionHours'],
        [{ sessionHours: 2.5 }, 'sessionHours'],
        [{ sessionHours: null }, 'sessionHours'],
        [{ colour: 'blue' }, 'colour'],
      ];
      for (const [fields, field] of cases) {
        const res = await change(fields);
        assert.equal(res.statusCode, 400, `${JSON.stringify(fields)}: ${res.body}`);
        assert.equal(res.json().field, field, JSON.stringify(fields));
        assert.doesNotMatch(res.json().detail, /Invalid|Too (big|small)|expected (number|string)/, res.body);
      }
      assert.deepEqual(await settingsRow(t.db), before);
      assert.equal((await settingsAudits(t.db)).length, audits);
    });

    test('API-4: a change sent with a stale version is a 409 version_conflict and changes nothing', async () => {
      const { c, change } = await settingsAdmin(t);
      const read = (await c.get('/api/admin/settings')).json();
      assert.equal((await change({ sessionHours: 48 })).statusCode, 200);
      const state = await settingsRow(t.db);
      const stale = await c.patch('/api/admin/settings', { timeZone: 'Asia/Tokyo', version: read.version });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal(stale.json().currentVersion, state.version);
      assert.deepEqual(await settingsRow(t.db), state);
    });

    test('PRICE-2: only administrators (app_admin, system administrators) read or change the settings', async () => {
      const sysadmin = await signedIn(t.app, (await createUser(t.db, { systemAdmin: true })).login);
      assert.equal((await sysadmin.get('/api/admin/settings')).statusCode, 200);
      const user = await signedIn(t.app, (await createUser(t.db)).login);
      const state = await settingsRow(t.db);
      const read = await user.get('/api/admin/settings');
      const write = await user.patch('/api/admin/settings', { teamChecks: false, version: state.version });
      for (const res of [read, write]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'area_closed');
      }
      assert.deepEqual(await settingsRow(t.db), state);
    });
  });
