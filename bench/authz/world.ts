import type { AccessValue, ProjectPermission } from '../../src/db/types.js';
import { createRandom, type Random } from '../../src/seed/random.js';

/**
 * The benchmark world, held in memory: the one source that is written to PostgreSQL (for our loaders
 * and the SQL lists) and from which the CASL abilities and Cedar entities are built, so all engines
 * judge the same permissions. Seeded, so every run builds the same world.
 */

export interface WorldSpec {
  name: 'small' | 'large';
  users: number;
  /** Benchmark groups, besides the built-in `administrators` and `users`. */
  groups: number;
  projects: number;
  itemsPerProject: number;
  /** Deepest level of each project's tree (top-level items are level 1). */
  depth: number;
  topLevelItems: number;
  settings: number;
  entries: number;
  /** Per project: groups granted BROWSE/EDIT/WORK, users per project role, users granted directly. */
  teamGroups: number;
  roleUsers: number;
  directUsers: number;
  seed: number;
}

export const SMALL: WorldSpec = {
  name: 'small',
  users: 30,
  groups: 8,
  projects: 2,
  itemsPerProject: 100,
  depth: 5,
  topLevelItems: 4,
  settings: 15,
  entries: 60,
  teamGroups: 2,
  roleUsers: 3,
  directUsers: 3,
  seed: 7,
};

export const LARGE: WorldSpec = {
  name: 'large',
  users: 1000,
  groups: 50,
  projects: 20,
  itemsPerProject: 5000,
  depth: 10,
  topLevelItems: 8,
  settings: 1000,
  entries: 4000,
  teamGroups: 3,
  roleUsers: 8,
  directUsers: 10,
  seed: 11,
};

/** Built-in rows created by the migrations, whose ids the world relies on. */
export const ADMINISTRATORS_GROUP = 1;
export const USERS_GROUP = 2;
export const ROLES = [
  { id: 1, name: 'Administrators' },
  { id: 2, name: 'Developers' },
  { id: 3, name: 'Viewers' },
] as const;

export type SubjectKind = 'user' | 'group' | 'role';
export interface User {
  id: number;
  login: string;
  active: boolean;
  systemAdmin: boolean;
}
export interface Grant {
  projectId: number;
  permission: ProjectPermission;
  kind: SubjectKind;
  subjectId: number;
}
export interface RoleMember {
  projectId: number;
  roleId: number;
  userId?: number;
  groupId?: number;
}
export interface Item {
  id: number;
  projectId: number;
  parentId: number | null;
  num: number;
  key: string;
  level: number;
  trashed: boolean;
}
export interface Entry {
  itemId: number;
  kind: SubjectKind;
  subjectId: number;
  view: AccessValue;
  edit: AccessValue;
}
export interface Setting {
  itemId: number;
  projectId: number;
  entries: Entry[];
}

export interface World {
  spec: WorldSpec;
  users: User[];
  /** Every group id with its name, built-in ones included. */
  groups: Map<number, string>;
  /** Groups of each user. */
  memberOf: Map<number, number[]>;
  projects: Array<{ id: number; key: string }>;
  grants: Grant[];
  roleMembers: RoleMember[];
  /** Indexed by item id (index 0 unused). */
  items: Item[];
  settings: Map<number, Setting>;
  /** Governing item id by item id, 0 when the item is unsecured (ITEM-2). */
  governing: Int32Array;
}

const TEAM: ProjectPermission[] = ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'];

/** Level sizes growing geometrically from `first` so that `depth` levels hold exactly `total` items. */
function levelSizes(total: number, depth: number, first: number): number[] {
  let lo = 1;
  let hi = 10;
  const sum = (r: number) => {
    let s = 0;
    for (let d = 0; d < depth; d++) s += first * r ** d;
    return s;
  };
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (sum(mid) < total) lo = mid;
    else hi = mid;
  }
  const sizes = Array.from({ length: depth }, (_, d) => Math.max(1, Math.round(first * lo ** d)));
  sizes[depth - 1] += total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

