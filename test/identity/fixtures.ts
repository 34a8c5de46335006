// Fixtures for the identity and bad-input suites: the app together with its route table, admins of both
// kinds, and raw reads of the credential tables.
import type { Database } from '../../src/db/index.js';
import { buildApp } from '../../src/http/app.js';
import type { DeclaredRoute } from '../../src/http/access.js';
import { createTestDb, type Dialect, type Session, type TestApp } from '../helpers/harness.js';

/** Like createTestApp, but also hands back the route table `buildApp` declared. */
export async function createTestAppWithRoutes(dialect: Dialect): Promise<TestApp & { routes: DeclaredRoute[] }> {
  const handle = await createTestDb(dialect);
  const { app, routes } = await buildApp({ db: handle.db });
  await app.ready();
  return {
    app,
    db: handle.db,
    dialect,
    routes,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** Re-exported for the suites that import it from here. */
export { createAppAdmin } from '../helpers/harness.js';

export const sessionHeaders = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Row counts of the tables a request could write to, keyed by table. */
export async function countRows(
  db: Database,
  tables: ReadonlyArray<
    'users' | 'groups' | 'group_members' | 'sessions' | 'api_tokens' | 'audit_log' | 'login_attempts'
  >,
) {
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return counts;
}
