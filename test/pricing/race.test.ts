// Guards PRICE-6 under concurrency: a price-list edit, delete or successor racing work-log inserts never leaves
// a work log outside the validity of the price list it records. The change locks the price list's row before
// counting its work logs; the insert takes FOR SHARE on that row and re-checks the validity in its statement.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  sql,
  type InsertQueryNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type RawNode,
} from 'kysely';
import { createTestApp, DIALECTS, grant, type Dialect, type TestApp } from '../helpers/harness.js';
import { createPriceList } from '../helpers/teams.js';
import { pricingWorld, type PricingWorld } from './fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A month of its own for each round, all inside the work-date window (WL-6): 2001-01, 2001-02, … */
const monthOf = (n: number) => `${2001 + Math.floor(n / 12)}-${String(1 + (n % 12)).padStart(2, '0')}`;

/**
 * Forces the worst interleaving: once armed, the price-list change's count of its work logs does not return
 * until the racing work-log request has reached the database (and 100 ms more), so the request runs between the
 * count and the change's write. On PostgreSQL the statement waited for is the work-log insert itself, which only
 * the FOR UPDATE taken before the count keeps out. PGlite is one connection, which the change's transaction holds
 * to its end: there it is the request's first statement, which then waits for that connection. `fired` tells
 * whether the last armed change was held until the racing statement came (not let go after 5 s without it).
 */
class CountThenInsert implements KyselyPlugin {
  #counts = new WeakMap<QueryId, true>();
  #armed = false;
  /** From the armed count's sending until its result is let go: a statement sent then is the racing one. */
  #holding = false;
  #racerSent: Promise<void> = Promise.resolve();
  #markRacer = () => {};
  #countSent: Promise<void> = Promise.resolve();
  #markCount = () => {};
  fired = false;

  constructor(private readonly dialect: Dialect) {}

