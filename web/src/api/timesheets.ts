import { query, request } from '../api.js';
import type {
  Person,
  SliceHistory,
  SliceRecall,
  TeamList,
  Timer,
  TimerInput,
  TimerStoppedOut,
  TimesheetGrid,
  TimesheetItems,
  TimesheetSlice,
  TimesheetSubmit,
  TimesheetSubmitted,
  Worklog,
} from '../../../src/contracts.js';

export type TimesheetView = TimesheetGrid['view'];

/** Whose grid, which period: `userId` left out means the caller's own. */
export interface GridQuery {
  date: string;
  view: TimesheetView;
  userId?: number;
}

const forUser = (userId?: number) => (userId === undefined ? {} : { userId });

/**
 * The Timesheet area (FLOW-1): the grid of a week or month, the items a row may be added for, submitting and
 * recalling slices, the running timer. Cells are written through the work-log API, with the version of what the grid
 * showed (API-4).
 */
export const timesheetsApi = {
  grid: ({ date, view, userId }: GridQuery) =>
    request<TimesheetGrid>('GET', `/timesheets${query({ date, view, userId })}`),
  items: async (q: string, userId?: number) =>
    (await request<TimesheetItems>('GET', `/timesheets/items${query({ q, userId })}`)).items,
  submit: (range: { start: string; end: string }, userId?: number) =>
    request<TimesheetSubmitted>('POST', '/timesheets/submit', {
      body: { ...range, ...forUser(userId) } satisfies TimesheetSubmit,
    }),
  recall: (sliceId: number) =>
    request<TimesheetSlice>('POST', `/timesheets/slices/${sliceId}/recall`, { body: {} satisfies SliceRecall }),
  history: (sliceId: number) => request<SliceHistory>('GET', `/timesheets/slices/${sliceId}/history`),

  logCell: (itemKey: string, date: string, seconds: number, userId?: number) =>
    request<Worklog>('POST', '/worklogs', {
      body: { itemKey, startDate: date, durationSeconds: seconds, ...forUser(userId) },
    }),
  /** `confirmTeamChange` answers a `team_changed` warning (PRICE-5). */
  changeWorklog: (worklog: { id: number; version: number }, seconds: number, confirmTeamChange = false) =>
    request<Worklog>('PATCH', `/worklogs/${worklog.id}`, {
      body: { version: worklog.version, durationSeconds: seconds, ...(confirmTeamChange ? { confirmTeamChange } : {}) },
    }),
  deleteWorklog: (worklog: { id: number; version: number }) =>
    request<void>('DELETE', `/worklogs/${worklog.id}${query({ version: worklog.version })}`),

  /** People whose timesheet the picker offers: the members of the teams the caller sees (the Teams area). */
  people: async (): Promise<Person[]> => {
    const teams = await request<TeamList>('GET', `/teams${query({ limit: 100 })}`);
    const byId = new Map<number, Person>();
    for (const team of teams.items) for (const member of team.members) byId.set(member.id, member);
    return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  },

  timer: () => request<Timer>('GET', '/timer'),
  startTimer: (itemKey: string) => request<Timer>('POST', '/timer', { body: { itemKey } satisfies TimerInput }),
  stopTimer: () => request<TimerStoppedOut>('POST', '/timer/stop', { body: {} }),
  discardTimer: () => request<void>('DELETE', '/timer'),
};
