// Guards FLOW-9 (and FLOW-7 for charges): a billing_admin charges approved, uncharged work logs under an invoice
// reference, all or nothing; charged work logs refuse every change until the charge is revoked; revocation is kept in
// the charge's history and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAppAdmin, createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { auditRowsFor } from '../projects/fixtures.js';
import { as } from '../security/fixtures.js';
import { chargeBody, chargeIdOf, chargingWorld, counts, RATE } from './fixtures.js';

const WEEK = ['2026-03-02', '2026-03-08'] as const;
const NEXT_WEEK = ['2026-03-09', '2026-03-15'] as const;

for (const dialect of DIALECTS)
  describe(`charging work logs (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('FLOW-9: a billing_admin lists approved, uncharged work logs with totals in SQL and charges them under an invoice (FLOW-7: history, audited)', async () => {
      const w = await chargingWorld(t.db, t.app);
      const a = await w.log('2026-03-02', 5400);
      const b = await w.log('2026-03-03', 1800);
      const teamless = await w.log('2026-03-04', 3600, { teamless: true });
      const unapproved = await w.log('2026-03-10', 3600);
      await w.slice(...WEEK);
      await w.slice(...WEEK, 'approved', null);
      await w.slice(...NEXT_WEEK, 'submitted');

      const listed = await w.bc.get(`/api/charges/candidates?projectId=${w.project.id}`);
      assert.equal(listed.statusCode, 200, listed.body);
      const body = listed.json();
      assert.deepEqual(
        body.items.map((i: { id: number }) => i.id),
        [a, b, teamless],
      );
      assert.ok(!body.items.some((i: { id: number }) => i.id === unapproved), 'a submitted slice is not approved');
      // 87.35 × 1.5 h = 131.025 → 131.03; 87.35 × 0.5 h = 43.675 → 43.68: each line rounded, the total their sum.
      assert.deepEqual(body.items[0], {
        ...body.items[0],
        seconds: 5400,
        rate: RATE,
        currency: 'EUR',
        value: '131.03',
        team: { id: w.team.id, name: w.team.name },
      });
      assert.equal('value' in body.items[2], false, 'a work log without a price list has hours only');
      assert.deepEqual(body.totals, { count: 3, seconds: 10800, values: [{ currency: 'EUR', amount: '174.71' }] });
      assert.equal(body.truncated, false);
      const filters = (await w.bc.get('/api/charges/filters?from=2026-03-01&to=2026-03-31')).json();
      assert.ok(filters.projects.some((p: { id: number }) => p.id === w.project.id));
      assert.ok(filters.teams.some((team: { id: number }) => team.id === w.team.id));

      const input = chargeBody([a, b, teamless], { amount: '174.71' });
      const res = await w.bc.post('/api/charges', input);
      assert.equal(res.statusCode, 201, res.body);
      const charge = res.json();
      assert.equal(charge.invoiceNumber, input.invoiceNumber);
      assert.equal(charge.state, 'charged');
      assert.equal(charge.amount, '174.71');
      assert.deepEqual(charge.totals, { count: 3, seconds: 10800, values: [{ currency: 'EUR', amount: '174.71' }] });
      assert.equal(charge.abilities.canRevoke, true);
      for (const id of [a, b, teamless]) assert.equal(await chargeIdOf(t.db, id), charge.id);
      assert.equal(await chargeIdOf(t.db, unapproved), null);

      const again = await w.bc.get(`/api/charges/candidates?projectId=${w.project.id}`);
      assert.deepEqual(again.json().items, [], 'charged work logs are no longer candidates');
      const [audit] = await auditRowsFor(t.db, 'charge', charge.id);
      assert.equal(audit.action, 'charge.create');
      assert.deepEqual((audit.after as { worklogIds: number[] }).worklogIds, [a, b, teamless]);

      const detail = (await w.bc.get(`/api/charges/${charge.id}`)).json();
      assert.deepEqual(
        detail.worklogs.map((x: { id: number }) => x.id),
        [a, b, teamless],
      );
      assert.deepEqual(detail.hidden, { seconds: 0 });
      assert.deepEqual(
        detail.history.map((h: { from: string | null; to: string; actor: { id: number } }) => [
          h.from,
          h.to,
          h.actor.id,
        ]),
        [[null, 'charged', w.billing.id]],
      );
      const page = (await w.bc.get('/api/charges?limit=5')).json();
      assert.equal(page.items[0].id, charge.id);
      assert.equal(page.abilities.canCharge, true);
    });

    test('FLOW-9: a week slice starting on the first of the month does not approve the work of a month-period project', async () => {
      const w = await chargingWorld(t.db, t.app);
      await t.db.updateTable('projects').set({ period_length: 'month' }).where('id', '=', w.project.id).execute();
      const id = await w.log('2026-06-03', 3600);
      await w.slice('2026-06-01', '2026-06-07');
      const ids = async () =>
        (await w.bc.get(`/api/charges/candidates?projectId=${w.project.id}`))
          .json()
          .items.map((i: { id: number }) => i.id);
      assert.deepEqual(await ids(), []);
      await w.slice('2026-06-01', '2026-06-30');
      assert.deepEqual(await ids(), [id]);
    });

    test('FLOW-9: an unapproved or already-charged work log refuses the whole charge — 409 not_chargeable naming them, nothing written', async () => {
      const w = await chargingWorld(t.db, t.app);
      const charged = await w.log('2026-03-02', 3600);
      const fine = await w.log('2026-03-03', 3600);
      const unapproved = await w.log('2026-03-11', 3600);
      await w.slice(...WEEK);
      await w.slice(...NEXT_WEEK, 'submitted');
      assert.equal((await w.bc.post('/api/charges', chargeBody([charged]))).statusCode, 201);

      const before = await counts(t.db);
      const missing = 2_000_000_000;
      const res = await w.bc.post('/api/charges', chargeBody([fine, unapproved, charged, missing]));
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'not_chargeable');
      assert.deepEqual(
        res.json().worklogIds,
        [charged, unapproved, missing].sort((x, y) => x - y),
      );
      assert.match(res.json().detail, new RegExp(`${unapproved}`));
      assert.deepEqual(await counts(t.db), before);
      assert.equal(await chargeIdOf(t.db, fine), null);
    });

    test('FLOW-9: a charged work log refuses changes and deletion — 409 worklog_charged naming the invoice, for its author and for app_admin', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const input = chargeBody([id]);
      assert.equal((await w.bc.post('/api/charges', input)).statusCode, 201);
      // The slice is reopened (FLOW-2): the timesheet no longer locks the work log, its charge still does.
      await w.slice(...WEEK, 'open');
      const admin = await createAppAdmin(t.db);
      await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: admin.id }).execute();
      const adminClient = await as(t.app, admin.login);

      for (const c of [w.ac, adminClient]) {
        const edit = await c.patch(`/api/worklogs/${id}`, { version: 1, durationSeconds: 60 });
        assert.equal(edit.statusCode, 409, edit.body);
        assert.equal(edit.json().code, 'worklog_charged');
        assert.match(edit.json().detail, new RegExp(`invoice ${input.invoiceNumber}`));
        const removal = await c.delete(`/api/worklogs/${id}?version=1`);
        assert.equal(removal.statusCode, 409, removal.body);
        assert.equal(removal.json().code, 'worklog_charged');
      }
      const row = await t.db.selectFrom('worklogs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.duration_seconds, 3600);
      assert.equal(row.version, 1);
    });

    test('FLOW-9, FLOW-7: revoking a charge releases its work logs, is kept in its history and audited; its invoice number is free again', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const input = chargeBody([id]);
      const charge = (await w.bc.post('/api/charges', input)).json();

      const stale = await w.bc.post(`/api/charges/${charge.id}/revoke`, { version: charge.version + 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');
      const res = await w.bc.post(`/api/charges/${charge.id}/revoke`, { version: charge.version });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, 'revoked');
      assert.equal(res.json().revokedBy.id, w.billing.id);
      assert.equal(res.json().abilities.canRevoke, false);
      assert.equal(await chargeIdOf(t.db, id), null);
      const twice = await w.bc.post(`/api/charges/${charge.id}/revoke`, { version: res.json().version });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().code, 'charge_revoked');

      const audits = await auditRowsFor(t.db, 'charge', charge.id);
      assert.deepEqual(
        audits.map((r) => r.action),
        ['charge.create', 'charge.revoke'],
      );
      assert.deepEqual((audits[1].after as { worklogIds: number[] }).worklogIds, [id]);
      const detail = (await w.bc.get(`/api/charges/${charge.id}`)).json();
      assert.deepEqual(
        detail.history.map((h: { from: string | null; to: string }) => [h.from, h.to]),
        [
          [null, 'charged'],
          ['charged', 'revoked'],
        ],
      );

      await w.slice(...WEEK, 'open');
      const edit = await w.ac.patch(`/api/worklogs/${id}`, { version: 1, durationSeconds: 1800 });
      assert.equal(edit.statusCode, 200, edit.body);

      await w.slice(...WEEK);
      const reused = await w.bc.post('/api/charges', { ...input, invoiceNumber: input.invoiceNumber.toLowerCase() });
      assert.equal(reused.statusCode, 201, reused.body);
      const other = await w.log('2026-03-05', 600);
      const before = await counts(t.db);
      const duplicate = await w.bc.post('/api/charges', chargeBody([other], { invoiceNumber: input.invoiceNumber }));
      assert.equal(duplicate.statusCode, 409, duplicate.body);
      assert.equal(duplicate.json().code, 'invoice_exists');
      assert.equal(duplicate.json().field, 'invoiceNumber');
      assert.deepEqual(await counts(t.db), before);
    });
  });
