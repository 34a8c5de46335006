import { sql } from 'kysely';
import type { z } from 'zod';
import { abilities, seesMoney, type Actor, type AuthorizedTeam } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { PriceListsTable } from '../../db/types.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import type { Deps } from '../../lib/deps.js';
import { recordAudit } from '../audit/repo.js';
import type { PriceListOut, priceListCreate, priceListUpdate, successorCreate } from './schema.js';
import {
  dayBefore,
  describeRange,
  inUse,
  lockPriceList,
  lockTeam,
  refuseOverlap,
  sameAmount,
  successorWindow,
  worklogsOf,
} from './validity.js';

type PriceListRow = Pick<
  PriceListsTable,
  'team_id' | 'name' | 'currency' | 'hourly_rate' | 'valid_from' | 'valid_to'
> & { id: number; version: number };

function selectPriceLists(db: Database) {
  return db
    .selectFrom('price_lists as pl')
    .select([
      'pl.id',
      'pl.team_id',
      'pl.name',
      'pl.currency',
      'pl.hourly_rate',
      'pl.valid_from',
      'pl.valid_to',
      'pl.version',
    ])
    .select(sql<boolean>`exists (select 1 from worklogs w where w.price_list_id = pl.id)`.as('used'));
}

/** The record the API shows; the rate only to those who see money (PRICE-7) — absent, not null, for everyone else. */
function priceListOut(
  row: PriceListRow & { used: boolean },
  view: { money: boolean; canManage: boolean },
): PriceListOut {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    currency: row.currency,
    ...(view.money ? { hourlyRate: row.hourly_rate } : {}),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    used: row.used,
    version: row.version,
    // PRICE-6: a used list is neither deleted nor re-rated (the operations count the same work logs under the row's lock).
    abilities: {
      canEdit: view.canManage,
      canDelete: view.canManage && !row.used,
      canChangeRate: view.canManage && !row.used,
      canStartSuccessor: view.canManage && successorWindow(row) !== null,
    },
  };
}

/**
 * What the audit log keeps of a price list. The rate is left out: the audit log is read in the Administration
 * area, which system administrators without a money role reach too (PRICE-7); a rate change is marked instead.
 */
function auditState(row: PriceListRow) {
  return {
    teamId: row.team_id,
    name: row.name,
    currency: row.currency,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    version: row.version,
  };
}

