// Guards REP-5 in errors (with PRICE-6): a price list in use is refused without counting, dating or naming the work logs
// that use it — some are on items the caller may not view (ITEM-9) — so the 409 tells a billing administrator nothing
// about what they cannot see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createItem,
  createProject,
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  type TestApp,
} from '../helpers/harness.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';

for (const dialect of DIALECTS)
  describe(`price lists in use: refusals count nothing (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('REP-5, PRICE-6, ITEM-9: the 409 for a used price list has no count, no work dates and no item of the work logs, for a billing administrator who cannot view some of them', async () => {
      const project = await createProject(t.db);
      const team = await createTeam(t.db, project.id);
      const worker = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: worker.id });
      await addMember(t.db, team.id, worker.id, team.memberRoleId);
      const billing = await createUser(t.db);
      await grantAppRole(t.db, billing.id, 'billing_admin');
      // A project administrator (so the team is theirs to see, TEAM-8) kept out of one item by its security setting.
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: billing.id });
      const shown = await createItem(t.db, { projectId: project.id, title: 'Shown' });
      const hidden = await createItem(t.db, { projectId: project.id, title: 'Hidden' });
      await t.db.insertInto('item_security').values({ item_id: hidden.id, project_id: project.id }).execute();
      await t.db
        .insertInto('item_security_entries')
        .values({ item_id: hidden.id, subject_kind: 'user', subject_id: worker.id, view: 'allow', edit: 'allow' })
        .execute();
      await t.db.updateTable('work_items').set({ governing_item_id: hidden.id }).where('id', '=', hidden.id).execute();

      const list = await createPriceList(t.db, team.id, {
        name: 'Standard',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      });
      const dates = ['2026-02-03', '2026-04-14', '2026-09-22', '2026-10-05', '2026-11-17'];
      for (const [k, date] of dates.entries()) {
        await t.db
          .insertInto('worklogs')
          .values({
            item_id: (k < 2 ? shown : hidden).id,
            project_id: project.id,
            author_id: worker.id,
            created_by: worker.id,
            start_date: date,
            duration_seconds: 3600,
            team_id: team.id,
            price_list_id: list.id,
            rate: list.hourly_rate,
          })
          .execute();
      }
      const c = await signedIn(t.app, billing.login);
      assert.equal(
        (await c.get(`/api/items/${hidden.key}`)).statusCode,
        404,
        'the billing administrator cannot view the hidden item',
      );

      const refusals = {
        delete: await c.delete(`/api/price-lists/${list.id}?version=1`),
        'change the rate': await c.patch(`/api/price-lists/${list.id}`, { version: 1, hourlyRate: '99.00' }),
        'end it early': await c.patch(`/api/price-lists/${list.id}`, { version: 1, validTo: '2026-06-30' }),
        'start a successor': await c.post(`/api/price-lists/${list.id}/successor`, {
          version: 1,
          hourlyRate: '99.00',
          validFrom: '2026-03-01',
        }),
      };
      for (const [what, res] of Object.entries(refusals)) {
        assert.equal(res.statusCode, 409, `${what}: ${res.body}`);
        const problem = res.json() as Record<string, unknown> & { code: string; detail: string };
        assert.equal(problem.code, 'price_list_in_use', what);
        assert.deepEqual(
          Object.keys(problem).sort(),
          ['code', 'detail', 'status', 'title', 'type'],
          `${what}: the problem carries nothing but why`,
        );
        assert.doesNotMatch(problem.detail, /\d+\s+work logs?/, `${what}: the detail counts work logs`);
        for (const secret of [...dates, hidden.key, 'Hidden']) {
          assert.ok(
            !res.body.includes(`"${secret}"`) && !problem.detail.includes(secret),
            `${what}: the refusal reveals ${secret}`,
          );
        }
        assert.match(problem.detail, /work logs/, `${what}: the detail still says why`);
      }
    });
  });