  arm() {
    this.#armed = true;
    this.fired = false;
    this.#racerSent = new Promise((resolve) => {
      this.#markRacer = resolve;
    });
    this.#countSent = new Promise((resolve) => {
      this.#markCount = resolve;
    });
  }

  /** Resolves once the armed change has sent its count (it then holds the price list's row lock), or after 5 s. */
  get countSent(): Promise<unknown> {
    return Promise.race([this.#countSent, sleep(5_000)]);
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const text = node.kind === 'RawNode' ? (node as RawNode).sqlFragments.join(' ') : '';
    const insertsWorklog =
      /insert into worklogs/.test(text) ||
      (node.kind === 'InsertQueryNode' && (node as InsertQueryNode).into?.table.identifier.name === 'worklogs');
    if (this.#holding && (this.dialect === 'pglite' || insertsWorklog)) this.#markRacer();
    if (/from worklogs where price_list_id/.test(text)) {
      this.#counts.set(queryId, true);
      if (this.#armed) {
        this.#holding = true;
        this.#markCount();
      }
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    if (this.#armed && this.#counts.has(queryId)) {
      this.#armed = false;
      this.fired = await Promise.race([this.#racerSent.then(() => true), sleep(5_000).then(() => false)]);
      this.#holding = false;
      await sleep(100);
    }
    return result;
  }
}

for (const dialect of DIALECTS)
  describe(`price lists: racing work-log inserts (${dialect})`, () => {
    let t: TestApp;
    let w: PricingWorld;
    const interleave = new CountThenInsert(dialect);
    before(async () => {
      t = await createTestApp(dialect, { teamChecks: true }, interleave);
      w = await pricingWorld(t);
      // The team lead logs work: a team role with WORK_ON_ISSUES and the project permission.
      await grant(t.db, w.project.id, 'WORK_ON_ISSUES', { userId: w.teamLead.id });
    });
    after(() => t.close());

    /** Work logs whose date lies outside the price list they record: must always be none. */
    async function stranded() {
      const { rows } = await sql<{ id: number; start_date: string; valid_from: string; valid_to: string | null }>`
      select w.id, w.start_date, pl.valid_from, pl.valid_to from worklogs w join price_lists pl on pl.id = w.price_list_id
      where w.start_date < pl.valid_from or w.start_date > pl.valid_to`.execute(t.db);
      return rows;
    }

    test('PRICE-6: a price-list edit, delete or successor racing work-log inserts never strands a work log (36 rounds)', async (ctx) => {
      const outcomes = new Map<string, number>();
      // How long logging work takes here (it varies a lot between engines): the changes are spread over that time.
      await createPriceList(t.db, w.team.id, { name: 'Warm-up', validFrom: '2000-01-01', validTo: '2000-12-31' });
      const started = performance.now();
      assert.equal(
        (
          await w.teamLead.c.post('/api/worklogs', {
            itemKey: w.item.key,
            startDate: '2000-06-15',
            durationSeconds: 3600,
          })
        ).statusCode,
        201,
      );
      const span = performance.now() - started;
      for (let round = 0; round < 36; round++) {
        const month = monthOf(round);
        const list = await createPriceList(t.db, w.team.id, {
          name: `Month ${month}`,
          validFrom: `${month}-01`,
          validTo: `${month}-28`,
        });
        const logWork = () =>
          w.teamLead.c.post('/api/worklogs', { itemKey: w.item.key, startDate: `${month}-15`, durationSeconds: 3600 });
        const change = [
          () => w.appAdmin.c.patch(`/api/price-lists/${list.id}`, { version: 1, validTo: `${month}-14` }),
          () => w.appAdmin.c.delete(`/api/price-lists/${list.id}?version=1`),
          () =>
            w.appAdmin.c.post(`/api/price-lists/${list.id}/successor`, {
              version: 1,
              hourlyRate: '91.20',
              validFrom: `${month}-10`,
            }),
        ][round % 3];
        // The change starts between 0 and 1.2× an insert's duration after the inserts, so each side wins in some rounds.
        const delay = (((round * 7) % 36) / 30) * span;
        const [changed, ...logged] = await Promise.all([
          new Promise((resolve) => setTimeout(resolve, delay)).then(change),
          logWork(),
          logWork(),
          logWork(),
        ]);

        assert.ok(
          [200, 201, 204, 409].includes(changed.statusCode),
          `round ${round}: the change answered ${changed.statusCode} ${changed.body}`,
        );
        if (changed.statusCode === 409) assert.equal(changed.json().code, 'price_list_in_use', changed.body);
        for (const res of logged)
          assert.ok(
            [201, 403, 409].includes(res.statusCode),
            `round ${round}: logging answered ${res.statusCode} ${res.body}`,
          );
        const onOldList = logged.filter((r) => r.statusCode === 201 && r.json().priceList?.id === list.id).length;
        if (onOldList > 0)
          assert.equal(
            changed.statusCode,
            409,
            `round ${round}: work was logged on the old list, so the change must be refused`,
          );
        assert.deepEqual(await stranded(), [], `round ${round}`);
        const key = `${['edit', 'delete', 'successor'][round % 3]} ${changed.statusCode} / logged ${logged.filter((r) => r.statusCode === 201).length}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      // Both sides must have won sometimes for the test to have raced at all; print what happened for the record.
      const summary = [...outcomes].map(([k, n]) => `${k}: ${n}`).join('; ');
      ctx.diagnostic(summary);
      assert.ok(
        [...outcomes.keys()].some((k) => /logged [1-9]/.test(k)),
        `some work was logged (${summary})`,
      );
    });

    test("PRICE-6: a work-log insert sent between a change's count and its write waits, and is then judged on the new validity", async () => {
      const cases = [
        {
          what: 'edit',
          change: (id: number, month: string) =>
            w.appAdmin.c.patch(`/api/price-lists/${id}`, { version: 1, validTo: `${month}-14` }),
          status: 200,
        },
        {
          what: 'successor',
          change: (id: number, month: string) =>
            w.appAdmin.c.post(`/api/price-lists/${id}/successor`, {
              version: 1,
              hourlyRate: '91.20',
              validFrom: `${month}-10`,
            }),
          status: 201,
        },
        {
          what: 'delete',
          change: (id: number) => w.appAdmin.c.delete(`/api/price-lists/${id}?version=1`),
          status: 204,
        },
      ];
      for (const [i, { what, change, status }] of cases.entries()) {
        const month = monthOf(36 + i);
        const list = await createPriceList(t.db, w.team.id, {
          name: `Month ${month}`,
          validFrom: `${month}-01`,
          validTo: `${month}-28`,
        });
        interleave.arm();
        // The work log is sent only once the change has counted under its lock, so it cannot simply win the race.
        const changing = change(list.id, month);
        await interleave.countSent;
        const [changed, logged] = await Promise.all([
          changing,
          w.teamLead.c.post('/api/worklogs', { itemKey: w.item.key, startDate: `${month}-15`, durationSeconds: 3600 }),
        ]);
        assert.equal(changed.statusCode, status, `${what}: ${changed.body}`);
        assert.ok(interleave.fired, `${what}: the work log reached the database between the change's count and write`);
        assert.notEqual(
          logged.statusCode === 201 ? logged.json().priceList?.id : undefined,
          list.id,
          `${what}: the work log was recorded with the changed list: ${logged.body}`,
        );
        if (what === 'successor')
          assert.equal(logged.statusCode, 201, `${what}: the work is logged on the successor: ${logged.body}`);
        else assert.equal(logged.json().code, 'no_valid_price_list', `${what}: ${logged.body}`);
        assert.deepEqual(await stranded(), [], what);
      }
    });
  });
