// Guards TEAM-1, TEAM-3 and TEAM-7 through the API, and that a project team leaves no trace for a user who may
// not browse its project (PRJ-4): not in lists, not by id, not among a global team's projects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject, createUser, createTestApp, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList } from '../helpers/teams.js';
import { leaveUsersGroup } from '../security/fixtures.js';
import {
  as,
  assign,
  createTeam,
  roleOf,
  teamState,
  teamsOfUserInProject,
  teamWorld,
  worklogWithTeam,
} from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`teams (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('TEAM-1: a project team belongs to its project; a global team belongs to none and is assigned to any number of projects', async () => {
      const w = await teamWorld(t.db);
      const other = await createProject(t.db);
      await grant(t.db, other.id, 'BROWSE_PROJECT', { userId: w.admin.id });
      const c = await as(t.app, w.admin.login);
      const own = await createTeam(c, { name: 'Builders', projectKey: w.project.key });
      assert.deepEqual(own.project, { key: w.project.key, name: `Project ${w.project.key}` });
      const global = await createTeam(c, { name: 'Consultants' });
      assert.equal(global.project, null);
      await assign(c, w.project.key, global.id);
      await assign(c, other.key, global.id);
      const detail = (await c.get(`/api/teams/${global.id}`)).json();
      assert.deepEqual(
        detail.assignedProjects.map((p: { key: string }) => p.key).sort(),
        [w.project.key, other.key].sort(),
      );
      const page = (await c.get(`/api/projects/${w.project.key}/teams`)).json();
      assert.deepEqual(
        page.projectTeams.map((x: { id: number }) => x.id),
        [own.id],
      );
      assert.equal(page.globalTeams.find((x: { id: number }) => x.id === global.id).assigned, true);
      const scoped = (await c.get(`/api/teams?projectKey=${w.project.key}`)).json();
      assert.deepEqual(scoped.items.map((x: { id: number }) => x.id).sort(), [own.id, global.id].sort());
      assert.deepEqual(
        (await c.get(`/api/teams?projectKey=${w.project.key}&scope=project`))
          .json()
          .items.map((x: { id: number }) => x.id),
        [own.id],
      );
      assert.deepEqual(
        (await c.get(`/api/teams?projectKey=${w.project.key}&scope=global`))
          .json()
          .items.map((x: { id: number }) => x.id),
        [global.id],
      );
    });

    test('TEAM-3: a new team has the default roles Team Lead (all levels) and Team Member (WORK_ON_ISSUES); the lead the creator picks holds Team Lead, the others Team Member', async () => {
      const w = await teamWorld(t.db);
      const [lead, member] = [await w.browser(), await w.browser()];
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, {
        projectKey: w.project.key,
        leadUserId: lead.id,
        memberIds: [member.id, lead.id],
      });
      assert.deepEqual(
        team.roles.map((r) => [r.name, r.kind, r.permissions]),
        [
          [
            'Team Lead',
            'lead',
            [
              'WORK_ON_ISSUES',
              'VIEW_MEMBER_WORKLOGS',
              'MANAGE_MEMBER_WORKLOGS',
              'MANAGE_SCHEDULE',
              'MANAGE_TEAM',
              'APPROVE_TIMESHEETS',
            ],
          ],
          ['Team Member', 'member', ['WORK_ON_ISSUES']],
        ],
      );
      const roles = Object.fromEntries(team.members.map((m) => [m.user.id, m.roleIds]));
      assert.deepEqual(roles, { [lead.id]: [roleOf(team, 'lead').id], [member.id]: [roleOf(team, 'member').id] });
      assert.equal(team.memberCount, 2);
    });

    test('TEAM-3: the default roles cannot be changed or deleted, and nothing is written', async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key });
      const state = await teamState(t.db);
      for (const role of team.roles) {
        const patched = await c.patch(`/api/teams/${team.id}/roles/${role.id}`, {
          version: role.version,
          name: 'Renamed',
        });
        assert.equal(patched.statusCode, 422, patched.body);
        assert.equal(patched.json().code, 'default_role_immutable');
        const widened = await c.patch(`/api/teams/${team.id}/roles/${role.id}`, {
          version: role.version,
          permissions: ['APPROVE_TIMESHEETS'],
        });
        assert.equal(widened.json().code, 'default_role_immutable');
        const deleted = await c.delete(`/api/teams/${team.id}/roles/${role.id}`);
        assert.equal(deleted.statusCode, 422, deleted.body);
        assert.equal(deleted.json().code, 'default_role_immutable');
      }
      assert.deepEqual(await teamState(t.db), state);
    });

    test('TEAM-3: a MANAGE_TEAM member creates, changes and deletes custom roles; deleting one takes it from its holders, and a member left with none holds Team Member', async () => {
      const w = await teamWorld(t.db);
      const [manager, viewer, both] = [await w.browser(), await w.browser(), await w.browser()];
      const ac = await as(t.app, w.admin.login);
      const team = await createTeam(ac, { projectKey: w.project.key, leadUserId: manager.id });
      const mc = await as(t.app, manager.login);
      const created = await mc.post(`/api/teams/${team.id}/roles`, {
        name: 'Viewer',
        permissions: ['VIEW_MEMBER_WORKLOGS'],
      });
      assert.equal(created.statusCode, 201, created.body);
      const role = created.json();
      assert.deepEqual([role.kind, role.permissions], ['custom', ['VIEW_MEMBER_WORKLOGS']]);
      const changed = await mc.patch(`/api/teams/${team.id}/roles/${role.id}`, {
        version: 1,
        name: 'Watcher',
        permissions: ['VIEW_MEMBER_WORKLOGS', 'MANAGE_SCHEDULE'],
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(
        [changed.json().name, changed.json().permissions, changed.json().version],
        ['Watcher', ['VIEW_MEMBER_WORKLOGS', 'MANAGE_SCHEDULE'], 2],
      );
      assert.equal(
        (await mc.patch(`/api/teams/${team.id}/roles/${role.id}`, { version: 1, name: 'Stale' })).json().code,
        'version_conflict',
      );
      assert.equal(
        (await mc.post(`/api/teams/${team.id}/roles`, { name: 'watcher', permissions: ['WORK_ON_ISSUES'] })).json()
          .code,
        'role_name_taken',
      );

      const member = roleOf(team, 'member').id;
      assert.equal(
        (await mc.post(`/api/teams/${team.id}/members`, { userIds: [viewer.id], roleIds: [role.id] })).statusCode,
        201,
      );
      assert.equal(
        (await mc.post(`/api/teams/${team.id}/members`, { userIds: [both.id], roleIds: [role.id, member] })).statusCode,
        201,
      );
      const deleted = await mc.delete(`/api/teams/${team.id}/roles/${role.id}`);
      assert.equal(deleted.statusCode, 204, deleted.body);
      const detail = (await mc.get(`/api/teams/${team.id}`)).json();
      assert.deepEqual(
        detail.roles.map((r: { kind: string }) => r.kind),
        ['lead', 'member'],
      );
      const roles = Object.fromEntries(
        detail.members.map((m: { user: { id: number }; roleIds: number[] }) => [m.user.id, m.roleIds]),
      );
      assert.deepEqual(roles[viewer.id], [member], 'left without a role: falls back to Team Member');
      assert.deepEqual(roles[both.id], [member]);
    });

    test('TEAM-7: a team with a price list cannot be deleted, the error says why and nothing is written', async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key });
      assert.equal((await c.get(`/api/teams/${team.id}`)).json().abilities.canDelete, true);
      await createPriceList(t.db, team.id, { name: 'Standard', hourlyRate: '80.00', validFrom: '2026-01-01' });
      // The ability follows the rule, so the UI offers no button that can only fail.
      assert.equal((await c.get(`/api/teams/${team.id}`)).json().abilities.canDelete, false);
      const state = await teamState(t.db);
      const res = await c.delete(`/api/teams/${team.id}?version=${team.version}`);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'team_has_price_lists');
      assert.match(res.json().detail, /price list/);
      assert.deepEqual(await teamState(t.db), state);
    });

    test('TEAM-7: a team a work log was recorded with cannot be deleted', async () => {
      const w = await teamWorld(t.db);
      const author = await w.browser();
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { projectKey: w.project.key, memberIds: [author.id] });
      await worklogWithTeam(t.db, w.project.id, author.id, team.id);
      const res = await c.delete(`/api/teams/${team.id}?version=${team.version}`);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'team_has_worklogs');
    });

    test('TEAM-7: deleting a team without price lists frees its members for another team of the project', async () => {
      const w = await teamWorld(t.db);
      const user = await w.browser();
      const c = await as(t.app, w.admin.login);
      const first = await createTeam(c, { projectKey: w.project.key, memberIds: [user.id] });
      const second = await createTeam(c, { projectKey: w.project.key });
      assert.equal(
        (await c.post(`/api/teams/${second.id}/members`, { userIds: [user.id] })).json().code,
        'team_member_conflict',
      );
      assert.equal(
        (await c.delete(`/api/teams/${first.id}?version=${first.version + 1}`)).json().code,
        'version_conflict',
      );
      assert.equal((await c.delete(`/api/teams/${first.id}?version=${first.version}`)).statusCode, 204);
      assert.equal((await c.get(`/api/teams/${first.id}`)).statusCode, 404);
      assert.equal((await c.post(`/api/teams/${second.id}/members`, { userIds: [user.id] })).statusCode, 201);
      assert.deepEqual(await teamsOfUserInProject(t.db, user.id, w.project.id), [second.id]);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'team')
        .where('entity_id', '=', String(first.id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['team.create', 'team.delete'],
      );
    });

    test('APP-3: the team list says who may create a global team — team_admin yes, a plain user no — and the API agrees', async () => {
      const w = await teamWorld(t.db);
      const ac = await as(t.app, w.admin.login);
      assert.equal((await ac.get('/api/teams')).json().abilities.canCreateGlobalTeam, true);
      const plain = await as(t.app, (await createUser(t.db)).login);
      assert.equal((await plain.get('/api/teams')).json().abilities.canCreateGlobalTeam, false);
      const refused = await plain.post('/api/teams', { name: 'Not allowed crew' });
      assert.equal(refused.statusCode, 403, refused.body);
    });

    test("PRJ-4: a user without BROWSE_PROJECT sees no trace of a project team — not by id, not in lists, not among a global team's projects", async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const hidden = await createTeam(c, { name: 'Hidden crew', projectKey: w.project.key });
      const global = await createTeam(c, { name: 'Roaming crew' });
      await assign(c, w.project.key, global.id);
      // In the built-in `users` group (the Teams area is open), without any permission on the project; a member of the
      // global team, which it sees (TEAM-8).
      const outsider = await createUser(t.db);
      await addMember(t.db, global.id, outsider.id);
      const oc = await as(t.app, outsider.login);
      for (const url of [
        `/api/teams/${hidden.id}`,
        `/api/teams/${hidden.id}/history`,
        `/api/projects/${w.project.key}/teams`,
      ]) {
        const res = await oc.get(url);
        assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
      }
      const missing = await oc.get('/api/teams/2147483647');
      assert.deepEqual(
        (await oc.get(`/api/teams/${hidden.id}`)).json(),
        missing.json(),
        'hidden and missing look the same',
      );
      assert.equal((await oc.patch(`/api/teams/${hidden.id}`, { version: 1, name: 'x' })).statusCode, 404);
      const listed = (await oc.get('/api/teams?limit=200')).json().items.map((x: { id: number }) => x.id);
      assert.ok(!listed.includes(hidden.id) && listed.includes(global.id));
      assert.deepEqual((await oc.get(`/api/teams?projectKey=${w.project.key}`)).json().items, []);
      const detail = await oc.get(`/api/teams/${global.id}`);
      assert.equal(detail.statusCode, 200, detail.body);
      assert.deepEqual(detail.json().assignedProjects, []);
      assert.ok(!detail.body.includes(w.project.key) && !detail.body.includes('Hidden crew'));
    });

    test('APP-3: only team administrators (app_admin, team_admin, system administrators) create and delete teams; the Teams area must be open', async () => {
      const w = await teamWorld(t.db);
      const plain = await w.browser();
      const pc = await as(t.app, plain.login);
      const state = await teamState(t.db);
      const refused = await pc.post('/api/teams', { name: 'Mine', projectKey: w.project.key });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.json().code, 'missing_authority');
      assert.equal((await pc.post('/api/teams', { name: 'Mine' })).statusCode, 403);
      assert.deepEqual(await teamState(t.db), state);
      await leaveUsersGroup(t.db, plain.id);
      assert.equal((await pc.get('/api/teams')).json().code, 'area_closed');
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: sysadmin.id });
      await createTeam(await as(t.app, sysadmin.login), { projectKey: w.project.key });
    });

    test('TEAM-1: team names are unique per project and among global teams; renaming needs the version read', async () => {
      const w = await teamWorld(t.db);
      const other = await createProject(t.db);
      await grant(t.db, other.id, 'BROWSE_PROJECT', { userId: w.admin.id });
      const c = await as(t.app, w.admin.login);
      const team = await createTeam(c, { name: 'Alpha', projectKey: w.project.key });
      assert.equal(
        (await c.post('/api/teams', { name: 'alpha', projectKey: w.project.key })).json().code,
        'team_name_taken',
      );
      await createTeam(c, { name: 'Alpha', projectKey: other.key });
      const renamed = await c.patch(`/api/teams/${team.id}`, {
        version: 1,
        name: 'Beta',
        description: 'the second letter',
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(
        [renamed.json().name, renamed.json().description, renamed.json().version],
        ['Beta', 'the second letter', 2],
      );
      assert.equal(
        (await c.patch(`/api/teams/${team.id}`, { version: 1, name: 'Gamma' })).json().code,
        'version_conflict',
      );
    });

    test('API-3: the team list pages by name with a keyset cursor', async () => {
      const admin = await createUser(t.db, { systemAdmin: true });
      const c = await as(t.app, admin.login);
      const names = ['zz-page-c', 'zz-page-a', 'zz-page-b'];
      for (const name of names) await createTeam(c, { name });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await c.get(`/api/teams?scope=global&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        seen.push(...res.json().items.map((x: { name: string }) => x.name));
        cursor = res.json().nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen.filter((n) => n.startsWith('zz-page')),
        [...names].sort(),
      );
      assert.equal((await c.get('/api/teams?cursor=nonsense')).json().field, 'query.cursor');
    });
  });
