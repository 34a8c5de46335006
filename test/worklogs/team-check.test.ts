// Guards PRICE-3, PRICE-4, PRICE-5, PRICE-7 and PRICE-8 on work logs: the team and price-list check with a distinct
// error for each missing piece, the snapshot of team, price list and rate, the team-changed warning on edit, and money
// only for money roles — in responses, lists, previews and errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createGroup,
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { auditCount } from '../projects/fixtures.js';
import {
  addMember,
  assertNoMoney,
  assignTeam,
  createPriceList,
  createTeam,
  grantAppRole,
  leaveTeam,
} from '../helpers/teams.js';

for (const dialect of DIALECTS)
  describe(`work logs: team and price-list check (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    const logsOf = (itemId: number) => t.db.selectFrom('worklogs').selectAll().where('item_id', '=', itemId).execute();

    /** A worker with project access, in a team of the project with a price list valid in 2026 (rate 87.50). */
    async function teamWorld(options: { rate?: string } = {}) {
      const world = await worldWithItem(t.db);
      const team = await createTeam(t.db, world.project.id, { members: [{ userId: world.user.id }] });
      const prices = await createPriceList(t.db, team.id, {
        hourlyRate: options.rate ?? '87.50',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      });
      return { ...world, team, prices, c: await signedIn(t.app, world.user.login) };
    }

    test('PRICE-3: not in a team of the project — 403 not_in_team naming the project and the date, nothing written', async () => {
      const { user, item, project } = await worldWithItem(t.db);
      const audits = await auditCount(t.db);
      const res = await (
        await signedIn(t.app, user.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'not_in_team');
      assert.equal(res.json().detail, `not in a team of ${project.key} with a price list valid on 2026-11-03`);
      assert.deepEqual(await logsOf(item.id), []);
      assert.equal(await auditCount(t.db), audits);
    });

    test('PRICE-3: a role without WORK_ON_ISSUES — 403 team_role_cannot_work naming the team', async () => {
      const { user, item, project } = await worldWithItem(t.db);
      const team = await createTeam(t.db, project.id, {
        members: [{ userId: user.id, permissions: ['VIEW_MEMBER_WORKLOGS'] }],
      });
      await createPriceList(t.db, team.id);
      const res = await (
        await signedIn(t.app, user.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'team_role_cannot_work');
      assert.match(res.json().detail, new RegExp(`team '${team.name}'`));
      assert.deepEqual(await logsOf(item.id), []);
    });

    test('PRICE-3, PRICE-8: no price list valid on the work date — 403 no_valid_price_list; validity is judged on the work date', async () => {
      const { item, team, c } = await teamWorld();
      const res = await c.post('/api/worklogs', { itemKey: item.key, startDate: '2027-01-01', durationSeconds: 600 });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'no_valid_price_list');
      assert.match(
        res.json().detail,
        new RegExp(`team '${team.name}' of [A-Z0-9]+ has no price list valid on 2027-01-01`),
      );
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-12-31', durationSeconds: 600 }))
          .statusCode,
        201,
      );
    });

    test('TEAM-8, PRICE-3: a user denied ISSUE_TIME_TABS is refused without their team or price list being named — in the refusal and its explanation alike', async () => {
      const { user, item, project, team, prices, c } = await teamWorld();
      const group = await createGroup(t.db, [user.id]);
      await t.db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();
      const res = await c.post('/api/worklogs', { itemKey: item.key, startDate: '2027-01-01', durationSeconds: 600 });
      assert.equal(res.statusCode, 403, res.body);
      assert.deepEqual(
        [res.json().code, res.json().detail],
        ['no_valid_price_list', `the user's team of ${project.key} has no price list valid on 2027-01-01`],
      );
      const why = await c.get(`/api/explain?action=worklog.create&item=${item.key}&date=2027-01-01`);
      assert.deepEqual([why.json().deciding.code, why.json().deciding.message], [res.json().code, res.json().detail]);
      const allowed = await c.get(`/api/explain?action=worklog.create&item=${item.key}&date=2026-11-03`);
      assert.equal(allowed.json().allowed, true, allowed.body);
      for (const body of [res.body, why.body, allowed.body])
        assert.ok(!body.includes(team.name) && !body.includes(prices.name), body);
    });

    test('PRICE-3: a member of a global team assigned to the project may log work; unassigned, not', async () => {
      const { user, item, project } = await worldWithItem(t.db);
      const team = await createTeam(t.db, null, { members: [{ userId: user.id }] });
      await createPriceList(t.db, team.id);
      const c = await signedIn(t.app, user.login);
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 })).json()
          .code,
        'not_in_team',
      );
      await assignTeam(t.db, team.id, project.id);
      const res = await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().team, { id: team.id, name: team.name });
    });

    test('PRICE-3, PRJ-5: a team role never grants what the base layer does not — WORK_ON_ISSUES on the project is still needed', async () => {
      const { user, item, project } = await worldWithItem(t.db, ['BROWSE_PROJECT', 'EDIT_ISSUES']);
      const team = await createTeam(t.db, project.id, { members: [{ userId: user.id }] });
      await createPriceList(t.db, team.id);
      const res = await (
        await signedIn(t.app, user.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'missing_permission');
    });

    test('PRICE-5, WL-1: the work log records team, price list and the rate as a decimal, exactly', async () => {
      const { item, team, prices, c } = await teamWorld({ rate: '0.30' });
      const res = await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 });
      assert.equal(res.statusCode, 201, res.body);
      const [row] = await logsOf(item.id);
      assert.equal(row.team_id, team.id);
      assert.equal(row.price_list_id, prices.id);
      assert.equal(row.rate, '0.30');
      assert.deepEqual(res.json().priceList, { id: prices.id, name: prices.name });
    });

    test('PRICE-4: with the check off for the project, anyone with WORK_ON_ISSUES logs work; a member still records team, price list and rate', async () => {
      const { item, project, team, prices, c } = await teamWorld();
      await t.db.updateTable('projects').set({ team_checks: 'disabled' }).where('id', '=', project.id).execute();
      const outsider = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: outsider.id });
      const res = await (
        await signedIn(t.app, outsider.login)
      ).post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().team, null);
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 })).statusCode,
        201,
      );
      const mine = (await logsOf(item.id)).find((w) => w.team_id !== null)!;
      assert.deepEqual([mine.team_id, mine.price_list_id, mine.rate], [team.id, prices.id, '87.50']);
    });

    test('PRICE-4: with the check off globally, the project setting does not matter', async () => {
      const { user, item } = await worldWithItem(t.db);
      const c = await signedIn(t.app, user.login);
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 })).statusCode,
        403,
      );
      await t.db.updateTable('app_settings').set({ team_checks: false }).execute();
      try {
        assert.equal(
          (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 }))
            .statusCode,
          201,
        );
      } finally {
        await t.db.updateTable('app_settings').set({ team_checks: true }).execute();
      }
    });

    test('PRICE-5: editing after the author changed team warns with team_changed and writes nothing; confirming moves it to the current team and price list', async () => {
      const { user, item, project, team, c } = await teamWorld({ rate: '50.00' });
      const log = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 })
      ).json();
      await leaveTeam(t.db, team.id, user.id);
      const other = await createTeam(t.db, project.id, { members: [{ userId: user.id }] });
      const otherPrices = await createPriceList(t.db, other.id, { hourlyRate: '65.00' });
      const audits = await auditCount(t.db);
      const warned = await c.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 900 });
      assert.equal(warned.statusCode, 409, warned.body);
      assert.equal(warned.json().code, 'team_changed');
      assert.deepEqual(warned.json().recordedTeam, { id: team.id, name: team.name });
      assert.deepEqual(warned.json().currentTeam, { id: other.id, name: other.name });
      assert.equal(await auditCount(t.db), audits);
      assert.equal((await logsOf(item.id))[0].duration_seconds, 600);
      const moved = await c.patch(`/api/worklogs/${log.id}`, {
        version: 1,
        durationSeconds: 900,
        confirmTeamChange: true,
      });
      assert.equal(moved.statusCode, 200, moved.body);
      const [row] = await logsOf(item.id);
      assert.deepEqual(
        [row.team_id, row.price_list_id, row.rate, row.duration_seconds],
        [other.id, otherPrices.id, '65.00', 900],
      );
    });

    test('PRICE-5: with the check on, a work log whose author is in no team any more cannot be edited', async () => {
      const { user, item, team, c } = await teamWorld();
      const log = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 })
      ).json();
      await leaveTeam(t.db, team.id, user.id);
      const res = await c.patch(`/api/worklogs/${log.id}`, {
        version: 1,
        durationSeconds: 900,
        confirmTeamChange: true,
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'not_in_team');
      assert.equal((await logsOf(item.id))[0].duration_seconds, 600);
    });

    test('PRICE-8: moving a work log to a date no price list covers is refused (check on); within the team it follows the price list of the new date', async () => {
      const { item, team, c } = await teamWorld({ rate: '40.00' });
      const next = await createPriceList(t.db, team.id, { hourlyRate: '45.00', validFrom: '2027-01-01' });
      const log = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 })
      ).json();
      const moved = await c.patch(`/api/worklogs/${log.id}`, { version: 1, startDate: '2027-02-01' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual([(await logsOf(item.id))[0].price_list_id, (await logsOf(item.id))[0].rate], [next.id, '45.00']);
      const refused = await c.patch(`/api/worklogs/${log.id}`, { version: 2, startDate: '2019-06-01' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'no_valid_price_list');
    });

    test('PRICE-7: money only for app_admin, billing_admin and billing_viewer — absent from work logs, lists, previews and errors for everyone else', async () => {
      const rate = '123.45';
      const { user, item, project, c } = await teamWorld({ rate });
      const created = await c.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2026-11-03',
        durationSeconds: 600,
      });
      const requests = async (client: Awaited<ReturnType<typeof signedIn>>) => [
        (await client.get(`/api/items/${item.key}/worklogs`)).json(),
        (await client.get(`/api/items/${item.key}/worklog-preview?startDate=2026-11-04`)).json(),
        (await client.get(`/api/items/${item.key}/time-summary`)).json(),
        (await client.patch(`/api/worklogs/${created.json().id}`, { version: 99 })).json(),
      ];
      assertNoMoney(created.json(), [rate], 'the created work log');
      assertNoMoney(await requests(c), [rate], 'the lists, preview, summary and refusal');
      assertNoMoney((await c.get('/api/me/worklogs')).json(), [rate], 'My work logs');
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: sysadmin.id });
      assertNoMoney(await requests(await signedIn(t.app, sysadmin.login)), [rate], 'what a system administrator reads');
      for (const role of ['billing_viewer', 'billing_admin', 'app_admin'] as const) {
        const viewer = await createUser(t.db);
        await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: viewer.id });
        await grantAppRole(t.db, viewer.id, role);
        const list = (await (await signedIn(t.app, viewer.login)).get(`/api/items/${item.key}/worklogs`)).json();
        assert.equal(list.items[0].rate, rate, role);
        assert.equal(list.items[0].currency, 'EUR');
      }
      await grantAppRole(t.db, user.id, 'billing_viewer');
      const preview = (
        await (await signedIn(t.app, user.login)).get(`/api/items/${item.key}/worklog-preview?startDate=2026-11-04`)
      ).json();
      assert.equal(preview.rate, rate);
    });

    test('PRICE-3: the preview names the team and price list it would record, or the missing piece', async () => {
      const { item, team, prices, c } = await teamWorld();
      const ok = (await c.get(`/api/items/${item.key}/worklog-preview?startDate=2026-05-05`)).json();
      assert.deepEqual(
        [ok.allowed, ok.teamChecks, ok.team, ok.priceList],
        [true, 'on', { id: team.id, name: team.name }, { id: prices.id, name: prices.name }],
      );
      const late = (await c.get(`/api/items/${item.key}/worklog-preview?startDate=2027-01-01`)).json();
      assert.deepEqual([late.allowed, late.code], [false, 'no_valid_price_list']);
    });

    test('PRICE-3: explain names the team layer — "not in a team of … with a price list valid on …", and the team and price list when allowed', async () => {
      const { item, project, team, prices, c } = await teamWorld();
      const yes = (await c.get(`/api/explain?action=worklog.create&item=${item.key}&date=2026-11-03`)).json();
      assert.equal(yes.allowed, true);
      assert.equal(yes.deciding.layer, 'business');
      const passed = yes.layers.find((r: { code: string }) => r.code === 'team_check_passed');
      assert.match(passed.message, new RegExp(`team '${team.name}'.*price list '${prices.name}' valid on 2026-11-03`));
      const stranger = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: stranger.id });
      const no = (
        await (
          await signedIn(t.app, stranger.login)
        ).get(`/api/explain?action=worklog.create&item=${item.key}&date=2026-11-03`)
      ).json();
      assert.equal(no.allowed, false);
      assert.deepEqual([no.deciding.layer, no.deciding.code], ['business', 'not_in_team']);
      assert.equal(no.deciding.message, `not in a team of ${project.key} with a price list valid on 2026-11-03`);
    });

    test('PRICE-3: joining a team takes effect on the next request', async () => {
      const { user, item, project } = await worldWithItem(t.db);
      const team = await createTeam(t.db, project.id);
      await createPriceList(t.db, team.id);
      const c = await signedIn(t.app, user.login);
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 })).statusCode,
        403,
      );
      await addMember(t.db, team.id, user.id);
      assert.equal(
        (await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 })).statusCode,
        201,
      );
    });
  });

