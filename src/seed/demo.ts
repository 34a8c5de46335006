import type { Database } from '../db/index.js';
import { recomputeGoverning } from '../modules/security/repo.js';
import { insertDefaultRoles } from '../modules/teams/repo.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { insertColumns, reserveIds } from './bulk.js';
import {
  CLIENTS,
  DEMO_PASSWORD,
  GRANTS,
  NEW_GROUPS,
  PEOPLE,
  PROJECTS,
  ROLE_MEMBERS,
  TEAMS,
  groupsOf,
  mayLogWork,
  permissionsOf,
  teamOf,
  type DemoProject,
} from './demo-world.js';
import { createRandom, recentWeekdays, todayUtc, type Random } from './random.js';
import { commentBody, storyTitle, subtaskTitle, taskTitle, worklogDescription } from './titles.js';

export interface DemoUser {
  login: string;
  password: string;
  description: string;
}
export interface SeedDemoOptions {
  /** 'YYYY-MM-DD' the work logs end on (default: today, UTC); fixed in tests for exact reproducibility. */
  today?: string;
  seed?: number;
}

interface Item {
  id: number;
  projectId: number;
  parentId: number | null;
  num: number;
  key: string;
  title: string;
  depth: number;
  status: 'open' | 'in_progress' | 'done';
  createdBy: number;
  createdAt: string;
}

const WEEKS = 8;

/**
 * Fills an empty installation with a believable demo: one user per role, three projects, a work-item tree,
 * eight weeks of work logs and some comments, all in one transaction. Called on first start only, when
 * the users table is empty. Deterministic for a given seed and `today`.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<{ users: DemoUser[] }> {
  const random = createRandom(options.seed ?? 20240601);
  const today = options.today ?? todayUtc();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const userIds = await insertPeople(trx, passwordHash);
    const groupIds = await insertGroups(trx, userIds);
    await insertAppRoles(trx, userIds);
    const projectIds = await insertProjects(trx);
    await insertAccess(trx, { userIds, groupIds, projectIds });

    const items = buildItems(random, projectIds, userIds, today);
    const ids = await reserveIds(trx, 'work_items', items.length);
    items.forEach((item, i) => {
      item.id = ids[i];
    });
    for (const item of items) item.parentId = item.parentId === null ? null : items[item.parentId].id;
    await insertItems(trx, items);
    for (const project of PROJECTS) {
      const last = Math.max(...items.filter((i) => i.projectId === projectIds.get(project.key)).map((i) => i.num));
      await trx
        .updateTable('projects')
        .set({ next_item_num: last + 1 })
        .where('id', '=', projectIds.get(project.key)!)
        .execute();
    }

    const teams = await insertTeams(trx, { userIds, projectIds, today });
    const worklogs = await insertWorklogs(trx, random, { items, userIds, projectIds, today, teams });
    const comments = await insertComments(trx, random, { items, userIds, projectIds, today });
    await insertSecurity(trx, { items, userIds, groupIds, projectIds });
    await trx
      .insertInto('audit_log')
      .values({
        action: 'seed.demo',
        entity_type: 'system',
        entity_id: 'demo',
        actor_id: null,
        before: null,
        after: JSON.stringify({
          users: PEOPLE.length,
          projects: PROJECTS.length,
          items: items.length,
          worklogs,
          comments,
        }),
      })
      .execute();
  });

  return { users: PEOPLE.map((p) => ({ login: p.login, password: DEMO_PASSWORD, description: p.description })) };
}

type Trx = Database;

/**
 * The permission features at work: the client group does not see time tracking on the item screen
 * (ictime's use case, DENY-1), and one ACME item and its subtree are for developers and project
 * administrators only, with bob denied — deny beats allow (ITEM-3).
 */
async function insertSecurity(
  trx: Trx,
  ids: { items: Item[]; userIds: Map<string, number>; groupIds: Map<string, number>; projectIds: Map<string, number> },
) {
  const clients = ids.groupIds.get('clients');
  if (clients)
    await trx
      .insertInto('deny_grants')
      .values([
        { permission: 'ISSUE_TIME_TABS', group_id: clients },
        { permission: 'ISSUE_TIME_PANELS', group_id: clients },
      ])
      .execute();
  const acme = ids.projectIds.get('ACME');
  const secured = ids.items.find(
    (i) => i.projectId === acme && i.parentId === null && ids.items.some((c) => c.parentId === i.id),
  );
  const developers = ids.groupIds.get('developers');
  const admins = await trx
    .selectFrom('project_roles')
    .select('id')
    .where('name', '=', 'Administrators')
    .executeTakeFirst();
  if (!secured || !developers || !admins || !acme) return;
  await trx.insertInto('item_security').values({ item_id: secured.id, project_id: acme }).execute();
  await trx
    .insertInto('item_security_entries')
    .values([
      { item_id: secured.id, subject_kind: 'group', subject_id: developers, view: 'allow', edit: 'allow' },
      { item_id: secured.id, subject_kind: 'role', subject_id: admins.id, view: 'allow', edit: 'allow' },
      { item_id: secured.id, subject_kind: 'user', subject_id: ids.userIds.get('bob')!, view: 'deny', edit: 'deny' },
    ])
    .execute();
  await recomputeGoverning(trx, secured.id);
}

