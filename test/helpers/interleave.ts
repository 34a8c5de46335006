// Forced interleavings for the races of the state gates (periods, timesheets): hold one request after a statement until
// a racing request reached the database (the technique of test/pricing/race.test.ts).
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, RawNode } from 'kysely';
import type { Dialect } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A state change's SHARE lock on the work-log table (lib/locks.ts) and the ROW EXCLUSIVE lock of a work-log write. */
export const EXCLUSIVE = /lock table worklogs in share/;
export const SHARED = /insert into worklogs|lock table worklogs in row exclusive/;
/** A work-log decision's read of its facts: the item's (loader/items.ts), which a creation's first try decides on. */
export const DECIDED = /with tw_i as/;

/**
 * Once armed, the result of the first statement matching `held` is not handed back until a statement matching `racer`
 * was sent (on PGlite: any statement, since the racing request waits for the one connection before its first) and
 * 100 ms more — so the racing request runs while the held transaction holds its lock. `fired`: the racer came (not let
 * go after 5 s without it).
 */
export class HoldAfter implements KyselyPlugin {
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
