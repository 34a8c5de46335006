// Guards ID-5: every response carries the security headers (CSP with frame-ancestors 'none', nosniff, a strict
// referrer policy), and the session cookie is Secure exactly when the request came over HTTPS — which, behind a
// proxy, only X-Forwarded-Proto says, and only when TRUST_PROXY says the proxy may be believed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createTestDb, createUser, DIALECTS, type TestApp } from '../helpers/harness.js';

/** The app on a fresh database, with or without TRUST_PROXY. */
async function hardenedApp(dialect: (typeof DIALECTS)[number], trustProxy: boolean): Promise<TestApp> {
  const handle = await createTestDb(dialect);
  const { app } = await buildApp({ db: handle.db, trustProxy });
  await app.ready();
  return {
    app,
    db: handle.db,
    dialect,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

function signIn(app: App, user: { login: string; password: string }, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { login: user.login, password: user.password },
    headers,
  });
}
const sessionCookie = (res: Awaited<ReturnType<App['inject']>>) => {
  const cookie = res.cookies.find((c) => c.name === 'tw_session');
  assert.ok(cookie, `a session cookie is set: ${res.statusCode} ${res.body}`);
  return cookie;
};

for (const dialect of DIALECTS) {
  describe(`browser hardening (${dialect})`, () => {
    let direct: TestApp;
    let proxied: TestApp;
    before(async () => {
      [direct, proxied] = await Promise.all([hardenedApp(dialect, false), hardenedApp(dialect, true)]);
    });
    after(async () => {
      await direct.close();
      await proxied.close();
    });

    test("ID-5: answers of every kind carry CSP with frame-ancestors 'none', nosniff, no-referrer and X-Frame-Options DENY", async () => {
      const user = await createUser(direct.db);
      const responses = [
        await signIn(direct.app, user),
        await direct.app.inject({ url: '/api/me' }),
        await direct.app.inject({ url: '/api/no-such-route' }),
        await direct.app.inject({ url: '/api/openapi.json' }),
        await direct.app.inject({ method: 'POST', url: '/api/session', payload: { login: '' } }),
      ];
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        [200, 401, 404, 200, 400],
      );
      for (const res of responses) {
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /frame-ancestors 'none'/, `${res.statusCode}: ${csp}`);
        assert.match(csp, /default-src 'self'/);
        assert.match(csp, /script-src 'self'(;|$)/, 'no inline or foreign script');
        assert.match(csp, /object-src 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['referrer-policy'], 'no-referrer');
        assert.equal(res.headers['x-frame-options'], 'DENY');
      }
    });

    test('ID-5: the API documentation has its own policy, which still forbids framing and foreign scripts', async () => {
      const res = await direct.app.inject({ url: '/api/docs/static/index.html' });
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp.match(/script-src[^;]*/)![0], /unsafe-inline|unsafe-eval|https:/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    });

    test('ID-5: over plain HTTP the session cookie is not Secure; a forged X-Forwarded-Proto without TRUST_PROXY changes nothing', async () => {
      const user = await createUser(direct.db);
      assert.notEqual(sessionCookie(await signIn(direct.app, user)).secure, true);
      assert.notEqual(sessionCookie(await signIn(direct.app, user, { 'x-forwarded-proto': 'https' })).secure, true);
    });

    test('ID-5: with TRUST_PROXY, X-Forwarded-Proto: https makes the session cookie Secure, on sign-in and on sign-out', async () => {
      const user = await createUser(proxied.db);
      const signedIn = await signIn(proxied.app, user, {
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '203.0.113.7',
      });
      const cookie = sessionCookie(signedIn);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.httpOnly, true);
      const out = await proxied.app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: {
          'x-forwarded-proto': 'https',
          cookie: `tw_session=${cookie.value}`,
          'x-csrf-token': signedIn.json().csrfToken,
        },
      });
      assert.equal(out.statusCode, 204, out.body);
      assert.equal(
        sessionCookie(out).secure,
        true,
        'the cleared cookie is Secure too, so the browser replaces the Secure one',
      );

      assert.notEqual(
        sessionCookie(await signIn(proxied.app, user, { 'x-forwarded-proto': 'http' })).secure,
        true,
        'the proxy said http',
      );
    });
  });
}
