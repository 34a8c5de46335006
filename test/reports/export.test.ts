// Guards the exports (REP-4): the detailed report and the summary as CSV and XLSX carry exactly the rows and columns the
// screen's answer has — the same work logs, the money columns only for money roles (PRICE-7), team columns only for
// readers who see team names (TEAM-8); XLSX with typed dates and numbers, a new sheet before the row limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { buffer } from 'node:stream/consumers';
import { exportStream, oneChunk } from '../../src/lib/export.js';
import { createAppAdmin, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember, assertNoMoney } from '../helpers/teams.js';
import { chargingWorld, RATE } from '../charges/fixtures.js';
import { as } from '../security/fixtures.js';

const RANGE = 'from=2026-03-01&to=2026-04-30';
type Cells = Array<string | number | Date | null>;

const csvRows = (body: string): string[][] => parse(body, { bom: true }) as string[][];

async function xlsxRows(raw: Buffer): Promise<Cells[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: Cells[] = [];
    sheet.eachRow((row) => rows.push((row.values as Cells).slice(1).map((v) => v ?? null)));
    return rows;
  });
}

/** An XLSX cell as the CSV writes it: dates as YYYY-MM-DD, decimals with two places. */
const asText = (cell: string | number | Date | null, header: string) =>
  cell instanceof Date
    ? cell.toISOString().slice(0, 10)
    : typeof cell === 'number' && ['Hours', 'Rate', 'Value'].includes(header)
      ? cell.toFixed(2)
      : cell === null
        ? ''
        : String(cell);

