import { abilities, type Actor, type AuthorizedTeam } from '../../authz/engine.js';
import { periodOf, type Period } from '../../lib/periods.js';
import type { PeriodRow } from './repo.js';
import type { PeriodOut } from './schema.js';

/** FLOW-3: whether the caller closes and reopens this team's periods, decided by the engine on the facts already loaded. */
export function mayManagePeriods(actor: Actor, { project, servedProjects, ...team }: AuthorizedTeam): boolean {
  return abilities(actor.subject, { project, servedProjects, team }, { manage: { action: 'period.manage' } }).manage;
}

/** The twelve calendar months of a year (team periods, FLOW-3). */
export function monthsOf(year: number): Period[] {
  const y = String(year).padStart(4, '0');
  return Array.from({ length: 12 }, (_, m) => periodOf(`${y}-${String(m + 1).padStart(2, '0')}-01`, 'month'));
}

/** A month as the API shows it: a month never closed has no row yet — open, version 1, never changed. */
export function presentPeriod(period: Period, row: PeriodRow | undefined): PeriodOut {
  return {
    start: period.start,
    end: period.end,
    state: row?.state ?? 'open',
    version: row?.version ?? 1,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ? { id: row.updated_by, displayName: row.updated_by_name ?? '' } : null,
  };
}

/** "the period 2026-03-01 – 2026-03-31 of team 'Ops'": the words the periodOpen gate uses (FLOW-11). */
export const periodWords = (period: Period, teamName: string) =>
  `the period ${period.start} – ${period.end} of team '${teamName}'`;

/** What the audit log keeps of a period change. */
export const auditState = (row: Pick<PeriodRow, 'period_start' | 'period_end' | 'state' | 'version'>) => ({
  start: row.period_start,
  end: row.period_end,
  state: row.state,
  version: row.version,
});
