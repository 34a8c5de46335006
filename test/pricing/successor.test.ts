// Guards PRICE-8: a new rate is a new price list — the successor starts on its date and the old list ends the
// day before, in one transaction (a refusal leaves both as they were) — and every change is judged on the
// work logs' dates, not on the day of the action.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../helpers/harness.js';
import { assertNoMoney, createPriceList, createTeam } from '../helpers/teams.js';
import { auditRows, insertWorklog, priceListRow, pricingSuite } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`price lists: successors (${dialect})`, () => {
    const w = pricingSuite(dialect);

    const teamLists = (teamId: number) =>
      w.db
        .selectFrom('price_lists')
        .select(['id', 'name', 'currency', 'hourly_rate', 'valid_from', 'valid_to', 'version'])
        .where('team_id', '=', teamId)
        .orderBy('valid_from')
        .execute();

    async function usedList(range: { validFrom: string; validTo?: string | null }, dates: string[]) {
      const team = await createTeam(w.db, w.project.id);
      const list = await createPriceList(w.db, team.id, {
        name: 'Developers',
        hourlyRate: '87.35',
        currency: 'EUR',
        ...range,
      });
      for (const date of dates) await insertWorklog(w.db, w, list, date);
      return list;
    }

    test('PRICE-8: a successor ends the old list the day before (across a leap day) and takes over the rest of its validity', async () => {
      const old = await usedList({ validFrom: '2024-01-01' }, ['2024-01-15', '2024-02-29']);
      const res = await w.billingAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 1,
        hourlyRate: '91.20',
        validFrom: '2024-03-01',
      });
      assert.equal(res.statusCode, 201, res.body);
      const { previous, successor } = res.json();
      assert.deepEqual(
        [previous.id, previous.validFrom, previous.validTo, previous.hourlyRate, previous.version, previous.used],
        [old.id, '2024-01-01', '2024-02-29', '87.35', 2, true],
      );
      assert.deepEqual(
        [
          successor.name,
          successor.currency,
          successor.hourlyRate,
          successor.validFrom,
          successor.validTo,
          successor.used,
        ],
        ['Developers', 'EUR', '91.20', '2024-03-01', null, false],
      );
      assert.deepEqual(
        (await teamLists(old.team_id)).map((p) => [p.hourly_rate, p.valid_from, p.valid_to]),
        [
          ['87.35', '2024-01-01', '2024-02-29'],
          ['91.20', '2024-03-01', null],
        ],
      );

      const audit = await auditRows(w.db);
      const mine = audit.filter((a) => [String(old.id), String(successor.id)].includes(a.entity_id));
      assert.deepEqual(
        mine.map((a) => [a.action, a.entity_id]),
        [
          ['pricelist.update', String(old.id)],
          ['pricelist.create', String(successor.id)],
        ],
      );
      assert.equal((mine[0].after as { successorId: number }).successorId, successor.id);
      assertNoMoney(
        mine.map((a) => [a.before, a.after]),
        ['87.35', '91.20'],
        'the audit rows',
      );
    });

    test('PRICE-8: a successor of a list with an end takes over up to that end, with its own name and currency when given', async () => {
      const old = await usedList({ validFrom: '2026-01-01', validTo: '2026-12-31' }, ['2026-02-02']);
      const res = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 1,
        hourlyRate: '0.10',
        validFrom: '2026-12-31',
        name: 'Year end',
        currency: 'CHF',
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(
        (await teamLists(old.team_id)).map((p) => [p.name, p.currency, p.hourly_rate, p.valid_from, p.valid_to]),
        [
          ['Developers', 'EUR', '87.35', '2026-01-01', '2026-12-30'],
          ['Year end', 'CHF', '0.10', '2026-12-31', '2026-12-31'],
        ],
      );
    });

    test('PRICE-8: a successor that would leave work logs of the old list after its new end is refused; nothing changes (one transaction)', async () => {
      const old = await usedList({ validFrom: '2026-01-01' }, ['2026-01-05', '2026-04-01', '2026-04-30']);
      const [lists, audits] = [await teamLists(old.team_id), (await auditRows(w.db)).length];
      const res = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 1,
        hourlyRate: '91.20',
        validFrom: '2026-04-01',
      });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'price_list_in_use');
      assert.equal(res.json().worklogs, undefined, 'REP-5: the refusal does not count the work logs');
      assert.match(res.json().detail, /cannot end on 2026-03-31/);
      assertNoMoney(res.json(), ['87.35', '91.20'], 'the refusal');
      assert.deepEqual(await teamLists(old.team_id), lists);
      assert.equal((await auditRows(w.db)).length, audits);
    });

    test('PRICE-8: when creating the successor fails after the old list was ended, the end is rolled back too', async () => {
      const old = await usedList({ validFrom: '2026-01-01', validTo: '2026-12-31' }, []);
      // A list written around the API, overlapping the old one's remainder: the successor's insert is refused late.
      await createPriceList(w.db, old.team_id, { name: 'Stray', validFrom: '2026-10-01', validTo: '2026-10-31' });
      const [lists, audits] = [await teamLists(old.team_id), (await auditRows(w.db)).length];
      const res = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 1,
        hourlyRate: '91.20',
        validFrom: '2026-07-01',
      });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'price_list_overlap');
      assert.match(res.json().detail, /"Stray"/);
      assert.deepEqual(await teamLists(old.team_id), lists, 'the old list still ends on 2026-12-31, at version 1');
      assert.equal((await auditRows(w.db)).length, audits);
    });

    test('PRICE-8: the successor must start after the old list starts and within its validity; a stale version is refused', async () => {
      const old = await usedList({ validFrom: '2026-01-01', validTo: '2026-06-30' }, []);
      for (const validFrom of ['2026-01-01', '2025-12-31', '2026-07-01', '2027-01-01']) {
        const res = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
          version: 1,
          hourlyRate: '91.20',
          validFrom,
        });
        assert.equal(res.statusCode, 400, `${validFrom}: ${res.body}`);
        assert.equal(res.json().field, 'validFrom');
      }
      const stale = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 2,
        hourlyRate: '91.20',
        validFrom: '2026-03-01',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');
      assert.equal((await teamLists(old.team_id)).length, 1);
      assert.equal((await priceListRow(w.db, old.id))?.valid_to, '2026-06-30');
    });

    test('PRICE-8: validity is judged on work dates, not today: a past range may end in the past, a future-dated work log holds its list open', async () => {
      // Ending a list long in the past is fine while its work logs (also in the past) stay inside.
      const past = await usedList({ validFrom: '2001-01-01' }, ['2001-03-01']);
      const ended = await w.appAdmin.c.patch(`/api/price-lists/${past.id}`, { version: 1, validTo: '2001-03-01' });
      assert.equal(ended.statusCode, 200, ended.body);
      // A work log dated in the future (inside the work-date window, WL-6) keeps the list from ending today, though today is inside either way.
      const today = new Date().toISOString().slice(0, 10);
      const ahead = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
      const future = await usedList({ validFrom: '2001-01-01' }, [ahead(300)]);
      const refused = await w.appAdmin.c.patch(`/api/price-lists/${future.id}`, { version: 1, validTo: today });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().worklogs, undefined, 'REP-5: the refusal does not count the work logs');
      const successor = await w.appAdmin.c.post(`/api/price-lists/${future.id}/successor`, {
        version: 1,
        hourlyRate: '91.20',
        validFrom: ahead(301),
      });
      assert.equal(successor.statusCode, 201, successor.body);
    });

    test('PRICE-8: the old list, once used, keeps its rate: a new rate goes through a successor, not an edit', async () => {
      const old = await usedList({ validFrom: '2026-01-01' }, ['2026-01-02']);
      const edit = await w.appAdmin.c.patch(`/api/price-lists/${old.id}`, { version: 1, hourlyRate: '91.20' });
      assert.equal(edit.json().code, 'price_list_in_use');
      const next = await w.appAdmin.c.post(`/api/price-lists/${old.id}/successor`, {
        version: 1,
        hourlyRate: '91.20',
        validFrom: '2026-01-03',
      });
      assert.equal(next.statusCode, 201, next.body);
      assert.equal((await priceListRow(w.db, old.id))?.hourly_rate, '87.35');
    });
  });
