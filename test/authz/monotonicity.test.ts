// Guards monotonicity of the permission model: adding a deny never gives anyone access, adding an allow never
// takes any away — for the engine (and the reference), on every check of generated worlds (ITEM-3, DENY-2, PRJ-3, APP-2,
// TEAM-4, PRICE-3).
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { APP_ROLES, DENY_PERMISSIONS, PROJECT_PERMISSIONS, type AccessValue } from '../../src/db/types.js';
import { casesOf, contextOf, describeCase, engine, type Case } from './cases.js';
import {
  currentMembership,
  LOCKING_STATES,
  reference,
  teamsOfProject,
  type Entry,
  type EntryKind,
  type World,
} from './reference.js';
import { SEED, worldArb } from './world.js';

const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 200);

const changeArb = fc.record({
  what: fc.nat(3),
  pick: fc.nat(99),
  entry: fc.nat(9),
  existing: fc.boolean(),
  kind: fc.constantFrom('view' as const, 'edit' as const),
  subjectKind: fc.constantFrom<EntryKind>('user', 'group', 'role', 'team'),
  subject: fc.nat(9),
  surface: fc.constantFrom(...DENY_PERMISSIONS),
  role: fc.constantFrom(...APP_ROLES),
  permission: fc.constantFrom(...PROJECT_PERMISSIONS),
});
type Change = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

function granteeOf(world: World, kind: EntryKind, id: number): { kind: EntryKind; id: number } {
  if (kind === 'role') return { kind, id: id % world.roles };
  if (kind === 'team' && world.teams.length > 0) return { kind, id: id % world.teams.length };
  if (kind === 'group' && world.groups > 0) return { kind, id: id % world.groups };
  return { kind: 'user', id: id % world.users.length };
}

/** Sets one kind of the subject's entry in a secured item's setting to `value`, adding the entry if needed. */
function setEntry(world: World, ch: Change, value: AccessValue, onlyFrom?: AccessValue): World | null {
  const secured = world.items.flatMap((item, i) => (item.setting ? [i] : []));
  if (secured.length === 0) return null;
  const at = secured[ch.pick % secured.length];
  const setting = world.items[at].setting!;
  let entries: Entry[];
  if (ch.existing && setting.length > 0) {
    const k = ch.entry % setting.length;
    if (onlyFrom !== undefined && setting[k][ch.kind] !== onlyFrom) return null;
    entries = setting.map((e, j) => (j === k ? { ...e, [ch.kind]: value } : e));
  } else {
    const s = granteeOf(world, ch.subjectKind, ch.subject);
    const k = setting.findIndex((e) => e.kind === s.kind && e.subject === s.id);
    if (k >= 0 && onlyFrom !== undefined && setting[k][ch.kind] !== onlyFrom) return null;
    entries =
      k >= 0
        ? setting.map((e, j) => (j === k ? { ...e, [ch.kind]: value } : e))
        : [...setting, { kind: s.kind, subject: s.id, view: 'unset', edit: 'unset', [ch.kind]: value }];
  }
  return { ...world, items: world.items.map((item, i) => (i === at ? { ...item, setting: entries } : item)) };
}

/** An item-security deny entry, or a deny permission for a group (DENY-1). */
function addDeny(world: World, ch: Change): World | null {
  if (ch.what % 2 === 0 || world.groups === 0) return setEntry(world, ch, 'deny');
  const group = ch.pick % world.groups;
  if (world.denyGrants.some((d) => d.group === group && d.permission === ch.surface)) return null;
  return { ...world, denyGrants: [...world.denyGrants, { permission: ch.surface, group }] };
}

/** An item-security allow where there was none, a project permission, an app role, or system administration. */
function addAllow(world: World, ch: Change): World | null {
  const user = ch.pick % world.users.length;
  switch (ch.what) {
    case 0:
      return setEntry(world, ch, 'allow', 'unset');
    case 1: {
      const to = granteeOf(
        world,
        ch.subjectKind === 'team' ? 'user' : ch.subjectKind,
        ch.subject,
      ) as World['grants'][number]['to'];
      const grant = { project: ch.pick % world.projects, permission: ch.permission, to };
      if (
        world.grants.some(
          (g) =>
            g.project === grant.project &&
            g.permission === grant.permission &&
            g.to.kind === grant.to.kind &&
            g.to.id === grant.to.id,
        )
      )
        return null;
      return { ...world, grants: [...world.grants, grant] };
    }
    case 2: {
      const to =
        ch.subjectKind === 'group' && world.groups > 0
          ? { kind: 'group' as const, id: ch.subject % world.groups }
          : { kind: 'user' as const, id: user };
      if (world.appRoles.some((a) => a.role === ch.role && a.to.kind === to.kind && a.to.id === to.id)) return null;
      return { ...world, appRoles: [...world.appRoles, { role: ch.role, to }] };
    }
    default:
      if (world.users[user].systemAdmin) return null;
      return { ...world, users: world.users.map((u, i) => (i === user ? { ...u, systemAdmin: true } : u)) };
  }
}