for (const dialect of DIALECTS)
  describe(`report exports (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function exportWorld() {
      const w = await chargingWorld(t.db, t.app);
      await w.log('2026-03-02', 5400);
      await w.log('2026-03-10', 7200, { teamless: true });
      await w.log('2026-04-01', 1000);
      const lead = await w.member();
      await addMember(t.db, w.team.id, lead.id, ['VIEW_MEMBER_WORKLOGS']);
      const admin = await createAppAdmin(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: admin.id });
      return { ...w, lc: await as(t.app, lead.login), adminc: await as(t.app, admin.login) };
    }

    test('REP-4, PRICE-7: the detailed CSV and XLSX have the page’s rows and columns; money columns only for app_admin', async () => {
      const w = await exportWorld();
      for (const [client, money] of [
        [w.lc, false],
        [w.adminc, true],
      ] as const) {
        const page = await client.get(`/api/reports/worklogs?${RANGE}&projects=${w.project.id}`);
        assert.equal(page.statusCode, 200, page.body);
        const items = page.json().items as Array<{ date: string; seconds: number; item: { key: string } }>;
        assert.equal(items.length, 3);
        const csv = await client.get(`/api/reports/worklogs/export?${RANGE}&projects=${w.project.id}&format=csv`);
        assert.equal(csv.statusCode, 200, csv.body);
        assert.match(String(csv.headers['content-type']), /^text\/csv/);
        assert.match(
          String(csv.headers['content-disposition']),
          /attachment; filename="timeward-worklogs-2026-03-01-2026-04-30\.csv"/,
        );
        const [header, ...rows] = csvRows(csv.body);
        assert.deepEqual(header.slice(0, 9), [
          'Date',
          'Project key',
          'Project',
          'Item key',
          'Item',
          'User',
          'Hours',
          'Description',
          'Client',
        ]);
        assert.deepEqual(header.slice(9), ['Team', 'Price list', ...(money ? ['Rate', 'Currency', 'Value'] : [])]);
        assert.deepEqual(
          rows.map((r) => [r[0], r[3], r[6]]),
          items.map((i) => [i.date, i.item.key, (i.seconds / 3600).toFixed(2)]),
        );
        if (money)
          assert.deepEqual(
            rows.map((r) => r.slice(11)),
            [
              [RATE, 'EUR', '131.03'],
              ['', '', ''],
              [RATE, 'EUR', '24.26'],
            ],
          );
        else assertNoMoney(csv.body, [RATE], 'a team lead’s CSV');

        const xlsx = await client.get(`/api/reports/worklogs/export?${RANGE}&projects=${w.project.id}&format=xlsx`);
        assert.equal(xlsx.statusCode, 200, xlsx.body);
        const [sheet] = await xlsxRows(xlsx.rawPayload);
        assert.ok(sheet[1][0] instanceof Date, 'dates are typed');
        assert.equal(typeof sheet[1][6], 'number', 'hours are typed');
        assert.deepEqual(
          sheet.map((r, k) => header.map((h, c) => (k === 0 ? asText(r[c], '') : asText(r[c] ?? null, h)))),
          [header, ...rows],
          'the XLSX holds what the CSV holds',
        );
      }
    });

    test('REP-4: the summary export has the screen’s rows — groups, subtotals, the total — and revenue per currency for money roles', async () => {
      const w = await exportWorld();
      const q = `${RANGE}&groupBy=user,month&projects=${w.project.id}`;
      const screen = (await w.adminc.get(`/api/reports/summary?${q}`)).json();
      const csv = await w.adminc.get(`/api/reports/summary/export?${q}&format=csv`);
      assert.equal(csv.statusCode, 200, csv.body);
      const [header, ...rows] = csvRows(csv.body);
      assert.deepEqual(header, ['Row', 'User', 'Month', 'Hours', 'Entries', 'Revenue (EUR)']);
      assert.equal(rows.length, screen.rows.length + 1);
      assert.deepEqual(rows, [
        ['Subtotal', `User ${w.author.login}`, '', '3.78', '3', '155.29'],
        ['Group', `User ${w.author.login}`, '2026-03-01', '3.50', '2', '131.03'],
        ['Group', `User ${w.author.login}`, '2026-04-01', '0.28', '1', '24.26'],
        ['Total', '', '', '3.78', '3', '155.29'],
      ]);
      const lead = await w.lc.get(`/api/reports/summary/export?${q}&format=csv`);
      assert.deepEqual(csvRows(lead.body)[0], ['Row', 'User', 'Month', 'Hours', 'Entries']);
      assertNoMoney(lead.body, [RATE, '155.29'], 'a team lead’s summary export');
      const xlsx = await w.adminc.get(`/api/reports/summary/export?${q}&format=xlsx`);
      const [sheet] = await xlsxRows(xlsx.rawPayload);
      assert.ok(sheet[2][2] instanceof Date, 'the month is a date');
      assert.equal(sheet[2][5], 131.03, 'revenue is a number');
    });

    test('REP-4: bad input to an export is a 400 naming the field, before any byte of a file', async () => {
      const w = await exportWorld();
      for (const [q, field] of [
        [`${RANGE}&format=pdf`, 'query.format'],
        [`${RANGE}`, 'query.format'],
        [`from=2026-05-01&to=2026-04-01&format=csv`, 'query.to'],
      ]) {
        const res = await w.lc.get(`/api/reports/worklogs/export?${q}`);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().field, field);
      }
    });
  });

test('REP-4: an XLSX sheet full to its row limit continues on a new sheet with the header repeated', async () => {
  const rows = Array.from({ length: 7 }, (_, k) => [`2026-03-0${k + 1}`, k]);
  const columns = [
    { header: 'Day', type: 'date' as const },
    { header: 'N', type: 'number' as const },
  ];
  const raw = await buffer(exportStream({ columns, chunks: oneChunk(rows) }, 'xlsx', 'Rows', 3));
  const sheets = await xlsxRows(raw);
  assert.deepEqual(
    sheets.map((s) => s.length),
    [4, 4, 2],
  );
  assert.deepEqual(sheets[2][0], ['Day', 'N']);
  assert.equal(sheets[2][1][1], 6);
});
