// Fixtures of the charging suites (FLOW-9): a project whose member logs work in a priced team, a billing admin who
// browses it, work logs and slices written straight to the tables (slices are approved here, not through the API).
import type { Database } from '../../src/db/index.js';
import type { App } from '../../src/http/types.js';
import { createUser, grant, unique } from '../helpers/harness.js';
import { createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { as, projectWorld } from '../security/fixtures.js';

/** The rate of the world's price list: distinctive, so a leak of it is found inside any string (PRICE-7). */
export const RATE = '87.35';

/** A billing admin (APP-2: the Cost area; PRICE-7: money) who browses the project. */
export async function billingAdmin(
  db: Database,
  projectId: number,
  role: 'billing_admin' | 'billing_viewer' = 'billing_admin',
) {
  const user = await createUser(db);
  await grant(db, projectId, 'BROWSE_PROJECT', { userId: user.id });
  await grantAppRole(db, user.id, role);
  return user;
}

/**
 * A week-period project whose member `author` works in `team` (EUR 87.35 an hour), a billing admin `billing` who browses
 * it, and an item. `log` writes a work log of the author (in the team, or without one), `slice` a slice of theirs.
 */
export async function chargingWorld(db: Database, app: App) {
  const world = await projectWorld(db);
  const author = await world.member();
  const team = await createTeam(db, world.project.id, { members: [{ userId: author.id }] });
  const priceList = await createPriceList(db, team.id, { hourlyRate: RATE });
  const billing = await billingAdmin(db, world.project.id);
  const item = await world.item(undefined, unique('Chargeable work '));

  async function log(date: string, seconds: number, options: { teamless?: boolean; itemId?: number } = {}) {
    const teamed = !options.teamless;
    const row = await db
      .insertInto('worklogs')
      .values({
        item_id: options.itemId ?? item.id,
        project_id: world.project.id,
        author_id: author.id,
        start_date: date,
        duration_seconds: seconds,
        description: unique('work done '),
        team_id: teamed ? team.id : null,
        price_list_id: teamed ? priceList.id : null,
        rate: teamed ? RATE : null,
        created_by: author.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The author's slice of the team (null: work without a team) over [start, end], in `state`. */
  async function slice(
    start: string,
    end: string,
    state: 'approved' | 'submitted' | 'open' = 'approved',
    teamId: number | null = team.id,
  ) {
    await db
      .insertInto('timesheet_slices')
      .values({
        user_id: author.id,
        team_id: teamId,
        period_start: start,
        period_end: end,
        state,
        approved_snapshot: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .updateTable('timesheet_slices')
      .set({ state })
      .where('user_id', '=', author.id)
      .where((eb) => (teamId === null ? eb('team_id', 'is', null) : eb('team_id', '=', teamId)))
      .where('period_start', '=', start)
      .where('period_end', '=', end)
      .execute();
  }

  return {
    ...world,
    /** Another item of the project (`item` is the world's own). */
    newItem: world.item,
    author,
    team,
    priceList,
    billing,
    item,
    log,
    slice,
    bc: await as(app, billing.login),
    ac: await as(app, author.login),
  };
}

export type ChargingWorld = Awaited<ReturnType<typeof chargingWorld>>;

/** A charge body for the work logs, with a fresh invoice number. */
export const chargeBody = (worklogIds: number[], values: Record<string, unknown> = {}) => ({
  invoiceNumber: unique('INV-'),
  invoiceDate: '2026-03-31',
  amount: '999.99',
  currency: 'EUR',
  worklogIds,
  ...values,
});

export async function chargeIdOf(db: Database, worklogId: number) {
  return (await db.selectFrom('worklogs').select('charge_id').where('id', '=', worklogId).executeTakeFirstOrThrow())
    .charge_id;
}

export async function counts(db: Database) {
  const n = async (table: 'charges' | 'audit_log' | 'flow_history') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const charged = await db
    .selectFrom('worklogs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('charge_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    charges: await n('charges'),
    audit: await n('audit_log'),
    history: await n('flow_history'),
    charged: Number(charged.n),
  };
}
