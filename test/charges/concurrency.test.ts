// Guards FLOW-9 under concurrency: a charge judges its work logs under the exclusive locks of their authors' sheets,
// so a slice transition in flight (a reopen, a recall granted) is waited for and seen, and two charges racing for the
// same work logs never both charge them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lockOwnerSheet } from '../../src/lib/locks.js';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { chargeBody, chargeIdOf, chargingWorld, counts } from './fixtures.js';

const WEEK = ['2026-03-02', '2026-03-08'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS)
  describe(`charging under concurrency (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('FLOW-9: a charge waits for a slice transition holding the sheet, then refuses the work logs it reopened — nothing written', async () => {
      const w = await chargingWorld(t.db, t.app);
      const id = await w.log('2026-03-02', 3600);
      await w.slice(...WEEK);
      const before = await counts(t.db);
      let answer: ReturnType<typeof w.bc.post> | undefined;
      // The transition takes the sheet as slice transitions do, reopens the slice, and commits only after the charge
      // was sent: without the charge's own lock it would read the slice as still approved.
      await t.db.transaction().execute(async (trx) => {
        await lockOwnerSheet(trx, w.author.id);
        await trx.updateTable('timesheet_slices').set({ state: 'open' }).where('user_id', '=', w.author.id).execute();
        answer = w.bc.post('/api/charges', chargeBody([id]));
        await sleep(200);
      });
      const res = await answer!;
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().code, 'not_chargeable');
      assert.deepEqual(await counts(t.db), before);
    });

    test('FLOW-9: two charges racing for the same work logs — one charges them all, the other is refused whole', async () => {
      const w = await chargingWorld(t.db, t.app);
      const ids = [await w.log('2026-03-02', 3600), await w.log('2026-03-03', 1800)];
      await w.slice(...WEEK);
      const answers = await Promise.all([
        w.bc.post('/api/charges', chargeBody(ids)),
        w.bc.post('/api/charges', chargeBody([...ids].reverse())),
      ]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409], answers.map((r) => r.body).join('\n'));
      const winner = answers.find((r) => r.statusCode === 201)!.json();
      for (const id of ids) assert.equal(await chargeIdOf(t.db, id), winner.id);
      assert.equal(answers.find((r) => r.statusCode === 409)!.json().code, 'not_chargeable');
    });
  });
