import type { TeamPeriod, TeamPeriodChange, TeamPeriodHistory, TeamPeriods } from '../../../src/contracts.js';
import { query, request } from '../api.js';

/** Team periods (FLOW-3): a team's months of a year, closing and reopening one, and its history (FLOW-7). */

/** The year's twelve months; without a year, this year in the installation's time zone. */
export const listPeriods = (teamId: number, year: number | null) =>
  request<TeamPeriods>('GET', `/teams/${teamId}/periods${query({ year })}`);

/** API-4: the version the screen read; a stale one is a 409 `version_conflict`. */
export const changePeriod = (
  teamId: number,
  period: Pick<TeamPeriod, 'start' | 'version'>,
  to: 'close' | 'reopen',
  change: Omit<TeamPeriodChange, 'version'>,
) =>
  request<TeamPeriod>('POST', `/teams/${teamId}/periods/${period.start}/${to}`, {
    body: { ...change, version: period.version },
  });

export const periodHistory = (teamId: number, start: string) =>
  request<TeamPeriodHistory>('GET', `/teams/${teamId}/periods/${start}/history`);
