// Generated worlds for the authz property tests: a fast-check arbitrary, the engine's facts for a world (for
// in-memory checks), and a writer that puts a world into a database the way the services maintain it.
import fc from 'fast-check';
import { sql, type RawBuilder } from 'kysely';
import type {
  ItemSecurityFacts,
  LeaveFact,
  ProjectFacts,
  ProjectTeamFacts,
  SliceFact,
  SubjectFacts,
  TeamFacts,
  TeamMembershipFact,
  WorkLocks,
  WorklogFact,
} from '../../src/authz/facts.js';
import { SecuritySetting } from '../../src/authz/setting.js';
import type { Database } from '../../src/db/index.js';
import {
  APP_ROLES,
  DENY_PERMISSIONS,
  TEAM_PERMISSIONS,
  type AccessValue,
  type LeaveState,
  type ProjectPermission,
  type SliceState,
  type TeamPermission,
} from '../../src/db/types.js';
import { recomputeGoverning } from '../../src/modules/security/repo.js';
import {
  currentTeams,
  routedTeams,
  teamOfWork,
  teamsOfProject,
  type Entry,
  type EntryKind,
  type Grantee,
  type Holder,
  type Membership,
  type World,
  type WorldItem,
  type WorldLeave,
  type WorldSlice,
  type WorldTeam,
  type WorldWorklog,
} from './reference.js';

export const SEED = Number(process.env.AUTHZ_SEED ?? 20261123);

// ---------------------------------------------------------------------------------------------------
// Names and ids. Ids are the same in memory and in the database, so decisions (messages included) compare equal.

/** The project roles every fresh database starts with (migration 0001), in id order. */
export const ROLES = [
  { id: 1, name: 'Administrators' },
  { id: 2, name: 'Developers' },
  { id: 3, name: 'Viewers' },
] as const;

const BASE = 1001;
export const ids = {
  user: (i: number) => BASE + i,
  group: (i: number) => BASE + i,
  project: (i: number) => BASE + i,
  item: (i: number) => BASE + i,
  team: (i: number) => BASE + i,
  role: (i: number) => ROLES[i].id,
  slice: (i: number) => BASE + i,
  leave: (i: number) => BASE + i,
  worklog: (i: number) => BASE + i,
  charge: (i: number) => BASE + i,
};
export const names = {
  user: (i: number) => `U${i}`,
  login: (i: number) => `w${i}`,
  group: (i: number) => `wg${i}`,
  role: (i: number) => ROLES[i].name,
  project: (p: number) => `W${String.fromCharCode(65 + p)}`,
  item: (world: World, i: number) => `${names.project(world.items[i].project)}-${i + 1}`,
  team: (i: number) => `T${i}`,
  teamRole: (r: number) => (r === 0 ? 'Team Lead' : r === 1 ? 'Team Member' : `Custom ${r - 1}`),
  priceList: (team: number, k: number) => `PL${team}.${k}`,
  invoice: (k: number) => `INV-${k + 1}`,
};

/**
 * The first day work dates and price-list validity are counted from: Monday 23 February 2026, so the probed days
 * cover two weeks, the first of which crosses into March — two team periods (calendar months, FLOW-3).
 */
const DAY0 = Date.UTC(2026, 1, 23);
export const day = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
/** Work dates probed: the first DATES days, where price lists start, end and leave gaps. */
const DATES = 14;

/** The calendar month holding a day (a team period, FLOW-3). */
export function monthOf(date: string): { start: string; end: string } {
  const [y, m] = date.split('-').map(Number);
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { start: `${date.slice(0, 7)}-01`, end };
}
/** The week (Monday–Sunday) holding a day. */
export function weekOf(date: string): { start: string; end: string } {
  const t = Date.parse(`${date}T00:00:00Z`);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { start: iso(monday), end: iso(monday + 6 * 86_400_000) };
}

// ---------------------------------------------------------------------------------------------------
// The arbitrary. Raw values carry free naturals that `normalize` folds onto the world's sizes, so shrinking
// stays meaningful (no chain) and every raw value is a valid world.

