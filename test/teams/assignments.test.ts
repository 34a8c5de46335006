// Guards assigning global teams to projects — nobody in a project twice (TEAM-4), no unassigning while work logs
// record the team (TEAM-7) — the project's teams page, and the team-check switches (PRICE-2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject, createTestApp, createUser, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { createAppAdmin } from '../identity/fixtures.js';
import { addMember } from '../helpers/teams.js';
import { as, assign, createTeam, teamState, teamWorld, worklogWithTeam } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`team assignments and switches (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
    });
    after(() => t.close());

    test('TEAM-4: assigning a global team that would put a user in the project twice is rejected naming the users', async () => {
      const w = await teamWorld(t.db);
      const [viaProjectTeam, viaGlobal, free] = [await w.browser(), await w.browser(), await w.browser()];
      const c = await as(t.app, w.admin.login);
      await createTeam(c, { projectKey: w.project.key, memberIds: [viaProjectTeam.id] });
      const first = await createTeam(c, { memberIds: [viaGlobal.id] });
      await assign(c, w.project.key, first.id);
      const overlapping = await createTeam(c, { memberIds: [viaProjectTeam.id, viaGlobal.id, free.id] });
      const state = await teamState(t.db);
      const res = await c.put(`/api/projects/${w.project.key}/teams/${overlapping.id}/assignment`, { assigned: true });
      assert.equal(res.statusCode, 409, res.body);
      const body = res.json();
      assert.equal(body.code, 'team_member_conflict');
      const expected = [viaProjectTeam, viaGlobal].sort((a, b) => a.login.localeCompare(b.login));
      assert.deepEqual(body.users.map((u: { login: string }) => u.login).sort(), expected.map((u) => u.login).sort());
      for (const u of expected) assert.ok(body.detail.includes(`${u.login} (User ${u.login})`), body.detail);
      assert.ok(!body.detail.includes(free.login));
      assert.deepEqual(await teamState(t.db), state);
      // Without the overlapping members the assignment goes through.
      for (const u of [viaProjectTeam, viaGlobal])
        assert.equal((await c.delete(`/api/teams/${overlapping.id}/members/${u.id}`)).statusCode, 204);
      await assign(c, w.project.key, overlapping.id);
    });

    test('TEAM-7: a global team cannot be unassigned while a work log of that project records it; the error says why', async () => {
      const w = await teamWorld(t.db);
      const other = await createProject(t.db);
      await grant(t.db, other.id, 'BROWSE_PROJECT', { userId: w.admin.id });
      const author = await w.browser();
      const c = await as(t.app, w.admin.login);
      const global = await createTeam(c, { memberIds: [author.id] });
      await assign(c, w.project.key, global.id);
      await assign(c, other.key, global.id);
      await worklogWithTeam(t.db, w.project.id, author.id, global.id);
      const state = await teamState(t.db);
      const res = await c.put(`/api/projects/${w.project.key}/teams/${global.id}/assignment`, { assigned: false });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'team_has_worklogs');
      assert.match(res.json().detail, /work logs/);
      assert.deepEqual(await teamState(t.db), state);
      // Work logs of another project do not hold this one.
      const freed = await c.put(`/api/projects/${other.key}/teams/${global.id}/assignment`, { assigned: false });
      assert.equal(freed.statusCode, 200, freed.body);
      assert.equal(freed.json().assigned, false);
    });

    test('TEAM-1: assigning is idempotent, audited once, and only for global teams; it needs a team administrator', async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const global = await createTeam(c, {});
      const projectTeam = await createTeam(c, { projectKey: w.project.key });
      await assign(c, w.project.key, global.id);
      await assign(c, w.project.key, global.id);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'team.assign')
        .where('entity_id', '=', String(global.id))
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(
        (await c.put(`/api/projects/${w.project.key}/teams/${projectTeam.id}/assignment`, { assigned: true }))
          .statusCode,
        404,
      );
      const browser = await as(t.app, (await w.browser()).login);
      const refused = await browser.put(`/api/projects/${w.project.key}/teams/${global.id}/assignment`, {
        assigned: false,
      });
      assert.equal(refused.statusCode, 403, refused.body);
      const outsider = await as(t.app, (await createUser(t.db)).login);
      assert.equal(
        (await outsider.put(`/api/projects/${w.project.key}/teams/${global.id}/assignment`, { assigned: false }))
          .statusCode,
        404,
      );
    });

    test("TEAM-1, TEAM-8: the project's teams page lists its own teams and the global teams with whether each is assigned — those the caller sees — and the caller's abilities", async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const own = await createTeam(c, { name: 'Own crew', projectKey: w.project.key });
      const [assigned, loose] = [
        await createTeam(c, { name: 'Assigned crew' }),
        await createTeam(c, { name: 'Loose crew' }),
      ];
      await assign(c, w.project.key, assigned.id);
      const page = (await c.get(`/api/projects/${w.project.key}/teams`)).json();
      assert.deepEqual(
        page.projectTeams.map((x: { id: number }) => x.id),
        [own.id],
      );
      const flags = Object.fromEntries(
        page.globalTeams.map((x: { id: number; assigned: boolean }) => [x.id, x.assigned]),
      );
      assert.deepEqual([flags[assigned.id], flags[loose.id]], [true, false]);
      assert.deepEqual(page.abilities, { canCreateTeam: true, canAssignTeams: true, canSwitchChecks: true });
      assert.deepEqual(page.projectTeams[0].abilities, {
        canManage: true,
        canDelete: true,
        canManagePriceLists: false,
      });
      const browser = (
        await (await as(t.app, (await w.browser()).login)).get(`/api/projects/${w.project.key}/teams`)
      ).json();
      assert.deepEqual(
        [browser.projectTeams, browser.globalTeams],
        [[], []],
        'TEAM-8: a browsing user sees no team they are not in',
      );
      const member = await w.browser();
      await addMember(t.db, own.id, member.id);
      const viewer = (await (await as(t.app, member.login)).get(`/api/projects/${w.project.key}/teams`)).json();
      assert.deepEqual(viewer.abilities, { canCreateTeam: false, canAssignTeams: false, canSwitchChecks: false });
      assert.deepEqual([viewer.projectTeams.map((x: { id: number }) => x.id), viewer.globalTeams], [[own.id], []]);
      assert.deepEqual(viewer.projectTeams[0].abilities, {
        canManage: false,
        canDelete: false,
        canManagePriceLists: false,
      });
    });

    test('PRICE-2: the team check is on by default, can be turned off globally, and while on globally, for one project', async () => {
      const w = await teamWorld(t.db);
      const c = await as(t.app, w.admin.login);
      const admin = await as(t.app, (await createAppAdmin(t.db)).login);
      const checks = async () => (await c.get(`/api/projects/${w.project.key}/teams`)).json().teamChecks;
      const start = await checks();
      assert.deepEqual([start.project, start.global, start.effective], ['inherit', true, 'on']);

      const off = await c.patch(`/api/projects/${w.project.key}/team-checks`, {
        teamChecks: 'disabled',
        version: start.version,
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.deepEqual([off.json().project, off.json().effective], ['disabled', 'off_for_project']);
      assert.equal(
        (
          await c.patch(`/api/projects/${w.project.key}/team-checks`, { teamChecks: 'inherit', version: start.version })
        ).json().code,
        'version_conflict',
      );

      const settings = (await admin.get('/api/admin/settings')).json();
      assert.equal(settings.teamChecks, true);
      const globallyOff = await admin.patch('/api/admin/settings', { teamChecks: false, version: settings.version });
      assert.equal(globallyOff.statusCode, 200, globallyOff.body);
      assert.equal((await checks()).effective, 'off_globally');
      assert.equal(
        (await admin.patch('/api/admin/settings', { teamChecks: true, version: settings.version })).json().code,
        'version_conflict',
      );
      assert.equal(
        (await admin.patch('/api/admin/settings', { teamChecks: true, version: globallyOff.json().version }))
          .statusCode,
        200,
      );
      assert.equal(
        (
          await c.patch(`/api/projects/${w.project.key}/team-checks`, {
            teamChecks: 'inherit',
            version: off.json().version,
          })
        ).json().effective,
        'on',
      );

      // The installation's switch is Administration; the project's needs a team administrator.
      const state = await teamState(t.db);
      assert.equal(
        (await c.patch('/api/admin/settings', { teamChecks: false, version: 3 })).json().code,
        'area_closed',
      );
      const browser = await as(t.app, (await w.browser()).login);
      assert.equal(
        (await browser.patch(`/api/projects/${w.project.key}/team-checks`, { teamChecks: 'disabled', version: 3 }))
          .statusCode,
        403,
      );
      assert.deepEqual(await teamState(t.db), state);
      const actions = await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['settings.update', 'project.teamChecks'])
        .execute();
      assert.ok(actions.length >= 4);
    });
  });
