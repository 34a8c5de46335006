// Guards PRICE-1: a team's price lists hold decimal money exactly (never a float), refuse malformed amounts
// naming the field, and never overlap — not even when two creates race — while adjacent ranges are fine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProject, DIALECTS } from '../helpers/harness.js';
import { assertNoMoney, createPriceList, createTeam } from '../helpers/teams.js';
import { auditRows, priceListRow, pricingSuite } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`price lists: create and validity (${dialect})`, () => {
    const w = pricingSuite(dialect);

    const url = (teamId: number) => `/api/teams/${teamId}/price-lists`;
    const body = (over: Record<string, unknown> = {}) => ({
      name: 'Standard',
      currency: 'EUR',
      hourlyRate: '87.35',
      validFrom: '2026-01-01',
      ...over,
    });

    test('PRICE-1: a billing_admin creates a price list; the rate comes back as the exact decimal string and is audited', async () => {
      const team = await createTeam(w.db, w.project.id);
      const res = await w.billingAdmin.c.post(
        url(team.id),
        body({ name: 'Developers 2026', currency: 'CHF', validTo: '2026-12-31' }),
      );
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json();
      assert.deepEqual(
        { ...created, id: 0 },
        {
          id: 0,
          teamId: team.id,
          name: 'Developers 2026',
          currency: 'CHF',
          hourlyRate: '87.35',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
          used: false,
          version: 1,
          abilities: { canEdit: true, canDelete: true, canChangeRate: true, canStartSuccessor: true },
        },
      );
      const row = await priceListRow(w.db, created.id);
      assert.equal(row?.hourly_rate, '87.35');
      const audit = await auditRows(w.db, created.id);
      assert.deepEqual(
        audit.map((a) => a.action),
        ['pricelist.create'],
      );
      assert.equal(audit[0].actor_id, w.billingAdmin.id);
      assert.equal(audit[0].project_id, w.project.id);
    });

    test('PRICE-1: decimal money round-trips exactly: 0.10, 0.20, 0.30, 1234567890.99 and 0', async () => {
      const team = await createTeam(w.db, w.project.id);
      const rates = ['0.10', '0.20', '0.30', '1234567890.99', '0.00', '999999999999.99'];
      for (const [i, hourlyRate] of rates.entries()) {
        const res = await w.appAdmin.c.post(
          url(team.id),
          body({ hourlyRate, validFrom: `20${10 + i}-01-01`, validTo: `20${10 + i}-12-31` }),
        );
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().hourlyRate, hourlyRate);
      }
      // Written short, stored and answered with two decimals; never via a float.
      const short = await w.appAdmin.c.post(url(team.id), body({ hourlyRate: '0.1', validFrom: '2030-01-01' }));
      assert.equal(short.json().hourlyRate, '0.10');
      const list = (await w.billingViewer.c.get(url(team.id))).json();
      assert.deepEqual(
        list.items.map((p: { hourlyRate: string }) => p.hourlyRate),
        [...rates, '0.10'],
      );
      const sum = await w.db
        .selectFrom('price_lists')
        .select((eb) => eb.fn.sum<string>('hourly_rate').as('s'))
        .where('team_id', '=', team.id)
        .where('hourly_rate', '<', '1')
        .executeTakeFirstOrThrow();
      assert.equal(String(sum.s), '0.70', '0.10 + 0.20 + 0.30 + 0.00 + 0.10 in decimal');
    });

    test('PRICE-1: floats, exponents, three decimals, negatives and numbers are refused with 400 naming hourlyRate; nothing is written', async () => {
      const team = await createTeam(w.db, w.project.id);
      const bad: unknown[] = [
        85.5,
        85,
        1e3,
        '1e3',
        '85.505',
        '0.001',
        '-1.00',
        '+1.00',
        '1,50',
        ' 85.50',
        '85.50 ',
        '.50',
        '85.',
        '',
        'NaN',
        'Infinity',
        '0x10',
        '1234567890123.00',
        null,
        true,
        {},
        ['85.50'],
      ];
      for (const hourlyRate of bad) {
        const res = await w.appAdmin.c.post(url(team.id), body({ hourlyRate }));
        assert.equal(res.statusCode, 400, `${JSON.stringify(hourlyRate)}: ${res.body}`);
        assert.equal(res.json().field, 'hourlyRate', JSON.stringify(hourlyRate));
      }
      for (const [field, value] of [
        ['currency', 'eur'],
        ['currency', 'EURO'],
        ['currency', 'E1R'],
        ['validFrom', '2026-02-30'],
        ['validTo', '2025-12-31'],
        ['name', '  '],
      ] as const) {
        const res = await w.appAdmin.c.post(url(team.id), body({ [field]: value }));
        assert.equal(res.statusCode, 400, `${field}=${value}: ${res.body}`);
        assert.equal(res.json().field, field);
      }
      assert.equal(
        (await w.db.selectFrom('price_lists').select('id').where('team_id', '=', team.id).execute()).length,
        0,
      );
    });

    test('PRICE-1: an overlapping validity is refused with 409 naming the other price list and its dates, not its rate', async () => {
      const team = await createTeam(w.db, w.project.id);
      const first = await w.appAdmin.c.post(
        url(team.id),
        body({ name: 'Year one', hourlyRate: '91.17', validFrom: '2026-01-01', validTo: '2026-12-31' }),
      );
      assert.equal(first.statusCode, 201, first.body);
      const cases: Array<[string, string | null]> = [
        ['2026-12-31', null],
        ['2025-01-01', '2026-01-01'],
        ['2026-03-01', '2026-03-31'],
        ['2025-01-01', null],
        ['2025-06-01', '2027-06-01'],
      ];
      for (const [validFrom, validTo] of cases) {
        const res = await w.appAdmin.c.post(
          url(team.id),
          body({ name: 'Clash', hourlyRate: '93.41', validFrom, validTo }),
        );
        assert.equal(res.statusCode, 409, `${validFrom}..${validTo}: ${res.body}`);
        const problem = res.json();
        assert.equal(problem.code, 'price_list_overlap');
        assert.match(problem.detail, /"Year one" \(2026-01-01 – 2026-12-31\)/);
        assert.deepEqual(problem.priceList, {
          id: first.json().id,
          name: 'Year one',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        });
        assertNoMoney(problem, ['91.17', '93.41'], 'the overlap problem');
      }
      // An open-ended list overlaps everything after it.
      const open = await createPriceList(w.db, (await createTeam(w.db, w.project.id)).id, { validFrom: '2026-01-01' });
      const late = await w.appAdmin.c.post(url(open.team_id), body({ validFrom: '2099-01-01', validTo: '2099-01-01' }));
      assert.equal(late.json().code, 'price_list_overlap');
      assert.match(late.json().detail, /2026-01-01 – open-ended/);
    });

    test('PRICE-1: adjacent ranges are fine (inclusive validTo; the next list starts the day after), across month and leap days', async () => {
      const team = await createTeam(w.db, w.project.id);
      const ranges: Array<[string, string | null]> = [
        ['2024-01-01', '2024-02-28'],
        ['2024-02-29', '2024-02-29'],
        ['2024-03-01', '2024-12-31'],
        ['2025-01-01', null],
      ];
      for (const [validFrom, validTo] of ranges.reverse()) {
        const res = await w.billingAdmin.c.post(url(team.id), body({ validFrom, validTo }));
        assert.equal(res.statusCode, 201, `${validFrom}..${validTo}: ${res.body}`);
      }
      const list = (await w.billingAdmin.c.get(url(team.id))).json();
      assert.deepEqual(
        list.items.map((p: { validFrom: string; validTo: string | null }) => [p.validFrom, p.validTo]),
        ranges.reverse(),
      );
    });

    test('PRICE-1: validity is per team: another team of the project may use the same dates', async () => {
      const [a, b] = [await createTeam(w.db, w.project.id), await createTeam(w.db, w.project.id)];
      assert.equal((await w.appAdmin.c.post(url(a.id), body())).statusCode, 201);
      assert.equal((await w.appAdmin.c.post(url(b.id), body())).statusCode, 201);
    });

    test('PRICE-1, TEAM-8: a global team has price lists too; a billing_admin in it manages them without any project permission', async () => {
      const team = await createTeam(w.db, null, { members: [{ userId: w.billingAdmin.id }] });
      const res = await w.billingAdmin.c.post(url(team.id), body());
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await w.billingAdmin.c.get(url(team.id))).json().items.length, 1);
    });

    test('PRICE-1: only money managers write price lists: a team lead, a project admin and a system admin get 403; nothing is written', async () => {
      const team = await createTeam(w.db, w.project.id);
      const before = (await auditRows(w.db)).length;
      for (const who of [w.teamLead, w.projectAdmin, w.systemAdmin, w.billingViewer]) {
        const res = await who.c.post(url(w.team.id), body({ hourlyRate: '97.13' }));
        assert.equal(res.statusCode, 403, `${who.login}: ${res.body}`);
        assertNoMoney(res.json(), ['97.13'], 'the refusal');
      }
      assert.equal(
        (await w.db.selectFrom('price_lists').select('id').where('team_id', 'in', [team.id, w.team.id]).execute())
          .length,
        0,
      );
      assert.equal((await auditRows(w.db)).length, before);
    });

    test('PRICE-1: a team the caller may not know answers 404 like a missing one', async () => {
      const hiddenTeam = await createTeam(w.db, (await createProject(w.db)).id);
      for (const teamId of [hiddenTeam.id, 2_147_483_647]) {
        const res = await w.appAdmin.c.post(url(teamId), body());
        assert.equal(res.statusCode, 404, res.body);
        assert.equal((await w.appAdmin.c.get(url(teamId))).statusCode, 404);
      }
    });

    test('PRICE-1: concurrent creates of overlapping price lists leave exactly one (20 rounds)', async () => {
      const team = await createTeam(w.db, w.project.id);
      for (let round = 0; round < 20; round++) {
        const year = 2100 + round;
        // Eight requests whose ranges all share ${year}-06-30, from two managers.
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? w.appAdmin : w.billingAdmin).c.post(
              url(team.id),
              body({
                name: `R${round}.${i}`,
                validFrom: `${year}-0${1 + (i % 6)}-01`,
                validTo: i % 3 ? `${year}-12-31` : `${year}-06-30`,
              }),
            ),
          ),
        );
        const statuses = results.map((r) => r.statusCode).sort();
        assert.deepEqual(
          statuses,
          [201, ...Array(7).fill(409)],
          `round ${round}: ${results.map((r) => r.body.slice(0, 100)).join(' | ')}`,
        );
        for (const r of results.filter((x) => x.statusCode === 409)) assert.equal(r.json().code, 'price_list_overlap');
      }
      const rows = await w.db
        .selectFrom('price_lists')
        .select(['id', 'valid_from', 'valid_to'])
        .where('team_id', '=', team.id)
        .orderBy('valid_from')
        .execute();
      assert.equal(rows.length, 20);
      for (let i = 1; i < rows.length; i++) assert.ok(rows[i].valid_from > rows[i - 1].valid_to!, 'no two overlap');
      const audited = (await auditRows(w.db)).filter(
        (a) => a.action === 'pricelist.create' && rows.some((r) => String(r.id) === a.entity_id),
      );
      assert.equal(audited.length, 20, 'each created list is audited once');
    });
  });
