// Guards "one model everywhere" for the base layer: on generated worlds the SQL list predicate, the
// decision core fed by the batch loader, and a naive reference model all agree (PRJ-3, PRJ-4, ID-1) — and team
// roles and app roles, however strong, grant no project permission (SPEC §0 base layer, PRJ-5).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { decide } from '../../src/authz/decide.js';
import { loadProjects, loadSubjects } from '../../src/authz/loader.js';
import { projectIdsWithPermission } from '../../src/authz/sql.js';
import type { DbHandle } from '../../src/db/index.js';
import { PROJECT_PERMISSIONS, TEAM_PERMISSIONS, type ProjectPermission } from '../../src/db/types.js';
import { createTestDb, DIALECTS } from '../helpers/harness.js';

const WORLDS = Number(process.env.AUTHZ_WORLDS ?? 100);

interface World {
  users: Array<{ active: boolean; groups: number[] }>;
  groups: number;
  projects: number;
  roleMembers: Array<{ project: number; role: number; user?: number; group?: number }>;
  grants: Array<{ project: number; permission: ProjectPermission; user?: number; group?: number; role?: number }>;
  /** Team Lead memberships (every team level) in a team of the project, current or ended, and app_admin holders: none of them reaches layer 2. */
  teamLeads: Array<{ project: number; user: number; current: boolean }>;
  appAdmins: number[];
}

/** Worlds small enough to check every (user, project, permission) triple. */
const worldArb: fc.Arbitrary<World> = fc
  .record({
    users: fc.integer({ min: 1, max: 5 }),
    groups: fc.integer({ min: 0, max: 3 }),
    projects: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ users, groups, projects }) => {
    const subjectArb = fc.oneof(
      fc.integer({ min: 0, max: users - 1 }).map((user) => ({ user })),
      ...(groups ? [fc.integer({ min: 0, max: groups - 1 }).map((group) => ({ group }))] : []),
    );
    return fc.record({
      users: fc.array(
        fc.record({
          active: fc.integer({ min: 0, max: 6 }).map((n) => n > 0),
          groups: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, groups - 1) }), { maxLength: groups }),
        }),
        { minLength: users, maxLength: users },
      ),
      groups: fc.constant(groups),
      projects: fc.constant(projects),
      roleMembers: fc.array(
        fc
          .tuple(fc.integer({ min: 0, max: projects - 1 }), fc.integer({ min: 0, max: 2 }), subjectArb)
          .map(([project, role, s]) => ({ project, role, ...s })),
        { maxLength: 6 },
      ),
      grants: fc.array(
        fc
          .tuple(
            fc.integer({ min: 0, max: projects - 1 }),
            fc.constantFrom(...PROJECT_PERMISSIONS),
            fc.oneof(
              subjectArb,
              fc.integer({ min: 0, max: 2 }).map((role) => ({ role })),
            ),
          )
          .map(([project, permission, s]) => ({ project, permission, ...s })),
        { maxLength: 10 },
      ),
      teamLeads: fc.array(
        fc.record({
          project: fc.integer({ min: 0, max: projects - 1 }),
          user: fc.integer({ min: 0, max: users - 1 }),
          current: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
      appAdmins: fc.uniqueArray(fc.integer({ min: 0, max: users - 1 }), { maxLength: 2 }),
    });
  });

/** The reference model: written for clarity, straight from PRJ-3. */
function holds(world: World, user: number, project: number, permission: ProjectPermission): boolean {
  const u = world.users[user];
  if (!u.active) return false;
  const inGroup = (g: number | undefined) => g !== undefined && u.groups.includes(g);
  const holdsRole = (role: number) =>
    world.roleMembers.some((m) => m.project === project && m.role === role && (m.user === user || inGroup(m.group)));
  return world.grants.some(
    (g) =>
      g.project === project &&
      (g.permission === permission || g.permission === 'ADMINISTER_PROJECT') &&
      (g.user === user || inGroup(g.group) || (g.role !== undefined && holdsRole(g.role))),
  );
}

const ACTION_FOR = {
  BROWSE_PROJECT: 'project.view',
  ADMINISTER_PROJECT: 'project.edit',
  EDIT_ISSUES: 'item.create',
  WORK_ON_ISSUES: 'worklog.create',
} as const;

class Rollback extends Error {}

