import { seesMoney, type Actor } from '../../authz/engine.js';
import type { Database } from '../../db/index.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { sameAmount } from '../../lib/money.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { auditState, mayManagePriceLists, presentPriceList } from './present.js';
import {
  countWorklogs,
  deletePriceList,
  findOverlap,
  findPriceList,
  findPriceListTeamId,
  findTeamPriceLists,
  insertPriceList,
  lockPriceList,
  lockTeam,
  updatePriceList,
} from './repo.js';
import type { PriceListCreate, PriceListUpdate, SuccessorCreate } from './schema.js';
import { dayBefore, describeRange, inUse, overlapConflict, successorWindow } from './validity.js';

/** Locks the row first, then checks the version: the order every change below follows. */
async function lockForChange(trx: Database, id: number, version: number) {
  const before = await lockPriceList(trx, id);
  if (!before) throw notFound('price list');
  checkVersion('price list', before.version, version);
  return before;
}

/** PRICE-1: under the team's lock (a team deleted meanwhile is a missing `noun`), no other price list overlaps `range`. */
async function refuseOverlap(
  trx: Database,
  teamId: number,
  range: { from: string; to: string | null },
  options: { noun: string; exceptId?: number },
) {
  if (!(await lockTeam(trx, teamId))) throw notFound(options.noun);
  const other = await findOverlap(trx, teamId, range, options.exceptId);
  if (other) throw overlapConflict(range, other);
}

/** Price lists of teams (PRICE-1, PRICE-6, PRICE-8): each change one authorization, one transaction, audited in it. */
export function createPriceListService({ db, authz }: Deps) {
  async function byId(actor: Actor, id: number) {
    const row = await findPriceList(db, id);
    // Deleted by someone else since this change committed.
    if (!row) throw notFound('price list');
    return presentPriceList(row, { seesMoney: seesMoney(actor), canManage: true });
  }

  /** The team's price lists by validity; the team must be visible to the caller (404 otherwise). */
  async function list(actor: Actor, teamId: number) {
    const team = await authz.authorizeTeam(actor, 'team.view', teamId);
    const rows = await findTeamPriceLists(db, teamId);
    const view = { seesMoney: seesMoney(actor), canManage: mayManagePriceLists(actor, team) };
    return { items: rows.map((r) => presentPriceList(r, view)) };
  }

  async function create(actor: Actor, teamId: number, input: PriceListCreate) {
    const team = await authz.authorizeTeam(actor, 'pricelist.manage', teamId);
    const id = await db.transaction().execute(async (trx) => {
      const range = { from: input.validFrom, to: input.validTo ?? null };
      await refuseOverlap(trx, teamId, range, { noun: 'team' });
      const row = await insertPriceList(trx, {
        team_id: teamId,
        name: input.name,
        currency: input.currency,
        hourly_rate: input.hourlyRate,
        valid_from: range.from,
        valid_to: range.to,
      });
      await audit(trx, actor, 'pricelist.create', row.id, { projectId: team.projectId, after: auditState(row) });
      return row.id;
    });
    return byId(actor, id);
  }

  /** The price list's team, authorized for management; a missing price list is a 404 like an invisible team. */
  async function authorizeChange(actor: Actor, id: number) {
    const teamId = await findPriceListTeamId(db, id);
    if (teamId === undefined) throw notFound('price list');
    return authz.authorizeTeam(actor, 'pricelist.manage', teamId);
  }

  /**
   * PRICE-6: renaming is always fine; the rate and currency change only while no work log uses the list; the
   * validity changes only so that every recorded work log stays inside it, judged on work dates (PRICE-8).
   */
  async function update(actor: Actor, id: number, input: PriceListUpdate) {
    const team = await authorizeChange(actor, id);
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

      if ((rateChanged || currencyChanged) && (await countWorklogs(trx, id)) > 0) {
        throw inUse(
          `price list "${before.name}" is used by work logs: its rate and currency never change; end it and start a successor instead`,
        );
      }
      if (validityChanged) {
        if ((await countWorklogs(trx, id, { from, to })) > 0) {
          throw inUse(
            `the validity ${describeRange(from, to)} would leave work logs of price list "${before.name}" outside it`,
          );
        }
        await refuseOverlap(trx, before.team_id, { from, to }, { noun: 'price list', exceptId: id });
      }
      const after = await updatePriceList(trx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(currencyChanged ? { currency: input.currency } : {}),
        ...(rateChanged ? { hourly_rate: input.hourlyRate } : {}),
        valid_from: from,
        valid_to: to,
      });
      await audit(trx, actor, 'pricelist.update', id, {
        projectId: team.projectId,
        before: auditState(before),
        after: { ...auditState(after), ...(rateChanged ? { rateChanged: true } : {}) },
      });
    });
    return byId(actor, id);
  }

  /** PRICE-6: a price list that a work log uses cannot be deleted. */
  async function remove(actor: Actor, id: number, version: number) {
    const team = await authorizeChange(actor, id);
    await db.transaction().execute(async (trx) => {
      const before = await lockForChange(trx, id, version);
      if ((await countWorklogs(trx, id)) > 0)
        throw inUse(`price list "${before.name}" is used by work logs and cannot be deleted; end it instead`);
      await deletePriceList(trx, id);
      await audit(trx, actor, 'pricelist.delete', id, { projectId: team.projectId, before: auditState(before) });
    });
  }

  /**
   * PRICE-8: a new rate is a new price list. In one transaction the old list ends the day before `validFrom`
   * and the successor takes over the rest of its validity (to the old end, or open-ended).
   */
  async function succeed(actor: Actor, id: number, input: SuccessorCreate) {
    const team = await authorizeChange(actor, id);
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
      if ((await countWorklogs(trx, id, { from: before.valid_from, to: end })) > 0) {
        throw inUse(`price list "${before.name}" cannot end on ${end}: work logs after that day are recorded with it`);
      }
      // The overlap check leaves the old list out, so it is the same before or after the old list is ended.
      const range = { from: input.validFrom, to: before.valid_to };
      await refuseOverlap(trx, before.team_id, range, { noun: 'price list', exceptId: id });
      const ended = await updatePriceList(trx, id, { valid_to: end });
      const created = await insertPriceList(trx, {
        team_id: before.team_id,
        name: input.name ?? before.name,
        currency: input.currency ?? before.currency,
        hourly_rate: input.hourlyRate,
        valid_from: range.from,
        valid_to: range.to,
      });
      await audit(trx, actor, 'pricelist.update', id, {
        projectId: team.projectId,
        before: auditState(before),
        after: { ...auditState(ended), successorId: created.id },
      });
      await audit(trx, actor, 'pricelist.create', created.id, {
        projectId: team.projectId,
        after: { ...auditState(created), predecessorId: id },
      });
      return created.id;
    });
    return { previous: await byId(actor, id), successor: await byId(actor, successorId) };
  }

  return { list, create, update, remove, succeed };
}
