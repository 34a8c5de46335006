// Invariant: the demo seed is a consistent world — one user per role, every work log authored by someone with WORK_ON_ISSUES on its project (PRJ-5), item keys and next_item_num agree, every user is in group `users` (ID-2).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import type { DbHandle } from '../../src/db/index.js';
import { APP_ROLES } from '../../src/db/types.js';
import { verifyPassword } from '../../src/modules/auth/secrets.js';
import { seedDemo, type DemoUser } from '../../src/seed/demo.js';
import { recentWeekdays } from '../../src/seed/random.js';
import { openPGliteFromTemplate } from '../helpers/template.js';
import {
  inconsistentNumbering,
  permissionsOfLogin,
  treeDepths,
  worklogsOnForeignProject,
  worklogsWithoutWorkPermission,
} from './checks.js';

const TODAY = '2025-03-14';
let handle: DbHandle;
let users: DemoUser[];

before(async () => {
  handle = await openPGliteFromTemplate();
  ({ users } = await seedDemo(handle.db, { today: TODAY }));
});
after(() => handle.close());

test('APP-1: every app role has a demo user holding it directly, plus a system administrator', async () => {
  const grants = await handle.db
    .selectFrom('app_role_grants')
    .innerJoin('users', 'users.id', 'app_role_grants.user_id')
    .select(['role', 'login'])
    .execute();
  for (const role of APP_ROLES)
    assert.ok(
      grants.some((g) => g.role === role),
      `no user holds ${role}`,
    );
  const admins = await handle.db.selectFrom('users').select('login').where('system_admin', '=', true).execute();
  assert.deepEqual(
    admins.map((a) => a.login),
    ['admin'],
  );
});

test('ID-2: every demo user is in group users and the returned logins match the users table', async () => {
  const rows = await handle.db
    .selectFrom('users')
    .leftJoin('group_members', 'group_members.user_id', 'users.id')
    .leftJoin('groups', (join) =>
      join.onRef('groups.id', '=', 'group_members.group_id').on('groups.name', '=', 'users'),
    )
    .select(['login', 'groups.name'])
    .where('groups.name', '=', 'users')
    .execute();
  const all = await handle.db.selectFrom('users').select('login').execute();
  assert.equal(rows.length, all.length);
  assert.deepEqual(users.map((u) => u.login).sort(), all.map((u) => u.login).sort());
});

test('ID-3: the demo password verifies against the stored hash', async () => {
  const alice = await handle.db
    .selectFrom('users')
    .select('password_hash')
    .where('login', '=', 'alice')
    .executeTakeFirstOrThrow();
  assert.ok(users.every((u) => u.password === 'timeward-demo' && u.description.length > 0));
  assert.equal(await verifyPassword(alice.password_hash, 'timeward-demo'), true);
});

test('PRJ-1: three projects, two of them with a client', async () => {
  const projects = await handle.db.selectFrom('projects').select(['key', 'client_id']).orderBy('key').execute();
  assert.deepEqual(
    projects.map((p) => p.key),
    ['ACME', 'BETA', 'INT'],
  );
  assert.equal(projects.filter((p) => p.client_id !== null).length, 2);
});

test('PRJ-2: at least 200 items in trees up to depth 4, keys match numbers and next_item_num is max(num) + 1', async () => {
  const { n } = await handle.db
    .selectFrom('work_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(n) >= 200, `${n} items`);
  assert.deepEqual(await treeDepths(handle.db), { ACME: 4, BETA: 4, INT: 4 });
  assert.deepEqual(await inconsistentNumbering(handle.db), []);
});

test('PRJ-3: grants reach people directly, through groups and through project roles', async () => {
  const kinds = await handle.db
    .selectFrom('project_permission_grants')
    .select((eb) => [
      eb.fn.count<number>('user_id').as('users'),
      eb.fn.count<number>('group_id').as('groups'),
      eb.fn.count<number>('role_id').as('roles'),
    ])
    .executeTakeFirstOrThrow();
  assert.ok(Number(kinds.users) > 0 && Number(kinds.groups) > 0 && Number(kinds.roles) > 0);
  const members = await handle.db.selectFrom('project_role_members').select(['user_id', 'group_id']).execute();
  assert.ok(members.some((m) => m.user_id !== null) && members.some((m) => m.group_id !== null));
});

test('PRJ-4: the client user may only browse ACME and the outsider reaches no project', async () => {
  assert.deepEqual(await permissionsOfLogin(handle.db, 'client'), ['ACME:BROWSE_PROJECT']);
  assert.deepEqual(await permissionsOfLogin(handle.db, 'outsider'), []);
});

test('PRJ-5: at least 2000 work logs, each by someone with WORK_ON_ISSUES on the item’s project', async () => {
  const { n } = await handle.db
    .selectFrom('worklogs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(n) >= 2000, `${n} work logs`);
  assert.equal(await worklogsWithoutWorkPermission(handle.db), 0);
  assert.equal(await worklogsOnForeignProject(handle.db), 0);
});

test('WL-1: work logs fall on weekdays of the last eight weeks, last 15 min–8 h in whole quarter hours', async () => {
  const weekdays = new Set(recentWeekdays(TODAY, 8));
  const logs = await handle.db.selectFrom('worklogs').select(['start_date', 'duration_seconds']).execute();
  for (const log of logs) {
    assert.ok(weekdays.has(log.start_date), `date ${log.start_date}`);
    assert.ok(log.duration_seconds >= 900 && log.duration_seconds <= 28_800 && log.duration_seconds % 900 === 0);
  }
});

test('EXPL-4: the seed leaves one audit row and some item comments', async () => {
  const audit = await handle.db.selectFrom('audit_log').select('action').execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['seed.demo'],
  );
  const { n } = await handle.db
    .selectFrom('item_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(n) > 0);
});

test("PRICE-3, PRICE-4, TEAM-4: on projects with the team check on, every seeded work log records its author's team and the price list valid on its date, at that rate", async () => {
  const { rows } = await sql<{ checked: number; wrong: number; teams: number; lists: number }>`
    select count(*)::int as checked,
      count(*) filter (where w.team_id is null or pl.id is null or pl.team_id <> w.team_id or w.rate <> pl.hourly_rate
        or w.start_date < pl.valid_from or w.start_date > coalesce(pl.valid_to, w.start_date)
        or not exists (select 1 from team_memberships m where m.team_id = w.team_id and m.user_id = w.author_id and m.left_at is null))::int as wrong,
      count(distinct w.team_id)::int as teams, count(distinct w.price_list_id)::int as lists
    from worklogs w join projects p on p.id = w.project_id left join price_lists pl on pl.id = w.price_list_id
    where p.team_checks = 'inherit'`.execute(handle.db);
  assert.ok(rows[0].checked > 1000, `only ${rows[0].checked} work logs on checked projects`);
  assert.equal(rows[0].wrong, 0);
  assert.ok(rows[0].teams >= 2 && rows[0].lists >= 3, JSON.stringify(rows[0]));
  const { rows: twice } = await sql<{ n: number }>`
    select count(*)::int as n from (
      select p.id, m.user_id from projects p
      join teams t on t.project_id = p.id or t.id in (select team_id from team_projects where project_id = p.id)
      join team_memberships m on m.team_id = t.id and m.left_at is null
      group by p.id, m.user_id having count(*) > 1) x`.execute(handle.db);
  assert.equal(twice[0].n, 0);
});
