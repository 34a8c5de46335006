// Guards APP-5 and REP-2: billing_admin manages cost rates (effective-dated, decimal) and billing_viewer reads them and
// the cost report; everyone else is refused (403) and sees no rate anywhere (PRICE-7). The cost report gives, per user,
// team, project or month, planned hours × the person's cost rate on each working day (scheduled cost), logged hours ×
// the author's rate on the work date (actual cost) and the work logs' revenue — and counts nothing on an item the reader
// may not view (ITEM-9, REP-5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { as, logWork, projectWorld, secure, viewer } from '../security/fixtures.js';

const MONDAY = '2030-06-03';

interface Row {
  key: string | null;
  label: string;
  plannedHours: number;
  scheduledCost: Array<{ currency: string; amount: string }>;
  loggedHours: number;
  actualCost: Array<{ currency: string; amount: string }>;
  revenue: Array<{ currency: string; amount: string }>;
  hoursWithoutRate: number;
}

for (const dialect of DIALECTS)
  describe(`cost rates and the cost report (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function roles() {
      const billing = await createUser(t.db);
      await grantAppRole(t.db, billing.id, 'billing_admin');
      const viewing = await createUser(t.db);
      await grantAppRole(t.db, viewing.id, 'billing_viewer');
      const plain = await createUser(t.db);
      return {
        billing: await as(t.app, billing.login),
        viewing: await as(t.app, viewing.login),
        plain: await as(t.app, plain.login),
        billingId: billing.id,
        viewingId: viewing.id,
      };
    }

    test('APP-5: billing_admin sets rates, billing_viewer reads them, others are refused; a day with a rate is a 409', async () => {
      const r = await roles();
      const person = await createUser(t.db);
      const made = await r.billing.post('/api/cost/rates', {
        userId: person.id,
        validFrom: '2030-01-01',
        costRate: '55.50',
        currency: 'EUR',
      });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().costRate, '55.50');
      const again = await r.billing.post('/api/cost/rates', {
        userId: person.id,
        validFrom: '2030-01-01',
        costRate: '60',
        currency: 'EUR',
      });
      assert.equal(again.statusCode, 409);
      assert.deepEqual([again.json().code, again.json().field], ['cost_rate_exists', 'validFrom']);
      const read = await r.viewing.get('/api/cost/rates');
      assert.equal(read.statusCode, 200);
      assert.equal(read.json().canManage, false);
      assert.ok(read.json().items.some((x: { id: number }) => x.id === made.json().id));
      const notManaging = await r.viewing.post('/api/cost/rates', {
        userId: person.id,
        validFrom: '2030-02-01',
        costRate: '1',
        currency: 'EUR',
      });
      assert.equal(notManaging.statusCode, 403);
      for (const url of ['/api/cost/rates', `/api/cost/report?from=${MONDAY}&to=${MONDAY}`]) {
        const refused = await r.plain.get(url);
        assert.equal(refused.statusCode, 403, url);
        assert.doesNotMatch(refused.body, /55\.50/);
      }
      const bad = await r.billing.post('/api/cost/rates', {
        userId: person.id,
        validFrom: '2030-03-01',
        costRate: '5.555',
        currency: 'EUR',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().field, 'costRate');
      const login = (
        await t.db.selectFrom('users').select('login').where('id', '=', person.id).executeTakeFirstOrThrow()
      ).login;
      const found = await r.billing.get(`/api/cost/people?q=${login}`);
      assert.deepEqual(
        found.json().items.map((u: { id: number }) => u.id),
        [person.id],
        'the rate form finds people by login or name',
      );
      assert.equal((await r.viewing.get(`/api/cost/people?q=${login}`)).statusCode, 403, 'only for who manages rates');
      const gone = await r.billing.delete(`/api/cost/rates/${made.json().id}`);
      assert.equal(gone.statusCode, 204);
    });

    test('REP-2: scheduled cost is planned hours on working days × the rate on the day, actual cost logged hours × the rate on the work date, with revenue; a rate change keeps history', async () => {
      const r = await roles();
      const w = await projectWorld(t.db);
      const person = await w.member();
      // The report counts work on items its reader may view (ITEM-9): the billing_viewer browses the project.
      for (const id of [r.viewingId, r.billingId])
        await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: id }).execute();
      const item = await w.item(undefined, 'Build');
      const team = await createTeam(t.db, w.project.id, { members: [{ userId: person.id }] });
      const prices = await createPriceList(t.db, team.id, {
        hourlyRate: '100.00',
        currency: 'EUR',
        validFrom: '2030-01-01',
      });
      for (const [validFrom, costRate] of [
        ['2030-01-01', '50.00'],
        ['2030-06-05', '60.00'],
      ])
        assert.equal(
          (await r.billing.post('/api/cost/rates', { userId: person.id, validFrom, costRate, currency: 'EUR' }))
            .statusCode,
          201,
        );
      // Logged: 2 h on Monday (at 50) and 1 h on Friday (at 60), at the team's rate of 100.
      for (const [date, seconds] of [
        [MONDAY, 7200],
        ['2030-06-07', 3600],
      ] as const) {
        const log = await logWork(t.db, item, person.id, seconds, date);
        await t.db
          .updateTable('worklogs')
          .set({ team_id: team.id, price_list_id: prices.id, rate: '100.00' })
          .where('id', '=', log.id)
          .execute();
      }
      // Planned: 4 h a day Monday to Sunday — five working days, two at 50 and three at 60.
      await t.db
        .insertInto('planned_tasks')
        .values({
          user_id: person.id,
          item_id: item.id,
          project_id: w.project.id,
          start_date: MONDAY,
          end_date: '2030-06-09',
          seconds_per_day: 4 * 3600,
        })
        .execute();
      const res = await r.viewing.get(`/api/cost/report?from=${MONDAY}&to=2030-06-09&groupBy=user`);
      assert.equal(res.statusCode, 200, res.body);
      const row = (res.json().rows as Row[]).find((x) => x.key === String(person.id))!;
      assert.ok(row, res.body);
      assert.deepEqual(
        [row.plannedHours, row.scheduledCost, row.loggedHours, row.actualCost, row.revenue, row.hoursWithoutRate],
        [
          20,
          [{ currency: 'EUR', amount: String(2 * 4 * 50 + 3 * 4 * 60) + '.00' }],
          3,
          [{ currency: 'EUR', amount: '160.00' }],
          [{ currency: 'EUR', amount: '300.00' }],
          0,
        ],
      );
      // TEAM-8: a team's name only for a reader who sees the team — here a member of it; others read "No team".
      const hiddenTeam = (await r.billing.get(`/api/cost/report?from=${MONDAY}&to=2030-06-09&groupBy=team`)).body;
      assert.ok(!hiddenTeam.includes(team.name) && hiddenTeam.includes('No team'), hiddenTeam);
      await addMember(t.db, team.id, r.viewingId);
      const byTeam = (await r.viewing.get(`/api/cost/report?from=${MONDAY}&to=2030-06-09&groupBy=team`)).json();
      const teamRow = (byTeam.rows as Row[]).find((x) => x.key === String(team.id))!;
      assert.deepEqual(
        [teamRow.plannedHours, teamRow.loggedHours],
        [20, 3],
        'the plan falls in the person’s team of the project',
      );
      const byMonth = (await r.viewing.get(`/api/cost/report?from=2030-05-01&to=2030-06-30&groupBy=month`)).json();
      assert.ok((byMonth.rows as Row[]).some((x) => x.key === '2030-06' && x.loggedHours === 3));
      const csv = await r.viewing.get(`/api/cost/report/export?from=${MONDAY}&to=2030-06-09&groupBy=user&format=csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /Planned hours/);
      assert.match(csv.body, /160\.00 EUR/);
    });

    test('REP-5, ITEM-9: work and plans on an item the reader may not view are not counted', async () => {
      const r = await roles();
      const w = await projectWorld(t.db);
      const person = await w.member();
      await t.db.insertInto('group_members').values({ group_id: w.members.id, user_id: r.billingId }).execute();
      const secret = await w.item(undefined, 'Secret');
      const admin = await t.db
        .selectFrom('users')
        .select('login')
        .where('id', '=', w.admin.id)
        .executeTakeFirstOrThrow();
      await secure(await as(t.app, admin.login), secret.key, [viewer('user', w.admin.id), viewer('user', person.id)]);
      await logWork(t.db, secret, person.id, 3600, MONDAY);
      await t.db
        .insertInto('planned_tasks')
        .values({
          user_id: person.id,
          item_id: secret.id,
          project_id: w.project.id,
          start_date: MONDAY,
          end_date: MONDAY,
          seconds_per_day: 3600,
        })
        .execute();
      const res = (await r.billing.get(`/api/cost/report?from=${MONDAY}&to=${MONDAY}&groupBy=project`)).json();
      assert.equal(
        (res.rows as Row[]).find((x) => x.key === String(w.project.id)),
        undefined,
        'no group, not even an empty one, for the hidden item’s project',
      );
    });
  });