async function insertPeople(trx: Trx, passwordHash: string): Promise<Map<string, number>> {
  const rows = await trx
    .insertInto('users')
    .values(
      PEOPLE.map((p) => ({
        login: p.login,
        display_name: p.name,
        email: `${p.login}@example.com`,
        password_hash: passwordHash,
        system_admin: p.systemAdmin ?? false,
      })),
    )
    .returning(['id', 'login'])
    .execute();
  return new Map(rows.map((r) => [r.login, r.id]));
}

async function insertGroups(trx: Trx, userIds: Map<string, number>): Promise<Map<string, number>> {
  await trx
    .insertInto('groups')
    .values(NEW_GROUPS.map((name) => ({ name })))
    .execute();
  const groups = await trx.selectFrom('groups').select(['id', 'name']).execute();
  const groupIds = new Map(groups.map((g) => [g.name, g.id]));
  const members = PEOPLE.flatMap((p) =>
    groupsOf(p).map((g) => ({ group_id: groupIds.get(g)!, user_id: userIds.get(p.login)! })),
  );
  await trx.insertInto('group_members').values(members).execute();
  return groupIds;
}

async function insertAppRoles(trx: Trx, userIds: Map<string, number>): Promise<void> {
  const grants = PEOPLE.filter((p) => p.appRole).map((p) => ({
    role: p.appRole!,
    user_id: userIds.get(p.login)!,
    group_id: null,
  }));
  await trx.insertInto('app_role_grants').values(grants).execute();
}

async function insertProjects(trx: Trx): Promise<Map<string, number>> {
  const clients = await trx.insertInto('clients').values(CLIENTS).returning(['id', 'name']).execute();
  const clientIds = new Map(clients.map((c) => [c.name, c.id]));
  const projects = await trx
    .insertInto('projects')
    .values(
      PROJECTS.map((p) => ({
        key: p.key,
        name: p.name,
        client_id: p.client ? clientIds.get(p.client)! : null,
      })),
    )
    .returning(['id', 'key'])
    .execute();
  return new Map(projects.map((p) => [p.key, p.id]));
}

async function insertAccess(
  trx: Trx,
  ids: { userIds: Map<string, number>; groupIds: Map<string, number>; projectIds: Map<string, number> },
) {
  const roles = await trx.selectFrom('project_roles').select(['id', 'name']).execute();
  const roleIds = new Map(roles.map((r) => [r.name, r.id]));
  const subject = (s: { user: string } | { group: string }) => ({
    user_id: 'user' in s ? ids.userIds.get(s.user)! : null,
    group_id: 'group' in s ? ids.groupIds.get(s.group)! : null,
  });
  await trx
    .insertInto('project_role_members')
    .values(
      ROLE_MEMBERS.map((m) => ({
        project_id: ids.projectIds.get(m.project)!,
        role_id: roleIds.get(m.role)!,
        ...subject(m.member),
      })),
    )
    .execute();
  await trx
    .insertInto('project_permission_grants')
    .values(
      GRANTS.flatMap((g) =>
        g.permissions.map((permission) => ({
          project_id: ids.projectIds.get(g.project)!,
          permission,
          ...('role' in g.to
            ? { user_id: null, group_id: null, role_id: roleIds.get(g.to.role)! }
            : { ...subject(g.to), role_id: null }),
        })),
      ),
    )
    .execute();
}

/** Epics → stories → tasks → subtasks (depth 1–4). Parent ids are indexes into the array until ids are reserved. */
function buildItems(
  random: Random,
  projectIds: Map<string, number>,
  userIds: Map<string, number>,
  today: string,
): Item[] {
  const items: Item[] = [];
  const start = Date.parse(`${today}T09:00:00Z`) - 80 * 86_400_000; // the whole backlog predates the eight weeks of work logs
  for (const project of PROJECTS) {
    const projectId = projectIds.get(project.key)!;
    const editors = PEOPLE.filter((p) => permissionsOf(p, project.key).has('EDIT_ISSUES')).map((p) =>
      userIds.get(p.login)!,
    );
    let num = 0;
    const add = (parentIndex: number | null, title: string, depth: number) => {
      num += 1;
      const status = random.chance(0.3) ? 'done' : random.chance(0.35) ? 'in_progress' : 'open';
      const createdAt = new Date(start + items.length * 3_600_000 + random.int(0, 3_599) * 1000).toISOString();
      items.push({
        id: 0,
        projectId,
        parentId: parentIndex,
        num,
        key: `${project.key}-${num}`,
        title,
        depth,
        status,
        createdBy: random.pick(editors),
        createdAt,
      });
      return items.length - 1;
    };
    const [storiesMin, storiesMax] = project.key === 'INT' ? [2, 4] : [3, 6];
    for (const epic of project.epics) {
      const epicIndex = add(null, epic, 1);
      for (let s = random.int(storiesMin, storiesMax); s > 0; s--) {
        const storyIndex = add(epicIndex, storyTitle(random), 2);
        for (let t = random.int(1, 5); t > 0; t--) {
          const taskIndex = add(storyIndex, taskTitle(random), 3);
          if (random.chance(0.35)) for (let u = random.int(1, 3); u > 0; u--) add(taskIndex, subtaskTitle(random), 4);
        }
      }
    }
  }
  return items;
}

