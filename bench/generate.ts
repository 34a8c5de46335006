import { sql } from 'kysely';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDb, type Database } from '../src/db/index.js';
import type { ProjectPermission } from '../src/db/types.js';
import { hashPassword } from '../src/modules/auth/secrets.js';
import { insertColumns, reserveIds, type Columns } from '../src/seed/bulk.js';
import { createRandom, recentWeekdays, todayUtc, type Random } from '../src/seed/random.js';
import { titleAtDepth, WORKLOG_DESCRIPTION_POOL } from '../src/seed/titles.js';

/**
 * Benchmark world generator: users, per-project teams (groups), project roles and direct grants, deep
 * work-item trees and many work logs, each authored by someone holding WORK_ON_ISSUES on its project.
 * Rows go in column-wise (`insert … select * from unnest(…)`) in chunks, so a million work logs is a few
 * dozen statements; on PostgreSQL two chunks are in flight at once (one being built while one is stored).
 */

export interface GenerateOptions {
  users: number;
  projects: number;
  itemsPerProject: number;
  /** Deepest level of the work-item trees (top-level items are depth 1); every project reaches it. */
  maxDepth?: number;
  worklogs: number;
  seed?: number;
  /** Work logs fall on weekdays of the `weeks` weeks up to `today`. */
  today?: string;
  weeks?: number;
  chunkSize?: number;
  /** Work-log chunks stored at once (each in its own transaction and connection). */
  concurrency?: number;
  teamChecks?: 'inherit' | 'disabled';
  /** Logins are `<prefix>00001…`, project keys `<PREFIX>1…`, so a second run into one database does not clash. */
  prefix?: string;
}

export interface GenerateProgress {
  phase: 'setup' | 'items' | 'worklogs' | 'analyze';
  done: number;
  total: number;
}

export interface GenerateResult {
  users: number;
  groups: number;
  projects: number;
  grants: number;
  items: number;
  maxDepth: number;
  worklogs: number;
  seconds: number;
  phaseSeconds: Record<string, number>;
}

const WORKER: ProjectPermission[] = ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'];
const ALL: ProjectPermission[] = [...WORKER, 'ADMINISTER_PROJECT'];
/** Work-log lengths in quarter hours: mostly short, some full days (15 min – 8 h). */
const QUARTERS = [1, 1, 2, 2, 2, 3, 4, 4, 4, 6, 6, 8, 8, 10, 12, 16, 20, 24, 32];
export const BENCH_PASSWORD = 'timeward-bench';

interface World {
  userIds: number[];
  projectIds: number[];
  projectKeys: string[];
  /** Per project: users holding WORK_ON_ISSUES there (through the team group, a project role or directly). */
  workers: number[][];
  groups: number;
  grants: number;
}

export async function generate(
  db: Database,
  options: GenerateOptions,
  onProgress: (progress: GenerateProgress) => void = () => {},
): Promise<GenerateResult> {
  const started = performance.now();
  const phaseSeconds: Record<string, number> = {};
  const lap = (phase: string, since: number) => {
    phaseSeconds[phase] = round((performance.now() - since) / 1000);
    return performance.now();
  };
  const random = createRandom(options.seed ?? 1);
  const maxDepth = options.maxDepth ?? 10;
  const chunkSize = options.chunkSize ?? 50_000;
  if (options.users < 1 || options.projects < 1) throw new Error('generate needs at least one user and one project');

  let t = performance.now();
  onProgress({ phase: 'setup', done: 0, total: 1 });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const world = await db.transaction().execute((trx) => createPeopleAndProjects(trx, random, options, passwordHash));
  onProgress({ phase: 'setup', done: 1, total: 1 });
  t = lap('setup', t);

  const itemIds = await createItems(db, random, world, { ...options, maxDepth, chunkSize }, onProgress);
  t = lap('items', t);

  await createWorklogs(db, random, world, itemIds, { ...options, chunkSize }, onProgress);
  t = lap('worklogs', t);

  onProgress({ phase: 'analyze', done: 0, total: 1 });
  for (const table of [
    'users',
    'group_members',
    'project_permission_grants',
    'project_role_members',
    'work_items',
    'worklogs',
  ]) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  onProgress({ phase: 'analyze', done: 1, total: 1 });
  lap('analyze', t);

  return {
    users: options.users,
    groups: world.groups,
    projects: options.projects,
    grants: world.grants,
    items: itemIds.reduce((sum, ids) => sum + ids.length, 0),
    maxDepth: itemIds.length > 0 ? itemIds.maxDepth : 0,
    worklogs: options.worklogs,
    seconds: round((performance.now() - started) / 1000),
    phaseSeconds,
  };
}

