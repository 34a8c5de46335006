// Guards FLOW-3 under concurrency: a close racing a work-log write never leaves a write in a closed month. A close takes
// the work-log table in SHARE mode (src/lib/locks.ts); a work-log insert holds ROW EXCLUSIVE before it reads, and lands
// only on the locks its decision read. So a write sent while a close holds the table waits, then finds the month closed
// and is refused; a write decided before a close and inserted after it is refused too. On PostgreSQL the waiting is the
// database's; PGlite is one connection, so there the second request's first statement waits for the first transaction
// to end: the same outcomes, in sequence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/harness.js';
import { DECIDED, EXCLUSIVE, HoldAfter, SHARED } from '../helpers/interleave.js';
import { logWork, periodUrl, periodWorld, type PeriodWorld } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS)
  describe(`team periods: a close racing work-log writes (${dialect})`, () => {
    let t: TestApp;
    let w: PeriodWorld;
    const interleave = new HoldAfter(dialect);
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true }, interleave);
      w = await periodWorld(t);
    });
    after(() => t.close());

    /** Work logs of the team dated in a closed month whose insert came after the month's last close: must be none. */
    async function writtenWhileClosed() {
      const { rows } = await sql<{ id: number }>`select w.id from worklogs w
        join team_periods tp on tp.team_id = w.team_id and w.start_date between tp.period_start and tp.period_end
        join audit_log a on a.entity_type = 'worklog' and a.action = 'worklog.create' and a.entity_id = w.id::text
        where tp.state = 'closed' and a.id > (select max(c.id) from audit_log c
          where c.entity_type = 'team_period' and c.action = 'period.close' and c.entity_id = tp.id::text)`.execute(
        t.db,
      );
      return rows;
    }

    test('FLOW-3: a work log sent while a close holds the periods lock waits, and is then refused with period_closed', async () => {
      interleave.arm(EXCLUSIVE, SHARED);
      const closing = w.lead.c.post(periodUrl(w.team.id, '2024-08-01', 'close'));
      await interleave.heldSent;
      const [closed, logged] = await Promise.all([closing, logWork(w.worker.c, w.item.key, '2024-08-14')]);
      assert.ok(interleave.fired, 'the work log reached the database while the close held the lock');
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(logged.statusCode, 409, logged.body);
      assert.equal(logged.json().code, 'period_closed');
      assert.deepEqual(await writtenWhileClosed(), []);
    });

    test('FLOW-3: a work log decided while the month was open and inserted after its close is refused with period_closed', async () => {
      interleave.arm(DECIDED, EXCLUSIVE);
      const logging = logWork(w.worker.c, w.item.key, '2024-09-14');
      await interleave.heldSent;
      const [logged, closed] = await Promise.all([logging, w.lead.c.post(periodUrl(w.team.id, '2024-09-01', 'close'))]);
      assert.ok(interleave.fired, 'the close reached the database between the decision and the insert');
      assert.equal(closed.statusCode, 200, closed.body);
      // PGlite's one connection may serve the insert before the close's transaction: then it was written before it.
      if (t.dialect === 'postgres' || logged.statusCode !== 201) {
        assert.equal(logged.statusCode, 409, logged.body);
        assert.equal(logged.json().code, 'period_closed');
      }
      assert.deepEqual(await writtenWhileClosed(), []);
    });

    test('FLOW-3: a close sent while a work-log edit holds the table waits for the edit; the edit is in, before the close', async () => {
      const first = await logWork(w.worker.c, w.item.key, '2024-10-14');
      assert.equal(first.statusCode, 201, first.body);
      interleave.arm(SHARED, EXCLUSIVE);
      const editing = w.worker.c.patch(`/api/worklogs/${first.json().id}`, {
        version: first.json().version,
        durationSeconds: 120,
      });
      await interleave.heldSent;
      const [edited, closed] = await Promise.all([editing, w.lead.c.post(periodUrl(w.team.id, '2024-10-01', 'close'))]);
      assert.ok(interleave.fired, 'the close reached the database while the edit held the table');
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(closed.statusCode, 200, closed.body);
      const late = await w.worker.c.patch(`/api/worklogs/${first.json().id}`, {
        version: edited.json().version,
        durationSeconds: 60,
      });
      assert.equal(late.json().code, 'period_closed', 'and the closed month now holds it');
    });

    test('FLOW-3: closes racing unforced work-log writes never leave a write in a closed month (6 rounds)', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 6; round++) {
        const month = `2023-${String(round + 1).padStart(2, '0')}`;
        const [closed, ...logged] = await Promise.all([
          sleep(round * 15).then(() => w.lead.c.post(periodUrl(w.team.id, `${month}-01`, 'close'))),
          logWork(w.worker.c, w.item.key, `${month}-10`),
          logWork(w.manager.c, w.item.key, `${month}-11`, w.worker.id),
        ]);
        assert.equal(closed.statusCode, 200, closed.body);
        for (const res of logged) {
          assert.ok([201, 409].includes(res.statusCode), `round ${round}: ${res.statusCode} ${res.body}`);
          if (res.statusCode === 409) assert.equal(res.json().code, 'period_closed');
        }
        outcomes.push(logged.map((r) => r.statusCode).join('/'));
      }
      assert.deepEqual(await writtenWhileClosed(), [], outcomes.join('; '));
    });
  });
