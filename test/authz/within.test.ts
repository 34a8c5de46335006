// Guards decisions that hold at commit: `authz.within(trx)` decides on what the transaction sees — its own uncommitted
// writes included — so a write re-checks its access and its state gates inside its transaction (PRJ-3, ITEM-9,
// PRICE-3), on PGlite and PostgreSQL; the engine outside the transaction never sees them, and a rollback takes them back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAuthz, type Actor, type Authz } from '../../src/authz/engine.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { createItem, createProject, createTestDb, createUser, DIALECTS, grant } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam } from '../helpers/teams.js';

const ROLLBACK = Symbol('rollback');

/** Runs `fn` in a transaction that is always rolled back. */
async function rolledBack(db: Database, fn: (trx: Database) => Promise<void>): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      await fn(trx);
      throw ROLLBACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLLBACK) throw e;
    });
}

const refusal = (status: number, code?: string) => (e: { status?: number; code?: string }) =>
  e.status === status && (code === undefined || e.code === code);

for (const dialect of DIALECTS) {
  describe(`authz.within(trx) (${dialect})`, () => {
    let handle: DbHandle;
    let authz: Authz;
    let actorOf: (userId: number) => Promise<Actor>;
    before(async () => {
      handle = await createTestDb(dialect, { teamChecks: true });
      authz = createAuthz(handle.db);
      actorOf = async (userId) => {
        const subject = (await authz.loadSubjects([userId])).get(userId)!;
        return {
          userId,
          login: `u${userId}`,
          displayName: '',
          email: '',
          systemAdmin: false,
          auth: 'session',
          subject,
        };
      };
    });
    after(() => handle.close());

    test('PRJ-3, ITEM-9: a grant written in the transaction lets the bound engine see the item; outside, and after a rollback, it stays hidden', async () => {
      const { db } = handle;
      const user = await createUser(db);
      const project = await createProject(db);
      const item = await createItem(db, { projectId: project.id });
      const actor = await actorOf(user.id);
      await rolledBack(db, async (trx) => {
        const bound = authz.within(trx);
        await assert.rejects(bound.authorizeItem(actor, 'item.view', item.key), refusal(404));
        await grant(trx, project.id, 'BROWSE_PROJECT', { userId: user.id });
        assert.equal((await bound.authorizeItem(actor, 'item.view', item.key)).itemId, item.id);
        const decided = await bound.authorizeMany(actor, 'item.view', [item.id]);
        assert.equal(decided.get(item.id)!.allowed, true, 'authorizeMany of the bound engine sees the grant too');
        // PGlite is one connection, which the transaction holds: only PostgreSQL can ask outside it meanwhile.
        if (dialect === 'postgres')
          await assert.rejects(authz.authorizeItem(actor, 'item.view', item.key), refusal(404), 'not committed yet');
      });
      await assert.rejects(authz.authorizeItem(actor, 'item.view', item.key), refusal(404), 'rolled back');
    });

    test('PRICE-3: a price list ended in the transaction fails the team check of the bound engine on the work date', async () => {
      const { db } = handle;
      const user = await createUser(db);
      const project = await createProject(db);
      await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: user.id });
      const item = await createItem(db, { projectId: project.id });
      const team = await createTeam(db, project.id);
      await addMember(db, team.id, user.id);
      const list = await createPriceList(db, team.id, { validFrom: '2026-01-01' });
      const actor = await actorOf(user.id);
      const target = { ownerId: user.id, date: '2026-06-01' };
      await authz.authorizeWorklog(actor, 'worklog.create', item.key, target);
      await rolledBack(db, async (trx) => {
        await trx.updateTable('price_lists').set({ valid_to: '2026-05-31' }).where('id', '=', list.id).execute();
        await assert.rejects(
          authz.within(trx).authorizeWorklog(actor, 'worklog.create', item.key, target),
          refusal(403, 'no_valid_price_list'),
        );
        if (dialect === 'postgres') await authz.authorizeWorklog(actor, 'worklog.create', item.key, target);
      });
      await authz.authorizeWorklog(actor, 'worklog.create', item.key, target);
    });
  });
}
