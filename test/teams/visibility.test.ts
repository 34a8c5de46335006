// Guards TEAM-8 and TEAM-7's abilities: a team — name, roster, roles, price lists — reaches only its members, team_admin,
// app_admin, system administrators and administrators of the projects it serves; users denied ISSUE_TIME_TABS see no team
// or price-list name anywhere; everyone else gets 404, and lists leave the team out. Abilities come from the checks the
// operations make.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGroup, createTestApp, createUser, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList } from '../helpers/teams.js';
import { as, assign, createTeam, teamWorld, worklogWithTeam } from './fixtures.js';

for (const dialect of DIALECTS)
  describe(`team visibility (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** A project team and a global team assigned to the project, each with a price list and a member. */
    async function world() {
      const w = await teamWorld(t.db);
      const admin = await as(t.app, w.admin.login);
      const own = await createTeam(admin, { name: 'Own crew', projectKey: w.project.key });
      const global = await createTeam(admin, { name: `Roaming crew ${w.project.key}` });
      await assign(admin, w.project.key, global.id);
      for (const team of [own, global])
        await createPriceList(t.db, team.id, { name: `${team.name} rates`, validFrom: '2026-01-01' });
      const member = await w.browser();
      await addMember(t.db, own.id, member.id);
      return { ...w, own, global, member };
    }

    const teamUrls = (id: number) => [`/api/teams/${id}`, `/api/teams/${id}/history`, `/api/teams/${id}/price-lists`];

    test('TEAM-8: a user who browses the project but is not in the team gets 404 for its detail, members, roles and price lists; lists leave it out', async () => {
      const w = await world();
      const outsider = await as(t.app, (await w.browser()).login);
      const missing = (await outsider.get('/api/teams/2147483647')).json();
      for (const team of [w.own, w.global]) {
        for (const url of teamUrls(team.id)) assert.equal((await outsider.get(url)).statusCode, 404, url);
        assert.deepEqual(
          (await outsider.get(`/api/teams/${team.id}`)).json(),
          missing,
          'hidden and missing look the same',
        );
        assert.equal(
          (await outsider.patch(`/api/teams/${team.id}`, { version: 1, name: 'x' })).statusCode,
          404,
          'a change too',
        );
      }
      const listed = await outsider.get('/api/teams?limit=200');
      assert.equal(listed.statusCode, 200);
      assert.ok(!listed.body.includes('Own crew') && !listed.body.includes('Roaming crew'), listed.body);
      const tab = await outsider.get(`/api/projects/${w.project.key}/teams`);
      assert.equal(tab.statusCode, 200, tab.body);
      assert.deepEqual([tab.json().projectTeams, tab.json().globalTeams], [[], []]);
    });

    test("TEAM-8: a user with no access to the project does not read a global team's members or roles", async () => {
      const w = await world();
      const stranger = await as(t.app, (await createUser(t.db)).login);
      for (const url of [...teamUrls(w.global.id), ...teamUrls(w.own.id)])
        assert.equal((await stranger.get(url)).statusCode, 404, url);
      assert.deepEqual(
        (await stranger.get('/api/teams?limit=200'))
          .json()
          .items.filter((x: { id: number }) => [w.own.id, w.global.id].includes(x.id)),
        [],
      );
    });

    test('TEAM-8: members, team_admin, app_admin, system administrators and administrators of a project the team serves see it', async () => {
      const w = await world();
      const projectAdmin = await createUser(t.db);
      await grant(t.db, w.project.id, 'ADMINISTER_PROJECT', { userId: projectAdmin.id });
      const appAdmin = await createUser(t.db);
      await t.db.insertInto('app_role_grants').values({ role: 'app_admin', user_id: appAdmin.id }).execute();
      // The base layer stays: a project team needs BROWSE_PROJECT on its project, whoever looks (SPEC §0).
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: appAdmin.id });
      const systemAdmin = await createUser(t.db, { systemAdmin: true });
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: systemAdmin.id });
      const globalMember = await createUser(t.db);
      await addMember(t.db, w.global.id, globalMember.id);
      const cases: Array<[string, string, number[]]> = [
        ['a member of the project team', w.member.login, [w.own.id]],
        ['a member of the global team, without project access', globalMember.login, [w.global.id]],
        ['team_admin', w.admin.login, [w.own.id, w.global.id]],
        ['app_admin', appAdmin.login, [w.own.id, w.global.id]],
        ['a system administrator', systemAdmin.login, [w.own.id, w.global.id]],
        ['an administrator of the project (which the global team serves)', projectAdmin.login, [w.own.id, w.global.id]],
      ];
      for (const [who, login, visible] of cases) {
        const c = await as(t.app, login);
        for (const team of [w.own, w.global]) {
          for (const url of teamUrls(team.id))
            assert.equal((await c.get(url)).statusCode, visible.includes(team.id) ? 200 : 404, `${who}: ${url}`);
        }
        const listed = (await c.get('/api/teams?limit=200')).json().items.map((x: { id: number }) => x.id);
        assert.deepEqual(
          [w.own.id, w.global.id].filter((id) => listed.includes(id)),
          visible,
          `${who}: the Teams list`,
        );
      }
      const unassigned = await createTeam(await as(t.app, w.admin.login), { name: `Elsewhere crew ${w.project.key}` });
      assert.equal(
        (await (await as(t.app, projectAdmin.login)).get(`/api/teams/${unassigned.id}`)).statusCode,
        404,
        'a global team serving none of their projects',
      );
    });

    test('TEAM-8, DENY-2: a user in a group denied ISSUE_TIME_TABS sees no team or price-list name anywhere — not even of their own team or on their own work logs', async () => {
      const w = await world();
      const client = await w.browser();
      await addMember(t.db, w.own.id, client.id);
      const group = await createGroup(t.db, [client.id]);
      await t.db.insertInto('deny_grants').values({ permission: 'ISSUE_TIME_TABS', group_id: group.id }).execute();
      await worklogWithTeam(t.db, w.project.id, client.id, w.own.id);
      const c = await as(t.app, client.login);
      for (const url of [...teamUrls(w.own.id), ...teamUrls(w.global.id)])
        assert.equal((await c.get(url)).statusCode, 404, url);
      const answers = [
        await c.get('/api/teams?limit=200'),
        await c.get(`/api/teams?projectKey=${w.project.key}`),
        await c.get(`/api/projects/${w.project.key}/teams`),
        await c.get(`/api/projects/${w.project.key}`),
        await c.get('/api/me/worklogs?limit=200'),
      ];
      assert.deepEqual(
        answers.map((r) => r.statusCode),
        [200, 200, 403, 200, 200],
        answers.map((r) => r.body).join('\n'),
      );
      assert.equal(answers[2].json().code, 'denied_surface');
      assert.equal(answers[3].json().abilities.canViewTeams, false, 'the project hides its teams tab');
      assert.equal(answers[4].json().items.length, 1, 'the own work log is listed');
      assert.deepEqual([answers[4].json().items[0].team, answers[4].json().items[0].priceList], [null, null]);
      for (const res of answers)
        for (const name of ['Own crew', 'Roaming crew', 'rates'])
          assert.ok(!res.body.includes(name), `${name} in ${res.body}`);
      assert.equal(
        (await (await as(t.app, w.member.login)).get(`/api/projects/${w.project.key}`)).json().abilities.canViewTeams,
        true,
        'an undenied member sees the tab',
      );
    });

    test('TEAM-7: canDelete is false while a price list or a work log keeps the team, exactly when DELETE answers 409', async () => {
      const w = await teamWorld(t.db);
      const admin = await as(t.app, w.admin.login);
      const member = await w.browser();
      const [free, logged, priced] = [
        await createTeam(admin, { name: 'Free crew', projectKey: w.project.key }),
        await createTeam(admin, { name: 'Logged crew', projectKey: w.project.key, leadUserId: member.id }),
        await createTeam(admin, { name: 'Priced crew', projectKey: w.project.key }),
      ];
      await worklogWithTeam(t.db, w.project.id, member.id, logged.id);
      await createPriceList(t.db, priced.id, { validFrom: '2026-01-01' });
      for (const [team, code] of [
        [logged, 'team_has_worklogs'],
        [priced, 'team_has_price_lists'],
        [free, null],
      ] as const) {
        const detail = (await admin.get(`/api/teams/${team.id}`)).json();
        const listed = (await admin.get(`/api/teams?projectKey=${w.project.key}`))
          .json()
          .items.find((x: { id: number }) => x.id === team.id);
        assert.deepEqual(
          [detail.abilities.canDelete, listed.abilities.canDelete],
          [code === null, code === null],
          team.name,
        );
        const res = await admin.delete(`/api/teams/${team.id}?version=${detail.version}`);
        assert.deepEqual(
          [res.statusCode, code === null ? null : res.json().code],
          [code === null ? 204 : 409, code],
          team.name,
        );
      }
    });

    test('TEAM-3: the default roles carry canEdit and canDelete false; custom roles follow MANAGE_TEAM; members carry their own abilities', async () => {
      const w = await teamWorld(t.db);
      const admin = await as(t.app, w.admin.login);
      const [lead, other] = [await w.browser(), await w.browser()];
      const team = await createTeam(admin, { projectKey: w.project.key, leadUserId: lead.id, memberIds: [other.id] });
      assert.equal(
        (await admin.post(`/api/teams/${team.id}/roles`, { name: 'Planner', permissions: ['MANAGE_SCHEDULE'] }))
          .statusCode,
        201,
      );
      const detail = (await admin.get(`/api/teams/${team.id}`)).json();
      assert.deepEqual(
        detail.roles.map((r: { kind: string; abilities: object }) => [r.kind, r.abilities]),
        [
          ['lead', { canEdit: false, canDelete: false }],
          ['member', { canEdit: false, canDelete: false }],
          ['custom', { canEdit: true, canDelete: true }],
        ],
      );
      assert.deepEqual(
        detail.members.map((m: { abilities: object }) => m.abilities),
        [
          { canRemove: true, canChangeRoles: true, canDropRole: false },
          { canRemove: true, canChangeRoles: true, canDropRole: false },
        ],
      );
      const seen = (await (await as(t.app, other.login)).get(`/api/teams/${team.id}`)).json();
      assert.ok(
        seen.roles.every(
          (r: { abilities: { canEdit: boolean; canDelete: boolean } }) =>
            !r.abilities.canEdit && !r.abilities.canDelete,
        ),
        'a Team Member changes no role',
      );
      assert.ok(seen.members.every((m: { abilities: { canRemove: boolean } }) => !m.abilities.canRemove));
    });
  });