export function generateWorld(spec: WorldSpec): World {
  const rng = createRandom(spec.seed);
  const users: User[] = [];
  const memberOf = new Map<number, number[]>();
  const groups = new Map<number, string>([
    [ADMINISTRATORS_GROUP, 'administrators'],
    [USERS_GROUP, 'users'],
  ]);
  const benchGroups = Array.from({ length: spec.groups }, (_, k) => k + 3);
  for (const g of benchGroups) groups.set(g, `${spec.name}-group-${g}`);
  for (let id = 1; id <= spec.users; id++) {
    const systemAdmin = id <= 2;
    users.push({ id, login: `${spec.name}${String(id).padStart(5, '0')}`, active: id % 97 !== 0, systemAdmin });
    const own = rng.sample(benchGroups, rng.pick([1, 1, 2, 2, 3]));
    memberOf.set(
      id,
      [...(systemAdmin ? [ADMINISTRATORS_GROUP] : []), USERS_GROUP, ...own].sort((a, b) => a - b),
    );
  }
  const userIds = users.map((u) => u.id);

  const projects = Array.from({ length: spec.projects }, (_, k) => ({
    id: k + 1,
    key: `${spec.name === 'small' ? 'S' : 'L'}${String(k + 1).padStart(2, '0')}`,
  }));
  const grants: Grant[] = [];
  const roleMembers: RoleMember[] = [];
  const grantKeys = new Set<string>();
  const addGrant = (g: Grant) => {
    const key = `${g.projectId}:${g.permission}:${g.kind}:${g.subjectId}`;
    if (!grantKeys.has(key)) {
      grantKeys.add(key);
      grants.push(g);
    }
  };
  const memberKeys = new Set<string>();
  const addMember = (m: RoleMember) => {
    const key = `${m.projectId}:${m.roleId}:${m.userId ?? 0}:${m.groupId ?? 0}`;
    if (!memberKeys.has(key)) {
      memberKeys.add(key);
      roleMembers.push(m);
    }
  };
  /** Per project: the groups and users an item-security entry would plausibly name. */
  const relevant = new Map<number, { groups: number[]; users: number[] }>();
  for (const { id: projectId } of projects) {
    const [viewerGroup, developerGroup, ...teamGroups] = rng.sample(benchGroups, spec.teamGroups + 2);
    for (const g of teamGroups)
      for (const permission of TEAM) addGrant({ projectId, permission, kind: 'group', subjectId: g });
    addGrant({ projectId, permission: 'BROWSE_PROJECT', kind: 'group', subjectId: viewerGroup });
    addGrant({ projectId, permission: 'ADMINISTER_PROJECT', kind: 'role', subjectId: 1 });
    for (const permission of TEAM) addGrant({ projectId, permission, kind: 'role', subjectId: 2 });
    addGrant({ projectId, permission: 'BROWSE_PROJECT', kind: 'role', subjectId: 3 });
    const people = rng.sample(userIds, 2 + 2 * spec.roleUsers + spec.directUsers);
    people.slice(0, 2).forEach((userId) => addMember({ projectId, roleId: 1, userId }));
    people.slice(2, 2 + spec.roleUsers).forEach((userId) => addMember({ projectId, roleId: 2, userId }));
    addMember({ projectId, roleId: 2, groupId: developerGroup });
    people
      .slice(2 + spec.roleUsers, 2 + 2 * spec.roleUsers)
      .forEach((userId) => addMember({ projectId, roleId: 3, userId }));
    for (const userId of people.slice(2 + 2 * spec.roleUsers)) {
      addGrant({ projectId, permission: 'BROWSE_PROJECT', kind: 'user', subjectId: userId });
      if (rng.chance(0.5)) addGrant({ projectId, permission: 'EDIT_ISSUES', kind: 'user', subjectId: userId });
    }
    relevant.set(projectId, { groups: [viewerGroup, developerGroup, ...teamGroups], users: people });
  }

  const items: Item[] = [undefined as unknown as Item];
  const settings = new Map<number, Setting>();
  const settingsPerProject = Math.floor(spec.settings / spec.projects);
  const entryCounts = spreadEntries(rng, spec.entries, spec.settings);
  let settingsLeft = spec.settings;
  for (const project of projects) {
    const levels: number[][] = [];
    let num = 0;
    levelSizes(spec.itemsPerProject, spec.depth, spec.topLevelItems).forEach((size, d) => {
      const level: number[] = [];
      for (let k = 0; k < size; k++) {
        const id = items.length;
        num += 1;
        items.push({
          id,
          projectId: project.id,
          parentId: d === 0 ? null : rng.pick(levels[d - 1]),
          num,
          key: `${project.key}-${num}`,
          level: d + 1,
          trashed: false,
        });
        level.push(id);
      }
      levels.push(level);
    });
    // A few settings high up (covering large subtrees), the rest anywhere below, nested ones overriding.
    const count = project.id === projects.length ? settingsLeft : settingsPerProject;
    settingsLeft -= count;
    const high = rng.sample(levels[0], Math.max(1, Math.round(count * 0.06)));
    const below = rng.sample(levels.slice(1).flat(), count - high.length);
    for (const itemId of [...high, ...below]) {
      const n = entryCounts[settings.size];
      settings.set(itemId, {
        itemId,
        projectId: project.id,
        entries: makeEntries(rng, n, itemId, relevant.get(project.id)!, benchGroups, userIds),
      });
    }
  }
  const entryTotal = [...settings.values()].reduce((sum, s) => sum + s.entries.length, 0);
  if (entryTotal !== spec.entries || settings.size !== spec.settings)
    throw new Error(`world ${spec.name}: ${settings.size} settings, ${entryTotal} entries`);

  // A few leaves go to the trash: lists never show them, and they are not sampled.
  const hasChild = new Set(items.slice(1).map((i) => i.parentId));
  for (const item of rng.sample(
    items.slice(1).filter((i) => !hasChild.has(i.id) && !settings.has(i.id)),
    Math.round(items.length * 0.005),
  ))
    item.trashed = true;

  const governing = new Int32Array(items.length);
  for (const item of items.slice(1)) {
    governing[item.id] = settings.has(item.id) ? item.id : item.parentId === null ? 0 : governing[item.parentId];
  }
  return { spec, users, groups, memberOf, projects, grants, roleMembers, items, settings, governing };
}

