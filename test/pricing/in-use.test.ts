// Guards PRICE-6 (and API-4 for price lists): once a work log records a price list it cannot be deleted, its
// rate and currency never change, and its validity changes only so every recorded work log stays inside —
// judged on the work logs' dates. Refusals are 409s that change nothing and write no audit row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../helpers/harness.js';
import { assertNoMoney, createPriceList, createTeam } from '../helpers/teams.js';
import { auditRows, insertWorklog, priceListRow, pricingSuite } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`price lists: in use (${dialect})`, () => {
    const w = pricingSuite(dialect);

    /** A fresh team's price list 2026-01-01..2026-12-31 at 87.35, with work logs on the given dates. */
    async function usedList(dates: string[], range: { validFrom?: string; validTo?: string | null } = {}) {
      const team = await createTeam(w.db, w.project.id);
      const list = await createPriceList(w.db, team.id, {
        name: 'Standard',
        hourlyRate: '87.35',
        validFrom: range.validFrom ?? '2026-01-01',
        validTo: range.validTo === undefined ? '2026-12-31' : range.validTo,
      });
      for (const date of dates) await insertWorklog(w.db, w, list, date);
      return list;
    }

    /** Sends a refused change and asserts the 409, that the row and the audit log are untouched, and that no rate leaks. */
    async function refused(
      send: () => Promise<{
        statusCode: number;
        body: string;
        json(): { code: string; detail: string; worklogs?: unknown };
      }>,
      id: number,
      code: string,
    ) {
      const [row, audits] = [await priceListRow(w.db, id), (await auditRows(w.db)).length];
      const res = await send();
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, code);
      assert.deepEqual(await priceListRow(w.db, id), row, 'the price list is unchanged');
      assert.equal((await auditRows(w.db)).length, audits, 'nothing is audited');
      assertNoMoney(res.json(), ['87.35', '88.35'], 'the refusal');
      // REP-5: the refusal neither counts nor dates the work logs (some may be hidden from the caller).
      assert.equal(res.json().worklogs, undefined);
      return res.json() as { code: string; detail: string };
    }

    test('PRICE-6: a used price list cannot be deleted; an unused one can (with its version), and the delete is audited', async () => {
      const used = await usedList(['2026-03-02']);
      const problem = await refused(
        () => w.appAdmin.c.delete(`/api/price-lists/${used.id}?version=1`),
        used.id,
        'price_list_in_use',
      );
      assert.match(problem.detail, /cannot be deleted/);

      const unused = await usedList([]);
      await refused(
        () => w.appAdmin.c.delete(`/api/price-lists/${unused.id}?version=2`),
        unused.id,
        'version_conflict',
      );
      const res = await w.appAdmin.c.delete(`/api/price-lists/${unused.id}?version=1`);
      assert.equal(res.statusCode, 204, res.body);
      assert.equal(await priceListRow(w.db, unused.id), undefined);
      assert.deepEqual(
        (await auditRows(w.db, unused.id)).map((a) => a.action),
        ['pricelist.delete'],
      );
    });

    test('PRICE-6: the rate and currency of a used price list never change; the same amount written differently is no change', async () => {
      const list = await usedList(['2026-02-10', '2026-05-20']);
      for (const change of [
        { hourlyRate: '88.35' },
        { currency: 'USD' },
        { hourlyRate: '88.35', name: 'Renamed too' },
      ]) {
        const problem = await refused(
          () => w.billingAdmin.c.patch(`/api/price-lists/${list.id}`, { version: 1, ...change }),
          list.id,
          'price_list_in_use',
        );
        assert.match(problem.detail, /rate and currency never change; end it and start a successor instead$/);
      }
      const same = await w.billingAdmin.c.patch(`/api/price-lists/${list.id}`, {
        version: 1,
        hourlyRate: '087.35',
        currency: 'EUR',
      });
      assert.equal(same.statusCode, 200, same.body);
      assert.equal(same.json().hourlyRate, '87.35');
    });

    test('PRICE-6: renaming a used price list is always fine, audited with before and after (without the rate)', async () => {
      const list = await usedList(['2026-02-10']);
      const res = await w.appAdmin.c.patch(`/api/price-lists/${list.id}`, { version: 1, name: 'Developers (2026)' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, 'Developers (2026)');
      assert.equal(res.json().version, 2);
      assert.equal(res.json().used, true);
      assert.deepEqual(res.json().abilities, {
        canEdit: true,
        canDelete: false,
        canChangeRate: false,
        canStartSuccessor: true,
      });
      const [audit] = await auditRows(w.db, list.id);
      assert.equal(audit.action, 'pricelist.update');
      assert.equal((audit.before as { name: string }).name, 'Standard');
      assert.equal((audit.after as { name: string }).name, 'Developers (2026)');
      assertNoMoney([audit.before, audit.after], ['87.35'], 'the audit row');
    });

    test('PRICE-6: the validity of a used list may shrink or grow as long as every work log stays inside; otherwise 409 says why, without counting them (REP-5)', async () => {
      const list = await usedList(['2026-03-02', '2026-06-15', '2026-09-30']);
      const patch = (version: number, range: Record<string, string | null>) =>
        w.appAdmin.c.patch(`/api/price-lists/${list.id}`, { version, ...range });

      let problem = await refused(() => patch(1, { validTo: '2026-06-30' }), list.id, 'price_list_in_use');
      assert.equal(
        problem.detail,
        'the validity 2026-01-01 – 2026-06-30 would leave work logs of price list "Standard" outside it',
      );
      problem = await refused(
        () => patch(1, { validFrom: '2026-07-01', validTo: '2026-07-31' }),
        list.id,
        'price_list_in_use',
      );
      assert.doesNotMatch(problem.detail, /\d+ work logs?|2026-03-02|2026-09-30/);

      // Exactly to the first and last work dates: allowed. Then open-ended again: allowed.
      let res = await patch(1, { validFrom: '2026-03-02', validTo: '2026-09-30' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().validFrom, res.json().validTo], ['2026-03-02', '2026-09-30']);
      res = await patch(2, { validTo: null });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().validTo, null);
      await refused(() => patch(2, { validTo: '2027-01-01' }), list.id, 'version_conflict');
    });

    test('PRICE-6: a validity change that would overlap another list of the team is refused like a create', async () => {
      const list = await usedList([]);
      await createPriceList(w.db, list.team_id, { name: 'Next year', validFrom: '2027-01-01' });
      const problem = await refused(
        () => w.appAdmin.c.patch(`/api/price-lists/${list.id}`, { version: 1, validTo: '2027-01-01' }),
        list.id,
        'price_list_overlap',
      );
      assert.match(problem.detail, /"Next year" \(2027-01-01 – open-ended\)/);
      const bad = await w.appAdmin.c.patch(`/api/price-lists/${list.id}`, { version: 1, validFrom: '2027-02-01' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().field, 'validFrom', 'validFrom after the stored validTo names validFrom');
    });

    test('PRICE-6: an unused price list may change its rate and currency', async () => {
      const list = await usedList([]);
      const res = await w.billingAdmin.c.patch(`/api/price-lists/${list.id}`, {
        version: 1,
        hourlyRate: '88.35',
        currency: 'GBP',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().hourlyRate, res.json().currency], ['88.35', 'GBP']);
      const [audit] = await auditRows(w.db, list.id);
      assert.equal((audit.after as { rateChanged?: boolean }).rateChanged, true);
      assertNoMoney([audit.before, audit.after], ['87.35', '88.35'], 'the audit row');
    });

    test('PRICE-6: the list shows which price lists are used, and deletion only where allowed', async () => {
      const used = await usedList(['2026-04-01']);
      const unused = await createPriceList(w.db, used.team_id, { validFrom: '2027-01-01' });
      const items = (await w.appAdmin.c.get(`/api/teams/${used.team_id}/price-lists`)).json().items;
      assert.deepEqual(
        items.map((p: { id: number; used: boolean; abilities: object }) => [p.id, p.used, p.abilities]),
        [
          [used.id, true, { canEdit: true, canDelete: false, canChangeRate: false, canStartSuccessor: true }],
          [unused.id, false, { canEdit: true, canDelete: true, canChangeRate: true, canStartSuccessor: true }],
        ],
      );
    });

    test('PRICE-6, TEAM-8: changes by people who do not manage money are refused 403 (404 for a missing list, or a team they do not see) before anything is checked', async () => {
      const list = await usedList([]);
      for (const [who, status] of [
        [w.teamLead, 404],
        [w.projectAdmin, 403],
        [w.systemAdmin, 403],
        [w.billingViewer, 403],
      ] as const) {
        const res = await who.c.patch(`/api/price-lists/${list.id}`, { version: 1, name: 'Mine now' });
        assert.equal(res.statusCode, status, `${who.login}: ${res.body}`);
        assert.equal((await who.c.delete(`/api/price-lists/${list.id}?version=1`)).statusCode, status);
      }
      assert.equal(
        (await w.appAdmin.c.patch('/api/price-lists/2147483647', { version: 1, name: 'x' })).statusCode,
        404,
      );
      assert.equal((await priceListRow(w.db, list.id))?.version, 1);
    });
  });
