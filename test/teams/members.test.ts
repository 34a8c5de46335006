// Guards who may join a team and how: one team per user and project (TEAM-4) on every path that adds a member,
// the users offered (TEAM-5), deactivated users (ID-1), membership history (TEAM-6), and the grant boundary —
// nobody gives a team permission they do not hold (app_admin, team_admin and system administrators excepted).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createUser, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import {
  as,
  assign,
  createTeam,
  roleOf,
  teamState,
  teamsOfUserInProject,
  teamWorld,
  userWithRole,
  type TeamDetail,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`team members (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('TEAM-4: a user in a team of the project cannot be added to another team of it; the error names the user and nothing is written', async () => {
      const w = await teamWorld(t.db);
      const user = await w.browser();
      const c = await as(t.app, w.admin.login);
      await createTeam(c, { projectKey: w.project.key, memberIds: [user.id] });
      const second = await createTeam(c, { projectKey: w.project.key });
      const state = await teamState(t.db);
      const res = await c.post(`/api/teams/${second.id}/members`, { userIds: [user.id] });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'team_member_conflict');
      assert.deepEqual(res.json().users, [{ id: user.id, login: user.login, displayName: `User ${user.login}` }]);
      assert.ok(res.json().detail.includes(`${user.login} (User ${user.login})`), res.json().detail);
      const created = await c.post('/api/teams', { name: 'Third', projectKey: w.project.key, leadUserId: user.id });
      assert.equal(created.json().code, 'team_member_conflict', 'creating a team with them is refused too');
      assert.deepEqual(await teamState(t.db), state);
    });

    test('TEAM-4: a user cannot join a global team while in another team of a project it is assigned to, nor a project team while in an assigned global team', async () => {
      const w = await teamWorld(t.db);
      const [inProjectTeam, inGlobal] = [await w.browser(), await w.browser()];
      const c = await as(t.app, w.admin.login);
      await createTeam(c, { projectKey: w.project.key, memberIds: [inProjectTeam.id] });
      const global = await createTeam(c, { memberIds: [inGlobal.id] });
      const unassigned = await createTeam(c, {});
      await assign(c, w.project.key, global.id);
      const intoGlobal = await c.post(`/api/teams/${global.id}/members`, { userIds: [inProjectTeam.id] });
      assert.equal(intoGlobal.statusCode, 409, intoGlobal.body);
      assert.deepEqual(
        intoGlobal.json().users.map((u: { id: number }) => u.id),
        [inProjectTeam.id],
      );
      const projectTeam = await createTeam(c, { projectKey: w.project.key });
      const intoProjectTeam = await c.post(`/api/teams/${projectTeam.id}/members`, { userIds: [inGlobal.id] });
      assert.equal(intoProjectTeam.json().code, 'team_member_conflict');
      assert.deepEqual(await teamsOfUserInProject(t.db, inGlobal.id, w.project.id), [global.id]);
      // Global teams may share members while they are not assigned to a common project (ictime).
      assert.equal(
        (await c.post(`/api/teams/${unassigned.id}/members`, { userIds: [inGlobal.id, inProjectTeam.id] })).statusCode,
        201,
      );
    });

    test('TEAM-5: the users offered for a project team are active, may browse the project and are in no team of it yet', async () => {
      const w = await teamWorld(t.db);
      const [free, inTeam, inGlobal, member] = [
        await w.browser(),
        await w.browser(),
        await w.browser(),
        await w.browser(),
      ];
      const inactive = await w.browser({ active: false });
      const stranger = await createUser(t.db);
      const c = await as(t.app, w.admin.login);
      await createTeam(c, { projectKey: w.project.key, memberIds: [inTeam.id] });
      const global = await createTeam(c, { memberIds: [inGlobal.id] });
      await assign(c, w.project.key, global.id);
      const edited = await createTeam(c, { projectKey: w.project.key, memberIds: [member.id] });
      const ids = async (url: string) => {
        const res = await c.get(url);
        assert.equal(res.statusCode, 200, res.body);
        return res
          .json()
          .items.map((u: { id: number }) => u.id)
          .filter((id: number) => [free, inTeam, inGlobal, member, inactive, stranger].some((u) => u.id === id))
          .sort((a: number, b: number) => a - b);
      };
      assert.deepEqual(await ids(`/api/projects/${w.project.key}/teams/available-users?limit=200`), [free.id]);
      assert.deepEqual(
        await ids(`/api/projects/${w.project.key}/teams/available-users?teamId=${edited.id}&limit=200`),
        [free.id],
      );
      assert.deepEqual(await ids(`/api/teams/available-users?teamId=${edited.id}&limit=200`), [free.id]);
      // A global team assigned to the project: nobody already in the project, any active user otherwise (no BROWSE needed).
      assert.deepEqual(
        await ids(`/api/teams/available-users?teamId=${global.id}&limit=200`),
        [free.id, stranger.id].sort((a, b) => a - b),
      );
      const newGlobal = await ids('/api/teams/available-users?limit=200');
      assert.deepEqual(
        newGlobal,
        [free.id, inTeam.id, inGlobal.id, member.id, stranger.id].sort((a, b) => a - b),
      );
      const searched = (await c.get(`/api/projects/${w.project.key}/teams/available-users?q=${free.login}`)).json()
        .items;
      assert.deepEqual(
        searched.map((u: { login: string }) => u.login),
        [free.login],
      );
      // Another project's team through this project's page: the same 404 as a missing one.
      const foreign = await createTeam(c, {});
      assert.equal(
        (await c.get(`/api/projects/${w.project.key}/teams/available-users?teamId=${foreign.id}`)).statusCode,
        404,
      );
    });

    test('TEAM-5: a user without BROWSE_PROJECT cannot join a project team', async () => {
      const w = await teamWorld(t.db);
      const stranger = await createUser(t.db);
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key });
      const state = await teamState(t.db);
      const res = await c.post(`/api/teams/${team.id}/members`, { userIds: [stranger.id] });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'user_cannot_browse');
      assert.equal(
        (
          await c.post('/api/teams', { name: 'With stranger', projectKey: w.project.key, memberIds: [stranger.id] })
        ).json().code,
        'user_cannot_browse',
      );
      assert.deepEqual(await teamState(t.db), state);
    });

    test('ID-1: a deactivated user cannot be added to a team', async () => {
      const w = await teamWorld(t.db);
      const gone = await w.browser({ active: false });
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key });
      const state = await teamState(t.db);
      for (const res of [
        await c.post(`/api/teams/${team.id}/members`, { userIds: [gone.id] }),
        await c.post('/api/teams', { name: 'Led by nobody', leadUserId: gone.id }),
        await c.post('/api/teams', { name: 'Staffed by nobody', memberIds: [gone.id] }),
      ]) {
        assert.equal(res.statusCode, 422, res.body);
        assert.equal(res.json().code, 'user_inactive');
      }
      assert.deepEqual(await teamState(t.db), state);
      const unknown = await c.post(`/api/teams/${team.id}/members`, { userIds: [2_147_483_647] });
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().field, 'userIds.0');
      assert.equal(
        (await c.post(`/api/teams/${team.id}/members`, { userIds: [w.admin.id], roleIds: [2_147_483_647] })).json()
          .field,
        'roleIds.0',
      );
    });

    test('TEAM-6: leaving ends the membership period and the history keeps it; joining again opens a new period', async () => {
      const w = await teamWorld(t.db);
      const user = await w.browser();
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key, memberIds: [user.id] });
      const other = await createTeam(c, { projectKey: w.project.key });
      assert.equal((await c.delete(`/api/teams/${team.id}/members/${user.id}`)).statusCode, 204);
      assert.equal(
        (await c.delete(`/api/teams/${team.id}/members/${user.id}`)).statusCode,
        404,
        'no current membership left',
      );
      assert.equal(
        (await c.post(`/api/teams/${other.id}/members`, { userIds: [user.id] })).statusCode,
        201,
        'free for another team of the project',
      );
      assert.equal((await c.delete(`/api/teams/${other.id}/members/${user.id}`)).statusCode, 204);
      assert.equal((await c.post(`/api/teams/${team.id}/members`, { userIds: [user.id] })).statusCode, 201);
      const history = (await c.get(`/api/teams/${team.id}/history?userId=${user.id}`)).json().items;
      assert.equal(history.length, 2);
      const [current, past] = history;
      assert.equal(current.leftAt, null);
      assert.ok(
        past.leftAt && past.joinedAt <= past.leftAt && past.leftAt <= current.joinedAt,
        JSON.stringify(history),
      );
      assert.deepEqual([past.leftBy.id, current.joinedBy.id], [w.admin.id, w.admin.id]);
      const detail = (await c.get(`/api/teams/${team.id}`)).json() as TeamDetail;
      assert.deepEqual(
        detail.members.map((m) => m.user.id),
        [user.id],
      );
      const paged = (await c.get(`/api/teams/${team.id}/history?limit=1`)).json();
      assert.equal(paged.items.length, 1);
      assert.equal(
        (await c.get(`/api/teams/${team.id}/history?limit=1&cursor=${paged.nextCursor}`)).json().items[0].id,
        past.id,
      );
    });

    test('TEAM-3: adding someone already in the team is refused; a member always holds at least one role', async () => {
      const w = await teamWorld(t.db);
      const user = await w.browser();
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key, memberIds: [user.id] });
      assert.equal(
        (await c.post(`/api/teams/${team.id}/members`, { userIds: [user.id] })).json().code,
        'already_member',
      );
      const none = await c.put(`/api/teams/${team.id}/members/${user.id}`, { roleIds: [] });
      assert.equal(none.statusCode, 400);
      assert.equal(none.json().field, 'roleIds');
      const both = await c.put(`/api/teams/${team.id}/members/${user.id}`, {
        roleIds: [roleOf(team, 'lead').id, roleOf(team, 'member').id],
      });
      assert.equal(both.statusCode, 200, both.body);
      assert.deepEqual(both.json().members[0].roleIds, [roleOf(team, 'lead').id, roleOf(team, 'member').id]);
      assert.equal(
        (await c.put(`/api/teams/${team.id}/members/${w.admin.id}`, { roleIds: [roleOf(team, 'member').id] }))
          .statusCode,
        404,
      );
    });

    test('TEAM-2: a grant boundary — a MANAGE_TEAM member without APPROVE_TIMESHEETS cannot create a role with it or give Team Lead; an app_admin can', async () => {
      const w = await teamWorld(t.db);
      const [manager, worker] = [await w.browser(), await w.browser()];
      const ac = await as(t.app, w.admin.login);
      const team = await createTeam(ac, { projectKey: w.project.key, memberIds: [worker.id] });
      const managerRole = (
        await ac.post(`/api/teams/${team.id}/roles`, {
          name: 'Manager',
          permissions: ['MANAGE_TEAM', 'WORK_ON_ISSUES', 'VIEW_MEMBER_WORKLOGS'],
        })
      ).json();
      assert.equal(
        (await ac.post(`/api/teams/${team.id}/members`, { userIds: [manager.id], roleIds: [managerRole.id] }))
          .statusCode,
        201,
      );
      const mc = await as(t.app, manager.login);
      // The team's abilities name what the manager may give: what they hold (VIEW_MEMBER_WORKLOGS also through MANAGE_TEAM).
      assert.deepEqual((await mc.get(`/api/teams/${team.id}`)).json().abilities.grantable, [
        'WORK_ON_ISSUES',
        'VIEW_MEMBER_WORKLOGS',
        'MANAGE_TEAM',
      ]);
      assert.deepEqual((await ac.get(`/api/teams/${team.id}`)).json().abilities.grantable, [
        'WORK_ON_ISSUES',
        'VIEW_MEMBER_WORKLOGS',
        'MANAGE_MEMBER_WORKLOGS',
        'MANAGE_SCHEDULE',
        'MANAGE_TEAM',
        'APPROVE_TIMESHEETS',
      ]);
      assert.deepEqual(
        (await (await as(t.app, worker.login)).get(`/api/teams/${team.id}`)).json().abilities.grantable,
        [],
      );
      // And which roles they may give: their own and Team Member, not Team Lead (it holds APPROVE_TIMESHEETS).
      const givable = (await mc.get(`/api/teams/${team.id}`))
        .json()
        .roles.map((r: { name: string; canGive: boolean }) => [r.name, r.canGive]);
      assert.deepEqual(givable, [
        ['Team Lead', false],
        ['Team Member', true],
        ['Manager', true],
      ]);
      const lead = roleOf(team, 'lead').id;
      const state = await teamState(t.db);
      const refusals = [
        await mc.post(`/api/teams/${team.id}/roles`, { name: 'Approver', permissions: ['APPROVE_TIMESHEETS'] }),
        await mc.put(`/api/teams/${team.id}/members/${worker.id}`, { roleIds: [lead] }),
        await mc.post(`/api/teams/${team.id}/members`, { userIds: [(await w.browser()).id], roleIds: [lead] }),
        await mc.patch(`/api/teams/${team.id}/roles/${managerRole.id}`, {
          version: managerRole.version,
          permissions: ['MANAGE_TEAM', 'MANAGE_SCHEDULE'],
        }),
      ];
      for (const res of refusals) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'grant_boundary');
      }
      assert.deepEqual(await teamState(t.db), state);
      // Within what they hold: allowed (removing a permission from a role grants nothing).
      assert.equal(
        (await mc.post(`/api/teams/${team.id}/roles`, { name: 'Reader', permissions: ['VIEW_MEMBER_WORKLOGS'] }))
          .statusCode,
        201,
      );
      assert.equal(
        (
          await mc.patch(`/api/teams/${team.id}/roles/${managerRole.id}`, {
            version: managerRole.version,
            permissions: ['MANAGE_TEAM', 'WORK_ON_ISSUES'],
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (await mc.post(`/api/teams/${team.id}/members`, { userIds: [(await w.browser()).id] })).statusCode,
        201,
      );
      assert.equal(
        (await mc.patch(`/api/teams/${team.id}`, { version: team.version, name: 'Managed' })).statusCode,
        200,
      );
      // MANAGE_TEAM does not delete the team (TEAM-2: "except deletion").
      assert.equal((await mc.delete(`/api/teams/${team.id}?version=2`)).json().code, 'missing_authority');

      const appAdmin = await userWithRole(t.db, 'app_admin');
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: appAdmin.id });
      const aa = await as(t.app, appAdmin.login);
      assert.equal(
        (await aa.post(`/api/teams/${team.id}/roles`, { name: 'Approver', permissions: ['APPROVE_TIMESHEETS'] }))
          .statusCode,
        201,
      );
      const promoted = await aa.put(`/api/teams/${team.id}/members/${worker.id}`, { roleIds: [lead] });
      assert.equal(promoted.statusCode, 200, promoted.body);
    });

    test('TEAM-2: a team member without MANAGE_TEAM cannot change the team, its roles or its members', async () => {
      const w = await teamWorld(t.db);
      const worker = await w.browser();
      const ac = await as(t.app, w.admin.login);
      const team = await createTeam(ac, { projectKey: w.project.key, memberIds: [worker.id] });
      const wc = await as(t.app, worker.login);
      assert.equal((await wc.get(`/api/teams/${team.id}`)).statusCode, 200);
      const state = await teamState(t.db);
      for (const res of [
        await wc.patch(`/api/teams/${team.id}`, { version: 1, name: 'Mine now' }),
        await wc.post(`/api/teams/${team.id}/members`, { userIds: [(await w.browser()).id] }),
        await wc.delete(`/api/teams/${team.id}/members/${worker.id}`),
        await wc.post(`/api/teams/${team.id}/roles`, { name: 'Mine', permissions: ['WORK_ON_ISSUES'] }),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'missing_authority');
      }
      assert.equal((await wc.get(`/api/projects/${w.project.key}/teams/available-users`)).statusCode, 403);
      assert.deepEqual(await teamState(t.db), state);
    });
  });