/** Price lists of teams (PRICE-1, PRICE-6, PRICE-8): each change one authorization, one transaction, audited in it. */
export function createPriceListService({ db, authz }: Deps) {
  /** Whether the caller manages this team's price lists, decided by the same core from the facts the authorization loaded. */
  function mayManage(actor: Actor, { project, servedProjects, ...team }: AuthorizedTeam): boolean {
    return abilities(actor.subject, { project, servedProjects, team }, { manage: { action: 'pricelist.manage' } })
      .manage;
  }

  async function byId(actor: Actor, id: number) {
    const row = await selectPriceLists(db).where('pl.id', '=', id).executeTakeFirst();
    // Deleted by someone else since this change committed.
    if (!row) throw notFound('price list');
    return priceListOut(row, { money: seesMoney(actor), canManage: true });
  }

  /** The team's price lists by validity; the team must be visible to the caller (404 otherwise). */
  async function list(actor: Actor, teamId: number) {
    const team = await authz.authorizeTeam(actor, 'team.view', teamId);
    const rows = await selectPriceLists(db)
      .where('pl.team_id', '=', teamId)
      .orderBy('pl.valid_from')
      .orderBy('pl.id')
      .execute();
    const view = { money: seesMoney(actor), canManage: mayManage(actor, team) };
    return { items: rows.map((r) => priceListOut(r, view)) };
  }

  async function create(actor: Actor, teamId: number, input: z.infer<typeof priceListCreate>) {
    const team = await authz.authorizeTeam(actor, 'pricelist.manage', teamId);
    const id = await db.transaction().execute(async (trx) => {
      if (!(await lockTeam(trx, teamId))) throw notFound('team');
      const range = { from: input.validFrom, to: input.validTo ?? null };
      await refuseOverlap(trx, teamId, range);
      const row = await trx
        .insertInto('price_lists')
        .values({
          team_id: teamId,
          name: input.name,
          currency: input.currency,
          hourly_rate: input.hourlyRate,
          valid_from: range.from,
          valid_to: range.to,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'pricelist.create',
        entityType: 'price_list',
        entityId: row.id,
        projectId: team.projectId,
        after: auditState(row),
      });
      return row.id;
    });
    return byId(actor, id);
  }

  /** The price list's team, authorized for management; a missing price list is a 404 like an invisible team. */
  async function loadForChange(actor: Actor, id: number) {
    const row = await db.selectFrom('price_lists').select('team_id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('price list');
    return authz.authorizeTeam(actor, 'pricelist.manage', row.team_id);
  }

  /** Locks the row first, then checks the version: the order every change below follows. */
  async function lockForChange(trx: Database, id: number, version: number) {
    const before = await lockPriceList(trx, id);
    if (!before) throw notFound('price list');
    if (before.version !== version)
      throw conflict('version_conflict', `the price list changed since version ${version}; reload it`, {
        currentVersion: before.version,
      });
    return before;
  }

  /**
   * PRICE-6: renaming is always fine; the rate and currency change only while no work log uses the list; the
   * validity changes only so that every recorded work log stays inside it, judged on work dates (PRICE-8).
   */
  async function update(actor: Actor, id: number, input: z.infer<typeof priceListUpdate>) {
    const team = await loadForChange(actor, id);
    await db.transaction().execute(async (trx) => {
      const before = await lockForChange(trx, id, input.version);
      const from = input.validFrom ?? before.valid_from;
      const to = input.validTo !== undefined ? input.validTo : before.valid_to;
      if (to !== null && to < from)
        throw badRequest(
          input.validTo !== undefined ? 'validTo' : 'validFrom',
          `validTo ${to} would be before validFrom ${from}`,
        );
      const rateChanged = input.hourlyRate !== undefined && !sameAmount(input.hourlyRate, before.hourly_rate);
      const currencyChanged = input.currency !== undefined && input.currency !== before.currency;
      const validityChanged = from !== before.valid_from || to !== before.valid_to;

      if (rateChanged || currencyChanged) {
        const used = await worklogsOf(trx, id);
        if (used.count > 0) {
          throw inUse(
            `price list "${before.name}" is used by work logs: its rate and currency never change; end it and start a successor instead`,
          );
        }
      }
      if (validityChanged) {
        const stranded = await worklogsOf(trx, id, { from, to });
        if (stranded.count > 0) {
          throw inUse(
            `the validity ${describeRange(from, to)} would leave work logs of price list "${before.name}" outside it`,
          );
        }
        if (!(await lockTeam(trx, before.team_id))) throw notFound('price list');
        await refuseOverlap(trx, before.team_id, { from, to }, id);
      }
      const after = await trx
        .updateTable('price_lists')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(currencyChanged ? { currency: input.currency } : {}),
          ...(rateChanged ? { hourly_rate: input.hourlyRate } : {}),
          valid_from: from,
          valid_to: to,
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'pricelist.update',
        entityType: 'price_list',
        entityId: id,
        projectId: team.projectId,
        before: auditState(before),
        after: { ...auditState(after), ...(rateChanged ? { rateChanged: true } : {}) },
      });
    });
    return byId(actor, id);
  }

  /** PRICE-6: a price list that a work log uses cannot be deleted. */
  async function remove(actor: Actor, id: number, version: number) {
    const team = await loadForChange(actor, id);
    await db.transaction().execute(async (trx) => {
      const before = await lockForChange(trx, id, version);
      const used = await worklogsOf(trx, id);
      if (used.count > 0)
        throw inUse(`price list "${before.name}" is used by work logs and cannot be deleted; end it instead`);
      await trx.deleteFrom('price_lists').where('id', '=', id).execute();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'pricelist.delete',
        entityType: 'price_list',
        entityId: id,
        projectId: team.projectId,
        before: auditState(before),
      });
    });
  }

  /**
   * PRICE-8: a new rate is a new price list. In one transaction the old list ends the day before `validFrom`
   * and the successor takes over the rest of its validity (to the old end, or open-ended).
   */
  async function succeed(actor: Actor, id: number, input: z.infer<typeof successorCreate>) {
    const team = await loadForChange(actor, id);
    const successorId = await db.transaction().execute(async (trx) => {
      const before = await lockForChange(trx, id, input.version);
      const window = successorWindow(before);
      if (!window || input.validFrom < window.from || (window.to !== null && input.validFrom > window.to)) {
        throw badRequest(
          'validFrom',
          `the successor must start after ${before.valid_from} and within the validity of price list "${before.name}" (${describeRange(before.valid_from, before.valid_to)})`,
        );
      }
      const end = dayBefore(input.validFrom);
      const stranded = await worklogsOf(trx, id, { from: before.valid_from, to: end });
      if (stranded.count > 0) {
        throw inUse(`price list "${before.name}" cannot end on ${end}: work logs after that day are recorded with it`);
      }
      if (!(await lockTeam(trx, before.team_id))) throw notFound('price list');
      const ended = await trx
        .updateTable('price_lists')
        .set({ valid_to: end, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const range = { from: input.validFrom, to: before.valid_to };
      await refuseOverlap(trx, before.team_id, range, id);
      const created = await trx
        .insertInto('price_lists')
        .values({
          team_id: before.team_id,
          name: input.name ?? before.name,
          currency: input.currency ?? before.currency,
          hourly_rate: input.hourlyRate,
          valid_from: range.from,
          valid_to: range.to,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'pricelist.update',
        entityType: 'price_list',
        entityId: id,
        projectId: team.projectId,
        before: auditState(before),
        after: { ...auditState(ended), successorId: created.id },
      });
      await recordAudit(trx, {
        actorId: actor.userId,
        action: 'pricelist.create',
        entityType: 'price_list',
        entityId: created.id,
        projectId: team.projectId,
        after: { ...auditState(created), predecessorId: id },
      });
      return created.id;
    });
    return { previous: await byId(actor, id), successor: await byId(actor, successorId) };
  }

  return { list, create, update, remove, succeed };
}
