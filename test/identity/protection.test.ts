// Guards ID-4: failed sign-ins are rate-limited per login and per client address, and a state-changing
// request on a cookie session needs the session's CSRF token — without it nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createUser, DIALECTS, PASSWORD, signIn, type TestApp } from '../helpers/harness.js';
import { bearer, countRows, createAppAdmin } from './fixtures.js';

let addresses = 0;
/** Each test signs in from its own client address, so the per-address limit of one test never meets another's. */
const freshAddress = () => `10.4.${Math.floor(++addresses / 250)}.${addresses % 250}`;

for (const dialect of DIALECTS) {
  describe(`sign-in limits and CSRF (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const attempt = (login: string, password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/session', payload: { login, password }, remoteAddress });

    test('ID-4: after 5 failed sign-ins for a login, even the right password gets 429 too_many_attempts', async () => {
      const user = await createUser(t.db);
      const address = freshAddress();
      for (let i = 1; i <= 5; i++) {
        const res = await attempt(user.login, `wrong password ${i}`, address);
        assert.equal(res.statusCode, 401, `attempt ${i}`);
      }
      const sessions = await countRows(t.db, ['sessions']);
      for (const [password, from] of [
        [PASSWORD, address],
        [PASSWORD, freshAddress()],
        ['wrong again', address],
      ]) {
        const res = await attempt(user.login, password, from);
        assert.equal(res.statusCode, 429, `${password} from ${from}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.json().code, 'too_many_attempts');
      }
      // The login's case does not open a new allowance.
      assert.equal((await attempt(user.login.toUpperCase(), PASSWORD, freshAddress())).statusCode, 429);
      assert.deepEqual(await countRows(t.db, ['sessions']), sessions, 'no session was created');

      const neighbour = await createUser(t.db);
      assert.equal(
        (await attempt(neighbour.login, PASSWORD, address)).statusCode,
        200,
        'the limit is per login: others at the same address still sign in',
      );
    });

    test('ID-4: a successful sign-in before the limit starts the count again', async () => {
      const user = await createUser(t.db);
      const address = freshAddress();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++)
          assert.equal((await attempt(user.login, 'wrong password', address)).statusCode, 401);
        assert.equal(
          (await attempt(user.login, PASSWORD, address)).statusCode,
          200,
          `round ${round}: 4 failures are below the limit`,
        );
      }
    });

    test('ID-4: 20 failed sign-ins from one address, spread over logins, close that address to every login', async () => {
      const address = freshAddress();
      const victims = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(t.db)));
      for (const victim of victims) {
        for (let i = 0; i < 4; i++) assert.equal((await attempt(victim.login, 'guessing', address)).statusCode, 401);
      }
      const user = await createUser(t.db);
      const res = await attempt(user.login, PASSWORD, address);
      assert.equal(res.statusCode, 429);
      assert.equal(res.json().code, 'too_many_attempts');
      assert.equal(
        (await attempt(user.login, PASSWORD, freshAddress())).statusCode,
        200,
        'another address is not affected',
      );
    });

    test('ID-4: a cookie-session write without the right x-csrf-token gets 403 csrf_failed and writes nothing', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const otherSession = await signIn(t.app, (await createUser(t.db)).login);
      const tables = ['api_tokens', 'audit_log', 'sessions'] as const;
      const before = await countRows(t.db, tables);

      const wrongHeaders: Array<[string, Record<string, string>]> = [
        ['no header', {}],
        ['an empty header', { 'x-csrf-token': '' }],
        ['a wrong token', { 'x-csrf-token': `${session.csrfToken}x` }],
        ['the token of another session', { 'x-csrf-token': otherSession.csrfToken }],
      ];
      for (const [what, headers] of wrongHeaders) {
        for (const [method, url, payload] of [
          ['POST', '/api/me/tokens', { name: 'forged' }],
          ['DELETE', '/api/session', undefined],
        ] as const) {
          const res = await t.app.inject({
            method,
            url,
            headers: { cookie: session.cookie, ...headers },
            ...(payload ? { payload } : {}),
          });
          assert.equal(res.statusCode, 403, `${method} ${url} with ${what}: ${res.body}`);
          assert.equal(res.json().code, 'csrf_failed');
        }
      }
      assert.deepEqual(await countRows(t.db, tables), before);
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
      assert.equal(me.statusCode, 200, 'reads need no CSRF token, and the session survived the forged sign-out');
    });

    test("ID-4: an administrator's cookie-session change without the CSRF token leaves the user untouched", async () => {
      const admin = await createAppAdmin(t.db);
      const session = await signIn(t.app, admin.login);
      const target = await createUser(t.db);
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${target.id}`,
        headers: { cookie: session.cookie },
        payload: { version: 1, active: false },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'csrf_failed');
      const row = await t.db
        .selectFrom('users')
        .select(['active', 'version'])
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { active: true, version: 1 });
      await signIn(t.app, target.login);
    });

    test('ID-4: a Bearer-token write needs no CSRF header', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const first = await t.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { name: 'ci' },
      });
      assert.equal(first.statusCode, 201, first.body);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/me/tokens',
        headers: bearer(first.json().token),
        payload: { name: 'made by a script' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const names = await t.db
        .selectFrom('api_tokens')
        .select('name')
        .where('user_id', '=', user.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        names.map((n) => n.name),
        ['ci', 'made by a script'],
      );
    });
  });
}
