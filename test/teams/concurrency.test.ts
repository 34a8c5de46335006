// Guards TEAM-4 under concurrency: two requests that would put the same user into two teams of one project at
// the same moment leave exactly one membership, and the other request is refused naming the user. (PGlite runs
// one transaction at a time; on PostgreSQL the pooled connections really race.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject, createTestApp, createUser, DIALECTS, grant, type TestApp } from '../helpers/harness.js';
import { as, assign, createTeam, teamsOfUserInProject, userWithRole, type Client } from './fixtures.js';

const ROUNDS = 20;

type Response = Awaited<ReturnType<Client['get']>>;

for (const dialect of DIALECTS)
  describe(`team membership races (${dialect})`, () => {
    let t: TestApp;
    let c: Client;
    let adminId: number;
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true });
      const admin = await userWithRole(t.db, 'team_admin');
      adminId = admin.id;
      c = await as(t.app, admin.login);
    });
    after(() => t.close());

    /** A fresh project the team administrator may browse, and a user who may browse it. */
    async function round() {
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: adminId });
      const user = await createUser(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
      return { project, user };
    }

    /** Exactly one request won; the other got 409 team_member_conflict naming the user; one current membership remains. */
    async function exactlyOne(
      answers: Response[],
      user: { id: number; login: string },
      projectId: number,
      label: string,
    ) {
      const codes = answers.map((r) => r.statusCode).sort();
      assert.equal(
        codes.filter((s) => s < 300).length,
        1,
        `${label}: ${answers.map((r) => `${r.statusCode} ${r.body.slice(0, 120)}`).join(' | ')}`,
      );
      const loser = answers.find((r) => r.statusCode >= 300)!;
      assert.equal(loser.statusCode, 409, loser.body);
      assert.equal(loser.json().code, 'team_member_conflict');
      assert.deepEqual(
        loser.json().users.map((u: { id: number }) => u.id),
        [user.id],
      );
      assert.equal((await teamsOfUserInProject(t.db, user.id, projectId)).length, 1, label);
    }

    test('TEAM-4: adding one user to two teams of a project at the same moment leaves exactly one membership', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { project, user } = await round();
        const [a, b] = [
          await createTeam(c, { projectKey: project.key }),
          await createTeam(c, { projectKey: project.key }),
        ];
        const answers = await Promise.all(
          [a, b].map((team) => c.post(`/api/teams/${team.id}/members`, { userIds: [user.id] })),
        );
        await exactlyOne(answers, user, project.id, `round ${i}`);
      }
    });

    test('TEAM-4: creating two teams of a project with the same member at the same moment creates only one', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { project, user } = await round();
        const answers = await Promise.all(
          ['First', 'Second'].map((name) =>
            c.post('/api/teams', { name, projectKey: project.key, leadUserId: user.id }),
          ),
        );
        await exactlyOne(answers, user, project.id, `round ${i}`);
        assert.equal(
          (await t.db.selectFrom('teams').select('id').where('project_id', '=', project.id).execute()).length,
          1,
          'the refused team was not created',
        );
      }
    });

    test('TEAM-4: assigning a global team while its member joins a project team at the same moment leaves one membership in the project', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { project, user } = await round();
        const own = await createTeam(c, { projectKey: project.key });
        const global = await createTeam(c, { memberIds: [user.id] });
        const answers = await Promise.all([
          c.post(`/api/teams/${own.id}/members`, { userIds: [user.id] }),
          c.put(`/api/projects/${project.key}/teams/${global.id}/assignment`, { assigned: true }),
        ]);
        await exactlyOne(answers, user, project.id, `round ${i}`);
      }
    });

    test('TEAM-4: adding one user to two global teams assigned to the same project at the same moment leaves one membership', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { project, user } = await round();
        const teams = [await createTeam(c, {}), await createTeam(c, {})];
        for (const team of teams) await assign(c, project.key, team.id);
        const answers = await Promise.all(
          teams.map((team) => c.post(`/api/teams/${team.id}/members`, { userIds: [user.id] })),
        );
        await exactlyOne(answers, user, project.id, `round ${i}`);
      }
    });

    test('TEAM-4: assigning two global teams sharing a member to one project at the same moment assigns only one', async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const { project, user } = await round();
        const teams = [await createTeam(c, { memberIds: [user.id] }), await createTeam(c, { memberIds: [user.id] })];
        const answers = await Promise.all(
          teams.map((team) => c.put(`/api/projects/${project.key}/teams/${team.id}/assignment`, { assigned: true })),
        );
        await exactlyOne(answers, user, project.id, `round ${i}`);
      }
    });
  });
