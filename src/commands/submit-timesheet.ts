import { enforce, type Actor } from '../authz/engine.js';
import { TRANSITIONS } from '../authz/catalogue.js';
import type { Deps } from '../lib/deps.js';
import { conflict } from '../lib/errors.js';
import { lockOwnerSheet } from '../lib/locks.js';
import { periodOf } from '../lib/periods.js';
import { audit } from '../modules/audit/repo.js';
import { recordTransition } from '../modules/audit/repo-history.js';
import { findSliceHours, setSliceState, upsertSlices } from '../modules/timesheets/repo.js';

export interface SubmitRequest {
  ownerId: number;
  start: string;
  end: string;
}

/**
 * Submits a user's timesheet over [start, end] (FLOW-1, FLOW-2, FLOW-10), in one transaction: the owner's sheet and
 * the work-log table locked (work-log writes wait, and see the submission after, lib/locks.ts), the slices derived from the owner's work logs — one
 * per team (the work log's recorded team) and period of its project's length, lying within the range — their rows
 * created when missing, each decided with one `authorizeMany` on what the transaction sees, and the allowed ones that
 * are open or rejected moved to submitted with a history row and an audit row each. Slices the caller may not submit
 * are left as they are; when none may be, the first refusal is the answer. Returns the ids submitted.
 */
export async function submitTimesheet(
  { db, authz }: Pick<Deps, 'db' | 'authz'>,
  actor: Actor,
  request: SubmitRequest,
): Promise<number[]> {
  const { ownerId, start, end } = request;
  return db.transaction().execute(async (trx) => {
    await lockOwnerSheet(trx, ownerId);
    const hours = await findSliceHours(trx, 'all', ownerId, start, end);
    const wanted = new Map<string, { teamId: number | null; start: string; end: string }>();
    for (const h of hours) {
      const period = periodOf(h.period_start, h.period_length);
      if (period.start >= start && period.end <= end && h.seconds > 0)
        wanted.set(`${h.team_id ?? 0}|${period.start}|${period.end}`, { teamId: h.team_id, ...period });
    }
    const from = TRANSITIONS['timesheet.submit'].from as readonly string[];
    const rows = (await upsertSlices(trx, ownerId, [...wanted.values()])).filter((r) => from.includes(r.state));
    if (rows.length === 0)
      throw conflict('nothing_to_submit', `no open or rejected timesheet with work logs lies within ${start} – ${end}`);
    const decisions = await authz.within(trx).authorizeMany(
      actor,
      'timesheet.submit',
      rows.map((r) => r.id),
    );
    const allowed = rows.filter((r) => decisions.get(r.id)!.allowed);
    if (allowed.length === 0) enforce(decisions.get(rows[0].id)!, 'timesheet', actor.decided);
    for (const row of allowed) enforce(decisions.get(row.id)!, 'timesheet', actor.decided);
    await setSliceState(
      trx,
      allowed.map((r) => r.id),
      'submitted',
    );
    for (const row of allowed) {
      await recordTransition(trx, {
        entityType: 'timesheet_slice',
        entityId: row.id,
        from: row.state,
        to: 'submitted',
        actorId: actor.userId,
      });
      await audit(trx, actor, 'timesheet.submit', row.id, {
        before: { state: row.state },
        after: {
          state: 'submitted',
          userId: ownerId,
          teamId: row.team_id,
          start: row.period_start,
          end: row.period_end,
        },
      });
    }
    return allowed.map((r) => r.id);
  });
}
