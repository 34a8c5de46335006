// Guards EXPL-1 for teams: "Why can't I…?" about a team gives the answer the team's own endpoints give (TEAM-8),
// including for an administrator of a project a global team serves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createUser, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { as, assign, createTeam, teamWorld } from '../teams/fixtures.js';

for (const dialect of DIALECTS)
  describe(`explaining team visibility (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('EXPL-1, TEAM-8: the explanation of team.view agrees with GET /api/teams/:id — for the administrator of a project a global team serves, and for an outsider', async () => {
      const w = await teamWorld(t.db);
      const admin = await as(t.app, w.admin.login);
      const global = await createTeam(admin, { name: `Serving crew ${w.project.key}` });
      await assign(admin, w.project.key, global.id);
      const projectAdmin = await createUser(t.db);
      await grant(t.db, w.project.id, 'ADMINISTER_PROJECT', { userId: projectAdmin.id });
      const outsider = await createUser(t.db);
      await grant(t.db, w.project.id, 'BROWSE_PROJECT', { userId: outsider.id });
      for (const [who, status] of [
        [projectAdmin, 200],
        [outsider, 404],
      ] as const) {
        const c = await as(t.app, who.login);
        assert.equal((await c.get(`/api/teams/${global.id}`)).statusCode, status, who.login);
        const why = await c.get(`/api/explain?action=team.view&team=${global.id}`);
        assert.equal(why.statusCode, status, why.body);
        if (status === 200) assert.equal(why.json().allowed, true, why.body);
      }
    });
  });
