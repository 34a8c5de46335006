// Fixtures for the team suites: a project with a team administrator and browsing users, teams made through
// the API, and a digest of every table a team operation writes, to show that a refused request wrote nothing.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Database } from '../../src/db/index.js';
import type { AppRole } from '../../src/db/types.js';
import { createProject, createUser, grant } from '../helpers/harness.js';
import { grantAppRole } from '../helpers/teams.js';
import type { Client } from '../security/fixtures.js';

export { as, type Client } from '../security/fixtures.js';

/** A user with an app role (team_admin by default). */
export async function userWithRole(db: Database, role: AppRole = 'team_admin') {
  const user = await createUser(db);
  await grantAppRole(db, user.id, role);
  return user;
}

/** A fresh project, a team administrator who may browse it, and `browser()` making users with BROWSE_PROJECT there. */
export async function teamWorld(db: Database) {
  const project = await createProject(db);
  const admin = await userWithRole(db, 'team_admin');
  await grant(db, project.id, 'BROWSE_PROJECT', { userId: admin.id });
  async function browser(options: { active?: boolean } = {}) {
    const user = await createUser(db, options);
    await grant(db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: user.id });
    return user;
  }
  return { project, admin, browser };
}

export interface TeamDetail {
  id: number;
  name: string;
  description: string;
  project: { key: string; name: string } | null;
  memberCount: number;
  version: number;
  abilities: { canManage: boolean; canDelete: boolean; canManagePriceLists: boolean };
  roles: Array<{
    id: number;
    name: string;
    kind: 'lead' | 'member' | 'custom';
    permissions: string[];
    version: number;
  }>;
  members: Array<{ user: { id: number; login: string; displayName: string }; roleIds: number[]; joinedAt: string }>;
  assignedProjects: Array<{ key: string; name: string }>;
}

/** Creates a team through the API and asserts it was created. */
export async function createTeam(
  c: Client,
  body: { name?: string; projectKey?: string; leadUserId?: number; memberIds?: number[]; description?: string },
) {
  const res = await c.post('/api/teams', {
    name: body.name ?? `Team ${Math.random().toString(36).slice(2, 8)}`,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as TeamDetail;
}

export const roleOf = (team: TeamDetail, kind: 'lead' | 'member') => team.roles.find((r) => r.kind === kind)!;

/** Assigns a global team to a project through the API and asserts it. */
export async function assign(c: Client, projectKey: string, teamId: number, assigned = true) {
  const res = await c.put(`/api/projects/${projectKey}/teams/${teamId}/assignment`, { assigned });
  assert.equal(res.statusCode, 200, res.body);
}

const TEAM_TABLES = [
  'teams',
  'team_projects',
  'team_roles',
  'team_memberships',
  'team_membership_roles',
  'projects',
  'app_settings',
  'audit_log',
] as const;

/** Row count and content digest of every table team operations write to. */
export async function teamState(db: Database): Promise<Record<string, string>> {
  const parts = TEAM_TABLES.map(
    (name) => sql`select ${name}::text as name, count(*)::int as n,
    coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as digest from ${sql.table(name)} x`,
  );
  const { rows } = await sql<{ name: string; n: number; digest: string }>`${sql.join(parts, sql` union all `)}`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows ${r.digest}`]));
}

/** Current memberships of a user in teams working on a project (its own and assigned global teams). */
export async function teamsOfUserInProject(db: Database, userId: number, projectId: number): Promise<number[]> {
  const { rows } = await sql<{
    team_id: number;
  }>`select m.team_id from team_memberships m join teams t on t.id = m.team_id
    where m.user_id = ${userId} and m.left_at is null
      and (t.project_id = ${projectId} or exists (select 1 from team_projects tp where tp.team_id = t.id and tp.project_id = ${projectId}))
    order by m.team_id`.execute(db);
  return rows.map((r) => r.team_id);
}

/** A work log recorded with a team, written straight to the table (the work-log API is tested elsewhere). */
export async function worklogWithTeam(db: Database, projectId: number, authorId: number, teamId: number) {
  const num = await db
    .updateTable('projects')
    .set((eb) => ({ next_item_num: eb('next_item_num', '+', 1) }))
    .where('id', '=', projectId)
    .returning(['key', 'next_item_num'])
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('work_items')
    .values({
      project_id: projectId,
      num: num.next_item_num - 1,
      key: `${num.key}-${num.next_item_num - 1}`,
      title: 'work',
      created_by: authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('worklogs')
    .values({
      item_id: item.id,
      project_id: projectId,
      author_id: authorId,
      created_by: authorId,
      start_date: '2026-03-02',
      duration_seconds: 3600,
      team_id: teamId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
