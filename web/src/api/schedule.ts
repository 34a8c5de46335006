import type { Plan, PlanChange, PlanIn, Timeline, TimelineRow } from '../../../src/contracts.js';
import { query, request } from '../api.js';

export type { Plan, PlanChange, PlanIn };
export type Schedule = Timeline;
export type ScheduleRow = TimelineRow;
export type ScheduleDay = ScheduleRow['days'][number];
export type ScheduleTeam = Schedule['teams'][number];
export type PlanKind = Plan['kind'];

/** Planning (FLOW-5): the Schedule timeline, and planned tasks and events on it. */
export const scheduleApi = {
  timeline: (range: { from: string; to: string; teamId?: number }) =>
    request<Schedule>('GET', `/schedule${query(range)}`),
  create: (input: PlanIn) => request<Plan>('POST', '/schedule/tasks', { body: input }),
  /** Sends the version shown, so a plan changed meanwhile answers 409 `version_conflict` (API-4). */
  update: (plan: Pick<Plan, 'id' | 'version'>, change: PlanChange) =>
    request<Plan>('PATCH', `/schedule/tasks/${plan.id}`, { body: { version: plan.version, ...change } }),
  remove: (plan: Pick<Plan, 'id' | 'version'>) =>
    request<void>('DELETE', `/schedule/tasks/${plan.id}${query({ version: plan.version })}`),
};
