// Guards shared report links (REP-6): a link opens signed out and shows the summary as its creator may see it at that
// moment (a creator who loses a member's work logs shares them no more; a deactivated creator shares nothing); money only
// when the link includes it and the creator may see money (PRICE-7); it expires within 90 days and can be revoked, after
// which it is a 404 like a link that never existed; every open is counted and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAppAdmin, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember, assertNoMoney, leaveTeam } from '../helpers/teams.js';
import { chargingWorld, RATE } from '../charges/fixtures.js';
import { as } from '../security/fixtures.js';

const REPORT = { from: '2026-03-01', to: '2026-04-30', groupBy: 'project,user' };
const soon = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

for (const dialect of DIALECTS)
  describe(`shared report links (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function linkWorld() {
      const w = await chargingWorld(t.db, t.app);
      await w.log('2026-03-02', 3600);
      await w.log('2026-03-03', 1800);
      const lead = await w.member();
      await addMember(t.db, w.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      return { ...w, lead, lc: await as(t.app, lead.login) };
    }
    const openSignedOut = (token: string) => t.app.inject({ method: 'GET', url: `/api/shared/reports/${token}` });
    const opens = async (linkId: number) =>
      (
        await t.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'reportLink.open')
          .where('entity_id', '=', String(linkId))
          .executeTakeFirstOrThrow()
      ).n;

    test('REP-6: a link opens signed out with the creator’s summary; each open is counted and audited; revoked, it is a 404', async () => {
      const w = await linkWorld();
      const made = await w.lc.post('/api/reports/links', {
        name: 'March for Harbour',
        report: REPORT,
        expiresOn: soon(),
      });
      assert.equal(made.statusCode, 201, made.body);
      const link = made.json();
      assert.match(link.token, /^twr_/);
      assert.equal(link.state, 'active');
      for (let k = 0; k < 2; k++) {
        const shared = await openSignedOut(link.token);
        assert.equal(shared.statusCode, 200, shared.body);
        assert.equal(shared.json().summary.total.seconds, 5400);
        assert.equal(shared.json().name, 'March for Harbour');
        assert.deepEqual(shared.json().report.groupBy, ['project', 'user']);
      }
      assert.equal(Number(await opens(link.id)), 2);
      const listed = (await w.lc.get('/api/reports/links')).json().items;
      assert.equal(listed[0].openedCount, 2);
      assert.ok(!JSON.stringify(listed).includes(link.token), 'the token is shown once, at creation');

      const revoked = await w.lc.post(`/api/reports/links/${link.id}/revoke`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal(revoked.json().state, 'revoked');
      const gone = await openSignedOut(link.token);
      assert.equal(gone.statusCode, 404);
      assert.deepEqual(
        { status: gone.statusCode, code: gone.json().code },
        { status: (await openSignedOut('twr_never-issued-token')).statusCode, code: 'not_found' },
        'a revoked link answers like one that never existed',
      );
      assert.equal(Number(await opens(link.id)), 2, 'a refused open is not counted');
      const other = await as(t.app, (await w.member()).login);
      assert.equal((await other.post(`/api/reports/links/${link.id}/revoke`)).statusCode, 404, 'another user’s link');
    });

    test('REP-6, REP-5: every open re-checks the creator — without the team permission the member’s hours go; deactivated, nothing is shared', async () => {
      const w = await linkWorld();
      const link = (await w.lc.post('/api/reports/links', { name: 'Team', report: REPORT, expiresOn: soon() })).json();
      assert.equal((await openSignedOut(link.token)).json().summary.total.seconds, 5400);
      await leaveTeam(t.db, w.team.id, w.lead.id);
      const after = await openSignedOut(link.token);
      assert.equal(after.statusCode, 200);
      assert.equal(after.json().summary.total.seconds, 0);
      assert.ok(!after.body.includes(w.author.login), 'the member is not named any more');
      await t.db.updateTable('users').set({ active: false }).where('id', '=', w.lead.id).execute();
      assert.equal((await openSignedOut(link.token)).statusCode, 404);
    });

    test('REP-6, PRICE-7: money only when the link includes it and its creator may see money now', async () => {
      const w = await linkWorld();
      const refused = await w.lc.post('/api/reports/links', {
        name: 'With money',
        report: REPORT,
        expiresOn: soon(),
        includeMoney: true,
      });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'missing_authority');

      const admin = await createAppAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: admin.id });
      const ac = await as(t.app, admin.login);
      const withMoney = (
        await ac.post('/api/reports/links', { name: 'M', report: REPORT, expiresOn: soon(), includeMoney: true })
      ).json();
      const without = (await ac.post('/api/reports/links', { name: 'H', report: REPORT, expiresOn: soon() })).json();
      assert.deepEqual((await openSignedOut(withMoney.token)).json().summary.total.revenue, [
        { currency: 'EUR', amount: '131.03' },
      ]);
      assertNoMoney((await openSignedOut(without.token)).body, [RATE, '131.03'], 'a link without money');
      // The creator loses app_admin (and keeps the Reports area through the default roles): the money goes.
      await t.db
        .deleteFrom('group_members')
        .where('user_id', '=', admin.id)
        .where('group_id', 'in', (eb) =>
          eb
            .selectFrom('app_role_grants')
            .select('group_id')
            .where('role', '=', 'app_admin')
            .where('group_id', 'is not', null),
        )
        .execute();
      const now = await openSignedOut(withMoney.token);
      assert.equal(now.statusCode, 200, now.body);
      assertNoMoney(now.body, [RATE, '131.03'], 'a money link whose creator no longer sees money');
    });

    test('REP-6: a link expires within 90 days — a later or past day is a 400 naming the field; an expired link is a 404', async () => {
      const w = await linkWorld();
      for (const expiresOn of ['2020-01-01', new Date(Date.now() + 91 * 86_400_000).toISOString().slice(0, 10)]) {
        const res = await w.lc.post('/api/reports/links', { name: 'X', report: REPORT, expiresOn });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, 'expiresOn');
      }
      const bad = await w.lc.post('/api/reports/links', {
        name: 'X',
        report: { ...REPORT, groupBy: 'colour' },
        expiresOn: soon(),
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().field, 'report.groupBy');
      const link = (await w.lc.post('/api/reports/links', { name: 'Old', report: REPORT, expiresOn: soon() })).json();
      await t.db
        .updateTable('report_links')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', link.id)
        .execute();
      assert.equal((await openSignedOut(link.token)).statusCode, 404);
      assert.equal((await w.lc.get('/api/reports/links')).json().items[0].state, 'expired');
    });
  });
