// Guards ID-3: sessions live in an HTTP-only cookie, passwords and API tokens are stored only as hashes,
// tokens are shown once and stop working when revoked, and signing out ends the session.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { client, createTestApp, createUser, DIALECTS, signIn, type TestApp } from '../helpers/harness.js';
import { bearer, countRows, sessionHeaders } from './fixtures.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

for (const dialect of DIALECTS) {
  describe(`credentials (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    async function createToken(session: Awaited<ReturnType<typeof signIn>>, name = 'script') {
      const res = await client(t.app, session).post('/api/me/tokens', { name });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: number; name: string; prefix: string; token: string };
    }

    test('ID-3: sign-in sets an HttpOnly, SameSite session cookie whose value is stored only as its SHA-256', async () => {
      const user = await createUser(t.db);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: user.login, password: user.password },
      });
      assert.equal(res.statusCode, 200, res.body);
      const cookie = res.cookies.find((c) => c.name === 'tw_session');
      assert.ok(cookie, 'a tw_session cookie is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.match(
        res.json().csrfToken,
        /^\S{20,}$/,
        'the CSRF token comes in the body, where scripts of the page can read it',
      );
      assert.ok(!res.body.includes(cookie.value), 'the session secret is not in the response body');

      const rows = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].id, sha256(cookie.value));
      assert.ok(!JSON.stringify(rows).includes(cookie.value), 'no column holds the session secret');
    });

    test('ID-3: a password is stored as an argon2id hash, never as the password', async () => {
      const admin = await createUser(t.db, { systemAdmin: true });
      const adminSession = await signIn(t.app, admin.login);
      const password = 'a long and secret passphrase';
      const created = await client(t.app, adminSession).post('/api/users', {
        login: `pw${admin.id}`,
        displayName: 'Pat',
        email: `pw${admin.id}@example.test`,
        password,
      });
      assert.equal(created.statusCode, 201, created.body);
      const stored = await t.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', created.json().id)
        .executeTakeFirstOrThrow();
      assert.match(stored.password_hash ?? '', /^\$argon2id\$/);
      assert.ok(!stored.password_hash!.includes(password));
      assert.ok(
        !created.body.includes('argon2') && !created.body.includes(password),
        'neither hash nor password leaves the server',
      );

      // A changed password is hashed the same way, and the new one signs in.
      const changed = await client(t.app, adminSession).patch(`/api/users/${created.json().id}`, {
        version: created.json().version,
        password: 'another long passphrase',
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const restored = await t.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', created.json().id)
        .executeTakeFirstOrThrow();
      assert.match(restored.password_hash ?? '', /^\$argon2id\$/);
      assert.notEqual(restored.password_hash, stored.password_hash);
      await signIn(t.app, `pw${admin.id}`, 'another long passphrase');
    });

    test('ID-3: an API token is shown once; listings show only its prefix; only its SHA-256 is stored', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const created = await createToken(session, 'backup script');
      assert.equal(created.name, 'backup script');
      assert.ok(created.token.startsWith(created.prefix), 'the prefix is the start of the token');
      assert.ok(created.token.length >= created.prefix.length + 20, 'the prefix is a small part of the token');

      const listed = await client(t.app, session).get('/api/me/tokens');
      assert.equal(listed.statusCode, 200);
      assert.deepEqual(
        listed.json().items.map((i: { id: number; prefix: string }) => [i.id, i.prefix]),
        [[created.id, created.prefix]],
      );
      assert.ok(!listed.body.includes(created.token), 'the listing does not repeat the token');
      assert.ok(!('token' in listed.json().items[0]));

      const row = await t.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256(created.token));
      assert.ok(!JSON.stringify(row).includes(created.token), 'no column holds the token');
    });

    test('ID-3: a Bearer token authenticates its owner; a wrong one is 401, not a fall-back to the cookie', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const { token } = await createToken(session);

      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().user.id, user.id);
      assert.equal(me.json().csrfToken, null, 'token requests carry no CSRF token');

      for (const wrong of [`${token}x`, token.slice(0, -1), 'tw_', '']) {
        const res = await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { ...bearer(wrong), cookie: session.cookie },
        });
        assert.equal(res.statusCode, 401, `Bearer '${wrong}'`);
        assert.equal(res.json().code, 'unauthenticated');
      }
    });

    test('ID-3: a revoked token answers 401 at once and leaves the listing; only the owner can revoke it', async () => {
      const owner = await createUser(t.db);
      const other = await createUser(t.db);
      const session = await signIn(t.app, owner.login);
      const kept = await createToken(session, 'kept');
      const revoked = await createToken(session, 'revoked');

      const foreign = await client(t.app, await signIn(t.app, other.login)).delete(`/api/me/tokens/${revoked.id}`);
      assert.equal(foreign.statusCode, 404, 'another user cannot revoke it, nor learn that it exists');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(revoked.token) })).statusCode,
        200,
      );

      const res = await client(t.app, session).delete(`/api/me/tokens/${revoked.id}`);
      assert.equal(res.statusCode, 204, res.body);
      const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(revoked.token) });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().code, 'unauthenticated');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(kept.token) })).statusCode,
        200,
        'other tokens keep working',
      );
      assert.deepEqual(
        (await client(t.app, session).get('/api/me/tokens')).json().items.map((i: { id: number }) => i.id),
        [kept.id],
      );
      assert.equal(
        (await client(t.app, session).delete(`/api/me/tokens/${revoked.id}`)).statusCode,
        404,
        'revoking twice finds nothing',
      );
    });

    test('ID-3: signing out ends the session on the server and clears the cookie', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const other = await signIn(t.app, user.login);

      const res = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: sessionHeaders(session) });
      assert.equal(res.statusCode, 204, res.body);
      const cleared = res.cookies.find((c) => c.name === 'tw_session');
      assert.ok(
        cleared && cleared.value === '' && cleared.expires && cleared.expires.getTime() <= Date.parse('1971-01-01'),
        'the cookie is cleared',
      );

      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
      assert.equal(me.statusCode, 401, 'the old cookie no longer authenticates');
      const value = session.cookie.slice('tw_session='.length);
      assert.equal(
        (await t.db.selectFrom('sessions').select('id').where('id', '=', sha256(value)).execute()).length,
        0,
      );
      assert.equal((await client(t.app, other).get('/api/me')).statusCode, 200, "the user's other sessions stay");
    });

    test('ID-3: an expired session no longer authenticates', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      assert.equal((await client(t.app, session).get('/api/me')).statusCode, 200);
      await t.db
        .updateTable('sessions')
        .set({ expires_at: new Date('2000-01-01T00:00:00Z') })
        .where('user_id', '=', user.id)
        .execute();
      const res = await client(t.app, session).get('/api/me');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'unauthenticated');
    });

    test('ID-3: a wrong password, an unknown login and a user without a password all get the same 401', async () => {
      const user = await createUser(t.db);
      await t.db
        .insertInto('users')
        .values({ login: `nopw${user.id}`, display_name: 'No Password', email: 'np@example.test' })
        .execute();
      const before = await countRows(t.db, ['sessions']);
      const answers = [];
      for (const [login, password] of [
        [user.login, 'not the password'],
        [`ghost${user.id}`, 'whatever it is'],
        [`nopw${user.id}`, 'anything at all'],
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { login, password },
          remoteAddress: '10.3.0.1',
        });
        answers.push([res.statusCode, res.json().code, res.json().detail]);
      }
      assert.deepEqual(answers, Array(3).fill([401, 'invalid_credentials', 'login or password is wrong']));
      assert.deepEqual(await countRows(t.db, ['sessions']), before);
    });
  });
}
