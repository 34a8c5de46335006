// Fixtures the browser tests of the Administration area share, on top of test/helpers/harness.ts.
import type { Database } from '../../src/db/index.js';
import { createUser } from '../helpers/harness.js';

/** A user in the built-in group `administrators`, which holds `app_admin` (APP-1) — not a system administrator. */
export async function createAppAdmin(db: Database) {
  const user = await createUser(db);
  const group = await db.selectFrom('groups').select('id').where('name', '=', 'administrators').executeTakeFirstOrThrow();
  await db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
  return user;
}