/**
 * A leave request routed to every vacation_approver (its owner's teams have none) is routed to one team's approvers
 * once an approver joins a team of the owner's, or the owner joins a team with one (FLOW-4, docs/decisions.md "Leave"):
 * the other approvers rightly lose it. Its owner never does — that is still checked.
 */
const reRouted = (c: Case) => c.target.kind === 'leave' && c.target.owner !== c.user;

/** Every check allowed in `smaller` is allowed in `larger`, for the engine and the reference. */
function noAccessLost(smaller: World, larger: World, change: string) {
  const before = contextOf(smaller);
  const after = contextOf(larger);
  for (const c of casesOf(smaller)) {
    if (reRouted(c)) continue;
    if (engine(before, c).allowed && !engine(after, c).allowed)
      throw new Error(`engine: ${change} changed ${describeCase(smaller, c)} from allow to deny`);
    if (
      reference(smaller, c.user, c.action, c.target).allowed &&
      !reference(larger, c.user, c.action, c.target).allowed
    ) {
      throw new Error(`reference: ${change} changed ${describeCase(smaller, c)} from allow to deny`);
    }
  }
}

/**
 * A user joins a team as a member whose roles include WORK_ON_ISSUES (TEAM-3: Team Member, maybe another role too), where
 * TEAM-4 allows it (no current team of the user works on a project of this one) and no item-security entry denies the team
 * — nor locks its work: joining a team with a closed period (FLOW-3), or whose slice of theirs is submitted or approved
 * (FLOW-1), rightly locks the work they log with it there.
 */
function joinTeam(world: World, ch: Change): World | null {
  if (world.teams.length === 0) return null;
  const team = ch.subject % world.teams.length;
  const user = ch.pick % world.users.length;
  const projectsOf = (t: number) =>
    Array.from({ length: world.projects }, (_, p) => p).filter((p) => teamsOfProject(world, p).includes(t));
  if (currentMembership(world, user, team)) return null;
  if (
    world.memberships.some(
      (m) => m.current && m.user === user && projectsOf(m.team).some((p) => projectsOf(team).includes(p)),
    )
  )
    return null;
  if (
    world.items.some((item) =>
      item.setting?.some((e) => e.kind === 'team' && e.subject === team && (e.view === 'deny' || e.edit === 'deny')),
    )
  )
    return null;
  if (
    world.periods.some((p) => p.closed && p.team === team) ||
    world.slices.some((s) => s.owner === user && s.team === team && LOCKING_STATES.includes(s.state))
  )
    return null;
  const roles = ch.existing ? [1] : [...new Set([1, ch.entry % world.teams[team].roles.length])].sort((a, b) => a - b);
  return { ...world, memberships: [...world.memberships, { team, user, current: true, roles }] };
}

describe('monotonicity', () => {
  test('ITEM-3, DENY-2: adding a deny (an ACL deny entry or a group deny permission) never gives anyone access', () => {
    fc.assert(
      fc.property(worldArb, changeArb, (world, ch) => {
        const denied = addDeny(world, ch);
        fc.pre(denied !== null);
        noAccessLost(denied!, world, 'removing the deny');
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
  });

  test('ITEM-1, ITEM-3: adding a deny entry naming a team to a setting never gives anyone access', () => {
    fc.assert(
      fc.property(worldArb, changeArb, (world, ch) => {
        fc.pre(world.teams.length > 0);
        const denied = setEntry(world, { ...ch, existing: false, subjectKind: 'team' }, 'deny');
        fc.pre(denied !== null);
        noAccessLost(denied!, world, 'removing the team deny entry');
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
  });

  test('TEAM-3, TEAM-4, PRICE-3, WL-5, FLOW-1, FLOW-3: joining a team with a role granting WORK_ON_ISSUES (TEAM-4 kept, no entry denying the team, no lock on its work) never takes access away — log work included', () => {
    let joined = 0;
    fc.assert(
      fc.property(worldArb, changeArb, (world, ch) => {
        const larger = joinTeam(world, ch);
        fc.pre(larger !== null);
        noAccessLost(world, larger!, 'joining the team');
        joined++;
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
    console.log(`joined a team in ${joined} worlds`);
  });

  test('ITEM-3, PRJ-3, APP-2, ITEM-5: adding an allow (ACL allow, project permission, app role, system administration) never takes access away', () => {
    fc.assert(
      fc.property(worldArb, changeArb, (world, ch) => {
        const allowed = addAllow(world, ch);
        fc.pre(allowed !== null);
        noAccessLost(world, allowed!, 'adding the allow');
      }),
      { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
    );
  });
});
