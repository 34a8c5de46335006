import type { Database } from '../../db/index.js';
import { conflict } from '../../lib/errors.js';
import { audit } from '../audit/repo.js';
import { insertUser } from '../users/service.js';
import * as repo from './repo.js';
import type { SetupBody, SetupStatus } from './schema.js';
import type { createAuthService } from './service.js';

const setupDone = () =>
  conflict('setup_done', 'Timeward is set up already: its first administrator exists. Sign in instead.');

/**
 * The first start without demo data: while no user exists, whoever opens the web UI creates the first administrator
 * (a system administrator in the built-in `administrators` group) and is signed in; from then on it answers 409
 * `setup_done` and writes nothing.
 */
export function createSetupService(db: Database, auth: ReturnType<typeof createAuthService>) {
  async function status(): Promise<SetupStatus> {
    return { needed: !(await repo.anyUserExists(db)) };
  }

  /**
   * One transaction: the users table is locked before it is found empty, so of two racing first starts (or a first
   * start and `create-user`) one creates the administrator and the other finds it and is refused. The session opens in
   * the same transaction.
   */
  async function createFirstAdministrator(input: SetupBody) {
    // Once set up, the answer comes without a lock or a password hash.
    if (await repo.anyUserExists(db)) throw setupDone();
    const session = await db.transaction().execute(async (trx) => {
      await repo.lockUsersTable(trx);
      if (await repo.anyUserExists(trx)) throw setupDone();
      const user = await insertUser(trx, { ...input, systemAdmin: true });
      await repo.joinAdministrators(trx, user.id);
      await audit(trx, { userId: user.id }, 'user.create', user.id, {
        after: { ...user, groups: ['administrators', 'users'], via: 'setup' },
      });
      return auth.openSession(trx, user.id);
    });
    return auth.signedIn(session);
  }

  return { status, createFirstAdministrator };
}
