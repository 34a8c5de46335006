// Fixtures the browser tests share, on top of test/helpers/harness.ts.
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/index.js';
import { TEAM_PERMISSIONS, type AppRole } from '../../src/db/types.js';
import { createUser, unique } from '../helpers/harness.js';
import { signInThroughForm, watchPageErrors } from './browser.js';

/** A user in the built-in group `administrators`, which holds `app_admin` (APP-1) — not a system administrator. */
export async function createAppAdmin(db: Database) {
  const user = await createUser(db);
  const group = await db.selectFrom('groups').select('id').where('name', '=', 'administrators').executeTakeFirstOrThrow();
  await db.insertInto('group_members').values({ group_id: group.id, user_id: user.id }).execute();
  return user;
}

export async function grantAppRole(db: Database, to: { userId?: number; groupId?: number }, role: AppRole) {
  await db.insertInto('app_role_grants').values({ role, user_id: to.userId ?? null, group_id: to.groupId ?? null }).execute();
}

/** A team of the project (global when projectId is null) with its two default roles (TEAM-3), straight in the tables. */
export async function createTeamInDb(db: Database, projectId: number | null, name = unique('Team ')) {
  const team = await db.insertInto('teams').values({ project_id: projectId, name }).returning(['id', 'name']).executeTakeFirstOrThrow();
  const roles = await db.insertInto('team_roles').values([
    { team_id: team.id, name: 'Team Lead', kind: 'lead', permissions: [...TEAM_PERMISSIONS] },
    { team_id: team.id, name: 'Team Member', kind: 'member', permissions: ['WORK_ON_ISSUES'] },
  ]).returning(['id', 'kind']).execute();
  return { ...team, leadRoleId: roles.find((r) => r.kind === 'lead')!.id, memberRoleId: roles.find((r) => r.kind === 'member')!.id };
}

export async function addTeamMember(db: Database, teamId: number, userId: number, roleId: number) {
  const m = await db.insertInto('team_memberships').values({ team_id: teamId, user_id: userId }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('team_membership_roles').values({ membership_id: m.id, role_id: roleId }).execute();
}

export async function insertPriceList(db: Database, teamId: number, values: { name: string; hourlyRate: string; validFrom: string; currency?: string }) {
  return db.insertInto('price_lists').values({
    team_id: teamId, name: values.name, currency: values.currency ?? 'EUR', hourly_rate: values.hourlyRate, valid_from: values.validFrom, valid_to: null,
  }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** A fresh browser context signed in as the user through the form, with its page's uncaught errors collected. */
export async function signedInPage(browser: Browser, url: string, user: { login: string; password: string }, height = 900) {
  const context = await browser.newContext({ viewport: { width: 1200, height } });
  const page: Page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(url);
  await signInThroughForm(page, user.login, user.password);
  return { context, page, errors };
}
