// Guards FLOW-3 under concurrency: a close racing a work-log write never leaves a write in a closed month. A close takes
// the team's periods lock exclusively first (src/lib/locks.ts); a work-log write takes it shared before it decides inside
// its transaction. So a write sent while a close holds the lock waits, then reads the month closed and is refused; a close
// sent while a write holds the lock waits for the write to commit, and the write is in — before the close. On PostgreSQL
// the waiting is the database's (the advisory lock); PGlite is one connection, so there the second request's first
// statement waits for the first transaction to end: the same outcomes, in sequence.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type RawNode,
} from 'kysely';
import { buildApp } from '../../src/http/app.js';
import { createTestDb, DIALECTS, type Dialect, type TestApp } from '../helpers/harness.js';
import { logWork, periodUrl, periodWorld, type PeriodWorld } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The close's exclusive lock (lockTeamPeriods) and a write's shared ones (lockWorkDays). */
const EXCLUSIVE = /pg_advisory_xact_lock\(/;
const SHARED = /pg_advisory_xact_lock_shared\(/;

/**
 * Forces an interleaving: once armed, the result of the first statement matching `held` is not handed back until a
 * statement matching `racer` was sent (on PGlite: any statement, since the racing request waits for the one connection
 * before its first) and 100 ms more — so the racing request runs while the held transaction holds its lock. `fired`:
 * the racer came (not let go after 5 s without it).
 */
class HoldAfter implements KyselyPlugin {
  #held = new WeakMap<QueryId, true>();
  #armed: { held: RegExp; racer: RegExp } | null = null;
  #holding = false;
  #racerSent: Promise<void> = Promise.resolve();
  #markRacer = () => {};
  #heldSent: Promise<void> = Promise.resolve();
  #markHeld = () => {};
  fired = false;

  constructor(private readonly dialect: Dialect) {}

  arm(held: RegExp, racer: RegExp) {
    this.#armed = { held, racer };
    this.fired = false;
    this.#racerSent = new Promise((resolve) => (this.#markRacer = resolve));
    this.#heldSent = new Promise((resolve) => (this.#markHeld = resolve));
  }

  /** Resolves once the held statement was sent (its transaction then holds the lock), or after 5 s. */
  get heldSent(): Promise<unknown> {
    return Promise.race([this.#heldSent, sleep(5_000)]);
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const text = node.kind === 'RawNode' ? (node as RawNode).sqlFragments.join(' ') : '';
    if (this.#holding && (this.dialect === 'pglite' || this.#armed?.racer.test(text))) this.#markRacer();
    if (this.#armed && !this.#holding && this.#armed.held.test(text)) {
      this.#held.set(queryId, true);
      this.#holding = true;
      this.#markHeld();
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    if (this.#held.has(queryId)) {
      this.#held.delete(queryId);
      this.fired = await Promise.race([this.#racerSent.then(() => true), sleep(5_000).then(() => false)]);
      await sleep(100);
      this.#armed = null;
      this.#holding = false;
    }
    return result;
  }
}

for (const dialect of DIALECTS)
  describe(`team periods: a close racing work-log writes (${dialect})`, () => {
    let t: TestApp;
    let w: PeriodWorld;
    const interleave = new HoldAfter(dialect);
    before(async () => {
      const handle = await createTestDb(dialect, { teamChecks: true });
      const { app } = await buildApp({ db: handle.db.withPlugin(interleave) });
      await app.ready();
      t = {
        app,
        db: handle.db,
        dialect,
        close: async () => {
          await app.close();
          await handle.close();
        },
      };
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

    test('FLOW-3: a close sent while a work-log write holds its shared lock waits for the write; the write is in, before the close', async () => {
      interleave.arm(SHARED, EXCLUSIVE);
      const logging = logWork(w.worker.c, w.item.key, '2024-09-14');
      await interleave.heldSent;
      const [logged, closed] = await Promise.all([logging, w.lead.c.post(periodUrl(w.team.id, '2024-09-01', 'close'))]);
      assert.ok(interleave.fired, 'the close reached the database while the write held its lock');
      assert.equal(logged.statusCode, 201, logged.body);
      assert.equal(closed.statusCode, 200, closed.body);
      assert.deepEqual(await writtenWhileClosed(), [], 'the work log was written before the close');
      const late = await w.worker.c.patch(`/api/worklogs/${logged.json().id}`, {
        version: logged.json().version,
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
