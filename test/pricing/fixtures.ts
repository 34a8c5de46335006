// Fixtures of the price-list suites, on top of test/helpers/teams.ts: a project team and the people PRICE-7
// distinguishes, the set-up every suite shares, and work logs recorded with price lists.
import { after, before } from 'node:test';
import type { Database } from '../../src/db/index.js';
import {
  createItem,
  createProject,
  createTestApp,
  createUser,
  grant,
  signedIn,
  type Dialect,
  type TestApp,
} from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';

export type Client = Awaited<ReturnType<typeof signedIn>>;

/**
 * A project with one item and one team, and the people the money rule tells apart, each able to browse the
 * project: money managers (app_admin, billing_admin), a billing_viewer, and — without any money role — the
 * team's lead, a project administrator and a system administrator. Each sees the project's teams (TEAM-8): the billing
 * roles and the project administrator through ADMINISTER_PROJECT, the others through app_admin, membership or the
 * system administrator flag.
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
    project,
    team,
    appAdmin,
    // After the first user: an item records its creator.
    item: await createItem(t.db, { projectId: project.id }),
    billingAdmin: await person(async (id) => {
      await grantAppRole(t.db, id, 'billing_admin');
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: id });
    }),
    billingViewer: await person(async (id) => {
      await grantAppRole(t.db, id, 'billing_viewer');
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: id });
    }),
    teamLead: await person((id) => addMember(t.db, team.id, id, team.leadRoleId)),
    projectAdmin: await person((id) => grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: id })),
    systemAdmin: await person(async () => {}, { systemAdmin: true }),
  };
}
export type PricingWorld = Awaited<ReturnType<typeof pricingWorld>>;

/**
 * The set-up every price-list suite shares: an app with the team checks on for the suite's dialect, and its
 * pricingWorld. Call it inside the suite's describe; the world (and `db`, `app`) is there once `before` has run.
 */
export function pricingSuite(dialect: Dialect): PricingWorld & Pick<TestApp, 'db' | 'app'> {
  const suite = {} as PricingWorld & TestApp;
  before(async () => {
    const t = await createTestApp(dialect, { teamChecks: true });
    Object.assign(suite, t, await pricingWorld(t));
  });
  after(() => suite.close());
  return suite;
}

/** A work log recorded with a price list (its team and rate snapshot), as the work-log module writes it (PRICE-5). */
export async function insertWorklog(
  db: Database,
  w: PricingWorld,
  priceList: { id: number; team_id: number; hourly_rate: string },
  startDate: string,
) {
  return db
    .insertInto('worklogs')
    .values({
      item_id: w.item.id,
      project_id: w.project.id,
      author_id: w.teamLead.id,
      created_by: w.teamLead.id,
      start_date: startDate,
      duration_seconds: 3600,
      team_id: priceList.team_id,
      price_list_id: priceList.id,
      rate: priceList.hourly_rate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function priceListRow(db: Database, id: number) {
  return db.selectFrom('price_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function auditRows(db: Database, entityId?: number) {
  let q = db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'price_list').orderBy('id');
  if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
  return q.execute();
}