const weighted = <T>(...pairs: Array<[T, number]>) =>
  fc.oneof(...pairs.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
const chance = (percent: number) => weighted<boolean>([true, percent], [false, 100 - percent]);
const accessArb = weighted<AccessValue>(['allow', 9], ['deny', 4], ['unset', 7]);
const holderArb = fc.record({ kind: weighted<'user' | 'group'>(['user', 1], ['group', 1]), id: fc.nat(9) });
const entryKindArb = weighted<EntryKind>(['user', 2], ['group', 2], ['role', 1], ['team', 2]);
const grantGranteeArb = fc.record({
  kind: weighted<'user' | 'group' | 'role'>(['user', 2], ['group', 3], ['role', 1]),
  id: fc.nat(9),
});
const levelsArb = fc.subarray([...TEAM_PERMISSIONS], { minLength: 1, maxLength: 3 });
const permissionArb = weighted<ProjectPermission>(
  ['BROWSE_PROJECT', 7],
  ['EDIT_ISSUES', 3],
  ['WORK_ON_ISSUES', 4],
  ['ADMINISTER_PROJECT', 2],
);
/** Custom team roles (TEAM-3): any set of levels, and the single levels the team rules turn on (TEAM-2 implications, the grant boundary). */
const customRoleArb = fc.oneof(
  fc.subarray([...TEAM_PERMISSIONS], { maxLength: 3 }),
  fc.constantFrom<TeamPermission[]>(
    ['MANAGE_TEAM'],
    ['MANAGE_MEMBER_WORKLOGS'],
    ['VIEW_MEMBER_WORKLOGS'],
    ['MANAGE_TEAM', 'WORK_ON_ISSUES'],
    [],
  ),
);

const rawWorldArb = fc.record({
  users: fc.array(
    fc.record({ active: chance(88), systemAdmin: chance(15), groups: fc.array(fc.nat(9), { maxLength: 3 }) }),
    { minLength: 1, maxLength: 6 },
  ),
  groups: fc.integer({ min: 0, max: 4 }),
  projects: fc.integer({ min: 1, max: 2 }),
  roleMembers: fc.array(fc.record({ project: fc.nat(9), role: fc.nat(9), holder: holderArb }), { maxLength: 5 }),
  grants: fc.array(fc.record({ project: fc.nat(9), permission: permissionArb, to: grantGranteeArb }), {
    minLength: 1,
    maxLength: 16,
  }),
  items: fc.array(
    fc.record({
      project: fc.nat(9),
      // null: top-level; 'previous': under the item before (deep chains); 'any': under any earlier item (parentPick).
      parent: weighted<null | 'previous' | 'any'>([null, 1], ['previous', 2], ['any', 2]),
      parentPick: fc.nat(99),
      trashed: chance(5),
      setting: fc.option(
        fc.array(fc.record({ kind: entryKindArb, subject: fc.nat(9), view: accessArb, edit: accessArb }), {
          maxLength: 4,
        }),
        { freq: 2 },
      ),
    }),
    { minLength: 1, maxLength: 14 },
  ),
  denyGrants: fc.array(fc.record({ permission: fc.constantFrom(...DENY_PERMISSIONS), group: fc.nat(9) }), {
    maxLength: 3,
  }),
  appRoles: fc.array(fc.record({ role: fc.constantFrom(...APP_ROLES), to: holderArb }), { maxLength: 5 }),
  teams: fc.array(
    fc.record({
      global: chance(40),
      project: fc.nat(9),
      assigned: fc.array(fc.nat(9), { maxLength: 2 }),
      // Custom roles beside the two defaults (TEAM-3), some granting nothing that lets a member log time.
      custom: fc.array(customRoleArb, { maxLength: 2 }),
      // Price lists one after another: a gap of days before each, then its length (null: open-ended, and the last).
      priceLists: fc.array(
        fc.record({ gap: weighted<number>([0, 3], [1, 1], [3, 1]), length: fc.option(fc.nat(6), { freq: 3 }) }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 4 },
  ),
  memberships: fc.array(
    fc.record({
      team: fc.nat(9),
      user: fc.nat(9),
      current: chance(80),
      roles: weighted<number[]>([[0], 2], [[1], 4], [[2], 3], [[3], 1], [[1, 2], 1], [[], 1]),
    }),
    { maxLength: 12 },
  ),
  // APP-1's default installation: every user in group 0 ("users") holding timesheet_viewer and scheduler_viewer, and
  // in some worlds also BROWSE_PROJECT and WORK_ON_ISSUES on every project — where the team layers have most to decide.
  everyone: weighted<'none' | 'roles' | 'roles+work'>(['none', 2], ['roles', 1], ['roles+work', 2]),
  teamChecks: chance(75),
  projectTeamChecks: fc.array(weighted<'inherit' | 'disabled'>(['inherit', 4], ['disabled', 1]), {
    minLength: 2,
    maxLength: 2,
  }),
  // PRJ-1: some projects archived (no new work logs, no new items).
  archived: fc.array(chance(20), { minLength: 2, maxLength: 2 }),
  dates: fc.array(fc.nat(DATES - 1), { minLength: 1, maxLength: 3 }),
  grantLevels: fc.array(levelsArb, { minLength: 1, maxLength: 2 }),
  // FLOW-3: months of teams closed (or closed once and reopened), among the two the probed days lie in.
  periods: fc.array(fc.record({ team: fc.nat(9), month: fc.nat(1), closed: chance(80) }), { maxLength: 4 }),
  // FLOW-1, FLOW-10: slices in every state, of a team of the owner's (or of no team, or of a team they left), a week or a
  // month holding a probed day. Stored work logs: their recorded team (as the service snapshots it, none, or another
  // after a team change), some charged (FLOW-9).
  slices: fc.array(
    fc.record({
      owner: fc.nat(9),
      team: weighted<'mine' | 'none' | 'any'>(['mine', 5], ['none', 1], ['any', 1]),
      teamPick: fc.nat(9),
      period: weighted<'week' | 'month'>(['week', 3], ['month', 1]),
      at: fc.nat(DATES - 1),
      state: weighted<SliceState>(
        ['open', 1],
        ['submitted', 3],
        ['approved', 2],
        ['rejected', 1],
        ['recall_requested', 2],
      ),
    }),
    { maxLength: 8 },
  ),
  worklogs: fc.array(
    fc.record({
      owner: fc.nat(9),
      item: fc.nat(99),
      team: weighted<'mine' | 'none' | 'any'>(['mine', 5], ['none', 1], ['any', 1]),
      teamPick: fc.nat(9),
      at: fc.nat(DATES - 1),
      charge: fc.option(fc.nat(1), { freq: 3 }),
    }),
    { maxLength: 6 },
  ),
  // FLOW-2: timesheet approvers (the role opens the Timesheet Approval area; APPROVE_TIMESHEETS comes from team roles).
  approvers: fc.array(holderArb, { maxLength: 2 }),
  // FLOW-4: leave requests in every state, and vacation approvers (routed by the teams they share with the owner).
  leaves: fc.array(
    fc.record({
      owner: fc.nat(9),
      state: weighted<LeaveState>(['pending', 3], ['approved', 2], ['rejected', 1], ['cancelled', 1]),
    }),
    { maxLength: 4 },
  ),
  leaveApprovers: fc.array(holderArb, { maxLength: 3 }),
});
type RawWorld = typeof rawWorldArb extends fc.Arbitrary<infer T> ? T : never;

const uniqueBy = <T>(rows: T[], key: (row: T) => string) => {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** The two default roles of every team (TEAM-3): Team Lead holds every level, Team Member logs time. */
const DEFAULT_ROLES: TeamPermission[][] = [[...TEAM_PERMISSIONS], ['WORK_ON_ISSUES']];

function normalizeTeams(raw: RawWorld, users: number): { teams: WorldTeam[]; memberships: Membership[] } {
  const teams = raw.teams.map((t): WorldTeam => {
    const priceLists: WorldTeam['priceLists'] = [];
    let next = 0;
    for (const pl of t.priceLists) {
      const from = next + pl.gap;
      priceLists.push({ validFrom: day(from), validTo: pl.length === null ? null : day(from + pl.length) });
      if (pl.length === null) break;
      next = from + pl.length + 1;
    }
    return {
      project: t.global ? null : t.project % raw.projects,
      assigned: t.global ? [...new Set(t.assigned.map((p) => p % raw.projects))].sort((a, b) => a - b) : [],
      roles: [...DEFAULT_ROLES, ...t.custom.map((levels) => TEAM_PERMISSIONS.filter((l) => levels.includes(l)))],
      priceLists,
    };
  });
  // TEAM-4: one current team per user and project (a team's own project, or the projects a global team is assigned to);
  // a membership that would break it is kept as an ended one, as if the user had moved on (TEAM-6).
  const projectsOf = (t: number) => (teams[t].project !== null ? [teams[t].project!] : teams[t].assigned);
  const memberships: Membership[] = [];
  if (teams.length === 0) return { teams, memberships };
  for (const m of raw.memberships) {
    const team = m.team % teams.length;
    const user = m.user % users;
    const mine = memberships.filter((o) => o.current && o.user === user);
    const clash = mine.some((o) => o.team === team || projectsOf(o.team).some((p) => projectsOf(team).includes(p)));
    memberships.push({
      team,
      user,
      current: m.current && !clash,
      roles: [...new Set(m.roles.map((r) => r % teams[team].roles.length))].sort((a, b) => a - b),
    });
  }
  return { teams, memberships };
}

/** Closed periods, slices (no two of one owner and team overlapping) and stored work logs, on the normalized world. */
function normalizeTimesheets(
  raw: RawWorld,
  world: Omit<World, 'periods' | 'slices' | 'worklogs' | 'charges'>,
): Pick<World, 'periods' | 'slices' | 'worklogs' | 'charges'> {
  const users = world.users.length;
  const teams = world.teams.length;
  const teamOf = (choice: 'mine' | 'none' | 'any', pick: number, mine: number[]) =>
    choice === 'none' || teams === 0
      ? null
      : choice === 'mine'
        ? mine.length
          ? mine[pick % mine.length]
          : null
        : pick % teams;
  const periods = teams
    ? uniqueBy(
        raw.periods.map((p) => ({ team: p.team % teams, ...monthOf(day(p.month * 14)), closed: p.closed })),
        (p) => `${p.team}:${p.start}`,
      )
    : [];
  const slices: WorldSlice[] = [];
  for (const r of raw.slices) {
    const owner = r.owner % users;
    const team = teamOf(r.team, r.teamPick, currentTeams(world as World, owner));
    const range = r.period === 'week' ? weekOf(day(r.at)) : monthOf(day(r.at));
    if (slices.some((o) => o.owner === owner && o.team === team && o.start <= range.end && range.start <= o.end))
      continue;
    slices.push({ owner, team, ...range, state: r.state });
  }
  const worklogs = raw.worklogs.map((r): WorldWorklog => {
    const owner = r.owner % users;
    const item = r.item % world.items.length;
    const mine = teamOfWork(world as World, owner, world.items[item].project);
    return {
      owner,
      item,
      team: teamOf(r.team, r.teamPick, mine === null ? [] : [mine]),
      date: day(r.at),
      charge: r.charge,
    };
  });
  const charges = Math.max(0, ...worklogs.map((w) => (w.charge ?? -1) + 1));
  return { periods, slices, worklogs, charges };
}

function normalize(raw: RawWorld): World {
  const users = raw.users.length;
  const { groups, projects } = raw;
  const roles = ROLES.length;
  const { teams, memberships } = normalizeTeams(raw, users);
  const holder = (h: { kind: 'user' | 'group'; id: number }): Holder =>
    h.kind === 'group' && groups > 0 ? { kind: 'group', id: h.id % groups } : { kind: 'user', id: h.id % users };
  const grantee = (g: { kind: 'user' | 'group' | 'role'; id: number }): Grantee =>
    g.kind === 'role' ? { kind: 'role', id: g.id % roles } : holder({ kind: g.kind, id: g.id });
  const entrySubject = (kind: EntryKind, id: number): { kind: EntryKind; id: number } =>
    kind === 'team'
      ? teams.length > 0
        ? { kind, id: id % teams.length }
        : { kind: 'user', id: id % users }
      : grantee({ kind, id });
  const everyone = groups > 0 && raw.everyone !== 'none';
  const usersGroup = { kind: 'group', id: 0 } as const;
  const everyoneRoles = everyone
    ? (['timesheet_viewer', 'scheduler_viewer'] as const).map((role) => ({ role, to: usersGroup }))
    : [];
  const everyoneGrants =
    everyone && raw.everyone === 'roles+work'
      ? Array.from({ length: projects }, (_, project) =>
          (['BROWSE_PROJECT', 'WORK_ON_ISSUES'] as const).map((permission) => ({
            project,
            permission,
            to: usersGroup,
          })),
        ).flat()
      : [];
  const items: WorldItem[] = [];
  for (const [i, r] of raw.items.entries()) {
    const parent = i === 0 || r.parent === null ? null : r.parent === 'previous' ? i - 1 : r.parentPick % i;
    const trashed = r.trashed || (parent !== null && items[parent].trashed);
    const setting =
      trashed || r.setting === null
        ? null
        : uniqueBy(
            r.setting.map((e): Entry => {
              const s = entrySubject(e.kind, e.subject);
              return { kind: s.kind, subject: s.id, view: e.view, edit: e.edit };
            }),
            (e) => `${e.kind}:${e.subject}`,
          );
    items.push({ project: parent === null ? r.project % projects : items[parent].project, parent, trashed, setting });
  }
  const world = {
    leaves: raw.leaves.map((l): WorldLeave => ({ owner: l.owner % users, state: l.state })),
    users: raw.users.map((u) => ({
      active: u.active,
      systemAdmin: u.systemAdmin,
      groups: groups
        ? [...new Set([...(everyone ? [0] : []), ...u.groups.map((g) => g % groups)])].sort((a, b) => a - b)
        : [],
    })),
    groups,
    projects,
    roles,
    roleMembers: uniqueBy(
      raw.roleMembers.map((m) => ({ project: m.project % projects, role: m.role % roles, holder: holder(m.holder) })),
      (m) => `${m.project}:${m.role}:${m.holder.kind}:${m.holder.id}`,
    ),
    grants: uniqueBy(
      [
        ...raw.grants.map((g) => ({ project: g.project % projects, permission: g.permission, to: grantee(g.to) })),
        ...everyoneGrants,
      ],
      (g) => `${g.project}:${g.permission}:${g.to.kind}:${g.to.id}`,
    ),
    items,
    denyGrants: groups
      ? uniqueBy(
          raw.denyGrants.map((d) => ({ permission: d.permission, group: d.group % groups })),
          (d) => `${d.permission}:${d.group}`,
        )
      : [],
    appRoles: uniqueBy(
      [
        ...raw.appRoles.map((a) => ({ role: a.role, to: holder(a.to) })),
        ...everyoneRoles,
        ...raw.approvers.map((h) => ({ role: 'timesheet_approver' as const, to: holder(h) })),
        ...raw.leaveApprovers.map((h) => ({ role: 'vacation_approver' as const, to: holder(h) })),
      ],
      (a) => `${a.role}:${a.to.kind}:${a.to.id}`,
    ),
    teams,
    memberships,
    teamChecks: raw.teamChecks,
    projectTeamChecks: raw.projectTeamChecks.slice(0, projects),
    archived: raw.archived.slice(0, projects),
    dates: [...new Set(raw.dates)].sort((a, b) => a - b).map(day),
    grantLevels: raw.grantLevels.map((levels) => TEAM_PERMISSIONS.filter((l) => levels.includes(l))),
  };
  return { ...world, ...normalizeTimesheets(raw, world) };
}

/**
 * Worlds of up to 6 users, 4 groups, 2 projects and 14 items in trees up to ~8 deep, with settings under secured parents;
 * up to 4 teams (project teams and global ones assigned to projects) with default and custom roles, memberships current
 * and ended (TEAM-4 kept), price lists with gaps and ends, and the team check switched on or off.
 */
export const worldArb: fc.Arbitrary<World> = rawWorldArb.map(normalize);

/** A world plus how the database test uses it: the order settings are applied in, a page size, and a pick of user and item to probe. */
export const dbWorldArb = fc.record({
  world: worldArb,
  settingOrder: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
  pageSize: fc.integer({ min: 1, max: 4 }),
  probe: fc.nat(99),
});

// ---------------------------------------------------------------------------------------------------
// World → the engine's facts.

export interface WorldFacts {
  subjects: SubjectFacts[];
  projects: ProjectFacts[];
  /** Undefined for items in the trash: the loader does not find them. */
  items: Array<ItemSecurityFacts | undefined>;
  /** By project: its teams and the team-check switch (loadProjectTeams). */
  projectTeams: ProjectTeamFacts[];
  /** By team (loadTeams). */
  teams: TeamFacts[];
  /** By slice (loadSlices). */
  slices: SliceFact[];
  /** By leave request (loadLeaves). */
  leaves: LeaveFact[];
  /** The locks on a work-log action's days and the stored work log, as loadLocks gives them. */
  locks: (query: LocksQuery) => { locks: WorkLocks; worklog: WorklogFact | undefined };
}

/** What loadLocks is asked, in world indexes: the user the work is for, the new work dates, the stored work log. */
export interface LocksQuery {
  owner: number;
  dates: readonly string[];
  worklog?: number;
}

/**
 * A leave request as loadLeaves gives it: the routed teams are the owner's current teams in which another active
 * current member holds vacation_approver.
 */
export function leaveFact(world: World, l: WorldLeave, i: number): LeaveFact {
  const routed = routedTeams(world, l.owner);
  return {
    id: ids.leave(i),
    ownerId: ids.user(l.owner),
    ownerName: names.user(l.owner),
    state: l.state,
    routedTeamIds: [...new Set(routed)].sort((a, b) => a - b).map(ids.team),
  };
}

/** A slice as loadSlices gives it. */
export const sliceFact = (s: WorldSlice, i: number): SliceFact => ({
  id: ids.slice(i),
  ownerId: ids.user(s.owner),
  ownerName: names.user(s.owner),
  teamId: s.team === null ? null : ids.team(s.team),
  teamName: s.team === null ? null : names.team(s.team),
  start: s.start,
  end: s.end,
  state: s.state,
});

/**
 * loadLocks in memory: the closed periods of the owner's current teams and of the stored work log's team, and the
 * owner's slices that are not open, each holding one of the days (the new dates and the stored work log's); the stored
 * work log with its charge. Periods by team and start, slices by id (the loader promises no order; compare sorted).
 */
export function locksOf(world: World, query: LocksQuery): { locks: WorkLocks; worklog: WorklogFact | undefined } {
  const stored = query.worklog === undefined ? undefined : world.worklogs[query.worklog];
  const days = [...query.dates, ...(stored ? [stored.date] : [])];
  const holds = (range: { start: string; end: string }) => days.some((d) => range.start <= d && d <= range.end);
  const teams = new Set([...currentTeams(world, query.owner), ...(stored?.team != null ? [stored.team] : [])]);
  return {
    locks: {
      periods: world.periods
        .filter((p) => p.closed && teams.has(p.team) && holds(p))
        .map((p) => ({ teamId: ids.team(p.team), teamName: names.team(p.team), start: p.start, end: p.end }))
        .sort((a, b) => a.teamId - b.teamId || a.start.localeCompare(b.start)),
      slices: world.slices
        .map(sliceFact)
        .filter(
          (_, i) => world.slices[i].owner === query.owner && world.slices[i].state !== 'open' && holds(world.slices[i]),
        ),
    },
    worklog: stored && {
      id: ids.worklog(query.worklog!),
      teamId: stored.team === null ? null : ids.team(stored.team),
      date: stored.date,
      charge:
        stored.charge === null ? null : { id: ids.charge(stored.charge), invoiceNumber: names.invoice(stored.charge) },
    },
  };
}

const holderFacts = (h: Holder) =>
  h.kind === 'user' ? { userId: ids.user(h.id) } : { groupId: ids.group(h.id), groupName: names.group(h.id) };
const subjectId = (kind: EntryKind, i: number) =>
  kind === 'user' ? ids.user(i) : kind === 'group' ? ids.group(i) : kind === 'team' ? ids.team(i) : ids.role(i);
const subjectName = (kind: EntryKind, i: number) =>
  kind === 'user' ? names.user(i) : kind === 'group' ? names.group(i) : kind === 'team' ? names.team(i) : names.role(i);

/** Price-list ids, in team then validity order. */
function priceListIds(world: World): number[][] {
  let next = BASE;
  return world.teams.map((t) => t.priceLists.map(() => next++));
}

/** A membership as the subject loader gives it: the team, its project, and the union of the member's role permissions (in catalogue order). */
export function membershipFact(world: World, m: Membership): TeamMembershipFact {
  const team = world.teams[m.team];
  return {
    teamId: ids.team(m.team),
    teamName: names.team(m.team),
    projectId: team.project === null ? null : ids.project(team.project),
    permissions: TEAM_PERMISSIONS.filter((p) => m.roles.some((r) => team.roles[r].includes(p))),
  };
}

/** A team as the team check sees it (loadProjectTeams): whether it is global, and its price lists in validity order. */
export function teamWorkFacts(world: World, t: number): ProjectTeamFacts['teams'][number] {
  const listIds = priceListIds(world);
  return {
    teamId: ids.team(t),
    teamName: names.team(t),
    global: world.teams[t].project === null,
    priceLists: world.teams[t].priceLists.map((pl, k) => ({
      id: listIds[t][k],
      ...priceListColumns(t, k),
      validFrom: pl.validFrom,
      validTo: pl.validTo,
    })),
  };
}

/** The facts the loaders would produce for the world, in the loaders' order (by id). */
export function worldFacts(world: World): WorldFacts {
  const reaches = (h: Holder, user: number) =>
    h.kind === 'user' ? h.id === user : world.users[user].groups.includes(h.id);
  const subjects = world.users.map((u, user): SubjectFacts => ({
    userId: ids.user(user),
    active: u.active,
    systemAdmin: u.systemAdmin,
    groups: u.groups.map((g) => ({ id: ids.group(g), name: names.group(g) })),
    appRoles: world.appRoles
      .filter((a) => reaches(a.to, user))
      .map((a) => ({
        role: a.role,
        via:
          a.to.kind === 'user'
            ? { kind: 'user' }
            : { kind: 'group', groupId: ids.group(a.to.id), groupName: names.group(a.to.id) },
      })),
    denies: world.denyGrants
      .filter((d) => u.groups.includes(d.group))
      .map((d) => ({ permission: d.permission, groupId: ids.group(d.group), groupName: names.group(d.group) })),
    teams: world.memberships
      .filter((m) => m.current && m.user === user)
      .sort((a, b) => a.team - b.team)
      .map((m) => membershipFact(world, m)),
    name: names.user(user),
  }));
  const projects = Array.from({ length: world.projects }, (_, p): ProjectFacts => ({
    projectId: ids.project(p),
    projectKey: names.project(p),
    grants: world.grants
      .filter((g) => g.project === p)
      .map((g) => ({
        permission: g.permission,
        kind: g.to.kind,
        subjectId: subjectId(g.to.kind, g.to.id),
        subjectName: subjectName(g.to.kind, g.to.id),
      })),
    roleMembers: world.roleMembers
      .filter((m) => m.project === p)
      .map((m) => ({ roleId: ids.role(m.role), roleName: names.role(m.role), ...holderFacts(m.holder) })),
    archived: world.archived[p],
  }));
  // Top-down, as recomputeGoverning does it (parents come before their children).
  const governing: Array<number | null> = [];
  for (const [i, item] of world.items.entries())
    governing.push(item.setting ? i : item.parent === null ? null : governing[item.parent]);
  const items = world.items.map((item, i): ItemSecurityFacts | undefined => {
    if (item.trashed) return undefined;
    const g = governing[i];
    return {
      itemId: ids.item(i),
      itemKey: names.item(world, i),
      governing:
        g === null
          ? null
          : new SecuritySetting(
              ids.item(g),
              names.item(world, g),
              world.items[g].setting!.map((e) => ({
                kind: e.kind,
                subjectId: subjectId(e.kind, e.subject),
                subjectName: subjectName(e.kind, e.subject),
                view: e.view,
                edit: e.edit,
              })),
            ),
    };
  });
  const projectTeams = Array.from({ length: world.projects }, (_, p): ProjectTeamFacts => ({
    projectId: ids.project(p),
    projectKey: names.project(p),
    checks: !world.teamChecks ? 'off_globally' : world.projectTeamChecks[p] === 'disabled' ? 'off_for_project' : 'on',
    teams: teamsOfProject(world, p).map((t) => teamWorkFacts(world, t)),
  }));
  const teams = world.teams.map((t, i): TeamFacts => ({
    teamId: ids.team(i),
    teamName: names.team(i),
    projectId: t.project === null ? null : ids.project(t.project),
    assignedProjectIds: t.assigned.map(ids.project),
  }));
  const slices = world.slices.map(sliceFact);
  const leaves = world.leaves.map((l, i) => leaveFact(world, l, i));
  // Many cases ask the same locks (one owner and date on every item): each is worked out once.
  const locks = new Map<string, ReturnType<WorldFacts['locks']>>();
  const locksFor = (query: LocksQuery) => {
    const key = `${query.owner}|${query.dates.join()}|${query.worklog ?? ''}`;
    let found = locks.get(key);
    if (!found) locks.set(key, (found = locksOf(world, query)));
    return found;
  };
  return { subjects, projects, items, projectTeams, teams, slices, leaves, locks: locksFor };
}

const priceListColumns = (team: number, k: number) => ({
  name: names.priceList(team, k),
  currency: 'EUR',
  hourlyRate: `${40 + 5 * team + k}.50`,
});

// ---------------------------------------------------------------------------------------------------
// World → database.

type Value = string | number | boolean | null | string[];
async function insertRows(
  db: Database,
  table: string,
  columns: string[],
  rows: Value[][],
  explicitIdentity = true,
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${sql.join(r)})`));
  const overriding: RawBuilder<unknown> = explicitIdentity ? sql`overriding system value` : sql``;
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${overriding} values ${values}`.execute(
    db,
  );
}

const holderColumns = (h: Holder): [number | null, number | null] =>
  h.kind === 'user' ? [ids.user(h.id), null] : [null, ids.group(h.id)];

/**
 * Writes the world (inside the caller's transaction, which the caller rolls back). Settings are applied one
 * at a time in `settingOrder`, each followed by recomputeGoverning as the security service does; trashed
 * subtrees are then marked as the trash does (settings dropped, governing cleared).
 */
export async function writeWorld(db: Database, world: World, settingOrder: readonly number[] = []): Promise<void> {
  const roles = await db.selectFrom('project_roles').select(['id', 'name']).orderBy('id').execute();
  if (JSON.stringify(roles) !== JSON.stringify(ROLES))
    throw new Error(`unexpected project roles ${JSON.stringify(roles)}`);
  await insertRows(
    db,
    'users',
    ['id', 'login', 'display_name', 'email', 'active', 'system_admin'],
    world.users.map((u, i) => [
      ids.user(i),
      names.login(i),
      names.user(i),
      `${names.login(i)}@world.test`,
      u.active,
      u.systemAdmin,
    ]),
  );
  await insertRows(
    db,
    'groups',
    ['id', 'name'],
    Array.from({ length: world.groups }, (_, g) => [ids.group(g), names.group(g)]),
  );
  await insertRows(
    db,
    'group_members',
    ['group_id', 'user_id'],
    world.users.flatMap((u, i) => u.groups.map((g) => [ids.group(g), ids.user(i)])),
    false,
  );
  await insertRows(
    db,
    'projects',
    ['id', 'key', 'name', 'team_checks', 'archived_at'],
    Array.from({ length: world.projects }, (_, p) => [
      ids.project(p),
      names.project(p),
      names.project(p),
      world.projectTeamChecks[p],
      world.archived[p] ? '2026-01-01T00:00:00Z' : null,
    ]),
  );
  await insertRows(
    db,
    'project_role_members',
    ['id', 'project_id', 'role_id', 'user_id', 'group_id'],
    world.roleMembers.map((m, i) => [BASE + i, ids.project(m.project), ids.role(m.role), ...holderColumns(m.holder)]),
  );
  await insertRows(
    db,
    'project_permission_grants',
    ['id', 'project_id', 'permission', 'user_id', 'group_id', 'role_id'],
    world.grants.map((g, i) => [
      BASE + i,
      ids.project(g.project),
      g.permission,
      ...(g.to.kind === 'role' ? [null, null, ids.role(g.to.id)] : [...holderColumns(g.to), null]),
    ]),
  );
  await insertRows(
    db,
    'deny_grants',
    ['id', 'permission', 'group_id'],
    world.denyGrants.map((d, i) => [BASE + i, d.permission, ids.group(d.group)]),
  );
  await insertRows(
    db,
    'app_role_grants',
    ['id', 'role', 'user_id', 'group_id'],
    world.appRoles.map((a, i) => [BASE + i, a.role, ...holderColumns(a.to)]),
  );
  await writeTeams(db, world);
  await insertRows(
    db,
    'work_items',
    ['id', 'project_id', 'parent_id', 'num', 'key', 'title', 'created_by'],
    world.items.map((item, i) => [
      ids.item(i),
      ids.project(item.project),
      item.parent === null ? null : ids.item(item.parent),
      i + 1,
      names.item(world, i),
      `Item ${i}`,
      ids.user(0),
    ]),
  );

  let entryId = BASE;
  const entryIds = world.items.map((item) => (item.setting ?? []).map(() => entryId++));
  const secured = world.items.flatMap((item, i) => (item.setting ? [i] : []));
  secured.sort((a, b) => (settingOrder[a] ?? 0) - (settingOrder[b] ?? 0) || a - b);
  for (const i of secured) {
    const item = world.items[i];
    await insertRows(db, 'item_security', ['item_id', 'project_id'], [[ids.item(i), ids.project(item.project)]], false);
    await insertRows(
      db,
      'item_security_entries',
      ['id', 'item_id', 'subject_kind', 'subject_id', 'view', 'edit'],
      item.setting!.map((e, k) => [entryIds[i][k], ids.item(i), e.kind, subjectId(e.kind, e.subject), e.view, e.edit]),
    );
    await recomputeGoverning(db, ids.item(i));
  }
  const trashed = world.items.flatMap((item, i) => (item.trashed ? [ids.item(i)] : []));
  if (trashed.length) {
    await db
      .updateTable('work_items')
      .set({ deleted_at: new Date(), deleted_by: ids.user(0), governing_item_id: null })
      .where('id', 'in', trashed)
      .execute();
  }
}

/**
 * Teams as the team services keep them (TEAM-1..TEAM-7, PRICE-1, PRICE-2): global teams' project assignments, the two
 * default roles and custom ones, memberships with their history (ended ones have left_at set and must count for
 * nothing), the roles each membership holds, price lists, and both team-check switches.
 */
async function writeTeams(db: Database, world: World): Promise<void> {
  await db.updateTable('app_settings').set({ team_checks: world.teamChecks }).execute();
  await insertRows(
    db,
    'teams',
    ['id', 'project_id', 'name'],
    world.teams.map((t, i) => [ids.team(i), t.project === null ? null : ids.project(t.project), names.team(i)]),
  );
  await insertRows(
    db,
    'team_projects',
    ['team_id', 'project_id'],
    world.teams.flatMap((t, i) => t.assigned.map((p) => [ids.team(i), ids.project(p)])),
    false,
  );
  let roleId = BASE;
  const roleIds = world.teams.map((t) => t.roles.map(() => roleId++));
  await insertRows(
    db,
    'team_roles',
    ['id', 'team_id', 'name', 'kind', 'permissions'],
    world.teams.flatMap((t, i) =>
      t.roles.map((levels, r) => [
        roleIds[i][r],
        ids.team(i),
        names.teamRole(r),
        r === 0 ? 'lead' : r === 1 ? 'member' : 'custom',
        levels,
      ]),
    ),
  );
  await insertRows(
    db,
    'team_memberships',
    ['id', 'team_id', 'user_id', 'joined_at', 'left_at'],
    world.memberships.map((m, k) => [
      BASE + k,
      ids.team(m.team),
      ids.user(m.user),
      '2026-01-05T09:00:00Z',
      m.current ? null : '2026-02-10T17:00:00Z',
    ]),
  );
  await insertRows(
    db,
    'team_membership_roles',
    ['membership_id', 'role_id'],
    world.memberships.flatMap((m, k) => m.roles.map((r) => [BASE + k, roleIds[m.team][r]])),
    false,
  );
  const listIds = priceListIds(world);
  await insertRows(
    db,
    'price_lists',
    ['id', 'team_id', 'name', 'currency', 'hourly_rate', 'valid_from', 'valid_to'],
    world.teams.flatMap((t, i) =>
      t.priceLists.map((pl, k) => {
        const { name, currency, hourlyRate } = priceListColumns(i, k);
        return [listIds[i][k], ids.team(i), name, currency, hourlyRate, pl.validFrom, pl.validTo];
      }),
    ),
  );
}

/**
 * The timesheet state as the services leave it (FLOW-1, 3, 9, 10): team periods closed, or closed and reopened; slices
 * in every state; work logs with their recorded team, some charged under a charge in force (a revoked charge keeps no
 * work logs: revoking releases them). Written apart from writeWorld: tests with rows of their own leave it out.
 */
export async function writeTimesheets(db: Database, world: World): Promise<void> {
  await insertRows(
    db,
    'team_periods',
    ['id', 'team_id', 'period_start', 'period_end', 'state'],
    world.periods.map((p, i) => [BASE + i, ids.team(p.team), p.start, p.end, p.closed ? 'closed' : 'open']),
  );
  if (world.leaves.length)
    await sql`insert into leave_requests (id, user_id, type_id, start_date, end_date, days, state) overriding system value
      values ${sql.join(
        world.leaves.map(
          (l, i) =>
            sql`(${ids.leave(i)}, ${ids.user(l.owner)}, (select min(id) from leave_types), '2026-03-02', '2026-03-02', 1, ${l.state})`,
        ),
      )}`.execute(db);
  await insertRows(
    db,
    'timesheet_slices',
    ['id', 'user_id', 'team_id', 'period_start', 'period_end', 'state'],
    world.slices.map((s, i) => [
      ids.slice(i),
      ids.user(s.owner),
      s.team === null ? null : ids.team(s.team),
      s.start,
      s.end,
      s.state,
    ]),
  );
  const revoked = world.charges;
  await insertRows(
    db,
    'charges',
    ['id', 'invoice_number', 'invoice_date', 'amount', 'currency', 'revoked_at'],
    Array.from({ length: world.charges + 1 }, (_, k) => [
      ids.charge(k),
      names.invoice(k),
      '2026-03-31',
      '1000.00',
      'EUR',
      k === revoked ? '2026-04-02T10:00:00Z' : null,
    ]),
  );
  await insertRows(
    db,
    'worklogs',
    [
      'id',
      'item_id',
      'project_id',
      'author_id',
      'created_by',
      'start_date',
      'duration_seconds',
      'team_id',
      'charge_id',
    ],
    world.worklogs.map((w, i) => [
      ids.worklog(i),
      ids.item(w.item),
      ids.project(world.items[w.item].project),
      ids.user(w.owner),
      ids.user(w.owner),
      w.date,
      3600,
      w.team === null ? null : ids.team(w.team),
      w.charge === null ? null : ids.charge(w.charge),
    ]),
  );
}

class Rollback extends Error {}

/** Runs `fn` on the world written into a transaction that is always rolled back; `timesheets` writes its timesheet state too. */
export async function withWorld<T>(
  db: Database,
  world: World,
  settingOrder: readonly number[],
  fn: (trx: Database) => Promise<T>,
  options: { timesheets?: boolean } = {},
): Promise<T> {
  let result: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      // Unanalysed tables make the correlated list queries look expensive enough for PostgreSQL to JIT-compile each one,
      // which costs a hundred times the query; JIT changes no result.
      await sql`select set_config('jit', 'off', true)`.execute(trx);
      await writeWorld(trx, world, settingOrder);
      if (options.timesheets) await writeTimesheets(trx, world);
      result = await fn(trx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}
