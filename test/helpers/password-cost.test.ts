// ID-3 beside the harness's cheap password hashes: the product hashes every password at its one cost, and the cheaper
// cost the fixture users get (test/helpers/harness.ts) is reachable from the tests only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashPassword, PASSWORD_HASH_COST, verifyPassword } from '../../src/modules/auth/secrets.js';
import { insertUser } from '../../src/modules/users/service.js';
import { createTestDb, createUser, FIXTURE_HASH_COST, PASSWORD } from './harness.js';

const PRODUCT_COST = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

test('ID-3: the product hashes passwords with argon2id at 19 MiB, 2 passes, 1 lane', async () => {
  assert.deepEqual({ ...PASSWORD_HASH_COST }, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  assert.match(await hashPassword(PASSWORD), PRODUCT_COST);
});

test('ID-3: a user the product creates gets the product cost; a fixture user the cheap one, and signs in', async () => {
  const handle = await createTestDb('pglite');
  try {
    const product = await insertUser(handle.db, {
      login: 'product',
      displayName: 'Product',
      email: 'product@example.test',
      password: PASSWORD,
    });
    const fixture = await createUser(handle.db);
    const hashOf = async (id: number) =>
      (await handle.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow())
        .password_hash ?? '';
    assert.match(await hashOf(product.id), PRODUCT_COST);
    const { memoryCost, timeCost, parallelism } = FIXTURE_HASH_COST;
    assert.ok(memoryCost < PASSWORD_HASH_COST.memoryCost);
    const fixtureHash = await hashOf(fixture.id);
    assert.match(fixtureHash, new RegExp(`^\\$argon2id\\$v=19\\$m=${memoryCost},t=${timeCost},p=${parallelism}\\$`));
    assert.equal(await verifyPassword(fixtureHash, PASSWORD), true);
    assert.equal(await verifyPassword(fixtureHash, 'wrong horse battery'), false);
  } finally {
    await handle.close();
  }
});

test('ID-3: only secrets.ts hashes passwords, and nothing in src/ imports from test/', () => {
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join('src', f));
  const read = (f: string) => readFileSync(f, 'utf8');
  assert.deepEqual(
    files.filter((f) => read(f).includes('@node-rs/argon2')),
    [join('src', 'modules', 'auth', 'secrets.ts')],
  );
  assert.deepEqual(
    files.filter((f) => /from '(\.\.\/)+test\//.test(read(f))),
    [],
  );
});
