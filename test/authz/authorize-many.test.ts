// Guards authorizeMany: on generated worlds written to a database, deciding one action on many resources with one
// set-based load answers, for each id, exactly what the single check answers for it alone — allowed with the same facts,
// or the same 404 (hidden or missing, trashed items included) or 403 with the same deciding code and message (PRJ-4,
// ITEM-8, ITEM-9, TEAM-8, API-2) — timesheet slices too, hidden from who may not know them (FLOW-2, FLOW-8, FLOW-10), and leave requests (FLOW-4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ACTION_NAMES, ACTIONS, CONFLICT_CODES, type Action } from '../../src/authz/catalogue.js';
import { createAuthz, type Actor, type Authz } from '../../src/authz/engine.js';
import type { Database, DbHandle } from '../../src/db/index.js';
import { AppError } from '../../src/lib/errors.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';
import type { World } from './reference.js';
import { dbWorldArb, ids, names, SEED, withWorld } from './world.js';

const WORLDS = Number(process.env.AUTHZ_MANY_WORLDS ?? 8);
const MISSING = 999_999;

/** The single check for one id, as the services make it. */
function single(engine: Authz, actor: Actor, action: Action, id: number | string): Promise<unknown> {
  const scope = ACTIONS[action].scope;
  if (scope === 'item' || scope === 'worklog') return engine.authorizeItem(actor, action, id);
  if (scope === 'team') return engine.authorizeTeam(actor, action, id as number);
  if (scope === 'slice') return engine.authorizeSlice(actor, action, id as number);
  if (scope === 'leave') return engine.authorizeLeave(actor, action, id as number);
  return engine.authorize(actor, action, { projectId: id as number });
}

/** Every id an action may be asked on in the world: all its resources (trashed items too), one missing; items also by key. */
function idsOf(world: World, action: Action): Array<number | string> {
  const scope = ACTIONS[action].scope;
  if (scope === 'item' || scope === 'worklog')
    return [...world.items.flatMap((_, i) => [ids.item(i), names.item(world, i)]), MISSING, 'NOPE-1'];
  if (scope === 'team') return [...world.teams.map((_, t) => ids.team(t)), MISSING];
  if (scope === 'slice') return [...world.slices.map((_, s) => ids.slice(s)), MISSING];
  if (scope === 'leave') return [...world.leaves.map((_, l) => ids.leave(l)), MISSING];
  return [...Array.from({ length: world.projects }, (_, p) => ids.project(p)), MISSING];
}

let compared = 0;
let refused = 0;
/** Slice decisions compared: allowed, 404 (hidden) and 403/409. */
const slices = { allowed: 0, hidden: 0, refused: 0 };

async function checkWorld(trx: Database, world: World, users: number[]) {
  const engine = createAuthz(trx);
  const subjects = await engine.loadSubjects(users.map(ids.user));
  for (const u of users) {
    const userId = ids.user(u);
    const actor: Actor = {
      userId,
      login: names.login(u),
      displayName: names.user(u),
      email: `${names.login(u)}@world.test`,
      systemAdmin: world.users[u].systemAdmin,
      auth: 'session',
      subject: subjects.get(userId)!,
    };
    for (const action of ACTION_NAMES.filter((a) => ACTIONS[a].scope !== 'global')) {
      const refs = idsOf(world, action);
      const many = await engine.authorizeMany(actor, action, refs);
      assert.deepEqual([...many.keys()], refs, 'one decision per id, keyed as given');
      for (const ref of refs) {
        const d = many.get(ref)!;
        const what = `${action} by ${names.user(u)} on ${ref}`;
        const alone = await single(engine, actor, action, ref).then(
          (facts) => ({ facts }),
          (e: unknown) => {
            if (!(e instanceof AppError)) throw e;
            return { error: e };
          },
        );
        if (ACTIONS[action].scope === 'slice' && ref !== MISSING)
          slices['facts' in alone ? 'allowed' : d.hidden ? 'hidden' : 'refused']++;
        if ('facts' in alone) {
          assert.equal(d.allowed, true, `${what}: allowed alone`);
          assert.deepEqual(d.facts, alone.facts, `${what}: the same facts`);
        } else {
          refused++;
          assert.equal(d.allowed, false, `${what}: refused alone (${alone.error.message})`);
          assert.equal(alone.error.status, d.hidden ? 404 : CONFLICT_CODES.has(d.deciding.code) ? 409 : 403, what);
          if (!d.hidden)
            assert.deepEqual([d.deciding.code, d.deciding.message], [alone.error.code, alone.error.message]);
        }
        compared++;
      }
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`authorizeMany = the single checks (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`PRJ-4, ITEM-8, ITEM-9, TEAM-8, FLOW-10: ${WORLDS} generated worlds — every id's decision as its single check makes it`, async () => {
      compared = 0;
      refused = 0;
      Object.assign(slices, { allowed: 0, hidden: 0, refused: 0 });
      await fc.assert(
        fc.asyncProperty(dbWorldArb, async ({ world, settingOrder, probe }) => {
          // Two users per world: every action on every resource for them keeps the run short.
          const users = [...new Set([probe % world.users.length, (probe + 1) % world.users.length])];
          await withWorld(handle.db, world, settingOrder, (trx) => checkWorld(trx, world, users), { timesheets: true });
        }),
        { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
      );
      console.log(
        `${dialect}: ${compared} decisions of authorizeMany compared with the single check, ${refused} refusals; ` +
          `slices: ${JSON.stringify(slices)}`,
      );
      assert.ok(refused > 0 && refused < compared, 'both answers occur');
      assert.ok(slices.allowed > 0 && slices.hidden > 0 && slices.refused > 0, 'every answer about a slice occurs');
    });
  });
}
