// Guards PRICE-7 for price lists: rates reach only app_admin, billing_admin and billing_viewer. Everyone else —
// a team lead, a project administrator, a system administrator without a money role — sees the price lists
// without any money at any depth of any response: lists, refusals, error messages and the audit log.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/harness.js';
import { assertNoMoney, createPriceList, createTeam, findMoney } from '../helpers/teams.js';
import { insertWorklog, pricingSuite } from './fixtures.js';

const RATES = ['87.35', '123.45', '64.07'];

for (const dialect of DIALECTS)
  describe(`price lists: who sees money (${dialect})`, () => {
    const w = pricingSuite(dialect);
    let ids: { used: number; open: number };
    before(async () => {
      const used = await createPriceList(w.db, w.team.id, {
        name: 'Past',
        hourlyRate: RATES[0],
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
      });
      await insertWorklog(w.db, w, used, '2025-06-02');
      const open = await createPriceList(w.db, w.team.id, {
        name: 'Current',
        hourlyRate: RATES[1],
        validFrom: '2026-01-01',
      });
      ids = { used: used.id, open: open.id };
      // A change by a money manager, so the audit log holds price-list rows.
      const res = await w.appAdmin.c.post(`/api/price-lists/${open.id}/successor`, {
        version: 1,
        hourlyRate: RATES[2],
        validFrom: '2026-07-01',
      });
      assert.equal(res.statusCode, 201, res.body);
    });

    const listUrl = () => `/api/teams/${w.team.id}/price-lists`;
    const nonMoney = () =>
      [
        ['a team lead', w.teamLead],
        ['a project administrator', w.projectAdmin],
        ['a system administrator', w.systemAdmin],
      ] as const;

    test('PRICE-7: a billing_viewer, a billing_admin and an app_admin see every hourly rate as a decimal string', async () => {
      for (const who of [w.billingViewer, w.billingAdmin, w.appAdmin]) {
        const res = await who.c.get(listUrl());
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(
          res.json().items.map((p: { name: string; hourlyRate: string }) => [p.name, p.hourlyRate]),
          [
            ['Past', RATES[0]],
            ['Current', RATES[1]],
            ['Current', RATES[2]],
          ],
        );
      }
      assert.deepEqual(
        (await w.billingViewer.c.get(listUrl())).json().items[0].abilities,
        { canEdit: false, canDelete: false, canChangeRate: false, canStartSuccessor: false },
        'billing_viewer only reads',
      );
    });

    test('PRICE-7: a team lead, a project administrator and a system administrator without a money role see the lists with no money at all', async () => {
      for (const [who, user] of nonMoney()) {
        const res = await user.c.get(listUrl());
        assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
        const { items } = res.json();
        assert.equal(items.length, 3, who);
        for (const item of items) assert.ok(!('hourlyRate' in item), `${who}: hourlyRate is absent, not null`);
        assert.deepEqual(
          items.map(
            (p: { name: string; currency: string; validFrom: string; validTo: string | null; used: boolean }) => [
              p.name,
              p.currency,
              p.validFrom,
              p.validTo,
              p.used,
            ],
          ),
          [
            ['Past', 'EUR', '2025-01-01', '2025-12-31', true],
            ['Current', 'EUR', '2026-01-01', '2026-06-30', false],
            ['Current', 'EUR', '2026-07-01', null, false],
          ],
          who,
        );
        assert.deepEqual(
          items[1].abilities,
          { canEdit: false, canDelete: false, canChangeRate: false, canStartSuccessor: false },
          who,
        );
        assertNoMoney(res.body, RATES, `${who}'s list`);
      }
    });

    test('PRICE-7: refusals of every write route carry no money, whatever the body held', async () => {
      for (const [who, user] of nonMoney()) {
        const answers = [
          await user.c.post(listUrl(), { name: 'Mine', currency: 'EUR', hourlyRate: '87.35', validFrom: '2030-01-01' }),
          await user.c.patch(`/api/price-lists/${ids.used}`, { version: 1, hourlyRate: '123.45' }),
          await user.c.post(`/api/price-lists/${ids.used}/successor`, {
            version: 1,
            hourlyRate: '64.07',
            validFrom: '2025-03-01',
          }),
          await user.c.delete(`/api/price-lists/${ids.used}?version=1`),
        ];
        for (const res of answers) {
          assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
          assertNoMoney(res.body, RATES, `${who}'s refusal`);
        }
      }
    });

    test('PRICE-7: the conflicts a money manager meets name price lists and dates, never a rate', async () => {
      const answers = [
        await w.appAdmin.c.post(listUrl(), {
          name: 'Clash',
          currency: 'EUR',
          hourlyRate: '87.35',
          validFrom: '2025-06-01',
          validTo: '2025-06-30',
        }),
        await w.appAdmin.c.patch(`/api/price-lists/${ids.used}`, { version: 1, hourlyRate: '123.45' }),
        await w.appAdmin.c.patch(`/api/price-lists/${ids.used}`, { version: 1, validTo: '2025-03-31' }),
        await w.appAdmin.c.delete(`/api/price-lists/${ids.used}?version=1`),
        await w.appAdmin.c.post(`/api/price-lists/${ids.used}/successor`, {
          version: 1,
          hourlyRate: '64.07',
          validFrom: '2025-03-01',
        }),
      ];
      assert.deepEqual(
        answers.map((r) => r.json().code),
        ['price_list_overlap', 'price_list_in_use', 'price_list_in_use', 'price_list_in_use', 'price_list_in_use'],
      );
      for (const res of answers) assertNoMoney(res.body, RATES, 'a conflict');
    });

    test('PRICE-7: the audit log a system administrator (without a money role) reads holds no rate of a price list', async () => {
      const res = await w.systemAdmin.c.get('/api/audit?entityType=price_list&limit=200');
      assert.equal(res.statusCode, 200, res.body);
      const rows = res.json().items as Array<{ action: string }>;
      assert.deepEqual(rows.map((r) => r.action).sort(), ['pricelist.create', 'pricelist.update']);
      assertNoMoney(res.body, RATES, 'the audit log');
    });

    test('PRICE-7: (control) the walker finds money at any depth, in keys and inside strings', () => {
      assert.deepEqual(findMoney({ a: [{ b: { hourlyRate: '1.00' } }] }), ['$.a[0].b.hourlyRate: a money key']);
      assert.deepEqual(findMoney({ rate: null, cost_total: 1, unitPrice: 2, hourly_rate: 3, revenue: 4 }).length, 5);
      assert.deepEqual(findMoney({ detail: 'clashes with "X" at 87.35 EUR' }, ['87.35']).length, 1);
      assert.deepEqual(
        findMoney({ detail: 'now 123.4 per hour' }, ['123.40']).length,
        1,
        'a rate written short is found too',
      );
      assert.deepEqual(findMoney({ ratePerHour: '1', totalCosts: [] }).length, 2);
      assert.deepEqual(
        findMoney(
          {
            priceList: { id: 1, name: 'X' },
            priceListId: 1,
            price_list_id: 1,
            rateChanged: true,
            validFrom: '2026-01-01',
          },
          ['87.35'],
        ),
        [],
      );
    });

    test('PRICE-7: a team of a project the caller cannot browse is not found, even for a money role', async () => {
      const hidden = await createTeam(
        w.db,
        (
          await w.db
            .insertInto('projects')
            .values({ key: `H${Date.now() % 1e6}`, name: 'Hidden' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
      const res = await w.billingViewer.c.get(`/api/teams/${hidden.id}/price-lists`);
      assert.equal(res.statusCode, 404, res.body);
    });
  });
