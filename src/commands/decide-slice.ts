import { TRANSITIONS, type SliceAction } from '../authz/catalogue.js';
import type { Actor } from '../authz/engine.js';
import type { Database } from '../db/index.js';
import type { SliceState } from '../db/types.js';
import type { Deps } from '../lib/deps.js';
import { notFound } from '../lib/errors.js';
import { lockOwnerSheet, lockOwnerSheets } from '../lib/locks.js';
import { checkVersion } from '../lib/versions.js';
import { findSliceOwner, lockSlice, lockSlices, setState, setStates } from '../modules/approvals/repo.js';
import { recordAudits } from '../modules/audit/repo.js';
import { recordTransitions } from '../modules/audit/repo-history.js';

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
 * Moves one slice in one transaction (FLOW-1, FLOW-7): the owner's sheet and the work-log table locked first (so
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
    await recordMoves(trx, actor, action, [row], to, input.comment?.trim() ?? '');
  });
}

/** A batch's answer for one slice: moved, or the refusal's stable code and message. */
export type SliceOutcome = { id: number; ok: true } | { id: number; ok: false; code: string; message: string };

/**
 * Approves or rejects many slices in one transaction, set-based (FLOW-2, FLOW-10): one `authorizeMany` before it
 * picks what to lock, then inside it the owners' sheets locked in id order (one statement), the slices' rows locked
 * (one), every slice decided again on what the transaction sees (one set-based load: a concurrent decision or a lost
 * standing refuses that slice alone), and the allowed ones moved with one update, one history insert and one audit
 * insert. Each slice gets its own answer, in the order asked; refused slices write nothing.
 */
export async function decideSlices(
  { db, authz }: Pick<Deps, 'db' | 'authz'>,
  actor: Actor,
  action: 'timesheet.approve' | 'timesheet.reject',
  ids: readonly number[],
  comment: string,
): Promise<SliceOutcome[]> {
  // A slice decided allowed whose row is gone is answered as missing, like a hidden one (404's code).
  const refused = (
    id: number,
    decision: { allowed: boolean; hidden?: boolean; deciding: { code: string; message: string } },
  ) =>
    decision.hidden || decision.allowed
      ? { id, ok: false as const, code: 'not_found', message: 'no such timesheet' }
      : { id, ok: false as const, code: decision.deciding.code, message: decision.deciding.message };
  const before = await authz.authorizeMany(actor, action, ids);
  const owners = [...before.values()].flatMap((d) => (d.allowed && d.facts ? [d.facts.ownerId] : []));
  const candidates = ids.filter((id) => before.get(id)!.allowed);
  const inside = new Map<number, ReturnType<typeof refused> | { id: number; ok: true }>();
  if (candidates.length > 0)
    await db.transaction().execute(async (trx) => {
      await lockOwnerSheets(trx, owners);
      const rows = new Map((await lockSlices(trx, candidates)).map((r) => [r.id, r]));
      const decisions = await authz.within(trx).authorizeMany(actor, action, candidates);
      const moving = candidates.filter((id) => decisions.get(id)!.allowed && rows.has(id));
      for (const id of candidates) inside.set(id, refused(id, decisions.get(id)!));
      for (const id of moving) inside.set(id, { id, ok: true });
      const to = TRANSITIONS[action].to;
      await setStates(trx, moving, to, action === 'timesheet.approve');
      await recordMoves(
        trx,
        actor,
        action,
        moving.map((id) => rows.get(id)!),
        to,
        comment,
      );
    });
  return ids.map((id) => inside.get(id) ?? refused(id, before.get(id)!));
}

type SliceRow = NonNullable<Awaited<ReturnType<typeof lockSlice>>>;

/** The history row and the audit row of each moved slice (FLOW-7, EXPL-4): one insert each, whatever their number. */
async function recordMoves(
  trx: Database,
  actor: Actor,
  action: DecisionAction,
  rows: readonly SliceRow[],
  to: SliceState,
  comment: string,
): Promise<void> {
  await recordTransitions(
    trx,
    rows.map((row) => ({
      entityType: 'timesheet_slice' as const,
      entityId: row.id,
      from: row.state,
      to,
      actorId: actor.userId,
      comment,
    })),
  );
  await recordAudits(
    trx,
    rows.map((row) => ({
      actorId: actor.userId,
      action,
      entityType: 'timesheet_slice',
      entityId: row.id,
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
    })),
  );
}
