// Guards who reaches charging and what they see: the Cost area (APP-2) — billing_viewer lists but cannot charge; money
// only for the money roles (PRICE-7); a billing admin sees no trace of work logs on items they may not view (ITEM-9),
// only their hours; and bad input is a 400 naming the field, with nothing written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SubjectFacts } from '../../src/authz/facts.js';
import type { Actor } from '../../src/authz/engine.js';
import { chargeOut, chargeWorklogOut, totalsOut } from '../../src/modules/charges/present.js';
import {
  createAppAdmin,
  createProject,
  createTestApp,
  createUser,
  DIALECTS,
  type TestApp,
} from '../helpers/harness.js';
import { assertNoMoney, grantAppRole } from '../helpers/teams.js';
import { as, editor, secure } from '../security/fixtures.js';
import { billingAdmin, chargeBody, chargingWorld, counts, RATE } from './fixtures.js';

const WEEK = ['2026-03-02', '2026-03-08'] as const;

for (const dialect of DIALECTS)
  describe(`charging: areas, money and visibility (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('APP-2: users whose roles do not open the Cost area get 403 area_closed; billing_viewer lists charges but cannot charge or revoke', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const charge = (await w.bc.post('/api/charges', chargeBody([id]))).json();
      const teamAdmin = await createUser(t.db);
      await grantAppRole(t.db, teamAdmin.id, 'team_admin');
      for (const c of [w.ac, await as(t.app, teamAdmin.login)])
        for (const res of [
          await c.get('/api/charges/candidates'),
          await c.get('/api/charges'),
          await c.get(`/api/charges/${charge.id}`),
          await c.post('/api/charges', chargeBody([id])),
          await c.post(`/api/charges/${charge.id}/revoke`, { version: 1 }),
        ]) {
          assert.equal(res.statusCode, 403, res.body);
          assert.equal(res.json().code, 'area_closed');
        }

      const viewer = await as(t.app, (await billingAdmin(t.db, w.project.id, 'billing_viewer')).login);
      const page = await viewer.get('/api/charges');
      assert.equal(page.statusCode, 200, page.body);
      assert.equal(page.json().abilities.canCharge, false);
      const listed = page.json().items.find((c: { id: number }) => c.id === charge.id);
      assert.equal(listed.amount, '999.99', 'billing_viewer is a money role (PRICE-7)');
      assert.equal(listed.abilities.canRevoke, false);
      assert.equal((await viewer.get(`/api/charges/${charge.id}`)).statusCode, 200);
      for (const res of [
        await viewer.get('/api/charges/candidates'),
        await viewer.post('/api/charges', chargeBody([id])),
        await viewer.post(`/api/charges/${charge.id}/revoke`, { version: 1 }),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'missing_authority');
      }
      assert.equal((await w.bc.get('/api/charges/2000000000')).statusCode, 404);
    });

    test('PRICE-7: money of a charge reaches only the money roles — not the author refused an edit, not an audit reader without one', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const charge = (await w.bc.post('/api/charges', chargeBody([id], { amount: '4321.09' }))).json();
      await w.slice(...WEEK, 'open');
      const refused = await w.ac.patch(`/api/worklogs/${id}`, { version: 1, durationSeconds: 60 });
      assert.equal(refused.json().code, 'worklog_charged');
      assertNoMoney(refused.body, [RATE, '4321.09'], 'the refusal');

      const sysAdmin = await as(t.app, (await createUser(t.db, { systemAdmin: true })).login);
      const audit = await sysAdmin.get(`/api/audit?entityType=charge&entityId=${charge.id}`);
      assert.equal(audit.statusCode, 200, audit.body);
      const [row] = audit.json().items;
      assert.equal(row.action, 'charge.create');
      assert.deepEqual(row.hiddenFields, ['amount']);
      assertNoMoney(audit.body, ['4321.09'], 'the audit log');
      const appAdmin = await as(t.app, (await createAppAdmin(t.db)).login);
      const seen = (await appAdmin.get(`/api/audit?entityType=charge&entityId=${charge.id}`)).json();
      assert.equal(seen.items[0].after.amount, '4321.09');
    });

    test('PRICE-7: the charge presenters leave out every money field for a reader without a money role', () => {
      const subject: SubjectFacts = {
        userId: 1,
        active: true,
        systemAdmin: false,
        groups: [],
        appRoles: [],
        denies: [],
        teams: [],
      };
      const reader = { actor: { subject } as Actor, seesMoney: false, seesTeamNames: true };
      const worklog = {
        id: 1,
        start_date: '2026-03-02',
        duration_seconds: 3600,
        description: 'd',
        item_key: 'AB-1',
        item_title: 'T',
        project_key: 'AB',
        author_id: 1,
        author_name: 'A',
        team_id: null,
        team_name: null,
        rate: RATE,
        currency: 'EUR',
        value: RATE,
      };
      const totals = [{ currency: 'EUR', count: 1, seconds: 3600, amount: RATE }];
      const charge = {
        id: 1,
        invoice_number: 'INV-1',
        invoice_date: '2026-03-31',
        amount: '4321.09',
        currency: 'EUR',
        created_at: new Date(),
        created_by: 1,
        created_by_name: 'A',
        revoked_at: null,
        revoked_by: null,
        revoked_by_name: null,
        version: 1,
        worklog_count: 1,
        seconds: 3600,
        value_totals: [{ currency: 'EUR', amount: RATE }],
      };
      assertNoMoney(chargeWorklogOut(worklog, reader), [RATE]);
      assertNoMoney(totalsOut(totals, reader), [RATE]);
      assertNoMoney(chargeOut(charge, reader), [RATE, '4321.09']);
      assert.equal(chargeOut(charge, { ...reader, seesMoney: true }).amount, '4321.09');
    });

    test("ITEM-9: a billing admin sees no trace of work logs on items they may not view — not among candidates, not chargeable, an invoice's hours only", async () => {
      const w = await chargingWorld(t.db, t.app);
      const seer = await billingAdmin(t.db, w.project.id);
      const secret = await w.newItem(undefined, 'Secret takeover plan');
      await secure(await as(t.app, w.admin.login), secret.key, [editor('user', w.author.id), editor('user', seer.id)]);
      const shown = await w.log('2026-03-02', 3600);
      const hidden = await w.log('2026-03-03', 5400, { itemId: secret.id });
      const { description } = await t.db
        .selectFrom('worklogs')
        .select('description')
        .where('id', '=', hidden)
        .executeTakeFirstOrThrow();
      await w.slice(...WEEK);
      const traces = [secret.key, 'Secret takeover plan', description];

      const candidates = await w.bc.get(`/api/charges/candidates?projectId=${w.project.id}`);
      assert.deepEqual(
        candidates.json().items.map((i: { id: number }) => i.id),
        [shown],
      );
      assert.equal(candidates.json().totals.seconds, 3600);
      for (const trace of traces) assert.ok(!candidates.body.includes(trace), `candidates leak ${trace}`);
      const before = await counts(t.db);
      const refused = await w.bc.post('/api/charges', chargeBody([hidden]));
      assert.equal(refused.json().code, 'not_chargeable');
      assert.deepEqual(await counts(t.db), before);

      const seerClient = await as(t.app, seer.login);
      const charge = (await seerClient.post('/api/charges', chargeBody([shown, hidden]))).json();
      const detail = await w.bc.get(`/api/charges/${charge.id}`);
      assert.equal(detail.statusCode, 200, detail.body);
      assert.deepEqual(
        detail.json().worklogs.map((x: { id: number }) => x.id),
        [shown],
      );
      assert.deepEqual(detail.json().hidden, { seconds: 5400 });
      for (const trace of traces) assert.ok(!detail.body.includes(trace), `the invoice leaks ${trace}`);

      const outsider = await as(t.app, (await billingAdmin(t.db, (await createProject(t.db)).id)).login);
      const filters = (await outsider.get('/api/charges/filters')).json();
      assert.ok(!filters.projects.some((p: { id: number }) => p.id === w.project.id));
    });

    test('API-5: bad input to charging is a 400 naming the field, and writes nothing', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const before = await counts(t.db);
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ invoiceNumber: '   ' }, 'invoiceNumber'],
        [{ invoiceDate: '2026-02-30' }, 'invoiceDate'],
        [{ amount: '85.505' }, 'amount'],
        [{ amount: 85.5 }, 'amount'],
        [{ currency: 'eur' }, 'currency'],
        [{ worklogIds: [] }, 'worklogIds'],
        [{ worklogIds: [id, id] }, 'worklogIds.1'],
        [{ extra: true }, 'extra'],
      ];
      for (const [change, field] of cases) {
        const res = await w.bc.post('/api/charges', chargeBody([id], change));
        assert.equal(res.statusCode, 400, `${JSON.stringify(change)}: ${res.body}`);
        assert.equal(res.json().field, field, JSON.stringify(change));
      }
      const range = await w.bc.get('/api/charges/candidates?from=2026-03-10&to=2026-03-01');
      assert.equal(range.statusCode, 400);
      assert.equal(range.json().field, 'query.to');
      const revoke = await w.bc.post('/api/charges/1/revoke', { version: 0 });
      assert.equal(revoke.json().field, 'version');
      assert.deepEqual(await counts(t.db), before);
    });
  });
