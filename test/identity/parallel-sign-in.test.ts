// Guards ID-4 under parallel attempts: an attempt counts before its password is checked, so however many
// sign-ins for one login (or from one address) arrive at once, no more passwords are checked than the limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { SIGN_IN_LIMIT } from '../../src/modules/auth/service.js';
import { createTestApp, createUser, DIALECTS, PASSWORD, type TestApp } from '../helpers/harness.js';

let addresses = 0;
const freshAddress = () => `10.9.${Math.floor(++addresses / 250)}.${addresses % 250}`;

for (const dialect of DIALECTS) {
  describe(`parallel sign-in attempts (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    const attempt = (login: string, password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/session', payload: { login, password }, remoteAddress });
    /** Status codes of parallel attempts, counted: a 401 is an attempt whose password was checked. */
    const tally = (codes: number[]) =>
      codes.reduce<Record<number, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {});
    const loggedAttempts = async (login: string) =>
      Number(
        (
          await t.db
            .selectFrom('login_attempts')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(sql`lower(login)`, '=', login.toLowerCase())
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('ID-4: 40 parallel wrong-password sign-ins for one login check exactly 5 passwords; the other 35 get 429', async () => {
      const user = await createUser(t.db);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => attempt(user.login, `wrong ${i}`, freshAddress())),
      );
      assert.deepEqual(tally(results.map((r) => r.statusCode)), {
        401: SIGN_IN_LIMIT.failures,
        429: 40 - SIGN_IN_LIMIT.failures,
      });
      assert.ok(results.filter((r) => r.statusCode === 429).every((r) => r.json().code === 'too_many_attempts'));
      assert.equal(
        await loggedAttempts(user.login),
        SIGN_IN_LIMIT.failures,
        'only checked passwords are logged as attempts',
      );
      assert.equal(
        (await attempt(user.login, PASSWORD, freshAddress())).statusCode,
        429,
        'the right password is refused too',
      );
    });

    test("ID-4: parallel sign-ins that mix the login's case share one allowance", async () => {
      const user = await createUser(t.db);
      const logins = [user.login, user.login.toUpperCase()];
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => attempt(logins[i % 2], 'wrong', freshAddress())),
      );
      assert.equal(results.filter((r) => r.statusCode === 401).length, SIGN_IN_LIMIT.failures);
    });

    test('ID-4: 60 parallel wrong sign-ins from one address, spread over 12 logins, check at most 20 passwords', async () => {
      const address = freshAddress();
      const users = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db)));
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => attempt(users[i % 12].login, 'guessing', address)),
      );
      const counts = tally(results.map((r) => r.statusCode));
      assert.equal(counts[401], SIGN_IN_LIMIT.failures * 4, JSON.stringify(counts));
      assert.equal(counts[429], 60 - SIGN_IN_LIMIT.failures * 4);
      const other = await createUser(t.db);
      assert.equal((await attempt(other.login, PASSWORD, address)).statusCode, 429, 'the address stays closed');
      assert.equal(
        (await attempt(other.login, PASSWORD, freshAddress())).statusCode,
        200,
        'other addresses are not affected',
      );
    });

    test('ID-4: as many parallel right-password sign-ins as the limit all succeed and leave the count at zero', async () => {
      const user = await createUser(t.db);
      const address = freshAddress();
      // Attempts in flight count as failures until their password is checked, so the limit bounds parallel successes too.
      const results = await Promise.all(
        Array.from({ length: SIGN_IN_LIMIT.failures }, () => attempt(user.login, PASSWORD, address)),
      );
      assert.deepEqual(
        results.map((r) => r.statusCode),
        Array(SIGN_IN_LIMIT.failures).fill(200),
      );
      const counters = await t.db
        .selectFrom('sign_in_counters')
        .select(['key', 'failures'])
        .where('key', 'in', [`login:${user.login.toLowerCase()}`, `ip:${address}`])
        .orderBy('key')
        .execute();
      assert.deepEqual(
        counters.map((c) => c.failures),
        [0, 0],
        'successes count against neither the login nor the address',
      );
    });

    test('ID-4: a refused attempt counts against nothing, and the window ends 15 minutes after it began', async () => {
      const user = await createUser(t.db);
      const address = freshAddress();
      for (let i = 0; i < SIGN_IN_LIMIT.failures; i++)
        assert.equal((await attempt(user.login, 'wrong', address)).statusCode, 401);
      for (let i = 0; i < 10; i++) assert.equal((await attempt(user.login, 'wrong', address)).statusCode, 429);
      const ip = await t.db
        .selectFrom('sign_in_counters')
        .select('failures')
        .where('key', '=', `ip:${address}`)
        .executeTakeFirstOrThrow();
      assert.equal(ip.failures, SIGN_IN_LIMIT.failures, 'the ten refused attempts did not count against the address');
      await t.db
        .updateTable('sign_in_counters')
        .set({ window_start: sql<Date>`now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes + 1})` })
        .where('key', '=', `login:${user.login.toLowerCase()}`)
        .execute();
      assert.equal((await attempt(user.login, PASSWORD, address)).statusCode, 200);
    });
  });
}
