// Fixtures of the price-list suites: a project team built straight in the tables (the teams API is another
// module's), the people PRICE-7 distinguishes, price lists and work logs recorded with them.
import type { Database } from '../../src/db/index.js';
import { TEAM_PERMISSIONS, type AppRole } from '../../src/db/types.js';
import { createItem, createProject, createUser, grant, signedIn, unique, type TestApp } from '../helpers/harness.js';

export type Client = Awaited<ReturnType<typeof signedIn>>;

/** A team of the project (or a global team when projectId is null) with its two default roles (TEAM-3). */
export async function createTeam(db: Database, projectId: number | null, name = unique('Team ')) {
  const team = await db.insertInto('teams').values({ project_id: projectId, name }).returning(['id', 'name']).executeTakeFirstOrThrow();
  const roles = await db.insertInto('team_roles').values([
    { team_id: team.id, name: 'Team Lead', kind: 'lead', permissions: [...TEAM_PERMISSIONS] },
    { team_id: team.id, name: 'Team Member', kind: 'member', permissions: ['WORK_ON_ISSUES'] },
  ]).returning(['id', 'kind']).execute();
  return { ...team, leadRoleId: roles.find((r) => r.kind === 'lead')!.id, memberRoleId: roles.find((r) => r.kind === 'member')!.id };
}

export async function addMember(db: Database, teamId: number, userId: number, roleId: number) {
  const m = await db.insertInto('team_memberships').values({ team_id: teamId, user_id: userId }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('team_membership_roles').values({ membership_id: m.id, role_id: roleId }).execute();
}

export async function grantAppRole(db: Database, userId: number, role: AppRole) {
  await db.insertInto('app_role_grants').values({ role, user_id: userId }).execute();
}

/**
 * A project with one item and one team, and the people the money rule tells apart, each able to browse the
 * project: money managers (app_admin, billing_admin), a billing_viewer, and — without any money role — the
 * team's lead, a project administrator and a system administrator.
 */
export async function pricingWorld(t: TestApp) {
  const project = await createProject(t.db);
  const team = await createTeam(t.db, project.id);
  const person = async (setup: (id: number) => Promise<void>, options: { systemAdmin?: boolean } = {}) => {
    const user = await createUser(t.db, options);
    await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
    await setup(user.id);
    return { ...user, c: await signedIn(t.app, user.login) };
  };
  const appAdmin = await person((id) => grantAppRole(t.db, id, 'app_admin'));
  return {
    project, team, appAdmin,
    // After the first user: an item records its creator.
    item: await createItem(t.db, { projectId: project.id }),
    billingAdmin: await person((id) => grantAppRole(t.db, id, 'billing_admin')),
    billingViewer: await person((id) => grantAppRole(t.db, id, 'billing_viewer')),
    teamLead: await person((id) => addMember(t.db, team.id, id, team.leadRoleId)),
    projectAdmin: await person((id) => grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: id })),
    systemAdmin: await person(async () => {}, { systemAdmin: true }),
  };
}
export type PricingWorld = Awaited<ReturnType<typeof pricingWorld>>;

export async function insertPriceList(db: Database, teamId: number, values: { name?: string; currency?: string; hourlyRate?: string; validFrom: string; validTo?: string | null }) {
  return db.insertInto('price_lists').values({
    team_id: teamId, name: values.name ?? unique('List '), currency: values.currency ?? 'EUR', hourly_rate: values.hourlyRate ?? '87.35',
    valid_from: values.validFrom, valid_to: values.validTo ?? null,
  }).returningAll().executeTakeFirstOrThrow();
}

/** A work log recorded with a price list (its team and rate snapshot), as the work-log module writes it (PRICE-5). */
export async function insertWorklog(db: Database, w: PricingWorld, priceList: { id: number; team_id: number; hourly_rate: string }, startDate: string) {
  return db.insertInto('worklogs').values({
    item_id: w.item.id, project_id: w.project.id, author_id: w.teamLead.id, created_by: w.teamLead.id, start_date: startDate,
    duration_seconds: 3600, team_id: priceList.team_id, price_list_id: priceList.id, rate: priceList.hourly_rate,
  }).returning('id').executeTakeFirstOrThrow();
}

export async function priceListRow(db: Database, id: number) {
  return db.selectFrom('price_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function auditRows(db: Database, entityId?: number) {
  let q = db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'price_list').orderBy('id');
  if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
  return q.execute();
}
