// Guards ID-1's one-time set-password links and the edges of user administration: a link is stored hashed, works
// once and only until it expires or a newer one replaces it; bad input is a 400 naming the field and writes nothing;
// deactivation stops sessions, tokens and links at once; every change leaves its audit row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { digest } from '../../src/modules/auth/secrets.js';
import { client, createTestApp, createUser, DIALECTS, signIn, unique, type TestApp } from '../helpers/harness.js';
import { bearer, countRows, createAppAdmin, sessionHeaders } from './fixtures.js';

const NEW_PASSWORD = 'a long new password';

for (const dialect of DIALECTS) {
  describe(`set-password links (${dialect})`, () => {
    let t: TestApp;
    let admin: ReturnType<typeof client>;
    before(async () => {
      t = await createTestApp(dialect);
      admin = client(t.app, await signIn(t.app, (await createAppAdmin(t.db)).login));
    });
    after(() => t.close());

    const useLink = (token: string, password: string) =>
      t.app.inject({ method: 'POST', url: `/api/password-links/${token}`, payload: { password } });
    const auditActions = async (userId: number) =>
      (
        await t.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_type', '=', 'user')
          .where('entity_id', '=', String(userId))
          .orderBy('id')
          .execute()
      ).map((r) => r.action);
    const linkCount = async () =>
      Number(
        (
          await t.db
            .selectFrom('password_links')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('ID-1: a user created with a set-password link sets it once, signs in, and the link is then used up (410)', async () => {
      const login = unique('linked');
      const res = await admin.post('/api/users', {
        login,
        displayName: 'Linked Person',
        email: `${login}@example.test`,
        passwordLink: true,
      });
      assert.equal(res.statusCode, 201, res.body);
      const { id, passwordLink } = res.json();
      assert.match(passwordLink.token, /^twl_[\w-]{20,}$/);
      const days = (Date.parse(passwordLink.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `expires in 7 days, not ${days}`);
      const stored = await t.db.selectFrom('password_links').selectAll().where('user_id', '=', id).execute();
      assert.deepEqual(
        stored.map((l) => l.token_hash),
        [digest(passwordLink.token)],
        'only the digest is stored',
      );

      const tooShort = await useLink(passwordLink.token, 'short');
      assert.equal(tooShort.statusCode, 400);
      assert.equal(tooShort.json().field, 'password');
      assert.equal(
        (await t.db.selectFrom('password_links').select('used_at').where('user_id', '=', id).executeTakeFirst())
          ?.used_at,
        null,
        'a refused password leaves the link unused',
      );

      assert.equal((await useLink(passwordLink.token, NEW_PASSWORD)).statusCode, 204);
      await signIn(t.app, login, NEW_PASSWORD);

      const again = await useLink(passwordLink.token, 'another long password');
      assert.equal(again.statusCode, 410);
      assert.equal(again.json().code, 'password_link_used');
      await signIn(t.app, login, NEW_PASSWORD);
      assert.deepEqual(await auditActions(id), ['user.create', 'user.passwordLink.create', 'user.passwordLink.use']);
      const use = await t.db
        .selectFrom('audit_log')
        .select(['actor_id', 'after'])
        .where('action', '=', 'user.passwordLink.use')
        .where('entity_id', '=', String(id))
        .executeTakeFirstOrThrow();
      assert.equal(use.actor_id, id, 'the user set their own password');
      assert.doesNotMatch(JSON.stringify(use.after), /twl_|argon/, 'neither token nor hash is audited');
    });

    test('ID-1: a newer link replaces the older one (404), an expired link is a 410, an unknown one a 404', async () => {
      const user = await createUser(t.db);
      const first = await admin.post(`/api/users/${user.id}/password-link`);
      assert.equal(first.statusCode, 201, first.body);
      const second = await admin.post(`/api/users/${user.id}/password-link`);
      assert.equal(second.statusCode, 201, second.body);

      const replaced = await useLink(first.json().token, NEW_PASSWORD);
      assert.equal(replaced.statusCode, 404);
      assert.equal(replaced.json().code, 'not_found');
      const unknown = await useLink('twl_nothing-like-this', NEW_PASSWORD);
      assert.equal(unknown.statusCode, 404);

      await t.db
        .updateTable('password_links')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', digest(second.json().token))
        .execute();
      const expired = await useLink(second.json().token, NEW_PASSWORD);
      assert.equal(expired.statusCode, 410);
      assert.equal(expired.json().code, 'password_link_expired');
      await signIn(t.app, user.login, user.password);
      assert.deepEqual(await auditActions(user.id), ['user.passwordLink.create', 'user.passwordLink.create']);
    });

    test('ID-1: bad input is a 400 naming the field, a taken login a 409; neither writes anything', async () => {
      const tables = ['users', 'group_members', 'audit_log'] as const;
      const counts = await countRows(t.db, tables);
      const links = await linkCount();
      const login = unique('bad');
      const cases = [
        [
          { login, displayName: 'B', email: 'b@example.test', password: 'long enough pw', passwordLink: true },
          'passwordLink',
        ],
        [{ login, displayName: 'B', email: 'not an email', passwordLink: true }, 'email'],
        [{ login: 'has space', displayName: 'B', email: 'b@example.test' }, 'login'],
        [{ login, displayName: '', email: 'b@example.test' }, 'displayName'],
        [{ login, displayName: 'B', email: 'b@example.test', password: 'short' }, 'password'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await admin.post('/api/users', body);
        assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
        assert.equal(res.json().field, field);
      }
      const existing = await createUser(t.db);
      const counted = await countRows(t.db, tables);
      const taken = await admin.post('/api/users', {
        login: existing.login.toUpperCase(),
        displayName: 'Twin',
        email: 'twin@example.test',
        passwordLink: true,
      });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().code, 'login_taken');
      assert.deepEqual(await countRows(t.db, tables), counted);
      assert.equal(counted.users, counts.users + 1, 'only the fixture user was added');
      assert.equal(await linkCount(), links);
    });

    test('ID-1: deactivation ends sessions, revokes tokens and links at once; the next request is 401, and reactivation revives neither', async () => {
      const user = await createUser(t.db);
      const session = await signIn(t.app, user.login);
      const token = (await client(t.app, session).post('/api/me/tokens', { name: 'cron' })).json().token as string;
      const link = (await admin.post(`/api/users/${user.id}/password-link`)).json().token as string;
      assert.equal((await t.app.inject({ url: '/api/me', headers: bearer(token) })).statusCode, 200);

      const off = await admin.patch(`/api/users/${user.id}`, { version: 1, active: false });
      assert.equal(off.statusCode, 200, off.body);
      for (const headers of [sessionHeaders(session), bearer(token)]) {
        const next = await t.app.inject({ url: '/api/me', headers });
        assert.equal(next.statusCode, 401);
        assert.equal(next.json().code, 'unauthenticated');
      }
      assert.equal((await useLink(link, NEW_PASSWORD)).statusCode, 404, 'the link was revoked');
      const inactive = await admin.post(`/api/users/${user.id}/password-link`);
      assert.equal(inactive.statusCode, 422);
      assert.equal(inactive.json().code, 'user_inactive');

      assert.equal((await admin.patch(`/api/users/${user.id}`, { version: 2, active: true })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/api/me', headers: bearer(token) })).statusCode, 401);
      assert.equal((await t.app.inject({ url: '/api/me', headers: sessionHeaders(session) })).statusCode, 401);
      const audit = await t.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'user.update')
        .where('entity_id', '=', String(user.id))
        .orderBy('id')
        .executeTakeFirstOrThrow();
      assert.equal((audit.after as { revokedTokens: unknown[] }).revokedTokens.length, 1);
    });

    test('ID-1: an administrator who is not a system administrator may not edit one, nor send them a link', async () => {
      const boss = await createUser(t.db, { systemAdmin: true });
      const listed = (await admin.get(`/api/users?q=${boss.login}`)).json().items[0];
      assert.deepEqual(listed.abilities, { canEdit: false, canSetSystemAdmin: false });
      const refused = await admin.post(`/api/users/${boss.id}/password-link`);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'grant_boundary');
      assert.equal((await admin.post('/api/users/2147483647/password-link')).statusCode, 404);

      const sysAdmin = client(t.app, await signIn(t.app, boss.login));
      const other = await createUser(t.db, { systemAdmin: true });
      const seen = (await sysAdmin.get(`/api/users/${other.id}`)).json();
      assert.deepEqual(seen.abilities, { canEdit: true, canSetSystemAdmin: true });
      assert.equal((await sysAdmin.post(`/api/users/${other.id}/password-link`)).statusCode, 201);
    });
  });
}
