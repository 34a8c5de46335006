// Guards My account (ID-3, ID-4): a password change needs the current password (a wrong one is a 400 on that field,
// writes nothing and counts as a failed sign-in), ends the user's other sessions and keeps the current one; signing
// out of other sessions ends all but the caller's; both are audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SIGN_IN_LIMIT } from '../../src/modules/auth/service.js';
import {
  client,
  createTestApp,
  createUser,
  DIALECTS,
  PASSWORD,
  signIn,
  type Session,
  type TestApp,
} from '../helpers/harness.js';
import { bearer, sessionHeaders } from './fixtures.js';

const NEW_PASSWORD = 'a brand new passphrase';

for (const dialect of DIALECTS) {
  describe(`my account (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const me = async (session: Session) => (await client(t.app, session).get('/api/me')).statusCode;
    /** PUT /api/me/password from the session (the harness's client sends PUT without a body). */
    const changePassword = (session: Session, body: object) =>
      t.app.inject({ method: 'PUT', url: '/api/me/password', headers: sessionHeaders(session), payload: body });
    const passwordHash = async (id: number) =>
      (await t.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow())
        .password_hash;
    const auditRows = (id: number, action: string) =>
      t.db
        .selectFrom('audit_log')
        .select(['actor_id', 'after'])
        .where('action', '=', action)
        .where('entity_id', '=', String(id))
        .execute();

    test('ID-3: a wrong current password is a 400 on currentPassword and changes nothing', async () => {
      const user = await createUser(t.db);
      const here = await signIn(t.app, user.login);
      const elsewhere = await signIn(t.app, user.login);
      const hash = await passwordHash(user.id);
      const res = await changePassword(here, {
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().field, 'currentPassword');
      assert.equal(await passwordHash(user.id), hash);
      assert.equal(await me(elsewhere), 200, 'the other session goes on');
      assert.deepEqual(await auditRows(user.id, 'user.password.change'), []);
    });

    test('ID-3: a new password ends the other sessions, keeps this one, and the old password stops working', async () => {
      const user = await createUser(t.db);
      const here = await signIn(t.app, user.login);
      const others = [await signIn(t.app, user.login), await signIn(t.app, user.login)];
      const token = (await client(t.app, here).post('/api/me/tokens', { name: 'script' })).json().token as string;
      const res = await changePassword(here, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { endedSessions: 2 });
      assert.equal(await me(here), 200, 'the session that changed it stays');
      for (const other of others) assert.equal(await me(other), 401, 'other sessions end');
      const byToken = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
      assert.equal(byToken.statusCode, 200, 'API tokens stay until revoked');
      assert.match((await passwordHash(user.id)) ?? '', /^\$argon2id\$/);

      const signInWith = (password: string) =>
        t.app.inject({ method: 'POST', url: '/api/session', payload: { login: user.login, password } });
      assert.equal((await signInWith(PASSWORD)).statusCode, 401);
      assert.equal((await signInWith(NEW_PASSWORD)).statusCode, 200);
      const [row] = await auditRows(user.id, 'user.password.change');
      assert.equal(row.actor_id, user.id);
      assert.deepEqual(row.after, { endedSessions: 2 });
    });

    test('ID-3: the new password is checked (400 on newPassword); unknown fields are refused', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const short = await changePassword(session, {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().field, 'newPassword');
      const extra = await changePassword(session, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        userId: 1,
      });
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.json().field, 'userId');
    });

    test('ID-4: wrong current passwords count as failed sign-ins, so the form cannot be used to guess', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const attempt = (currentPassword: string) =>
        changePassword(session, { currentPassword, newPassword: NEW_PASSWORD });
      for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) assert.equal((await attempt(`guess ${i}`)).statusCode, 400);
      const refused = await attempt(PASSWORD);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().code, 'too_many_attempts');
      assert.equal(await me(session), 200);
    });

    test('ID-3: a token caller changing the password ends every session', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const token = (await client(t.app, session).post('/api/me/tokens', { name: 'ci' })).json().token as string;
      const res = await t.app.inject({
        method: 'PUT',
        url: '/api/me/password',
        headers: bearer(token),
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { endedSessions: 1 });
      assert.equal(await me(session), 401);
    });

    test('ID-3: signing out of other sessions ends them all but this one, says how many, and is audited', async () => {
      const user = await createUser(t.db);
      const stranger = await signIn(t.app, (await createUser(t.db)).login);
      const here = await signIn(t.app, user.login);
      const others = [
        await signIn(t.app, user.login),
        await signIn(t.app, user.login),
        await signIn(t.app, user.login),
      ];
      const res = await client(t.app, here).delete('/api/me/sessions');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { endedSessions: 3 });
      assert.equal(await me(here), 200);
      for (const other of others) assert.equal(await me(other), 401);
      assert.equal(await me(stranger), 200, "another user's session is untouched");
      assert.deepEqual(
        (await auditRows(user.id, 'user.sessions.end')).map((r) => r.after),
        [{ endedSessions: 3 }],
      );

      const none = await client(t.app, here).delete('/api/me/sessions');
      assert.deepEqual(none.json(), { endedSessions: 0 });
      assert.equal((await auditRows(user.id, 'user.sessions.end')).length, 1, 'nothing ended, nothing written');
    });

    test('ID-4: the account changes need the CSRF header of a cookie session, and a caller', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const withoutCsrf = (method: 'PUT' | 'DELETE', url: string) =>
        t.app.inject({
          method,
          url,
          headers: { cookie: session.cookie },
          ...(method === 'PUT' ? { payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } } : {}),
        });
      assert.equal((await withoutCsrf('PUT', '/api/me/password')).statusCode, 403);
      assert.equal((await withoutCsrf('DELETE', '/api/me/sessions')).statusCode, 403);
      assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/me/sessions' })).statusCode, 401);
      const anonymous = await t.app.inject({
        method: 'PUT',
        url: '/api/me/password',
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(await me(session), 200);
    });
  });
}
