// Guards the timer: one at a time, still there after a reload (GET returns it), and stopping it logs the elapsed time
// through the work-log service — rounded up to whole minutes, at least one, at most 24 hours, dated today in the
// installation's time zone — with every gate of logging work applied (a refusal leaves the timer running).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { timerSeconds } from '../../src/modules/timers/service.js';
import { loadDateSettings } from '../../src/lib/installation.js';
import { createItem, createProject, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { sheetWorld, submit } from './fixtures.js';

test('the elapsed time is rounded up to whole minutes, at least one, at most 24 hours', () => {
  assert.deepEqual(
    [0, 1, 59.2, 60, 60.001, 5430, 86_399, 200_000].map(timerSeconds),
    [60, 60, 60, 60, 120, 5460, 86_400, 86_400],
  );
});

for (const dialect of DIALECTS)
  describe(`timesheets: the timer (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    /** Moves the user's running timer's start back by `minutes`. */
    const startedAgo = (userId: number, minutes: number) =>
      sql`update timers set started_at = now() - ${`${minutes} minutes`}::interval where user_id = ${userId}`.execute(
        t.db,
      );
    const auditActions = async (userId: number) =>
      (
        await t.db
          .selectFrom('audit_log')
          .select('action')
          .where('actor_id', '=', userId)
          .where('action', 'like', 'timer.%')
          .orderBy('id')
          .execute()
      ).map((r) => r.action);

    test('one timer at a time; it survives a reload; stopping logs the elapsed minutes today, with its description', async () => {
      const w = await sheetWorld(t);
      assert.deepEqual((await w.owner.c.get('/api/timer')).json(), { timer: null });
      const started = await w.owner.c.post('/api/timer', { itemKey: w.item.key, description: 'pairing' });
      assert.equal(started.statusCode, 201, started.body);
      assert.deepEqual(started.json().timer.item, { key: w.item.key, title: 'Design' });
      const reloaded = (await w.owner.c.get('/api/timer')).json();
      assert.deepEqual(reloaded, started.json());
      assert.equal(reloaded.timer.description, 'pairing');
      const second = await w.owner.c.post('/api/timer', { itemKey: w.item2.key });
      assert.equal(second.statusCode, 409);
      assert.equal(second.json().code, 'timer_running');
      await startedAgo(w.owner.id, 90.5);
      const stopped = await w.owner.c.post('/api/timer/stop');
      assert.equal(stopped.statusCode, 200, stopped.body);
      const { today } = await loadDateSettings(t.db);
      const { worklog } = stopped.json();
      assert.deepEqual(
        [worklog.item.key, worklog.author.id, worklog.startDate, worklog.durationSeconds, worklog.description],
        [w.item.key, w.owner.id, today, 91 * 60, 'pairing'],
      );
      assert.deepEqual(worklog.team, { id: w.team.id, name: w.team.name }, 'logged through the work-log service');
      assert.deepEqual((await w.owner.c.get('/api/timer')).json(), { timer: null });
      assert.deepEqual(await auditActions(w.owner.id), ['timer.start', 'timer.stop']);
      const none = await w.owner.c.post('/api/timer/stop');
      assert.equal(none.statusCode, 409);
      assert.equal(none.json().code, 'no_timer');
    });

    test('a timer stopped at once logs a minute; one left running for more than a day logs 24 hours without a start time', async () => {
      const w = await sheetWorld(t);
      await w.owner.c.post('/api/timer', { itemKey: w.item.key });
      assert.equal((await w.owner.c.post('/api/timer/stop')).json().worklog.durationSeconds, 60);
      await w.owner.c.post('/api/timer', { itemKey: w.item.key });
      await startedAgo(w.owner.id, 30 * 60);
      const { worklog } = (await w.owner.c.post('/api/timer/stop')).json();
      assert.deepEqual([worklog.durationSeconds, worklog.startTime], [86_400, null]);
    });

    test("FLOW-1: stopping is refused with the gate's words when today's timesheet is submitted — the timer keeps running until discarded", async () => {
      const w = await sheetWorld(t);
      const { today } = await loadDateSettings(t.db);
      await w.owner.c.post('/api/timer', { itemKey: w.item.key });
      const first = await w.owner.c.post('/api/timer/stop');
      assert.equal(first.statusCode, 200, first.body);
      await w.owner.c.post('/api/timer', { itemKey: w.item.key });
      assert.equal(
        (await submit(w.owner.c, { start: today, end: today })).statusCode,
        409,
        'a week is not within a day',
      );
      const monday = new Date(`${today}T00:00:00Z`);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const start = monday.toISOString().slice(0, 10);
      const sunday = new Date(monday);
      sunday.setUTCDate(sunday.getUTCDate() + 6);
      assert.equal((await submit(w.owner.c, { start, end: sunday.toISOString().slice(0, 10) })).statusCode, 200);
      const refused = await w.owner.c.post('/api/timer/stop');
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().code, 'timesheet_locked');
      assert.notEqual((await w.owner.c.get('/api/timer')).json().timer, null, 'the timer still runs');
      const discarded = await w.owner.c.delete('/api/timer');
      assert.equal(discarded.statusCode, 204, discarded.body);
      assert.deepEqual((await w.owner.c.get('/api/timer')).json(), { timer: null });
      assert.equal((await w.owner.c.delete('/api/timer')).json().code, 'no_timer');
      assert.deepEqual(await auditActions(w.owner.id), ['timer.start', 'timer.stop', 'timer.start', 'timer.discard']);
    });

    test('a timer starts only on an item the user may log work on: 404 for an unknown or hidden item, 403 for a read-only one', async () => {
      const w = await sheetWorld(t);
      const readOnly = await createProject(t.db);
      await grant(t.db, readOnly.id, ['BROWSE_PROJECT'], { userId: w.owner.id });
      const viewOnly = await createItem(t.db, { projectId: readOnly.id });
      const hidden = await createItem(t.db, { projectId: (await createProject(t.db)).id });
      assert.equal((await w.owner.c.post('/api/timer', { itemKey: hidden.key })).statusCode, 404);
      assert.equal((await w.owner.c.post('/api/timer', { itemKey: 'NOPE-1' })).statusCode, 404);
      const refused = await w.owner.c.post('/api/timer', { itemKey: viewOnly.key });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'missing_permission');
      const bad = await w.owner.c.post('/api/timer', { itemKey: w.item.key, extra: 1 });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((await w.owner.c.get('/api/timer')).json(), { timer: null });
    });
  });
