// Guards the packing of standings (src/authz/standings.ts): its strides come from the lists of permissions and subject
// kinds, so a fifth permission and a fifth subject kind pack without mixing anything up — no principal, permission or
// memo slot is mistaken for another — and what would mix them up is refused rather than packed (PRJ-3, ITEM-1, ITEM-3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SUBJECT_KINDS } from '../../src/authz/catalogue.js';
import type { SecurityEntry } from '../../src/authz/facts.js';
import { accessBit, SecuritySetting } from '../../src/authz/setting.js';
import { LAYOUT, StandingLayout, Standings } from '../../src/authz/standings.js';
import { PROJECT_PERMISSIONS } from '../../src/db/types.js';
import { SEED } from './world.js';

const PERMISSIONS = [...PROJECT_PERMISSIONS, 'APPROVE_TIMESHEETS'] as const;
const KINDS = [...SUBJECT_KINDS, 'client'] as const;
type Permission = (typeof PERMISSIONS)[number];
type Kind = (typeof KINDS)[number];
const extended = new StandingLayout<Permission, Kind>(PERMISSIONS, KINDS, 'ADMINISTER_PROJECT');

const principalArb = fc.record({ kind: fc.constantFrom(...KINDS), id: fc.nat(12) });
const subjectArb = fc.record({
  granted: fc.subarray([...PERMISSIONS]),
  principals: fc.uniqueArray(principalArb, { maxLength: 8, selector: (p) => `${p.kind}:${p.id}` }),
});
const entryArb = fc.record({
  principal: principalArb,
  view: fc.constantFrom('allow', 'deny', 'unset'),
  edit: fc.constantFrom('allow', 'deny', 'unset'),
});
const ALL_PRINCIPALS = KINDS.flatMap((kind) => Array.from({ length: 13 }, (_, id) => ({ kind, id })));
const same = (a: { kind: string; id: number }, b: { kind: string; id: number }) => a.kind === b.kind && a.id === b.id;

