// Guards WL-5, TEAM-2 and WL-3 through teams: logging and changing work for someone else needs MANAGE_MEMBER_WORKLOGS in
// a team of theirs (or team_admin over their team, or app_admin), every gate is evaluated for the person the work is
// for, and VIEW_MEMBER_WORKLOGS opens a member's work logs in the app areas — only on items the caller can view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestApp,
  createUser,
  DIALECTS,
  grant,
  signedIn,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import type { TeamPermission } from '../../src/db/types.js';
import { auditCount } from '../projects/fixtures.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';

for (const dialect of DIALECTS)
  describe(`work logs: on behalf of team members (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    /** A member and a manager in one team of a project with a valid price list; the manager's permissions vary. */
    async function teamOf(managerPermissions: TeamPermission[]) {
      const { user: member, project, item } = await worldWithItem(t.db);
      const manager = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: manager.id });
      const team = await createTeam(t.db, project.id, {
        members: [{ userId: member.id }, { userId: manager.id, permissions: managerPermissions }],
      });
      await createPriceList(t.db, team.id, { hourlyRate: '70.00' });
      return { member, manager, project, item, team, mc: await signedIn(t.app, manager.login) };
    }

    test("WL-5: MANAGE_MEMBER_WORKLOGS in the member's team logs work for them — the author is the member, the team and price list theirs", async () => {
      const { member, item, team, mc } = await teamOf(['MANAGE_MEMBER_WORKLOGS']);
      const res = await mc.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2026-11-03',
        durationSeconds: 1200,
        userId: member.id,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().author.id, member.id);
      assert.deepEqual(res.json().team, { id: team.id, name: team.name });
      const row = await t.db
        .selectFrom('worklogs')
        .selectAll()
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      assert.equal(row.author_id, member.id);
      assert.notEqual(row.created_by, member.id);
      assert.equal(res.json().abilities.canEdit, true);
      const edit = await mc.patch(`/api/worklogs/${res.json().id}`, { version: 1, durationSeconds: 600 });
      assert.equal(edit.statusCode, 200, edit.body);
    });

    test('WL-5: VIEW_MEMBER_WORKLOGS alone does not let a member log work for another — 403 not_own_worklog, nothing written', async () => {
      const { member, item, mc } = await teamOf(['VIEW_MEMBER_WORKLOGS', 'WORK_ON_ISSUES']);
      const audits = await auditCount(t.db);
      const res = await mc.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2026-11-03',
        durationSeconds: 1200,
        userId: member.id,
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'not_own_worklog');
      assert.equal(await auditCount(t.db), audits);
    });

    test('WL-5: all gates are evaluated for the person the work is for — their missing WORK_ON_ISSUES refuses, naming them', async () => {
      const { item, project, team, mc } = await teamOf(['MANAGE_MEMBER_WORKLOGS']);
      const viewer = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: viewer.id });
      await addMember(t.db, team.id, viewer.id, team.memberRoleId);
      const res = await mc.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2026-11-03',
        durationSeconds: 60,
        userId: viewer.id,
      });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'missing_permission');
      assert.match(res.json().detail, new RegExp(`^for User ${viewer.login}: WORK_ON_ISSUES is not granted`));
    });

    test("WL-5: the person's own team check applies — a manager cannot log for a member whose team has no valid price list on the date", async () => {
      const { member, item, mc } = await teamOf(['MANAGE_MEMBER_WORKLOGS']);
      const res = await mc.post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2019-01-01',
        durationSeconds: 60,
        userId: member.id,
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'no_valid_price_list');
    });

    test('WL-5: the caller must be able to view the item — otherwise 404, as if it did not exist', async () => {
      const { member, mc } = await teamOf(['MANAGE_MEMBER_WORKLOGS']);
      const { item: elsewhere } = await worldWithItem(t.db);
      const res = await mc.post('/api/worklogs', {
        itemKey: elsewhere.key,
        startDate: '2026-11-03',
        durationSeconds: 60,
        userId: member.id,
      });
      assert.equal(res.statusCode, 404);
    });

    test('WL-5: team_admin acts for a member of any team; app_admin for anyone; a plain user for nobody', async () => {
      const { member, item, project } = await teamOf(['WORK_ON_ISSUES']);
      for (const [role, expected] of [
        ['team_admin', 201],
        ['app_admin', 201],
        [undefined, 403],
      ] as const) {
        const caller = await createUser(t.db);
        await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: caller.id });
        if (role) await grantAppRole(t.db, caller.id, role);
        const res = await (
          await signedIn(t.app, caller.login)
        ).post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60, userId: member.id });
        assert.equal(res.statusCode, expected, `${role}: ${res.body}`);
      }
    });

    test("WL-3, TEAM-2: VIEW_MEMBER_WORKLOGS opens a member's work logs — only on items the caller can view; others get 403", async () => {
      const { member, item, project, mc } = await teamOf(['VIEW_MEMBER_WORKLOGS']);
      const memberClient = await signedIn(t.app, member.login);
      assert.equal(
        (await memberClient.post('/api/worklogs', { itemKey: item.key, startDate: '2026-11-03', durationSeconds: 60 }))
          .statusCode,
        201,
      );
      // A second project of the member that the manager cannot browse: its work logs never show, nor count.
      const hidden = await worldWithItem(t.db);
      await grant(t.db, hidden.project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: member.id });
      await t.db.updateTable('projects').set({ team_checks: 'disabled' }).where('id', '=', hidden.project.id).execute();
      assert.equal(
        (
          await memberClient.post('/api/worklogs', {
            itemKey: hidden.item.key,
            startDate: '2026-11-04',
            durationSeconds: 7200,
          })
        ).statusCode,
        201,
      );
      const list = await mc.get(`/api/users/${member.id}/worklogs`);
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        list.json().items.map((w: { item: { key: string } }) => w.item.key),
        [item.key],
      );
      assert.equal(list.json().totalSeconds, 60);
      assert.ok(!list.body.includes(hidden.project.key));
      const outsider = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT'], { userId: outsider.id });
      const refused = await (await signedIn(t.app, outsider.login)).get(`/api/users/${member.id}/worklogs`);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'not_own_worklog');
    });
  });
