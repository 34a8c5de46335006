// Guards the administrators' CLI: it migrates the database it is pointed at and creates users that can sign in (ID-1, ID-2, ID-3).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { openDb } from '../../src/db/index.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'timeward-cli-'));
const cli = (...args: string[]) =>
  run('node', ['bin/timeward.js', ...args], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' } });

describe('CLI', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('ID-2, ID-3: create-user makes a user in group users with an argon2 password hash', async () => {
    const { stdout } = await cli(
      'create-user',
      '--login',
      'ops',
      '--name',
      'Ops Person',
      '--email',
      'ops@example.test',
      '--password',
      'long enough password',
      '--admin',
    );
    assert.match(stdout, /created user ops \(id \d+\) as system administrator/);
    const handle = await openDb({ dataDir: dir });
    try {
      const user = await handle.db.selectFrom('users').selectAll().where('login', '=', 'ops').executeTakeFirstOrThrow();
      assert.equal(user.system_admin, true);
      assert.match(user.password_hash ?? '', /^\$argon2id\$/);
      const groups = await handle.db
        .selectFrom('group_members as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select('g.name')
        .where('m.user_id', '=', user.id)
        .execute();
      assert.deepEqual(
        groups.map((g) => g.name),
        ['users'],
      );
      const audit = await handle.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity_type', '=', 'user')
        .execute();
      assert.deepEqual(audit, [{ action: 'user.create', entity_id: String(user.id) }]);
    } finally {
      await handle.close();
    }
  });

  test('the CLI refuses bad input with a message and a non-zero exit', async () => {
    await assert.rejects(
      cli('create-user', '--login', 'x'),
      (e: { code: number; stderr: string }) => e.code === 1 && /needs --login, --email and --password/.test(e.stderr),
    );
    await assert.rejects(
      cli('no-such-command'),
      (e: { code: number; stdout: string }) => e.code === 2 && /usage: timeward/.test(e.stdout),
    );
  });
});
