// Guards the first start without demo data (ID-1, ID-2, ID-3): while no user exists, GET /api/setup says so and
// POST /api/setup creates one system administrator in the built-in `administrators` group, audits it and signs them
// in — once, even when calls race; afterwards it answers 409 setup_done and writes nothing.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { client, createTestApp, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';
import { countRows } from './fixtures.js';

const admin = (login: string) => ({
  login,
  displayName: `First ${login}`,
  email: `${login}@example.test`,
  password: 'a long first password',
});
const setup = (t: TestApp, body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/setup', payload: body as object });
const WRITTEN = ['users', 'group_members', 'sessions', 'audit_log'] as const;

for (const dialect of DIALECTS) {
  describe(`first start (${dialect})`, () => {
    const apps: TestApp[] = [];
    const freshApp = async () => {
      const t = await createTestApp(dialect);
      apps.push(t);
      return t;
    };
    after(() => Promise.all(apps.map((t) => t.close())));

    test('ID-1/ID-2/ID-3: on an empty database the first administrator is created, audited and signed in', async () => {
      const t = await freshApp();
      const before = await t.app.inject({ method: 'GET', url: '/api/setup' });
      assert.equal(before.statusCode, 200);
      assert.deepEqual(before.json(), { needed: true });

      const res = await setup(t, admin('founder'));
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.user.login, 'founder');
      assert.equal(body.user.systemAdmin, true);
      const cookie = res.cookies.find((c) => c.name === 'tw_session');
      assert.ok(cookie, 'a session cookie is set');
      assert.equal(cookie.httpOnly, true);

      const session = { cookie: `tw_session=${cookie.value}`, csrfToken: body.csrfToken as string };
      const me = await client(t.app, session).get('/api/me');
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().user.login, 'founder');
      assert.ok(me.json().areas.includes('Administration'), 'the first administrator reaches Administration');
      // The session is a real one: a state-changing request with its CSRF token goes through.
      assert.equal((await client(t.app, session).post('/api/me/tokens', { name: 'first' })).statusCode, 201);

      const groups = await t.db
        .selectFrom('group_members as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select('g.name')
        .where('m.user_id', '=', body.user.id)
        .orderBy('g.name')
        .execute();
      assert.deepEqual(
        groups.map((g) => g.name),
        ['administrators', 'users'],
      );
      const stored = await t.db
        .selectFrom('users')
        .select(['password_hash', 'system_admin'])
        .where('id', '=', body.user.id)
        .executeTakeFirstOrThrow();
      assert.match(stored.password_hash ?? '', /^\$argon2id\$/);
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['actor_id', 'after'])
        .where('action', '=', 'user.create')
        .where('entity_id', '=', String(body.user.id))
        .executeTakeFirstOrThrow();
      assert.equal(audit.actor_id, body.user.id);
      assert.equal((audit.after as { via: string }).via, 'setup');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: false });
    });

    test('ID-1: after the first administrator, setup answers 409 setup_done forever and writes nothing', async () => {
      const t = await freshApp();
      assert.equal((await setup(t, admin('first'))).statusCode, 201);
      const counts = await countRows(t.db, WRITTEN);
      for (const body of [admin('second'), admin('first')]) {
        const res = await setup(t, body);
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().code, 'setup_done');
      }
      const again = await setup(t, admin('fourth'));
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'setup_done');
      assert.equal(again.cookies.length, 0, 'no session is handed out');
      assert.deepEqual(await countRows(t.db, WRITTEN), counts);
    });

    test('ID-1: a database with a user made otherwise (CLI, fixtures) needs no setup and refuses it', async () => {
      const t = await freshApp();
      await createUser(t.db);
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: false });
      const res = await setup(t, admin('late'));
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'setup_done');
    });

    test('ID-1: of racing first starts exactly one creates an administrator; the others get 409', async () => {
      const t = await freshApp();
      const results = await Promise.all(['racer1', 'racer2', 'racer3', 'racer4'].map((l) => setup(t, admin(l))));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409]);
      assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'setup_done'));
      const users = await t.db.selectFrom('users').select(['login', 'system_admin']).execute();
      assert.equal(users.length, 1);
      assert.equal(users[0].system_admin, true);
      assert.equal((await countRows(t.db, ['sessions'])).sessions, 1);
    });

    test('ID-1: bad input names the field and writes nothing; setup stays open', async () => {
      const t = await freshApp();
      const cases: Array<[unknown, string]> = [
        [{ ...admin('shorty'), password: 'short' }, 'password'],
        [{ ...admin('mail'), email: 'not an address' }, 'email'],
        [{ ...admin('x'), login: 'no spaces allowed' }, 'login'],
        [{ ...admin('blank'), displayName: '   ' }, 'displayName'],
        [{ ...admin('nul'), displayName: 'a\u0000b' }, 'displayName'],
        [{ ...admin('extra'), systemAdmin: false }, 'systemAdmin'],
      ];
      for (const [body, field] of cases) {
        const res = await setup(t, body);
        assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
        assert.equal(res.json().field, field);
      }
      assert.equal((await countRows(t.db, ['users'])).users, 0);
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/setup' })).json(), { needed: true });
    });
  });
}
