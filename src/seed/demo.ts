import type { Database } from '../db/index.js';
import { recomputeGoverning } from '../modules/security/repo.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { reserveIds } from './bulk.js';
import { insertComments, insertWorklogs } from './demo-activity.js';
import { buildItems, insertItems, type Item } from './demo-items.js';
import { insertTeams } from './demo-teams.js';
import { insertLeave } from './demo-leave.js';
import { insertPlans } from './demo-plans.js';
import { insertTimesheetStates } from './demo-timesheets.js';
import { CLIENTS, DEMO_PASSWORD, GRANTS, NEW_GROUPS, PEOPLE, PROJECTS, ROLE_MEMBERS, groupsOf } from './demo-world.js';
import { createRandom, todayUtc } from './random.js';

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
    await insertTimesheetStates(trx, { userIds, teams, today });
    await insertLeave(trx, { userIds, today });
    await insertPlans(trx, { userIds, projectIds, teams, items, today });
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