for (const dialect of DIALECTS)
  describe(`work logs: money stays out of the audit log for readers without a money role (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('PRICE-7: a system administrator without a money role reads work-log audit rows without the rate; billing_admin with it', async () => {
      const rate = '321.09';
      const { user, item, project } = await worldWithItem(t.db);
      const team = await createTeam(t.db, project.id, { members: [{ userId: user.id }] });
      await createPriceList(t.db, team.id, { hourlyRate: rate });
      const c = await signedIn(t.app, user.login);
      const log = (
        await c.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 600 })
      ).json();
      assert.equal((await c.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 900 })).statusCode, 200);
      const url = `/api/audit?entityType=worklog&entityId=${log.id}`;
      // Readers who browse the project: nobody else reads rows about it (EXPL-4).
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: sysadmin.id });
      const plain = await (await signedIn(t.app, sysadmin.login)).get(url);
      assert.equal(plain.statusCode, 200, plain.body);
      assert.equal(plain.json().items.length, 2);
      assertNoMoney(plain.json(), [rate], 'the audit rows');
      const billing = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: billing.id });
      await grantAppRole(t.db, billing.id, 'billing_admin');
      const rows = (await (await signedIn(t.app, billing.login)).get(url)).json().items;
      assert.equal(rows.find((r: { action: string }) => r.action === 'worklog.create').after.rate, rate);
    });
  });