async function createPeopleAndProjects(
  trx: Database,
  random: Random,
  options: GenerateOptions,
  passwordHash: string,
): Promise<World> {
  const prefix = options.prefix ?? 'bench';
  const userIds = await reserveIds(trx, 'users', options.users);
  const logins = userIds.map((_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
  await insertColumns(
    trx,
    'users',
    {
      id: { type: 'int', values: userIds },
      login: { type: 'text', values: logins },
      display_name: { type: 'text', values: logins.map((login) => `Bench user ${login.slice(prefix.length)}`) },
      email: { type: 'text', values: logins.map((login) => `${login}@bench.example`) },
      password_hash: { type: 'text', values: userIds.map(() => passwordHash) },
    },
    { overridingSystemValue: true },
  );

  const projectIds = await reserveIds(trx, 'projects', options.projects);
  const projectKeys = projectIds.map((_, i) => `${prefix.toUpperCase()}${i + 1}`);
  await insertColumns(
    trx,
    'projects',
    {
      id: { type: 'int', values: projectIds },
      key: { type: 'text', values: projectKeys },
      name: { type: 'text', values: projectKeys.map((key) => `Benchmark project ${key}`) },
      team_checks: { type: 'text', values: projectIds.map(() => options.teamChecks ?? 'inherit') },
    },
    { overridingSystemValue: true },
  );

  // One team group per project; every user is in group `users` (ID-2) and in one to three teams.
  const groupIds = await reserveIds(trx, 'groups', options.projects);
  await insertColumns(
    trx,
    'groups',
    {
      id: { type: 'int', values: groupIds },
      name: { type: 'text', values: projectKeys.map((key) => `${key} team`) },
    },
    { overridingSystemValue: true },
  );
  const usersGroup = await trx.selectFrom('groups').select('id').where('name', '=', 'users').executeTakeFirstOrThrow();
  const members: Array<[number, number]> = userIds.map((userId) => [usersGroup.id, userId]);
  const workers: Set<number>[] = projectIds.map(() => new Set());
  const projectIndexes = projectIds.map((_, i) => i);
  for (const userId of userIds) {
    for (const p of random.sample(projectIndexes, random.int(1, Math.min(3, options.projects)))) {
      members.push([groupIds[p], userId]);
      workers[p].add(userId);
    }
  }
  await insertColumns(trx, 'group_members', {
    group_id: { type: 'int', values: members.map((m) => m[0]) },
    user_id: { type: 'int', values: members.map((m) => m[1]) },
  });

  // Grants reach users three ways: the team group directly, project roles, and direct user grants.
  const roles = await trx.selectFrom('project_roles').select(['id', 'name']).execute();
  const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
  const grants: Array<{
    project: number;
    permission: ProjectPermission;
    user: number | null;
    group: number | null;
    role: number | null;
  }> = [];
  const roleMembers: Array<{ project: number; role: number; user: number }> = [];
  projectIds.forEach((projectId, p) => {
    const grant = (permissions: ProjectPermission[], to: { user?: number; group?: number; role?: number }) =>
      permissions.forEach((permission) =>
        grants.push({
          project: projectId,
          permission,
          user: to.user ?? null,
          group: to.group ?? null,
          role: to.role ?? null,
        }),
      );
    grant(WORKER, { group: groupIds[p] });
    grant(ALL, { role: roleId('Administrators') });
    grant(WORKER, { role: roleId('Developers') });
    grant(['BROWSE_PROJECT'], { role: roleId('Viewers') });
    const [admin, developer, ...direct] = random.sample(userIds, 4);
    roleMembers.push({ project: projectId, role: roleId('Administrators'), user: admin });
    if (developer !== undefined) roleMembers.push({ project: projectId, role: roleId('Developers'), user: developer });
    for (const userId of direct) grant(WORKER, { user: userId });
    for (const userId of [admin, developer, ...direct]) if (userId !== undefined) workers[p].add(userId);
  });
  await insertColumns(trx, 'project_permission_grants', {
    project_id: { type: 'int', values: grants.map((g) => g.project) },
    permission: { type: 'text', values: grants.map((g) => g.permission) },
    user_id: { type: 'int', values: grants.map((g) => g.user) },
    group_id: { type: 'int', values: grants.map((g) => g.group) },
    role_id: { type: 'int', values: grants.map((g) => g.role) },
  });
  await insertColumns(trx, 'project_role_members', {
    project_id: { type: 'int', values: roleMembers.map((m) => m.project) },
    role_id: { type: 'int', values: roleMembers.map((m) => m.role) },
    user_id: { type: 'int', values: roleMembers.map((m) => m.user) },
  });

  return {
    userIds,
    projectIds,
    projectKeys,
    workers: workers.map((set) => [...set]),
    groups: groupIds.length,
    grants: grants.length,
  };
}

type ItemIds = Int32Array[] & { maxDepth: number };

/**
 * Each project's first `maxDepth` items form a chain, so every tree reaches `maxDepth`; each later item picks
 * a depth (mostly 2–5, rarely deeper, like a real backlog) and a random parent one level up. Parents always
 * precede children, so chunks can be inserted in order.
 */
async function createItems(
  db: Database,
  random: Random,
  world: World,
  options: GenerateOptions & { maxDepth: number; chunkSize: number },
  onProgress: (progress: GenerateProgress) => void,
): Promise<ItemIds> {
  const perProject = options.itemsPerProject;
  const total = perProject * world.projectIds.length;
  const result = [] as unknown as ItemIds;
  result.maxDepth = 0;
  const ids = await reserveIds(db, 'work_items', total);
  const depthWeights = cumulativeDepthWeights(options.maxDepth);
  let rows = emptyItemRows();
  let done = 0;
  const flush = async () => {
    if (rows.id.length === 0) return;
    const count = rows.id.length;
    await db
      .transaction()
      .execute((trx) => insertColumns(trx, 'work_items', itemColumns(rows), { overridingSystemValue: true }));
    done += count;
    onProgress({ phase: 'items', done, total });
    rows = emptyItemRows();
  };
  onProgress({ phase: 'items', done: 0, total });
  world.projectIds.forEach((projectId, p) => {
    const projectItemIds = Int32Array.from(ids.slice(p * perProject, (p + 1) * perProject));
    result.push(projectItemIds);
  });
  for (let p = 0; p < world.projectIds.length; p++) {
    const projectItemIds = result[p];
    const depth = new Int32Array(perProject);
    const ordinals = new Int32Array(options.maxDepth + 1);
    const atDepth: number[][] = Array.from({ length: options.maxDepth + 1 }, () => []);
    const creators = world.workers[p];
    for (let i = 0; i < perProject; i++) {
      const parentIndex = i < options.maxDepth ? i - 1 : pickParent(random, atDepth, depthWeights);
      depth[i] = parentIndex < 0 ? 1 : depth[parentIndex] + 1;
      atDepth[depth[i]].push(i);
      if (depth[i] > result.maxDepth) result.maxDepth = depth[i];
      ordinals[depth[i]] += 1;
      rows.id.push(projectItemIds[i]);
      rows.project.push(world.projectIds[p]);
      rows.parent.push(parentIndex < 0 ? null : projectItemIds[parentIndex]);
      rows.num.push(i + 1);
      rows.key.push(`${world.projectKeys[p]}-${i + 1}`);
      rows.title.push(titleAtDepth(random, depth[i], ordinals[depth[i]]));
      rows.status.push(random.chance(0.4) ? 'done' : random.chance(0.3) ? 'in_progress' : 'open');
      rows.createdBy.push(random.pick(creators));
      if (rows.id.length >= options.chunkSize) await flush();
    }
  }
  await flush();
  await db.transaction().execute(async (trx) => {
    for (const projectId of world.projectIds) {
      await trx
        .updateTable('projects')
        .set({ next_item_num: perProject + 1 })
        .where('id', '=', projectId)
        .execute();
    }
  });
  return result;
}

/** Cumulative weights of depths 1…maxDepth: few top-level items, most at 3–4, a thin tail to the deepest level. */
function cumulativeDepthWeights(maxDepth: number): number[] {
  const weights = Array.from({ length: maxDepth }, (_, i) => {
    const depth = i + 1;
    return [0.03, 0.12, 0.25, 0.25][depth - 1] ?? 0.15 * 0.6 ** (depth - 5);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return weights.map((w) => (running += w / sum));
}

/** Index of a random parent for an item at a randomly chosen depth (-1: a top-level item). */
function pickParent(random: Random, atDepth: number[][], cumulative: number[]): number {
  const roll = random.next();
  let depth = cumulative.findIndex((c) => roll < c) + 1 || cumulative.length;
  if (depth === 1) return -1;
  while (atDepth[depth - 1].length === 0) depth -= 1;
  const candidates = atDepth[depth - 1];
  return candidates[random.int(0, candidates.length - 1)];
}

function emptyItemRows() {
  return {
    id: [] as number[],
    project: [] as number[],
    parent: [] as Array<number | null>,
    num: [] as number[],
    key: [] as string[],
    title: [] as string[],
    status: [] as string[],
    createdBy: [] as number[],
  };
}

function itemColumns(rows: ReturnType<typeof emptyItemRows>): Columns {
  return {
    id: { type: 'int', values: rows.id },
    project_id: { type: 'int', values: rows.project },
    parent_id: { type: 'int', values: rows.parent },
    num: { type: 'int', values: rows.num },
    key: { type: 'text', values: rows.key },
    title: { type: 'text', values: rows.title },
    status: { type: 'text', values: rows.status },
    created_by: { type: 'int', values: rows.createdBy },
  };
}

async function createWorklogs(
  db: Database,
  random: Random,
  world: World,
  itemIds: ItemIds,
  options: GenerateOptions & { chunkSize: number },
  onProgress: (progress: GenerateProgress) => void,
): Promise<void> {
  const total = options.worklogs;
  const days = recentWeekdays(options.today ?? todayUtc(), options.weeks ?? 52);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const withItems = world.projectIds.map((_, p) => p).filter((p) => itemIds[p].length > 0);
  if (total > 0 && withItems.length === 0) throw new Error('work logs need work items');
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  onProgress({ phase: 'worklogs', done: 0, total });
  for (let start = 0; start < total; start += options.chunkSize) {
    const count = Math.min(options.chunkSize, total - start);
    const item = new Array<number>(count);
    const project = new Array<number>(count);
    const author = new Array<number>(count);
    const date = new Array<string>(count);
    const seconds = new Array<number>(count);
    const description = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const p = withItems[random.int(0, withItems.length - 1)];
      const items = itemIds[p];
      item[i] = items[random.int(0, items.length - 1)];
      project[i] = world.projectIds[p];
      author[i] = random.pick(world.workers[p]);
      date[i] = random.pick(days);
      seconds[i] = random.pick(QUARTERS) * 900;
      description[i] = random.pick(WORKLOG_DESCRIPTION_POOL);
    }
    const stored = db
      .transaction()
      .execute((trx) =>
        insertColumns(trx, 'worklogs', {
          item_id: { type: 'int', values: item },
          project_id: { type: 'int', values: project },
          author_id: { type: 'int', values: author },
          created_by: { type: 'int', values: author },
          start_date: { type: 'date', values: date },
          duration_seconds: { type: 'int', values: seconds },
          description: { type: 'text', values: description },
        }),
      )
      .then(() => {
        done += count;
        onProgress({ phase: 'worklogs', done, total });
      });
    inFlight.add(stored);
    stored.then(
      () => inFlight.delete(stored),
      () => inFlight.delete(stored),
    );
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      users: { type: 'string', default: '1000' },
      projects: { type: 'string', default: '20' },
      items: { type: 'string' },
      'items-per-project': { type: 'string' },
      'max-depth': { type: 'string', default: '10' },
      worklogs: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string' },
      chunk: { type: 'string', default: '50000' },
      prefix: { type: 'string' },
      'team-checks': { type: 'string', default: 'inherit' },
    },
  });
  const url = values.url ?? (values['data-dir'] ? undefined : process.env.DATABASE_URL);
  const projects = Number(values.projects);
  const itemsPerProject = values['items-per-project']
    ? Number(values['items-per-project'])
    : Math.ceil(Number(values.items ?? 100_000) / projects);
  const handle = await openDb({ url, dataDir: values['data-dir'], poolSize: 4 });
  const { createProgressBar } = await import('./progress.js');
  const bar = createProgressBar();
  try {
    await migrateToLatest(handle.db);
    const result = await generate(
      handle.db,
      {
        users: Number(values.users),
        projects,
        itemsPerProject,
        maxDepth: Number(values['max-depth']),
        worklogs: Number(values.worklogs),
        seed: Number(values.seed),
        chunkSize: Number(values.chunk),
        concurrency: values.concurrency ? Number(values.concurrency) : handle.kind === 'postgres' ? 2 : 1,
        teamChecks: values['team-checks'] === 'disabled' ? 'disabled' : 'inherit',
        prefix: values.prefix,
      },
      (p) => bar.update(p.phase, p.done, p.total),
    );
    process.stdout.write(`${JSON.stringify({ database: handle.kind, ...result })}\n`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