for (const dialect of DIALECTS) {
  describe(`base layer: SQL = core = reference (${dialect})`, () => {
    let handle: DbHandle;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(() => handle.close());

    test(`PRJ-3, PRJ-4, PRJ-5, ID-1: ${WORLDS} generated worlds — with team leads and app_admins, who gain nothing here — agree on every user × project × permission`, async () => {
      let checks = 0;
      await fc.assert(
        fc.asyncProperty(worldArb, async (world) => {
          await handle.db
            .transaction()
            .execute(async (trx) => {
              const roles = (await trx.selectFrom('project_roles').select('id').orderBy('id').execute()).map(
                (r) => r.id,
              );
              const userIds: number[] = [];
              for (const [i, u] of world.users.entries()) {
                userIds.push(
                  (
                    await trx
                      .insertInto('users')
                      .values({ login: `w${i}`, display_name: `W${i}`, email: `w${i}@x.test`, active: u.active })
                      .returning('id')
                      .executeTakeFirstOrThrow()
                  ).id,
                );
              }
              const groupIds: number[] = [];
              for (let i = 0; i < world.groups; i++)
                groupIds.push(
                  (
                    await trx
                      .insertInto('groups')
                      .values({ name: `wg${i}` })
                      .returning('id')
                      .executeTakeFirstOrThrow()
                  ).id,
                );
              for (const [i, u] of world.users.entries()) {
                for (const g of u.groups)
                  if (g < world.groups)
                    await trx
                      .insertInto('group_members')
                      .values({ group_id: groupIds[g], user_id: userIds[i] })
                      .execute();
              }
              const projectIds: number[] = [];
              for (let i = 0; i < world.projects; i++)
                projectIds.push(
                  (
                    await trx
                      .insertInto('projects')
                      .values({ key: `W${i}X`, name: `W${i}` })
                      .returning('id')
                      .executeTakeFirstOrThrow()
                  ).id,
                );
              for (const m of world.roleMembers) {
                await trx
                  .insertInto('project_role_members')
                  .values({
                    project_id: projectIds[m.project],
                    role_id: roles[m.role],
                    user_id: m.user === undefined ? null : userIds[m.user],
                    group_id: m.group === undefined ? null : groupIds[m.group],
                  })
                  .onConflict((oc) => oc.doNothing())
                  .execute();
              }
              for (const g of world.grants) {
                await trx
                  .insertInto('project_permission_grants')
                  .values({
                    project_id: projectIds[g.project],
                    permission: g.permission,
                    user_id: g.user === undefined ? null : userIds[g.user],
                    group_id: g.group === undefined ? null : groupIds[g.group],
                    role_id: g.role === undefined ? null : roles[g.role],
                  })
                  .onConflict((oc) => oc.doNothing())
                  .execute();
              }
              for (const [i, projectId] of projectIds.entries()) {
                const team = await trx
                  .insertInto('teams')
                  .values({ project_id: projectId, name: `team ${i}` })
                  .returning('id')
                  .executeTakeFirstOrThrow();
                const lead = await trx
                  .insertInto('team_roles')
                  .values({ team_id: team.id, name: 'Team Lead', kind: 'lead', permissions: [...TEAM_PERMISSIONS] })
                  .returning('id')
                  .executeTakeFirstOrThrow();
                for (const m of world.teamLeads.filter((l) => l.project === i)) {
                  const membership = await trx
                    .insertInto('team_memberships')
                    .values({
                      team_id: team.id,
                      user_id: userIds[m.user],
                      left_at: m.current ? null : sql<Date>`now()`,
                    })
                    .onConflict((oc) => oc.doNothing())
                    .returning('id')
                    .executeTakeFirst();
                  if (membership)
                    await trx
                      .insertInto('team_membership_roles')
                      .values({ membership_id: membership.id, role_id: lead.id })
                      .execute();
                }
              }
              for (const u of world.appAdmins)
                await trx.insertInto('app_role_grants').values({ role: 'app_admin', user_id: userIds[u] }).execute();
              // Groups of inactive users still count in the reference only through active users: mirror the DB (group ids < world.groups).
              const effective: World = {
                ...world,
                users: world.users.map((u) => ({ ...u, groups: u.groups.filter((g) => g < world.groups) })),
              };

              for (const [ui, userId] of userIds.entries()) {
                const subject = (await loadSubjects(trx, [userId])).get(userId)!;
                const facts = await loadProjects(trx, projectIds);
                for (const permission of PROJECT_PERMISSIONS) {
                  const { rows } = await sql<{
                    project_id: number;
                  }>`select project_id from ${projectIdsWithPermission(userId, permission)} x(project_id)`.execute(trx);
                  const viaSql = new Set(rows.map((r) => r.project_id));
                  for (const [pi, projectId] of projectIds.entries()) {
                    const expected = holds(effective, ui, pi, permission);
                    assert.equal(viaSql.has(projectId), expected, `SQL ${permission} user ${ui} project ${pi}`);
                    const action = ACTION_FOR[permission];
                    const expectedAction =
                      expected && (permission === 'BROWSE_PROJECT' || holds(effective, ui, pi, 'BROWSE_PROJECT'));
                    const decision = decide(action, subject, {
                      project: facts.get(projectId),
                      item: { itemId: 1, itemKey: 'W-1', governing: null },
                      ownerId: userId,
                    });
                    assert.equal(decision.allowed, expectedAction, `core ${action} user ${ui} project ${pi}`);
                    checks += 2;
                  }
                }
              }
              throw new Rollback();
            })
            .catch((e) => {
              if (!(e instanceof Rollback)) throw e;
            });
        }),
        { numRuns: WORLDS, seed: Number(process.env.AUTHZ_SEED ?? 20261123) },
      );
      assert.ok(checks > WORLDS, `ran ${checks} comparisons`);
    });
  });
}