/** `total` entries over `settings` settings: about the mean each, at least one, varied at random. */
function spreadEntries(rng: Random, total: number, settings: number): number[] {
  const counts = Array.from(
    { length: settings },
    (_, k) => Math.floor(total / settings) + (k < total % settings ? 1 : 0),
  );
  for (let k = 0; k < settings * 2; k++) {
    const from = rng.int(0, settings - 1);
    if (counts[from] > 1) {
      counts[from] -= 1;
      counts[rng.int(0, settings - 1)] += 1;
    }
  }
  return counts;
}

function makeEntries(
  rng: Random,
  n: number,
  itemId: number,
  relevant: { groups: number[]; users: number[] },
  allGroups: number[],
  allUsers: number[],
): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (let tries = 0; entries.length < n && tries < n * 20; tries++) {
    const roll = rng.next();
    const [kind, subjectId]: [SubjectKind, number] =
      roll < 0.5
        ? ['group', rng.pick(relevant.groups)]
        : roll < 0.8
          ? ['user', rng.pick(relevant.users)]
          : roll < 0.95
            ? ['role', rng.int(1, 3)]
            : rng.chance(0.5)
              ? ['group', rng.pick(allGroups)]
              : ['user', rng.pick(allUsers)];
    if (seen.has(`${kind}:${subjectId}`)) continue;
    seen.add(`${kind}:${subjectId}`);
    entries.push({
      itemId,
      kind,
      subjectId,
      view: rng.chance(0.9) ? 'allow' : 'unset',
      edit: rng.chance(0.45) ? 'allow' : 'unset',
    });
  }
  return entries;
}

/** Which rows hold which permissions, looked up the way the engines see them. */
export interface WorldIndex {
  world: World;
  /** Project permissions held by each user, ADMINISTER_PROJECT implying the others (PRJ-3). Inactive users hold none. */
  permissions: Map<number, Map<number, Set<ProjectPermission>>>;
  /** Project roles each user holds per project, directly or through a group. */
  rolesHeld: Map<number, Map<number, Set<number>>>;
  /** Active users holding BROWSE_PROJECT, per project. */
  browsers: Map<number, number[]>;
}

