// Guards EXPL-1 for dated actions: "Why can't I…?" and "Check access" explain logging work for the given date, or today in
// the installation's time zone, with the team and price-list check (PRICE-3), and say which date; their answer is the
// code and message POST /api/worklogs gives for that date; who-has-access's log-work column is decided for today (EXPL-2).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDateSettings } from '../../src/lib/installation.js';
import { addDays, calendarDateIn } from '../helpers/dates.js';
import {
  createItem,
  createProject,
  createUser,
  DIALECTS,
  grant,
  createTestApp,
  type TestApp,
} from '../helpers/harness.js';
import { addMember, createPriceList, createTeam } from '../helpers/teams.js';
import { createAppAdmin } from '../projects/fixtures.js';
import { as, type Client } from '../security/fixtures.js';

interface Explanation {
  allowed: boolean;
  date: string | null;
  deciding: { code: string; message: string };
}

for (const dialect of DIALECTS)
  describe(`explain a dated action (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    /** A project where `worker` holds every project permission, and an administrator who browses it. */
    async function world() {
      const project = await createProject(t.db);
      const worker = await createUser(t.db);
      const item = await createItem(t.db, { projectId: project.id });
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: worker.id });
      const admin = await createAppAdmin(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: admin.id });
      return { project, item, worker, wc: await as(t.app, worker.login), ac: await as(t.app, admin.login) };
    }

    async function explained(c: Client, url: string): Promise<Explanation> {
      const res = await c.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    }

    /** Logs work for real and answers [status, code, message]; the explanation must say the same. */
    async function logWork(
      c: Client,
      itemKey: string,
      startDate: string,
    ): Promise<[number, string | null, string | null]> {
      const res = await c.post('/api/worklogs', { itemKey, startDate, durationSeconds: 60 });
      return res.statusCode === 201 ? [201, null, null] : [res.statusCode, res.json().code, res.json().detail];
    }
    const verdict = (e: Explanation): [number, string | null, string | null] =>
      e.allowed ? [201, null, null] : [403, e.deciding.code, e.deciding.message];

    test('EXPL-1, PRICE-3: without a date, logging work is explained for today — a user in no team is refused with not_in_team, as creating the work log is', async () => {
      const w = await world();
      const { today } = await loadDateSettings(t.db);
      const own = await explained(w.wc, `/api/explain?action=worklog.create&item=${w.item.key}`);
      const other = await explained(
        w.ac,
        `/api/admin/check-access?action=worklog.create&item=${w.item.key}&userId=${w.worker.id}`,
      );
      for (const e of [own, other]) {
        assert.equal(e.date, today, 'the explanation says which date it is for');
        assert.deepEqual([e.allowed, e.deciding.code], [false, 'not_in_team']);
        assert.deepEqual(verdict(e), await logWork(w.wc, w.item.key, today));
      }
      const access = await w.ac.get(`/api/items/${w.item.key}/access?limit=50`);
      assert.equal(access.statusCode, 200, access.body);
      const row = access.json().items.find((r: { user: { id: number } }) => r.user.id === w.worker.id);
      assert.deepEqual(
        [row.logWork.allowed, row.logWork.why, row.logWork.layer, row.logWork.date],
        [false, own.deciding.message, 'business', today],
      );
      // Actions without a date say so.
      assert.equal((await explained(w.wc, `/api/explain?action=item.edit&item=${w.item.key}`)).date, null);
    });

    test('EXPL-1, PRICE-3, PRICE-8: with a date, the price list valid on that date decides — the explanation and the creation agree on every date', async () => {
      const w = await world();
      const { today } = await loadDateSettings(t.db);
      const team = await createTeam(t.db, w.project.id);
      await addMember(t.db, team.id, w.worker.id);
      await createPriceList(t.db, team.id, { validFrom: addDays(today, -10), validTo: addDays(today, -3) });
      await createPriceList(t.db, team.id, { validFrom: today });
      for (const date of [addDays(today, -20), addDays(today, -5), addDays(today, -2), today, addDays(today, 3)]) {
        const e = await explained(w.wc, `/api/explain?action=worklog.create&item=${w.item.key}&date=${date}`);
        const a = await explained(
          w.ac,
          `/api/admin/check-access?action=worklog.create&item=${w.item.key}&date=${date}&userId=${w.worker.id}`,
        );
        assert.deepEqual([e.date, a.date], [date, date]);
        const answer = await logWork(w.wc, w.item.key, date);
        assert.deepEqual(verdict(e), answer, `${date}: explained ${e.deciding.code}`);
        assert.deepEqual(verdict(a), answer, `${date}: checked ${a.deciding.code}`);
      }
      const undated = await explained(w.wc, `/api/explain?action=worklog.create&item=${w.item.key}`);
      assert.deepEqual([undated.allowed, undated.date], [true, today]);
      const gap = await explained(
        w.wc,
        `/api/explain?action=worklog.create&item=${w.item.key}&date=${addDays(today, -2)}`,
      );
      assert.equal(gap.deciding.code, 'no_valid_price_list');
    });

    test('EXPL-1: "today" is the installation\'s: the time zone setting decides the date an undated explanation is for', async () => {
      const w = await world();
      // Kiritimati (UTC+14) and Pago Pago (UTC−11) are never on the same calendar day.
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        await t.db.updateTable('app_settings').set({ time_zone: zone }).execute();
        const before = calendarDateIn(zone);
        const e = await explained(w.wc, `/api/explain?action=worklog.create&item=${w.item.key}`);
        assert.ok(
          [before, calendarDateIn(zone)].includes(e.date!),
          `${zone}: explained for ${e.date}, today there is ${before}`,
        );
      }
      await t.db.updateTable('app_settings').set({ time_zone: 'UTC' }).execute();
    });

    test('EXPL-1, API-5: a date that is not a calendar date is a 400 naming the field', async () => {
      const w = await world();
      for (const date of ['2026-02-30', 'today', '06.12.2026']) {
        const res = await w.wc.get(`/api/explain?action=worklog.create&item=${w.item.key}&date=${date}`);
        assert.equal(res.statusCode, 400, `${date}: ${res.body}`);
        assert.match(res.json().field ?? '', /date$/);
      }
    });
  });
