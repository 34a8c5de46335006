// Invariant: the benchmark generator makes the requested counts, trees that reach depth 10, and only work logs whose author holds WORK_ON_ISSUES on the project (PRJ-5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate, type GenerateResult } from '../../bench/generate.js';
import type { DbHandle } from '../../src/db/index.js';
import { createRandom } from '../../src/seed/random.js';
import { openPGliteFromTemplate } from '../helpers/template.js';
import {
  inconsistentNumbering,
  treeDepths,
  worklogsOnForeignProject,
  worklogsWithoutWorkPermission,
} from './checks.js';

let handle: DbHandle;
let result: GenerateResult;
const phases = new Set<string>();

before(async () => {
  handle = await openPGliteFromTemplate();
  result = await generate(
    handle.db,
    { users: 40, projects: 3, itemsPerProject: 300, worklogs: 6000, seed: 7, today: '2025-03-14', chunkSize: 2500 },
    (p) => phases.add(p.phase),
  );
});
after(() => handle.close());

async function count(table: 'users' | 'projects' | 'work_items' | 'worklogs'): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test('generate() stores exactly the requested counts and reports them', async () => {
  assert.equal(await count('users'), 40);
  assert.equal(await count('projects'), 3);
  assert.equal(await count('work_items'), 900);
  assert.equal(await count('worklogs'), 6000);
  assert.deepEqual(
    {
      users: result.users,
      projects: result.projects,
      items: result.items,
      worklogs: result.worklogs,
      maxDepth: result.maxDepth,
    },
    { users: 40, projects: 3, items: 900, worklogs: 6000, maxDepth: 10 },
  );
  assert.deepEqual([...phases].sort(), ['analyze', 'items', 'setup', 'worklogs']);
});

test('PRJ-2: every project tree reaches depth 10 and no deeper; keys and next_item_num agree', async () => {
  assert.deepEqual(Object.values(await treeDepths(handle.db)), [10, 10, 10]);
  assert.deepEqual(await inconsistentNumbering(handle.db), []);
});

test('PRJ-5: every generated work log is authored by a WORK_ON_ISSUES holder on the item’s project', async () => {
  assert.equal(await worklogsWithoutWorkPermission(handle.db), 0);
  assert.equal(await worklogsOnForeignProject(handle.db), 0);
});

test('ID-2: every generated user is in group users', async () => {
  const inUsers = await handle.db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .where('groups.name', '=', 'users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(inUsers.n), 40);
});

test('the seeded PRNG repeats its sequence for a seed and differs between seeds', () => {
  const draw = (seed: number) => {
    const r = createRandom(seed);
    return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
  };
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
});