export function indexWorld(world: World): WorldIndex {
  const rolesHeld = new Map<number, Map<number, Set<number>>>();
  const permissions = new Map<number, Map<number, Set<ProjectPermission>>>();
  const browsers = new Map<number, number[]>(world.projects.map((p) => [p.id, []]));
  for (const user of world.users) {
    const groups = new Set(world.memberOf.get(user.id));
    const roles = new Map<number, Set<number>>();
    for (const m of world.roleMembers) {
      if (m.userId === user.id || (m.groupId !== undefined && groups.has(m.groupId))) {
        if (!roles.has(m.projectId)) roles.set(m.projectId, new Set());
        roles.get(m.projectId)!.add(m.roleId);
      }
    }
    rolesHeld.set(user.id, roles);
    const perms = new Map<number, Set<ProjectPermission>>();
    if (user.active) {
      for (const g of world.grants) {
        const reaches =
          g.kind === 'user'
            ? g.subjectId === user.id
            : g.kind === 'group'
              ? groups.has(g.subjectId)
              : Boolean(roles.get(g.projectId)?.has(g.subjectId));
        if (!reaches) continue;
        if (!perms.has(g.projectId)) perms.set(g.projectId, new Set());
        const set = perms.get(g.projectId)!;
        if (g.permission === 'ADMINISTER_PROJECT') for (const p of [...TEAM, 'ADMINISTER_PROJECT'] as const) set.add(p);
        else set.add(g.permission);
      }
    }
    permissions.set(user.id, perms);
    for (const [projectId, set] of perms) if (set.has('BROWSE_PROJECT')) browsers.get(projectId)!.push(user.id);
  }
  return { world, permissions, rolesHeld, browsers };
}

/** Does the entry name the user: as the user, through a group, or through a project role held in the setting's project. */
export function entryMatches(index: WorldIndex, entry: Entry, userId: number, projectId: number): boolean {
  if (entry.kind === 'user') return entry.subjectId === userId;
  if (entry.kind === 'group') return index.world.memberOf.get(userId)!.includes(entry.subjectId);
  return Boolean(index.rolesHeld.get(userId)!.get(projectId)?.has(entry.subjectId));
}

/** ITEM-3 on one setting for one user, for choosing the restricted user (the engines are judged against each other, not this). */
export function settingAllowsView(index: WorldIndex, setting: Setting, userId: number): boolean {
  const matches = setting.entries.filter((e) => entryMatches(index, e, userId, setting.projectId));
  return matches.some((e) => e.view === 'allow') && !matches.some((e) => e.view === 'deny');
}

export interface RestrictedUser {
  userId: number;
  projects: number[];
  browsableItems: number;
  visibleItems: number;
}

/**
 * Restricted users for the list benchmark: active, not system administrators, browsing at least two
 * projects, matched by some allow entries of those projects' settings and not by others, and seeing
 * between 20% and 80% of those projects' items. `typical` browses the median number of projects among
 * them (visible share nearest one half); `broad` browses the most projects (most items to list).
 */
