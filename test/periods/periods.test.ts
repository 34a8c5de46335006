// Guards FLOW-3 and FLOW-7 through the API: a team's months are listed with their state, closed and reopened only by
// MANAGE_TEAM holders, team_admin, app_admin and system administrators (others 403, or 404 for a team they cannot see);
// every close and reopen is a history row and an audit row; the transitions refuse what does not apply.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { periodRow, periodUrl, periodWorld, type Client, type PeriodWorld } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`team periods: close and reopen (${dialect})`, () => {
    let t: TestApp;
    let w: PeriodWorld;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
      w = await periodWorld(t);
    });
    after(() => t.close());

    const list = async (c: Client, year: number) => {
      const res = await c.get(`/api/teams/${w.team.id}/periods?year=${year}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        year: number;
        items: Array<{ start: string; end: string; state: string; version: number; updatedBy: unknown }>;
        abilities: { manage: boolean };
      };
    };

    test('FLOW-3: a year lists its twelve calendar months, each open until closed; a team lead closes and reopens one', async () => {
      const before = await list(w.lead.c, 2024);
      assert.equal(before.year, 2024);
      assert.deepEqual(
        before.items.map((p) => [p.start, p.end]),
        Array.from({ length: 12 }, (_, m) => {
          const last = new Date(Date.UTC(2024, m + 1, 0)).getUTCDate();
          const mm = String(m + 1).padStart(2, '0');
          return [`2024-${mm}-01`, `2024-${mm}-${last}`];
        }),
      );
      assert.ok(before.items.every((p) => p.state === 'open' && p.version === 1 && p.updatedBy === null));
      assert.equal(before.abilities.manage, true);

      const closed = await w.lead.c.post(periodUrl(w.team.id, '2024-02-01', 'close'), { version: 1 });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(
        { ...(closed.json() as object), updatedAt: undefined },
        {
          start: '2024-02-01',
          end: '2024-02-29',
          state: 'closed',
          version: 2,
          updatedAt: undefined,
          updatedBy: { id: w.lead.id, displayName: `User ${w.lead.login}` },
        },
      );
      const after = await list(w.worker.c, 2024);
      assert.deepEqual(
        after.items.filter((p) => p.state === 'closed').map((p) => p.start),
        ['2024-02-01'],
      );
      assert.equal(after.abilities.manage, false, 'a Team Member sees the months but may not close them');

      const reopened = await w.lead.c.post(periodUrl(w.team.id, '2024-02-01', 'reopen'), { comment: 'late entries' });
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal(reopened.json().state, 'open');
      assert.equal(reopened.json().version, 3);
      assert.equal((await periodRow(t.db, w.team.id, '2024-02-01'))?.state, 'open');
    });

    test('FLOW-3: closing a closed month or reopening an open one is 409 invalid_transition; a stale version is 409 version_conflict; a start that is not the first of a month is a 400 naming start', async () => {
      const reopenOpen = await w.lead.c.post(periodUrl(w.team.id, '2024-03-01', 'reopen'));
      assert.equal(reopenOpen.statusCode, 409, reopenOpen.body);
      assert.equal(reopenOpen.json().code, 'invalid_transition');
      assert.match(
        reopenOpen.json().detail,
        new RegExp(`2024-03-01 – 2024-03-31 of team '${w.team.name}' is already open`),
      );
      assert.equal(await periodRow(t.db, w.team.id, '2024-03-01'), undefined, 'a refused reopen stores nothing');

      assert.equal((await w.lead.c.post(periodUrl(w.team.id, '2024-03-01', 'close'))).statusCode, 200);
      const again = await w.appAdmin.c.post(periodUrl(w.team.id, '2024-03-01', 'close'));
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().code, 'invalid_transition');
      assert.match(again.json().detail, /is already closed/);

      const stale = await w.lead.c.post(periodUrl(w.team.id, '2024-03-01', 'reopen'), { version: 1 });
      assert.equal(stale.statusCode, 409, stale.body);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal(stale.json().currentVersion, 2);

      for (const start of ['2024-03-15', '2024-02-30', '2024-3-1']) {
        const bad = await w.lead.c.post(periodUrl(w.team.id, start, 'close'));
        assert.equal(bad.statusCode, 400, `${start}: ${bad.body}`);
        assert.equal(bad.json().field, 'params.start');
      }
      const midMonth = await w.lead.c.post(periodUrl(w.team.id, '2024-03-15', 'close'));
      assert.match(midMonth.json().detail, /first day of a month/);
      assert.equal((await w.lead.c.get(`/api/teams/${w.team.id}/periods?year=0`)).statusCode, 400);
    });

    test('FLOW-3: MANAGE_TEAM holders, team_admin, app_admin and system administrators close and reopen; a Team Member or a MANAGE_MEMBER_WORKLOGS holder gets 403, a user who cannot see the team 404', async () => {
      const allowed = { lead: w.lead, teamAdmin: w.teamAdmin, appAdmin: w.appAdmin, sysAdmin: w.sysAdmin };
      for (const [who, person] of Object.entries(allowed)) {
        assert.equal((await list(person.c, 2023)).abilities.manage, true, who);
        for (const step of ['close', 'reopen'] as const) {
          const res = await person.c.post(periodUrl(w.team.id, '2023-05-01', step));
          assert.equal(res.statusCode, 200, `${who} ${step}: ${res.body}`);
        }
      }
      for (const [who, person] of Object.entries({ worker: w.worker, manager: w.manager })) {
        assert.equal((await list(person.c, 2023)).abilities.manage, false, who);
        for (const step of ['close', 'reopen'] as const) {
          const res = await person.c.post(periodUrl(w.team.id, '2023-05-01', step));
          assert.equal(res.statusCode, 403, `${who} ${step}: ${res.body}`);
        }
      }
      const hidden = [
        await w.outsider.c.get(`/api/teams/${w.team.id}/periods?year=2023`),
        await w.outsider.c.get(periodUrl(w.team.id, '2023-05-01', 'history')),
        await w.outsider.c.post(periodUrl(w.team.id, '2023-05-01', 'close')),
        await w.otherWorker.c.post(periodUrl(w.team.id, '2023-05-01', 'close')),
        await w.lead.c.post(periodUrl(2_147_483_647, '2023-05-01', 'close')),
      ];
      for (const res of hidden) assert.deepEqual([res.statusCode, res.json().code], [404, 'not_found'], res.body);
      assert.doesNotMatch(hidden[2].body, new RegExp(w.team.name), 'no trace of the team');
      assert.equal((await periodRow(t.db, w.team.id, '2023-05-01'))?.version, 9, 'four closes and four reopens');
    });

    test('FLOW-7: every close and reopen is kept — who, when, from, to, comment — and audited in the same transaction', async () => {
      const start = '2023-09-01';
      await w.lead.c.post(periodUrl(w.team.id, start, 'close'), { comment: 'Month end' });
      await w.teamAdmin.c.post(periodUrl(w.team.id, start, 'reopen'), { comment: '  correction for ACME  ' });
      await w.appAdmin.c.post(periodUrl(w.team.id, start, 'close'));
      const res = await w.worker.c.get(periodUrl(w.team.id, start, 'history'));
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as Array<{
        from: string;
        to: string;
        at: string;
        actor: { id: number };
        comment: string;
      }>;
      assert.deepEqual(
        items.map((h) => [h.from, h.to, h.actor.id, h.comment]),
        [
          ['open', 'closed', w.lead.id, 'Month end'],
          ['closed', 'open', w.teamAdmin.id, 'correction for ACME'],
          ['open', 'closed', w.appAdmin.id, ''],
        ],
      );
      assert.ok(items.every((h) => !Number.isNaN(Date.parse(h.at))));
      const never = await w.worker.c.get(periodUrl(w.team.id, '2023-10-01', 'history'));
      assert.deepEqual(never.json(), { items: [] });

      const row = await periodRow(t.db, w.team.id, start);
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'project_id', 'after'])
        .where('entity_type', '=', 'team_period')
        .where('entity_id', '=', String(row!.id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_id, a.project_id]),
        [
          ['period.close', w.lead.id, w.project.id],
          ['period.reopen', w.teamAdmin.id, w.project.id],
          ['period.close', w.appAdmin.id, w.project.id],
        ],
      );
      assert.deepEqual(audit[1].after, {
        teamId: w.team.id,
        start,
        end: '2023-09-30',
        state: 'open',
        version: 3,
        comment: 'correction for ACME',
      });
    });
  });