describe('packed standings', () => {
  test('PRJ-3, ITEM-1: the catalogue layout strides by its four permissions and four subject kinds', () => {
    assert.equal(LAYOUT.all, 0b1111);
    assert.equal(LAYOUT.principal('user', 1), SUBJECT_KINDS.length);
    assert.equal(
      LAYOUT.permissionBits(['ADMINISTER_PROJECT']),
      LAYOUT.all,
      'ADMINISTER_PROJECT gives every permission',
    );
  });

  test('a fifth permission and a fifth subject kind: distinct principals, bits and memo slots; exact matches only', () => {
    // The old hard-coded stride (id × 4 + the kind's code) would give the fifth kind's id 1 the number of user 2.
    const hardCoded = (kind: Kind, id: number) => id * 4 + KINDS.indexOf(kind);
    assert.equal(hardCoded('client', 1), hardCoded('user', 2));
    const codes = ALL_PRINCIPALS.map(({ kind, id }) => extended.principal(kind, id));
    assert.equal(new Set(codes).size, codes.length, 'every (kind, id) packs to its own number');
    assert.equal(new Set(PERMISSIONS.map((p) => extended.bits[p])).size, PERMISSIONS.length);
    assert.equal(extended.permissionBits(['ADMINISTER_PROJECT']), 0b11111, 'ADMINISTER_PROJECT implies the fifth too');

    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(subjectArb, { minLength: 1, maxLength: 40 }),
        fc.array(entryArb, { maxLength: 10 }),
        (subjects, raw) => {
          const standings = new Standings(extended);
          const at = subjects.map((s) =>
            standings.add(
              extended.permissionBits(s.granted),
              s.principals.map((p) => extended.principal(p.kind, p.id)),
            ),
          );
          const entries: SecurityEntry[] = raw.map((e) => ({
            kind: e.principal.kind as SecurityEntry['kind'],
            subjectId: e.principal.id,
            subjectName: `${e.principal.kind}${e.principal.id}`,
            view: e.view,
            edit: e.edit,
          }));
          const setting = new SecuritySetting(1, 'ACME-1', entries, extended);
          const slots = new Set<number>();
          for (const [k, s] of subjects.entries()) {
            const admin = s.granted.includes('ADMINISTER_PROJECT');
            for (const p of PERMISSIONS) {
              assert.equal(extended.holds(standings.bitsAt(at[k]), p), admin || s.granted.includes(p), `${p} of ${k}`);
              slots.add(standings.slot(at[k], p));
            }
            for (const p of ALL_PRINCIPALS) {
              const held = s.principals.some((q) => same(p, q));
              assert.equal(standings.names(at[k], extended.principal(p.kind, p.id)), held, `${p.kind} ${p.id} of ${k}`);
            }
            const mine = raw.filter((e) => s.principals.some((q) => same(e.principal, q)));
            const expected = mine.reduce((bits, e) => bits | accessBit('view', e.view) | accessBit('edit', e.edit), 0);
            assert.equal(setting.accessOf(standings, at[k]), expected, `the entries naming subject ${k}`);
            assert.deepEqual(
              setting.matching(standings, at[k]),
              entries.filter((_, j) => mine.includes(raw[j])),
            );
            checked++;
          }
          assert.equal(
            slots.size,
            subjects.length * PERMISSIONS.length,
            'every (standing, permission) has its own slot',
          );
          assert.ok([...slots].every((slot) => slot < standings.count * PERMISSIONS.length));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    assert.ok(checked > 1000);
  });

  test('what would mix standings up is refused, not packed', () => {
    assert.throws(() => new StandingLayout(['A', 'B', 'A'], ['user']), /listed twice/);
    assert.throws(() => new StandingLayout(['A'], ['user', 'user']), /listed twice/);
    assert.throws(() => new StandingLayout([], ['user']), /no permissions/);
    assert.throws(
      () =>
        new StandingLayout(
          Array.from({ length: 32 }, (_, k) => `P${k}`),
          ['user'],
        ),
      /do not fit/,
    );
    assert.throws(() => new StandingLayout(['A'], ['user'], 'B'), /not one of the permissions/);
    assert.throws(() => LAYOUT.principal('client' as 'user', 1), /unknown subject kind/);
    for (const id of [-1, 1.5, Number.NaN, 2 ** 53]) assert.throws(() => LAYOUT.principal('user', id), /integer/);
    assert.throws(() => LAYOUT.principal('team', 2 ** 51), /too large/);
    const standings = new Standings(LAYOUT);
    assert.throws(() => standings.add(1 << 4, []), /not the layout's/, 'a bit no permission has');
    assert.throws(() => standings.add(LAYOUT.bits.ADMINISTER_PROJECT, []), /without every permission it implies/);
    assert.throws(() => standings.add(1, [-4]), /not a principal/);
    assert.throws(
      () =>
        new SecuritySetting(1, 'ACME-1', [
          { kind: 'client' as 'user', subjectId: 1, subjectName: 'c', view: 'allow', edit: 'unset' },
        ]),
      /unknown subject kind/,
    );
  });

  test('PRJ-3, ITEM-3: standings grow past their first array and keep every earlier one', () => {
    const standings = new Standings(LAYOUT);
    const at = Array.from({ length: 500 }, (_, u) =>
      standings.add(u % 2 ? LAYOUT.bits.BROWSE_PROJECT : 0, [
        LAYOUT.principal('user', u),
        LAYOUT.principal('group', u + 1),
      ]),
    );
    for (const [u, start] of at.entries()) {
      assert.equal(standings.ordinalAt(start), u);
      assert.equal(LAYOUT.holds(standings.bitsAt(start), 'BROWSE_PROJECT'), u % 2 === 1);
      assert.equal(standings.names(start, LAYOUT.principal('group', u + 1)), true);
      assert.equal(standings.names(start, LAYOUT.principal('group', u)), false);
    }
  });
});