export function pickRestrictedUsers(index: WorldIndex): { typical: RestrictedUser; broad: RestrictedUser } {
  const { world } = index;
  const itemsByProject = new Map<number, Item[]>();
  for (const item of world.items.slice(1)) {
    if (!item.trashed) {
      if (!itemsByProject.has(item.projectId)) itemsByProject.set(item.projectId, []);
      itemsByProject.get(item.projectId)!.push(item);
    }
  }
  const candidates: RestrictedUser[] = [];
  for (const user of world.users) {
    if (!user.active || user.systemAdmin) continue;
    const projects = [...index.permissions.get(user.id)!]
      .filter(([, set]) => set.has('BROWSE_PROJECT'))
      .map(([p]) => p)
      .sort((a, b) => a - b);
    if (projects.length < 2) continue;
    let allowing = 0;
    let refusing = 0;
    const verdict = new Map<number, boolean>();
    for (const setting of world.settings.values()) {
      if (!projects.includes(setting.projectId)) continue;
      const ok = settingAllowsView(index, setting, user.id);
      verdict.set(setting.itemId, ok);
      if (ok) allowing += 1;
      else refusing += 1;
    }
    if (allowing === 0 || refusing === 0) continue;
    let browsableItems = 0;
    let visibleItems = 0;
    for (const p of projects) {
      for (const item of itemsByProject.get(p)!) {
        browsableItems += 1;
        const gov = world.governing[item.id];
        if (gov === 0 || verdict.get(gov)) visibleItems += 1;
      }
    }
    const share = visibleItems / browsableItems;
    if (share >= 0.2 && share <= 0.8) candidates.push({ userId: user.id, projects, browsableItems, visibleItems });
  }
  if (candidates.length === 0) throw new Error(`world ${world.spec.name}: no user fits the restricted-user profile`);
  const counts = candidates.map((c) => c.projects.length).sort((a, b) => a - b);
  const medianCount = counts[Math.floor(counts.length / 2)];
  const distance = (c: RestrictedUser) => Math.abs(c.visibleItems / c.browsableItems - 0.5);
  const typical = candidates
    .filter((c) => c.projects.length === medianCount)
    .sort((a, b) => distance(a) - distance(b) || a.userId - b.userId)[0];
  const broad = [...candidates].sort(
    (a, b) => b.projects.length - a.projects.length || b.browsableItems - a.browsableItems || a.userId - b.userId,
  )[0];
  return { typical, broad };
}

/**
 * Turns `fraction` of the entries into denials (60% view deny, 40% edit deny), then makes sure at least
 * `forUsers.min` group entries naming a group of each of `forUsers.userIds` deny view, so deny-beats-allow
 * through a group is exercised for those users. Returns the changed entries.
 */
export function applyDenies(world: World, fraction: number, forUsers?: { userIds: number[]; min: number }): Entry[] {
  const rng = createRandom(world.spec.seed + 1000);
  const all = [...world.settings.values()].flatMap((s) => s.entries);
  const changed = new Set<Entry>();
  for (const entry of rng.sample(all, Math.round(all.length * fraction))) {
    if (rng.chance(0.6)) entry.view = 'deny';
    else entry.edit = 'deny';
    changed.add(entry);
  }
  for (const userId of forUsers?.userIds ?? []) {
    const groups = world.memberOf.get(userId)!;
    const viaGroup = all.filter(
      (e) => e.kind === 'group' && groups.includes(e.subjectId) && e.subjectId !== USERS_GROUP,
    );
    const already = viaGroup.filter((e) => e.view === 'deny').length;
    for (const entry of rng.sample(
      viaGroup.filter((e) => e.view !== 'deny'),
      Math.max(0, forUsers!.min - already),
    )) {
      entry.view = 'deny';
      changed.add(entry);
    }
  }
  return [...changed];
}

export interface Check {
  userId: number;
  itemId: number;
  action: 'item.view' | 'item.edit';
}

/**
 * A fixed sample of checks: random live items; three in four asked by a user who browses the item's
 * project (so most checks reach item security), the rest by a user who does not (refused by the base
 * layer) — the same mix in every world, so worlds compare by size alone; 60% view, 40% edit.
 */
export function sampleChecks(index: WorldIndex, n: number, seed: number): Check[] {
  const rng = createRandom(seed);
  const { world } = index;
  const live = world.items.filter((i) => i && !i.trashed);
  const outsiders = new Map(
    world.projects.map((p) => {
      const browsing = new Set(index.browsers.get(p.id));
      return [p.id, world.users.filter((u) => !browsing.has(u.id))];
    }),
  );
  const checks: Check[] = [];
  for (let k = 0; k < n; k++) {
    const item = rng.pick(live);
    const browsers = index.browsers.get(item.projectId)!;
    const others = outsiders.get(item.projectId)!;
    const userId =
      (rng.chance(0.75) || others.length === 0) && browsers.length > 0
        ? rng.pick(browsers)
        : rng.pick(others.length > 0 ? others : world.users).id;
    checks.push({ userId, itemId: item.id, action: rng.chance(0.6) ? 'item.view' : 'item.edit' });
  }
  return checks;
}