async function insertItems(trx: Trx, items: Item[]): Promise<void> {
  await insertColumns(
    trx,
    'work_items',
    {
      id: { type: 'int', values: items.map((i) => i.id) },
      project_id: { type: 'int', values: items.map((i) => i.projectId) },
      parent_id: { type: 'int', values: items.map((i) => i.parentId) },
      num: { type: 'int', values: items.map((i) => i.num) },
      key: { type: 'text', values: items.map((i) => i.key) },
      title: { type: 'text', values: items.map((i) => i.title) },
      status: { type: 'text', values: items.map((i) => i.status) },
      created_by: { type: 'int', values: items.map((i) => i.createdBy) },
      created_at: { type: 'timestamptz', values: items.map((i) => i.createdAt) },
      updated_at: { type: 'timestamptz', values: items.map((i) => i.createdAt) },
    },
    { overridingSystemValue: true },
  );
}

interface TeamIds {
  id: number;
  priceLists: Array<{ id: number; from: string; to: string | null; rate: string }>;
}
interface WorldIds {
  items: Item[];
  userIds: Map<string, number>;
  projectIds: Map<string, number>;
  today: string;
  teams?: Map<string, TeamIds>;
}

const dayOffset = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Teams with their default roles, members and price lists (TEAM-1, TEAM-3, PRICE-1). */
async function insertTeams(
  trx: Trx,
  ids: { userIds: Map<string, number>; projectIds: Map<string, number>; today: string },
): Promise<Map<string, TeamIds>> {
  const out = new Map<string, TeamIds>();
  for (const team of TEAMS) {
    const lead = ids.userIds.get(team.lead)!;
    const row = await trx
      .insertInto('teams')
      .values({
        name: team.name,
        description: team.description,
        project_id: team.project ? ids.projectIds.get(team.project)! : null,
        created_by: lead,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const project of team.assignedTo)
      await trx
        .insertInto('team_projects')
        .values({ team_id: row.id, project_id: ids.projectIds.get(project)!, assigned_by: lead })
        .execute();
    const roles = await insertDefaultRoles(trx, row.id);
    for (const login of [team.lead, ...team.members]) {
      const membership = await trx
        .insertInto('team_memberships')
        .values({
          team_id: row.id,
          user_id: ids.userIds.get(login)!,
          joined_at: `${dayOffset(ids.today, -365)}T09:00:00Z`,
          joined_by: lead,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const kind = login === team.lead ? 'lead' : 'member';
      await trx
        .insertInto('team_membership_roles')
        .values({ membership_id: membership.id, role_id: roles[kind] })
        .execute();
    }
    const priceLists = [];
    for (const pl of team.priceLists) {
      const from = dayOffset(ids.today, pl.fromDay);
      const to = pl.toDay === null ? null : dayOffset(ids.today, pl.toDay);
      const created = await trx
        .insertInto('price_lists')
        .values({
          team_id: row.id,
          name: pl.name,
          currency: 'EUR',
          hourly_rate: pl.rate,
          valid_from: from,
          valid_to: to,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      priceLists.push({ id: created.id, from, to, rate: pl.rate });
    }
    out.set(team.name, { id: row.id, priceLists });
  }
  for (const project of PROJECTS.filter((p) => p.teamChecks)) {
    await trx
      .updateTable('projects')
      .set({ team_checks: project.teamChecks! })
      .where('id', '=', ids.projectIds.get(project.key)!)
      .execute();
  }
  return out;
}

/** Each worker logs a 6–8 h day on most weekdays, split into 2–6 entries on projects where they hold WORK_ON_ISSUES. */
async function insertWorklogs(trx: Trx, random: Random, world: WorldIds): Promise<number> {
  const cols = {
    item: [] as number[],
    project: [] as number[],
    author: [] as number[],
    date: [] as string[],
    time: [] as string[],
    seconds: [] as number[],
    description: [] as string[],
    createdAt: [] as string[],
    team: [] as Array<number | null>,
    priceList: [] as Array<number | null>,
    rate: [] as Array<string | null>,
  };
  const itemsByProject = groupItems(world.items);
  for (const person of PEOPLE) {
    const projects = PROJECTS.filter((p) => mayLogWork(person, p));
    if (projects.length === 0) continue;
    const authorId = world.userIds.get(person.login)!;
    for (const date of recentWeekdays(world.today, WEEKS)) {
      if (random.chance(0.1)) continue; // leave, sickness, a day off
      let minutes = 9 * 60;
      for (const quarters of splitDay(random, random.int(24, 32), random.int(2, 6))) {
        const project = pickWeighted(random, projects);
        const projectId = world.projectIds.get(project.key)!;
        cols.item.push(random.pick(itemsByProject.get(projectId)!).id);
        cols.project.push(projectId);
        cols.author.push(authorId);
        cols.date.push(date);
        cols.time.push(
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`,
        );
        cols.seconds.push(quarters * 900);
        cols.description.push(worklogDescription(random));
        cols.createdAt.push(`${date}T17:${String(random.int(0, 59)).padStart(2, '0')}:00Z`);
        // The snapshot the API would record (PRICE-4): the person's team on the project and its price list on that date.
        const team = teamOf(person, project.key);
        const ids = team && world.teams?.get(team.name);
        const priceList = ids?.priceLists.find((pl) => pl.from <= date && (pl.to === null || pl.to >= date));
        cols.team.push(ids ? ids.id : null);
        cols.priceList.push(priceList?.id ?? null);
        cols.rate.push(priceList?.rate ?? null);
        minutes += quarters * 15;
      }
    }
  }
  await insertColumns(trx, 'worklogs', {
    item_id: { type: 'int', values: cols.item },
    project_id: { type: 'int', values: cols.project },
    author_id: { type: 'int', values: cols.author },
    created_by: { type: 'int', values: cols.author },
    start_date: { type: 'date', values: cols.date },
    start_time: { type: 'time', values: cols.time },
    duration_seconds: { type: 'int', values: cols.seconds },
    description: { type: 'text', values: cols.description },
    created_at: { type: 'timestamptz', values: cols.createdAt },
    updated_at: { type: 'timestamptz', values: cols.createdAt },
    team_id: { type: 'int', values: cols.team },
    price_list_id: { type: 'int', values: cols.priceList },
    rate: { type: 'numeric', values: cols.rate },
  });
  return cols.item.length;
}

async function insertComments(trx: Trx, random: Random, world: WorldIds): Promise<number> {
  const days = recentWeekdays(world.today, WEEKS);
  const readers = new Map(
    PROJECTS.map((p) => [
      world.projectIds.get(p.key)!,
      PEOPLE.filter((u) => permissionsOf(u, p.key).has('BROWSE_PROJECT')),
    ]),
  );
  const picked = random.sample(world.items, 180);
  const rows = picked.flatMap((item) =>
    Array.from({ length: random.int(1, 3) }, () => ({
      item_id: item.id,
      author_id: world.userIds.get(random.pick(readers.get(item.projectId)!).login)!,
      body: commentBody(random),
      created_at: `${random.pick(days)}T${String(random.int(8, 17)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`,
    })),
  );
  rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
  // Column-wise insert: Generated<Timestamp> in db/types.ts does not accept an explicit created_at.
  await insertColumns(trx, 'item_comments', {
    item_id: { type: 'int', values: rows.map((r) => r.item_id) },
    author_id: { type: 'int', values: rows.map((r) => r.author_id) },
    body: { type: 'text', values: rows.map((r) => r.body) },
    created_at: { type: 'timestamptz', values: rows.map((r) => r.created_at) },
  });
  return rows.length;
}

function groupItems(items: Item[]): Map<number, Item[]> {
  const byProject = new Map<number, Item[]>();
  for (const item of items) {
    const list = byProject.get(item.projectId);
    if (list) list.push(item);
    else byProject.set(item.projectId, [item]);
  }
  return byProject;
}

/** Splits `total` quarter hours into `parts` positive pieces (a piece is at most `total - parts + 1`). */
function splitDay(random: Random, total: number, parts: number): number[] {
  const cuts = random
    .sample(
      Array.from({ length: total - 1 }, (_, i) => i + 1),
      parts - 1,
    )
    .sort((a, b) => a - b);
  return [...cuts, total].map((cut, i) => cut - (i === 0 ? 0 : cuts[i - 1]));
}

function pickWeighted(random: Random, projects: DemoProject[]): DemoProject {
  let roll = random.next() * projects.reduce((sum, p) => sum + p.weight, 0);
  for (const project of projects) {
    roll -= project.weight;
    if (roll < 0) return project;
  }
  return projects[projects.length - 1];
}
