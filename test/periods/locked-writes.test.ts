// Guards FLOW-3 and FLOW-11 on the work-log API: while a team's month is closed, no work log of the team dated in it is
// created, changed or deleted — by its owner, a MANAGE_MEMBER_WORKLOGS holder, team_admin, app_admin or a system
// administrator — nor moved into or out of it; the refusal is 409 period_closed naming the team and the period, in the
// explanation's words. Other months and other teams are unaffected, and reopening lets the writes through again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { logWork, periodUrl, periodWorld, type Client, type PeriodWorld } from './fixtures.js';

const JUNE = { start: '2024-06-01', end: '2024-06-30' };

for (const dialect of DIALECTS)
  describe(`team periods: work-log writes in a closed month (${dialect})`, () => {
    let t: TestApp;
    let w: PeriodWorld;
    /** Work logs written while June was open: the worker's on 06-10 and 06-12 and 07-10, the system administrator's on 06-11. */
    const logs: Record<'june' | 'juneToo' | 'july' | 'sysAdmins', { id: number; version: number }> = {} as never;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
      w = await periodWorld(t);
      const made = async (c: Client, date: string) => {
        const res = await logWork(c, w.item.key, date);
        assert.equal(res.statusCode, 201, res.body);
        return { id: res.json().id as number, version: res.json().version as number };
      };
      logs.june = await made(w.worker.c, '2024-06-10');
      logs.juneToo = await made(w.worker.c, '2024-06-12');
      logs.july = await made(w.worker.c, '2024-07-10');
      logs.sysAdmins = await made(w.sysAdmin.c, '2024-06-11');
    });
    after(() => t.close());

    const junesLogs = () =>
      t.db
        .selectFrom('worklogs')
        .select(['id', 'start_date', 'duration_seconds', 'version'])
        .where('team_id', '=', w.team.id)
        .where('start_date', '>=', JUNE.start)
        .where('start_date', '<=', JUNE.end)
        .orderBy('id')
        .execute();
    const closedWords = () => `the period ${JUNE.start} – ${JUNE.end} of team '${w.team.name}' is closed`;
    const assertClosed = (
      res: { statusCode: number; body: string; json(): { code: string; detail: string } },
      what: string,
    ) => {
      assert.equal(res.statusCode, 409, `${what}: ${res.body}`);
      assert.equal(res.json().code, 'period_closed', what);
      // Acting for someone, the message says for whom first (WL-5): "for User …: the period … is closed".
      assert.ok(res.json().detail.endsWith(closedWords()), `${what}: ${res.json().detail}`);
    };

    test('FLOW-3: while June is closed nobody creates, changes, deletes, or moves in or out a work log of the team dated in it — 409 period_closed naming team and period', async () => {
      const closed = await w.lead.c.post(periodUrl(w.team.id, JUNE.start, 'close'), { comment: 'June is billed' });
      assert.equal(closed.statusCode, 200, closed.body);
      const stored = await junesLogs();

      assertClosed(await logWork(w.worker.c, w.item.key, '2024-06-05'), 'the owner logs work');
      assertClosed(await logWork(w.lead.c, w.item.key, '2024-06-30'), 'the team lead logs work');
      assertClosed(await logWork(w.sysAdmin.c, w.item.key, '2024-06-01'), 'a system administrator logs work');
      for (const [who, c] of Object.entries({
        manager: w.manager.c,
        teamAdmin: w.teamAdmin.c,
        appAdmin: w.appAdmin.c,
      })) {
        assertClosed(await logWork(c, w.item.key, '2024-06-05', w.worker.id), `${who} logs work for the worker`);
        const edit = await c.patch(`/api/worklogs/${logs.june.id}`, {
          version: logs.june.version,
          durationSeconds: 60,
        });
        assertClosed(edit, `${who} changes the worker's work log`);
        assertClosed(await c.delete(`/api/worklogs/${logs.june.id}?version=${logs.june.version}`), `${who} deletes it`);
      }
      const own = { june: logs.june, sysAdmins: logs.sysAdmins };
      for (const [which, log] of Object.entries(own)) {
        const c = which === 'june' ? w.worker.c : w.sysAdmin.c;
        assertClosed(
          await c.patch(`/api/worklogs/${log.id}`, { version: log.version, durationSeconds: 60 }),
          `${which}: edit`,
        );
        assertClosed(await c.delete(`/api/worklogs/${log.id}?version=${log.version}`), `${which}: delete`);
      }
      const into = await w.worker.c.patch(`/api/worklogs/${logs.july.id}`, {
        version: logs.july.version,
        startDate: '2024-06-15',
      });
      assertClosed(into, 'moving a July work log into June');
      const out = await w.worker.c.patch(`/api/worklogs/${logs.juneToo.id}`, {
        version: logs.juneToo.version,
        startDate: '2024-07-15',
      });
      assertClosed(out, 'moving a June work log out to July');
      assert.deepEqual(await junesLogs(), stored, "June's work logs are as they were");

      // Other months of the team, and the same month of another team, are open.
      assert.equal((await logWork(w.worker.c, w.item.key, '2024-07-01')).statusCode, 201);
      assert.equal((await logWork(w.worker.c, w.item.key, '2024-05-31')).statusCode, 201);
      const julyEdit = await w.manager.c.patch(`/api/worklogs/${logs.july.id}`, {
        version: logs.july.version,
        durationSeconds: 1800,
      });
      assert.equal(julyEdit.statusCode, 200, julyEdit.body);
      logs.july.version = julyEdit.json().version;
      assert.equal((await logWork(w.otherWorker.c, w.otherItem.key, '2024-06-05')).statusCode, 201);
    });

    test('FLOW-11, EXPL-1: the refusal to log work in a closed month has the code and message of its explanation, for the caller and in Check access', async () => {
      const date = '2024-06-20';
      const refusal = await logWork(w.worker.c, w.item.key, date);
      const explained = [
        await w.worker.c.get(`/api/explain?action=worklog.create&item=${w.item.key}&date=${date}`),
        await w.appAdmin.c.get(
          `/api/admin/check-access?action=worklog.create&item=${w.item.key}&date=${date}&userId=${w.worker.id}`,
        ),
      ];
      for (const res of explained) {
        assert.equal(res.statusCode, 200, res.body);
        const e = res.json();
        assert.deepEqual(
          [e.allowed, e.date, e.deciding.layer, e.deciding.code, e.deciding.message],
          [false, date, 'business', refusal.json().code, refusal.json().detail],
        );
      }
      const open = await w.worker.c.get(`/api/explain?action=worklog.create&item=${w.item.key}&date=2024-07-20`);
      assert.equal(open.json().allowed, true, open.body);
    });

    test('FLOW-3: after a reopen the same writes go through again', async () => {
      const reopened = await w.appAdmin.c.post(periodUrl(w.team.id, JUNE.start, 'reopen'));
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal((await logWork(w.worker.c, w.item.key, '2024-06-05')).statusCode, 201);
      assert.equal((await logWork(w.teamAdmin.c, w.item.key, '2024-06-06', w.worker.id)).statusCode, 201);
      const edit = await w.manager.c.patch(`/api/worklogs/${logs.june.id}`, {
        version: logs.june.version,
        durationSeconds: 60,
      });
      assert.equal(edit.statusCode, 200, edit.body);
      const moved = await w.worker.c.patch(`/api/worklogs/${logs.july.id}`, {
        version: logs.july.version,
        startDate: '2024-06-15',
      });
      assert.equal(moved.statusCode, 200, moved.body);
      const removed = await w.sysAdmin.c.delete(`/api/worklogs/${logs.sysAdmins.id}?version=${logs.sysAdmins.version}`);
      assert.equal(removed.statusCode, 204, removed.body);
    });
  });
