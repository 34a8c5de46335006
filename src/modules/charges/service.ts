import type { Actor } from '../../authz/engine.js';
import { abilities } from '../../authz/engine.js';
import { createChargeCommand } from '../../commands/charge-worklogs.js';
import type { Deps } from '../../lib/deps.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { decodeCursor, pageOf } from '../../lib/pagination.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findTransitions, recordTransition } from '../audit/repo-history.js';
import { chargeOut, chargeWorklogOut, readerOf, totalsOut } from './present.js';
import * as repo from './repo.js';
import {
  MAX_CANDIDATES,
  type CandidatesOut,
  type CandidatesQuery,
  type ChargeCreate,
  type ChargeDetail,
  type ChargeFiltersOut,
  type ChargeFiltersQuery,
  type ChargeListQuery,
  type ChargeOut,
  type ChargePage,
} from './schema.js';

/**
 * Charging (FLOW-9) in the Cost area (APP-2). Every action is global — `charge.manage` for billing_admin and app_admin,
 * `charge.list` for the money roles — and decided in full by the access hook; what a caller sees of work logs is
 * narrowed in SQL by the work-log visibility (ITEM-9), and money shown to money readers only (PRICE-7).
 */
export function createChargeService(deps: Deps) {
  const { db } = deps;
  const command = createChargeCommand(deps);

  function checkRange(range: { from?: string; to?: string }) {
    if (range.from && range.to && range.from > range.to)
      throw badRequest('query.to', 'The end of the range must not be before its start.');
  }

  /** Approved, uncharged work logs the caller may view, matching the filters, with totals over all of them. */
  async function candidates(actor: Actor, query: CandidatesQuery): Promise<CandidatesOut> {
    checkRange(query);
    const [rows, totals] = await Promise.all([
      repo.findCandidates(db, actor, query),
      repo.sumCandidates(db, actor, query),
    ]);
    const reader = readerOf(actor);
    return {
      items: rows.slice(0, MAX_CANDIDATES).map((row) => chargeWorklogOut(row, reader)),
      totals: totalsOut(totals, reader),
      truncated: rows.length > MAX_CANDIDATES,
    };
  }

  /** The filter choices: projects, teams (names per TEAM-8) and clients of the chargeable work logs in the range. */
  async function filters(actor: Actor, query: ChargeFiltersQuery): Promise<ChargeFiltersOut> {
    checkRange(query);
    const rows = await repo.findFilterOptions(db, actor, query);
    const reader = readerOf(actor);
    return {
      projects: rows.filter((r) => r.kind === 'project').map((r) => ({ id: r.id, key: r.key ?? '', name: r.name })),
      teams: reader.seesTeamNames ? rows.filter((r) => r.kind === 'team').map((r) => ({ id: r.id, name: r.name })) : [],
      clients: rows.filter((r) => r.kind === 'client').map((r) => ({ id: r.id, name: r.name })),
    };
  }

  async function byId(actor: Actor, id: number): Promise<ChargeOut> {
    const row = await repo.findCharge(db, id);
    if (!row) throw notFound('charge');
    return chargeOut(row, readerOf(actor));
  }

  async function create(actor: Actor, input: ChargeCreate): Promise<ChargeOut> {
    return byId(actor, await command.charge(actor, input));
  }

  async function list(actor: Actor, query: ChargeListQuery): Promise<ChargePage> {
    const afterId = decodeCursor<[number]>(query.cursor, ['number'])?.[0];
    const rows = await repo.findChargePage(db, { limit: query.limit, afterId, state: query.state });
    const page = pageOf(rows, query.limit, (r) => [r.id]);
    const reader = readerOf(actor);
    return {
      items: page.items.map((row) => chargeOut(row, reader)),
      nextCursor: page.nextCursor,
      abilities: abilities(actor.subject, {}, { canCharge: { action: 'charge.manage' } }),
    };
  }

  /** A charge with its work logs the caller may view; the others only as hours (ITEM-9); and its history (FLOW-7). */
  async function detail(actor: Actor, id: number): Promise<ChargeDetail> {
    const row = await repo.findCharge(db, id);
    if (!row) throw notFound('charge');
    const reader = readerOf(actor);
    const [{ rows, hiddenSeconds }, history] = await Promise.all([
      repo.findChargeWorklogs(db, actor, id),
      findTransitions(db, 'charge', [id]),
    ]);
    return {
      charge: chargeOut(row, reader),
      worklogs: rows.map((w) => chargeWorklogOut(w, reader)),
      hidden: { seconds: hiddenSeconds },
      history: history.map((h) => ({
        from: h.from_state,
        to: h.to_state,
        at: h.at,
        actor: h.actor_id === null ? null : { id: h.actor_id, displayName: h.actor_name ?? '' },
        comment: h.comment,
      })),
    };
  }

  /** Revokes a live charge: its work logs are released (editable again, FLOW-9), the change kept (FLOW-7) and audited. */
  async function revoke(actor: Actor, id: number, version: number): Promise<ChargeOut> {
    await db.transaction().execute(async (trx) => {
      const before = await repo.lockCharge(trx, id);
      if (!before) throw notFound('charge');
      if (before.revoked_at !== null)
        throw conflict('charge_revoked', `the charge of invoice ${before.invoice_number} is revoked already`);
      checkVersion('charge', before.version, version);
      const { after, worklogIds } = await repo.revokeCharge(trx, id, actor.userId);
      await recordTransition(trx, {
        entityType: 'charge',
        entityId: id,
        from: 'charged',
        to: 'revoked',
        actorId: actor.userId,
      });
      await audit(trx, actor, 'charge.revoke', id, { before, after: { ...after, worklogIds } });
    });
    return byId(actor, id);
  }

  return { candidates, filters, create, list, detail, revoke };
}
