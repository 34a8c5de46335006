import { TRANSITIONS, type SliceAction } from '../authz/catalogue.js';
import type { Actor } from '../authz/engine.js';
import type { Deps } from '../lib/deps.js';
import { notFound } from '../lib/errors.js';
import { lockOwnerSheet } from '../lib/locks.js';
import { checkVersion } from '../lib/versions.js';
import { findSliceOwner, lockSlice, setState } from '../modules/approvals/repo.js';
import { audit } from '../modules/audit/repo.js';
import { recordTransition } from '../modules/audit/repo-history.js';

/** The approver's transitions of a slice (FLOW-2, FLOW-8, FLOW-10); the owner's submit and recall are the timesheet's. */
export type DecisionAction = Exclude<SliceAction, 'timesheet.submit' | 'timesheet.recall'>;

export interface SliceDecision {
  comment?: string;
  /** The slice's version as the caller read it (API-4): 409 version_conflict when it changed since. */
  version?: number;
  /** The slice's owner when the caller loaded it already (a batch's `authorizeMany`): a slice's owner never changes. */
  ownerId?: number;
}

/**
 * Moves one slice in one transaction (FLOW-1, FLOW-7): the owner's sheet locked exclusively first (so the owner's
 * work-log writes wait for the decision and then see it, lib/locks.ts), the slice's row locked, the action re-decided
 * on what the transaction sees (`within`: the state another decision left, the approver's current standing), the
 * version checked, then the state, version and — on approval — the snapshot of the slice's work logs written, with the
 * history row and the audit row. Returns nothing: the caller reads the slice as it answers it.
 */
export async function decideSlice(
  { db, authz }: Pick<Deps, 'db' | 'authz'>,
  actor: Actor,
  action: DecisionAction,
  sliceId: number,
  input: SliceDecision,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ownerId = input.ownerId ?? (await findSliceOwner(trx, sliceId))?.user_id;
    if (ownerId !== undefined) await lockOwnerSheet(trx, ownerId);
    const row = await lockSlice(trx, sliceId);
    // A missing slice is refused by the engine like a hidden one (404).
    await authz.within(trx).authorizeSlice(actor, action, sliceId);
    if (!row) throw notFound('timesheet');
    if (input.version !== undefined) checkVersion('timesheet', row.version, input.version);
    const to = TRANSITIONS[action].to;
    await setState(trx, sliceId, to, action === 'timesheet.approve');
    const comment = input.comment?.trim() ?? '';
    await recordTransition(trx, {
      entityType: 'timesheet_slice',
      entityId: sliceId,
      from: row.state,
      to,
      actorId: actor.userId,
      comment,
    });
    await audit(trx, actor, action, sliceId, {
      before: { state: row.state, version: row.version },
      after: {
        state: to,
        version: row.version + 1,
        userId: row.user_id,
        teamId: row.team_id,
        start: row.period_start,
        end: row.period_end,
        ...(comment ? { comment } : {}),
      },
    });
  });
}
