import type { Actor } from '../../authz/engine.js';
import type { Deps } from '../../lib/deps.js';
import { conflict, notFound } from '../../lib/errors.js';
import { loadDateSettings } from '../../lib/installation.js';
import { lockTeamPeriods } from '../../lib/locks.js';
import { periodOf } from '../../lib/periods.js';
import { checkVersion } from '../../lib/versions.js';
import { audit } from '../audit/repo.js';
import { findTransitions, recordTransition } from '../audit/repo-history.js';
import { auditState, mayManagePeriods, monthsOf, periodWords, presentPeriod } from './present.js';
import { findPeriodId, findPeriods, lockPeriod, setPeriodState } from './repo.js';
import type { PeriodChange, PeriodHistoryOut, PeriodOut, PeriodsOut } from './schema.js';

/** The two transitions of a team period (FLOW-3): from which state, to which, and the audited action. */
const TRANSITIONS = {
  close: { from: 'open', to: 'closed', action: 'period.close' },
  reopen: { from: 'closed', to: 'open', action: 'period.reopen' },
} as const;
export type PeriodTransition = keyof typeof TRANSITIONS;

/**
 * Team periods (FLOW-3, FLOW-7): a team's calendar months, closed and reopened by `period.manage`. While a month is
 * closed the engine's periodOpen gate refuses every work-log write of the team dated in it; a close takes the team's
 * periods lock exclusively (lib/locks.ts), which work-log writes take shared, so a close and a write never interleave.
 */
export function createPeriodService({ db, authz }: Deps) {
  /** The year's twelve months with their state; the team must be visible to the caller (404 otherwise). */
  async function list(actor: Actor, teamId: number, year?: number): Promise<PeriodsOut> {
    const team = await authz.authorizeTeam(actor, 'team.view', teamId);
    const shown = year ?? Number((await loadDateSettings(db)).today.slice(0, 4));
    const months = monthsOf(shown);
    const rows = await findPeriods(db, teamId, months[0].start, months[11].start);
    const byStart = new Map(rows.map((r) => [r.period_start, r]));
    return {
      year: shown,
      items: months.map((m) => presentPeriod(m, byStart.get(m.start))),
      abilities: { manage: mayManagePeriods(actor, team) },
    };
  }

  /**
   * Closes or reopens the month starting `start`, in one transaction: the team's periods lock first (it waits for
   * work-log writes in flight and holds new ones off), the decision again on what the transaction sees, the month's
   * row locked (stored as open if it never was), its state and version, the history row and the audit row.
   */
  async function transition(
    actor: Actor,
    teamId: number,
    start: string,
    kind: PeriodTransition,
    input: PeriodChange,
  ): Promise<PeriodOut> {
    const t = TRANSITIONS[kind];
    const period = periodOf(start, 'month');
    return db.transaction().execute(async (trx) => {
      await lockTeamPeriods(trx, teamId);
      const team = await authz.within(trx).authorizeTeam(actor, 'period.manage', teamId);
      const before = await lockPeriod(trx, teamId, period);
      if (!before) throw notFound('team');
      if (before.state !== t.from)
        throw conflict('invalid_transition', `${periodWords(period, team.teamName)} is already ${before.state}`, {
          state: before.state,
        });
      if (input.version !== undefined) checkVersion('period', before.version, input.version);
      const after = await setPeriodState(trx, before.id, t.to, actor.userId);
      const comment = input.comment?.trim() ?? '';
      await recordTransition(trx, {
        entityType: 'team_period',
        entityId: before.id,
        from: before.state,
        to: after.state,
        actorId: actor.userId,
        comment,
      });
      await audit(trx, actor, t.action, before.id, {
        projectId: team.projectId,
        before: { teamId, ...auditState(before) },
        after: { teamId, ...auditState(after), ...(comment ? { comment } : {}) },
      });
      return presentPeriod(period, { ...after, updated_by_name: actor.displayName });
    });
  }

  /** The month's state changes, oldest first (FLOW-7); none for a month never closed. */
  async function history(actor: Actor, teamId: number, start: string): Promise<PeriodHistoryOut> {
    await authz.authorizeTeam(actor, 'team.view', teamId);
    const id = await findPeriodId(db, teamId, start);
    const rows = id === undefined ? [] : await findTransitions(db, 'team_period', [id]);
    return {
      items: rows.map((r) => ({
        from: r.from_state,
        to: r.to_state,
        at: r.at,
        actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.actor_name ?? '' },
        comment: r.comment,
      })),
    };
  }

  return { list, transition, history };
}
