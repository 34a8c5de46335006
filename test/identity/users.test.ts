// Guards ID-1 and the user half of ID-2: administrators create users (who join `users`) and deactivate
// them — a deactivated user's sessions and tokens stop at once, their data stays — and nobody but a
// system administrator makes or changes a system administrator (grant boundary).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  client,
  createTestApp,
  createUser,
  DIALECTS,
  signIn,
  unique,
  worldWithItem,
  type TestApp,
} from '../helpers/harness.js';
import { bearer, countRows, createAppAdmin, sessionHeaders } from './fixtures.js';

for (const dialect of DIALECTS) {
  describe(`user administration (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const adminClient = async (kind: 'system' | 'app') =>
      client(
        t.app,
        await signIn(
          t.app,
          (kind === 'system' ? await createUser(t.db, { systemAdmin: true }) : await createAppAdmin(t.db)).login,
        ),
      );

    test('ID-1, ID-2: an administrator creates a user with login, name, email and flags; the user joins `users` and can sign in', async () => {
      const admin = await adminClient('app');
      const login = unique('new');
      const res = await admin.post('/api/users', {
        login,
        displayName: 'New Person',
        email: `${login}@example.test`,
        password: 'a good long password',
      });
      assert.equal(res.statusCode, 201, res.body);
      const user = res.json();
      assert.deepEqual(
        { ...user, id: 0 },
        {
          id: 0,
          login,
          displayName: 'New Person',
          email: `${login}@example.test`,
          active: true,
          systemAdmin: false,
          groups: [{ id: user.groups[0]?.id, name: 'users' }],
          version: 1,
          abilities: { canEdit: true, canSetSystemAdmin: false },
          passwordLink: null,
        },
      );
      const members = await t.db
        .selectFrom('group_members as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select('g.name')
        .where('m.user_id', '=', user.id)
        .execute();
      assert.deepEqual(
        members.map((m) => m.name),
        ['users'],
      );
      await signIn(t.app, login, 'a good long password');

      const again = await admin.post('/api/users', {
        login: login.toUpperCase(),
        displayName: 'Twin',
        email: 'twin@example.test',
      });
      assert.equal(again.statusCode, 409, 'logins are unique regardless of case');
      assert.equal(again.json().code, 'login_taken');
    });

    test("ID-1: deactivation stops the user's sessions and tokens at once (401) and sign-in fails; their data stays", async () => {
      const admin = await adminClient('app');
      const { user, item } = await worldWithItem(t.db);
      const session = await signIn(t.app, user.login);
      const token = (await client(t.app, session).post('/api/me/tokens', { name: 'cron' })).json().token as string;
      const logged = await client(t.app, session).post('/api/worklogs', {
        itemKey: item.key,
        startDate: '2026-03-02',
        durationSeconds: 1800,
      });
      assert.equal(logged.statusCode, 201, logged.body);

      const res = await admin.patch(`/api/users/${user.id}`, { version: 1, active: false });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().active, false);

      for (const [what, headers] of [
        ['session', sessionHeaders(session)],
        ['token', bearer(token)],
      ] as const) {
        for (const [method, url] of [
          ['GET', '/api/me'],
          ['GET', '/api/me/worklogs'],
          ['POST', '/api/me/tokens'],
        ] as const) {
          const answer = await t.app.inject({
            method,
            url,
            headers,
            ...(method === 'POST' ? { payload: { name: 'x' } } : {}),
          });
          assert.equal(answer.statusCode, 401, `${what}: ${method} ${url}`);
          assert.equal(answer.json().code, 'unauthenticated');
        }
      }
      const signInAgain = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: user.login, password: user.password },
        remoteAddress: '10.1.0.1',
      });
      assert.equal(signInAgain.statusCode, 401);
      assert.equal(signInAgain.json().code, 'invalid_credentials', 'a deactivated user looks like a wrong password');
      assert.equal(
        (await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length,
        0,
        'sessions were ended',
      );

      // Their data stays: the user record, the work log and the token record.
      assert.equal((await admin.get(`/api/users/${user.id}`)).json().login, user.login);
      assert.equal(
        (await t.db.selectFrom('worklogs').select('id').where('author_id', '=', user.id).execute()).length,
        1,
      );
      assert.equal(
        (await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).length,
        1,
      );
    });

    test('ID-1: a reactivated user signs in again', async () => {
      const admin = await adminClient('app');
      const user = await createUser(t.db);
      assert.equal((await admin.patch(`/api/users/${user.id}`, { version: 1, active: false })).statusCode, 200);
      assert.equal((await admin.patch(`/api/users/${user.id}`, { version: 2, active: true })).statusCode, 200);
      await signIn(t.app, user.login);
    });

    test('ID-1: administrators cannot deactivate themselves; a stale version changes nothing', async () => {
      const adminUser = await createAppAdmin(t.db);
      const admin = client(t.app, await signIn(t.app, adminUser.login));
      const self = await admin.patch(`/api/users/${adminUser.id}`, { version: 1, active: false });
      assert.equal(self.statusCode, 422);
      assert.equal(self.json().code, 'cannot_deactivate_self');

      const user = await createUser(t.db);
      assert.equal(
        (await admin.patch(`/api/users/${user.id}`, { version: 1, displayName: 'Renamed' })).statusCode,
        200,
      );
      const stale = await admin.patch(`/api/users/${user.id}`, { version: 1, active: false });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'version_conflict');
      const row = await t.db
        .selectFrom('users')
        .select(['active', 'display_name'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { active: true, display_name: 'Renamed' });
    });

    test('ID-2: only system administrators make, unmake or change system administrators (grant boundary)', async () => {
      const appAdmin = await adminClient('app');
      const sysAdmin = await adminClient('system');
      const user = await createUser(t.db);
      const other = await createUser(t.db, { systemAdmin: true });
      const tables = ['users', 'audit_log'] as const;
      const before = await countRows(t.db, tables);

      const refused = [
        await appAdmin.post('/api/users', {
          login: `boss${user.id}`,
          displayName: 'Boss',
          email: 'boss@example.test',
          systemAdmin: true,
        }),
        await appAdmin.post('/api/users', {
          login: `boss${user.id}`,
          displayName: 'Boss',
          email: 'boss@example.test',
          systemAdmin: false,
        }),
        await appAdmin.patch(`/api/users/${user.id}`, { version: 1, systemAdmin: true }),
        // Taking over a system administrator's account would be the same escalation by another road.
        await appAdmin.patch(`/api/users/${other.id}`, { version: 1, password: 'taken over by the app admin' }),
        await appAdmin.patch(`/api/users/${other.id}`, { version: 1, active: false }),
      ];
      assert.deepEqual(
        refused.map((r) => [r.statusCode, r.json().code]),
        Array(refused.length).fill([403, 'grant_boundary']),
      );
      assert.deepEqual(await countRows(t.db, tables), before, 'nothing was written');
      assert.equal(
        (await t.db.selectFrom('users').select('version').where('id', '=', other.id).executeTakeFirstOrThrow()).version,
        1,
      );
      await signIn(t.app, other.login);

      const made = await sysAdmin.patch(`/api/users/${user.id}`, { version: 1, systemAdmin: true });
      assert.equal(made.statusCode, 200, made.body);
      assert.equal(made.json().systemAdmin, true);
      const created = await sysAdmin.post('/api/users', {
        login: `root${user.id}`,
        displayName: 'Root',
        email: 'root@example.test',
        systemAdmin: true,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().systemAdmin, true);
    });

    test('ID-1, ID-2: users who are not administrators get 403 on user administration and change nothing', async () => {
      const user = await createUser(t.db);
      const plain = client(t.app, await signIn(t.app, user.login));
      const before = await countRows(t.db, ['users', 'audit_log']);
      for (const res of [
        await plain.get('/api/users'),
        await plain.get(`/api/users/${user.id}`),
        await plain.post('/api/users', { login: `x${user.id}`, displayName: 'X', email: 'x@example.test' }),
        await plain.patch(`/api/users/${user.id}`, { version: 1, systemAdmin: true }),
      ]) {
        assert.equal(res.statusCode, 403, res.body);
        assert.equal(res.json().code, 'area_closed');
      }
      assert.deepEqual(await countRows(t.db, ['users', 'audit_log']), before);
    });
  });
}
