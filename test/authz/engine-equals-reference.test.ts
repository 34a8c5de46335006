// Guards "the engine is the spec": on generated worlds the pure core decide() agrees with the reference model of
// SPEC §0 layers 1–7 on every check — allowed or not, which layer said no, for whom (the caller or, acting for
// another user, the owner), the error code where the spec names one — and hides exactly what it must.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { casesOf, contextOf, describeCase, engine, runAgainstReference } from './cases.js';
import {
  ancestorsOrSelf,
  governingItem,
  itemExists,
  ownerOf,
  reference,
  REF_LAYERS,
  REQUIREMENTS,
  type RefLayer,
} from './reference.js';
import { SLICE_STATES } from '../../src/db/types.js';
import { SEED, worldArb } from './world.js';

const MIN_CASES = Number(process.env.AUTHZ_CHECKS ?? 100_000);
const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 200);

describe('decision core = reference model (SPEC §0)', () => {
  test(
    `ID-1, PRJ-3, PRJ-4, PRJ-5, ITEM-1, ITEM-2, ITEM-3, ITEM-4, ITEM-5, DENY-2, APP-2, APP-3, TEAM-2, TEAM-3, TEAM-4, WL-5, PRICE-2, PRICE-3, PRICE-7, ` +
      `FLOW-1, FLOW-2, FLOW-3, FLOW-8, FLOW-9, FLOW-10: ` +
      `decide() = reference on at least ${MIN_CASES} generated checks`,
    () => {
      let teamCases = 0;
      const result = runAgainstReference(
        (ctx, c) => {
          const need = REQUIREMENTS[c.action];
          if (c.target.kind === 'team' || need.authority || need.forOthers || need.teamCheck) teamCases++;
          return engine(ctx, c);
        },
        { minCases: MIN_CASES, seed: SEED },
      );
      console.log(
        `engine = reference: ${result.cases} check cases on ${result.worlds} generated worlds (seed ${SEED}); ` +
          `${teamCases} of them on team, authority, acting-for-others or team-check actions`,
      );
      if (result.failure) assert.fail(fc.defaultReportMessage(result.details!));
      assert.ok(result.cases >= MIN_CASES, `only ${result.cases} check cases ran`);
    },
  );

  test("ITEM-2, ITEM-3, DENY-2, APP-2, TEAM-2, TEAM-4, TEAM-6, WL-5, PRICE-2, PRICE-3, FLOW-1, FLOW-3, FLOW-8, FLOW-9: the generated worlds reach every layer's refusal, broken inheritance, deep trees, every team rule and every lock", () => {
    const seen = new Map<string, number>();
    const count = (feature: string) => seen.set(feature, (seen.get(feature) ?? 0) + 1);
    for (const world of fc.sample(worldArb, { seed: SEED, numRuns: WORLDS })) {
      for (const [i, item] of world.items.entries()) {
        if (!itemExists(world, i)) {
          count('trashed item');
          continue;
        }
        const chain = ancestorsOrSelf(world, i);
        if (chain.length >= 5) count('item at depth 5 or more');
        if (item.setting && chain.slice(1).some((a) => world.items[a].setting))
          count('own setting under a secured ancestor (broken inheritance)');
        if (!item.setting && governingItem(world, i) !== null) count('inherited setting');
        for (const e of item.setting ?? []) {
          if (e.kind !== 'team') continue;
          count('team entry');
          if (world.memberships.some((m) => m.team === e.subject && !m.current))
            count('team entry naming a team with an ended membership');
        }
      }
      for (const t of world.teams) {
        count(
          t.project === null
            ? t.assigned.length
              ? 'global team assigned to a project'
              : 'unassigned global team'
            : 'project team',
        );
        if (t.priceLists.some((pl) => pl.validTo !== null && world.dates.some((d) => d > pl.validTo!)))
          count('price list ended before a probed date');
      }
      if (world.memberships.some((m) => !m.current)) count('ended membership');
      for (const s of world.slices) count(`${s.state} slice`);
      if (world.slices.some((s) => s.start.slice(0, 7) !== s.end.slice(0, 7))) count('slice crossing a month');
      if (world.periods.some((p) => !p.closed)) count('reopened team period');
      for (const c of casesOf(world)) {
        const r = reference(world, c.user, c.action, c.target);
        const owner = ownerOf(c.target);
        const other = owner !== undefined && owner !== c.user ? ' for another user' : '';
        count(r.allowed ? `allowed ${c.action}${other}` : `refused at ${r.layer}`);
        if (!r.allowed) count(`refused for the ${r.who}${r.code ? ` (${r.code})` : ''}`);
        if (r.allowed && r.steps.some((s) => s.layer === 'team'))
          count(`allowed ${c.action} through a team permission`);
      }
    }
    const features = [
      'trashed item',
      'item at depth 5 or more',
      'own setting under a secured ancestor (broken inheritance)',
      'inherited setting',
      ...REF_LAYERS.map((l: RefLayer) => `refused at ${l}`),
      'allowed item.view',
      'allowed item.edit',
      'allowed item.security',
      'allowed worklog.create',
      'allowed worklog.view',
      'allowed admin.users',
      'team entry',
      'team entry naming a team with an ended membership',
      'project team',
      'global team assigned to a project',
      'unassigned global team',
      'price list ended before a probed date',
      'ended membership',
      'allowed worklog.create for another user',
      'allowed worklog.edit for another user',
      'allowed worklog.delete for another user',
      'allowed worklog.listFor for another user',
      'allowed worklog.create through a team permission',
      'allowed team.manage through a team permission',
      'allowed team.grant through a team permission',
      'allowed money.view',
      'allowed pricelist.manage',
      'allowed project.teams',
      'allowed team.create',
      'allowed team.delete',
      'refused for the owner',
      'refused for the caller (not_own_worklog)',
      'refused for the caller (missing_authority)',
      'refused for the caller (grant_boundary)',
      'refused for the caller (not_in_team)',
      'refused for the caller (team_role_cannot_work)',
      'refused for the caller (no_valid_price_list)',
      'refused for the owner (not_in_team)',
      'refused for the owner (team_role_cannot_work)',
      'refused for the owner (no_valid_price_list)',
      // Timesheets, periods and charges (FLOW-1, 2, 3, 8, 9, 10).
      ...SLICE_STATES.map((state) => `${state} slice`),
      'slice crossing a month',
      'reopened team period',
      'refused for the caller (period_closed)',
      'refused for the caller (timesheet_locked)',
      'refused for the caller (worklog_charged)',
      'refused for the caller (own_timesheet)',
      'refused for the caller (invalid_transition)',
      'refused for the owner (period_closed)',
      'refused for the owner (timesheet_locked)',
      'refused for the owner (worklog_charged)',
      'refused for the owner (invalid_transition)',
      'allowed timesheet.submit',
      'allowed timesheet.submit for another user',
      'allowed timesheet.approve for another user',
      'allowed timesheet.reject for another user',
      'allowed timesheet.recall',
      'allowed timesheet.grantRecall for another user',
      'allowed timesheet.refuseRecall for another user',
      'allowed timesheet.reopen for another user',
      'allowed timesheet.review through a team permission',
      'allowed period.manage through a team permission',
      'allowed charge.manage',
      'allowed charge.list',
    ];
    for (const feature of features)
      assert.ok(
        (seen.get(feature) ?? 0) >= 10,
        `the generator rarely produces: ${feature} (${seen.get(feature) ?? 0})`,
      );
  });

  test('PRJ-4, ITEM-9: a hidden refusal (404) is always about a resource the caller cannot view', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const ctx = contextOf(world);
        for (const c of casesOf(world)) {
          const d = engine(ctx, c);
          if (d.hidden && !reference(world, c.user, c.action, c.target).hidden)
            throw new Error(`${describeCase(world, c)}: hidden although the caller can view it`);
        }
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
  });

  test('PRJ-4, ITEM-9: every refusal about a resource the caller cannot view is hidden (404), so nothing leaks its existence', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const ctx = contextOf(world);
        for (const c of casesOf(world)) {
          const d = engine(ctx, c);
          if (!d.hidden && reference(world, c.user, c.action, c.target).hidden) {
            throw new Error(
              `${describeCase(world, c)}: visible refusal ${d.deciding.code} (${d.deciding.message}) about a resource the caller cannot view`,
            );
          }
        }
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
  });
});
