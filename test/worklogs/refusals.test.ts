// Guards WL-4 and API-4 for work logs: every refused or stale change — someone else's work log, no access, lost
// permission, stale version, bad input — answers a clear code and leaves the work log and the audit log untouched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createUser,
  DIALECTS,
  grant,
  signedIn,
  createTestApp,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { assertAbilities, auditCount } from '../projects/fixtures.js';

for (const dialect of DIALECTS)
  describe(`work logs: refused and stale changes write nothing (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    /** An author with one work log (version 1) on a fresh project. */
    async function authoredLog() {
      const world = await worldWithItem(t.db);
      const ac = await signedIn(t.app, world.user.login);
      const res = await ac.post('/api/worklogs', {
        itemKey: world.item.key,
        startDate: '2024-01-15',
        startTime: '10:00',
        durationSeconds: 1800,
        description: 'original',
      });
      assert.equal(res.statusCode, 201, res.body);
      return { ...world, ac, log: res.json() as { id: number; version: number } };
    }

    /** Asserts the refusal changed nothing: the row as before, no audit row written. */
    async function unchanged(id: number, run: () => Promise<void>) {
      const before = await t.db.selectFrom('worklogs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const audits = await auditCount(t.db);
      await run();
      assert.deepEqual(await t.db.selectFrom('worklogs').selectAll().where('id', '=', id).executeTakeFirst(), before);
      assert.equal(await auditCount(t.db), audits);
    }

    test("WL-4: editing or deleting someone else's work log gets 403 not_own_worklog and writes nothing", async () => {
      const { project, log } = await authoredLog();
      const colleague = await createUser(t.db);
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'], { userId: colleague.id });
      const cc = await signedIn(t.app, colleague.login);
      await unchanged(log.id, async () => {
        const edit = await cc.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 });
        assert.equal(edit.statusCode, 403, edit.body);
        assert.equal(edit.json().code, 'not_own_worklog');
        const del = await cc.delete(`/api/worklogs/${log.id}?version=1`);
        assert.equal(del.statusCode, 403, del.body);
        assert.equal(del.json().code, 'not_own_worklog');
      });
    });

    test("WL-4: a project administrator is no exception — ADMINISTER_PROJECT does not open others' work logs", async () => {
      const { project, log } = await authoredLog();
      const admin = await createUser(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: admin.id });
      const c = await signedIn(t.app, admin.login);
      await unchanged(log.id, async () => {
        const edit = await c.patch(`/api/worklogs/${log.id}`, { version: 1, description: 'admin edit' });
        assert.equal(edit.statusCode, 403, edit.body);
        assert.equal(edit.json().code, 'not_own_worklog');
      });
    });

    test('WL-4: without access to the project, PATCH and DELETE answer 404, as for a work log that does not exist', async () => {
      const { log } = await authoredLog();
      const outsider = await createUser(t.db);
      const sysadmin = await createUser(t.db, { systemAdmin: true });
      for (const login of [outsider.login, sysadmin.login]) {
        const c = await signedIn(t.app, login);
        await unchanged(log.id, async () => {
          for (const res of [
            await c.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 }),
            await c.delete(`/api/worklogs/${log.id}?version=1`),
          ]) {
            assert.equal(res.statusCode, 404, `${login}: ${res.body}`);
            assert.equal(res.json().code, 'not_found');
          }
        });
      }
      const c = await signedIn(t.app, outsider.login);
      const missing = await c.patch('/api/worklogs/2000000000', { version: 1, durationSeconds: 60 });
      assert.equal(missing.statusCode, 404);
    });

    test('WL-4/PRJ-5: an author who lost WORK_ON_ISSUES (keeping BROWSE) can no longer change their work log: 403, nothing written', async () => {
      const { user, project, log } = await authoredLog();
      await t.db
        .deleteFrom('project_permission_grants')
        .where('project_id', '=', project.id)
        .where('user_id', '=', user.id)
        .where('permission', '=', 'WORK_ON_ISSUES')
        .execute();
      const c = await signedIn(t.app, user.login);
      await unchanged(log.id, async () => {
        for (const res of [
          await c.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 }),
          await c.delete(`/api/worklogs/${log.id}?version=1`),
        ]) {
          assert.equal(res.statusCode, 403, res.body);
          assert.equal(res.json().code, 'missing_permission');
        }
      });
      const seen = (await c.get(`/api/me/worklogs`)).json().items.find((l: { id: number }) => l.id === log.id);
      assertAbilities(seen.abilities, { canEdit: false, canDelete: false });
    });

    test('API-4: a work-log PATCH with a stale version gets 409 version_conflict and changes nothing', async () => {
      const { ac, log } = await authoredLog();
      assert.equal(
        (await ac.patch(`/api/worklogs/${log.id}`, { version: 1, description: 'first edit' })).statusCode,
        200,
      );
      await unchanged(log.id, async () => {
        const stale = await ac.patch(`/api/worklogs/${log.id}`, {
          version: 1,
          durationSeconds: 7200,
          description: 'lost update',
        });
        assert.equal(stale.statusCode, 409, stale.body);
        assert.equal(stale.json().code, 'version_conflict');
        assert.equal(stale.json().currentVersion, 2);
      });
    });

    test('API-4: a work-log DELETE with a stale version gets 409 and the work log stays', async () => {
      const { ac, log } = await authoredLog();
      assert.equal(
        (await ac.patch(`/api/worklogs/${log.id}`, { version: 1, description: 'first edit' })).statusCode,
        200,
      );
      await unchanged(log.id, async () => {
        const stale = await ac.delete(`/api/worklogs/${log.id}?version=1`);
        assert.equal(stale.statusCode, 409, stale.body);
        assert.equal(stale.json().code, 'version_conflict');
      });
      assert.equal((await ac.delete(`/api/worklogs/${log.id}?version=2`)).statusCode, 204);
    });

    test('API-4: of two concurrent edits with the same version exactly one applies; the other gets 409', async () => {
      const { ac, log } = await authoredLog();
      const results = await Promise.all([
        ac.patch(`/api/worklogs/${log.id}`, { version: 1, description: 'left' }),
        ac.patch(`/api/worklogs/${log.id}`, { version: 1, description: 'right' }),
      ]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409], results.map((r) => r.body).join('\n'));
      const winner = results.find((r) => r.statusCode === 200)!.json();
      const row = await t.db.selectFrom('worklogs').selectAll().where('id', '=', log.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.description, row.version], [winner.description, 2]);
    });

    test('API-4/WL-4: an edit racing a delete of the same version never fails with 500: one wins, the other gets 404 or 409', async () => {
      // Repeated, because which request takes the row lock first varies from run to run on PostgreSQL.
      for (let round = 0; round < 10; round++) {
        const { ac, log } = await authoredLog();
        const [edit, del] = await Promise.all([
          ac.patch(`/api/worklogs/${log.id}`, { version: 1, durationSeconds: 60 }),
          ac.delete(`/api/worklogs/${log.id}?version=1`),
        ]);
        const row = await t.db.selectFrom('worklogs').selectAll().where('id', '=', log.id).executeTakeFirst();
        if (del.statusCode === 204) {
          assert.ok(
            [404, 409].includes(edit.statusCode),
            `round ${round}: edit after delete answered ${edit.statusCode} ${edit.body}`,
          );
          assert.equal(row, undefined);
        } else {
          assert.equal(edit.statusCode, 200, `round ${round}: ${edit.statusCode} ${edit.body}`);
          assert.equal(del.statusCode, 409, `round ${round}: ${del.statusCode} ${del.body}`);
          assert.equal(row?.version, 2);
        }
      }
    });

    test('WL-4/API-5: a PATCH with bad input gets 400 naming the field and writes nothing; a DELETE without version is refused', async () => {
      const { ac, log } = await authoredLog();
      await unchanged(log.id, async () => {
        for (const [payload, field] of [
          [{ version: 1, durationSeconds: -5 }, 'durationSeconds'],
          [{ version: 1, startDate: 'yesterday' }, 'startDate'],
          [{ durationSeconds: 60 }, 'version'],
          [{ version: 1, authorId: 9 }, 'authorId'],
        ] as const) {
          const res = await ac.patch(`/api/worklogs/${log.id}`, payload);
          assert.equal(res.statusCode, 400, res.body);
          assert.equal(res.json().field, field);
        }
        const noVersion = await ac.delete(`/api/worklogs/${log.id}`);
        assert.equal(noVersion.statusCode, 400, noVersion.body);
        assert.match(noVersion.json().field, /version$/);
      });
    });
  });
