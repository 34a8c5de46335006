import type { Plan, Schedule, ScheduleRow, ScheduleTeam } from '../../api/schedule.js';
import { addDays } from '../timesheet/gridModel.js';

export { addDays };

/** Days: two weeks a column a day. Weeks: eight weeks, a column a week (bars still start and end on days). */
export type Zoom = 'days' | 'weeks';
export const ZOOMS: Record<Zoom, { days: number; step: number; dayWidth: number }> = {
  days: { days: 14, step: 7, dayWidth: 64 },
  weeks: { days: 56, step: 28, dayWidth: 18 },
};

const utc = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Whole days from `from` to `date` (negative before it). */
export const daysBetween = (from: string, date: string) => Math.round((utc(date) - utc(from)) / 86_400_000);

/** The Monday of the week holding `isoDate`. */
export function mondayOf(isoDate: string): string {
  const weekday = new Date(utc(isoDate)).getUTCDay();
  return addDays(isoDate, -((weekday + 6) % 7));
}

export const isWeekend = (isoDate: string) => [0, 6].includes(new Date(utc(isoDate)).getUTCDay());

export function rangeOf(from: string, zoom: Zoom): { from: string; to: string } {
  return { from, to: addDays(from, ZOOMS[zoom].days - 1) };
}

/**
 * A project's colour, the same on every screen and reload: hues spread by the golden angle so neighbouring ids differ.
 * Free text and events (no project) are neutral.
 */
export function colourOf(plan: Plan): { background: string; border: string } | undefined {
  if (!plan.project) return undefined;
  const hue = Math.round((plan.project.id * 137.508) % 360);
  return { background: `hsl(${hue} 70% 90%)`, border: `hsl(${hue} 60% 38%)` };
}

const KIND_NAMES: Record<Plan['kind'], string> = { task: 'Task', meeting: 'Meeting', out_of_office: 'Out of office' };
export const kindName = (kind: Plan['kind']) => KIND_NAMES[kind];

/** What a bar says: the work item's key and title (and the title beside it), else the title, else the kind. */
export function planLabel(plan: Plan): string {
  if (plan.busy) return 'Busy';
  const title = plan.title ?? '';
  if (plan.item)
    return title ? `${plan.item.key} ${plan.item.title} · ${title}` : `${plan.item.key} ${plan.item.title}`;
  return title || kindName(plan.kind);
}

export const hoursText = (hours: number) => `${Math.round(hours * 100) / 100} h`;
export const secondsAsHours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

/** A bar placed on the shown days: its first and last column (clipped to the range) and its lane in the row. */
export interface PlacedPlan {
  plan: Plan;
  first: number;
  last: number;
  lane: number;
}

/** Overlapping plans of a row stacked in lanes, each in the first lane free at its first day. */
export function placePlans(plans: readonly Plan[], from: string, dayCount: number) {
  const shown = plans
    .map((plan) => ({
      plan,
      first: Math.max(0, daysBetween(from, plan.startDate)),
      last: Math.min(dayCount - 1, daysBetween(from, plan.endDate)),
    }))
    .filter((p) => p.first <= p.last)
    .sort((a, b) => a.first - b.first || b.last - a.last || a.plan.id - b.plan.id);
  const laneEnds: number[] = [];
  const placed: PlacedPlan[] = shown.map((p) => {
    let lane = laneEnds.findIndex((end) => end < p.first);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = p.last;
    return { ...p, lane };
  });
  return { placed, lanes: Math.max(1, laneEnds.length) };
}

/** Where a row's plans go: a person (userId), or a team's placeholders "to be staffed". */
export type RowTarget = { userId: number; teamId: null } | { userId: null; teamId: number };

export interface TimelineRow {
  key: string;
  target: RowTarget;
  /** A person's row; undefined for a placeholder row. */
  person?: ScheduleRow;
  plans: Plan[];
  /** Plans may be created here (and moved here). */
  canPlan: boolean;
}

export interface TimelineGroup {
  key: string;
  name: string;
  rows: TimelineRow[];
}

const personRow = (row: ScheduleRow, teamKey: string): TimelineRow => ({
  key: `${teamKey}:u${row.user.id}`,
  target: { userId: row.user.id, teamId: null },
  person: row,
  plans: row.tasks,
  canPlan: row.canPlan,
});

const placeholderRow = (team: ScheduleTeam): TimelineRow => ({
  key: `t${team.id}:staff`,
  target: { userId: null, teamId: team.id },
  plans: team.placeholders,
  canPlan: team.canStaff,
});

/**
 * The rows by team: a person in several teams shows in each; people in no team shown under "No team"; a team's
 * placeholders "to be staffed" last in its group, for who staffs it.
 */
export function groupRows(schedule: Schedule): TimelineGroup[] {
  const groups: TimelineGroup[] = schedule.teams.map((team) => ({
    key: `t${team.id}`,
    name: team.name,
    rows: [
      ...schedule.rows.filter((row) => row.teamIds.includes(team.id)).map((row) => personRow(row, `t${team.id}`)),
      ...(team.canStaff ? [placeholderRow(team)] : []),
    ],
  }));
  const loose = schedule.rows.filter((row) => row.teamIds.length === 0);
  if (loose.length > 0) groups.push({ key: 'none', name: 'No team', rows: loose.map((row) => personRow(row, 'none')) });
  return groups.filter((group) => group.rows.length > 0);
}

/** The people and placeholders a plan may be for, as the dialog's "For" options. */
export function plannableTargets(schedule: Schedule): { value: string; label: string; target: RowTarget }[] {
  const seen = new Set<number>();
  const people = schedule.rows
    .filter((row) => row.canPlan && !seen.has(row.user.id) && seen.add(row.user.id))
    .map((row) => ({
      value: targetValue({ userId: row.user.id, teamId: null }),
      label: row.user.displayName,
      target: { userId: row.user.id, teamId: null } as RowTarget,
    }));
  const teams = schedule.teams
    .filter((team) => team.canStaff)
    .map((team) => ({
      value: targetValue({ userId: null, teamId: team.id }),
      label: `To be staffed — ${team.name}`,
      target: { userId: null, teamId: team.id } as RowTarget,
    }));
  return [...people, ...teams];
}

export const targetValue = (target: RowTarget) => (target.userId !== null ? `u${target.userId}` : `t${target.teamId}`);

/** A plan's dates, `days` later (a move) or with one end moved (a resize, never past the other end). */
export function shifted(plan: Plan, mode: 'move' | 'start' | 'end', days: number) {
  if (mode === 'move') return { startDate: addDays(plan.startDate, days), endDate: addDays(plan.endDate, days) };
  if (mode === 'start') {
    const startDate = addDays(plan.startDate, days);
    return { startDate: startDate > plan.endDate ? plan.endDate : startDate, endDate: plan.endDate };
  }
  const endDate = addDays(plan.endDate, days);
  return { startDate: plan.startDate, endDate: endDate < plan.startDate ? plan.startDate : endDate };
}
