import { LOCKING_SLICE_STATES, TRANSITIONS, type SliceAction } from '../catalogue.js';
import type { ResourceFacts, SliceFact, SubjectFacts, WorkLocks } from '../facts.js';
import { teamStanding } from './business.js';
import { appRoleOf, holdsTeamPermission } from './holdings.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** The days a work-log action touches: the stored work log's (its recorded team) and the new work date's (the owner's team on it). */
export function touchedDays(
  person: SubjectFacts,
  resource: ResourceFacts,
): Array<{ teamId: number | null; date: string }> {
  const days: Array<{ teamId: number | null; date: string }> = [];
  if (resource.worklog) days.push({ teamId: resource.worklog.teamId, date: resource.worklog.date });
  if (resource.date !== undefined) {
    const teamId = resource.teams ? (teamStanding(person, resource.teams, resource.date).team?.teamId ?? null) : null;
    if (!days.some((d) => d.teamId === teamId && d.date === resource.date)) days.push({ teamId, date: resource.date });
  }
  return days;
}

/** TEAM-8: a user denied ISSUE_TIME_TABS reads no team name, not even in a refusal about their own work. */
const teamWords = (person: SubjectFacts, name: string | null) =>
  name === null
    ? 'no team'
    : person.denies.some((d) => d.permission === 'ISSUE_TIME_TABS')
      ? "the user's team"
      : `team '${name}'`;

const span = (start: string, end: string) => `${start} – ${end}`;

/** FLOW-3: no touched day lies in a closed period of its team. */
export function periodOpen(trace: Trace, person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const locks: WorkLocks = resource.locks!;
  for (const day of touchedDays(person, resource)) {
    const closed = locks.periods.find((p) => p.teamId === day.teamId && p.start <= day.date && day.date <= p.end);
    if (closed)
      return refuse(
        trace,
        'business',
        'period_closed',
        `the period ${span(closed.start, closed.end)} of ${teamWords(person, closed.teamName)} is closed`,
      );
  }
  if (trace.reasons) note(trace, 'business', 'period_open', 'no closed team period holds the work date');
  return undefined;
}

/** FLOW-1: no touched day lies in a slice of its team that is submitted, approved or awaiting a recall decision. */
export function timesheetEditable(trace: Trace, person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const locks: WorkLocks = resource.locks!;
  for (const day of touchedDays(person, resource)) {
    const locked = locks.slices.find(
      (s) =>
        s.teamId === day.teamId && s.start <= day.date && day.date <= s.end && LOCKING_SLICE_STATES.includes(s.state),
    );
    if (locked)
      return refuse(
        trace,
        'business',
        'timesheet_locked',
        `the timesheet of ${teamWords(person, locked.teamName)} for ${span(locked.start, locked.end)} is ${STATE_WORDS[locked.state]}`,
      );
  }
  if (trace.reasons) note(trace, 'business', 'timesheet_editable', 'the timesheet of the work date is open to changes');
  return undefined;
}

/** How a slice's state reads in a sentence. */
export const STATE_WORDS: Record<SliceFact['state'], string> = {
  open: 'open',
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  recall_requested: 'approved, with a recall requested',
};

/** FLOW-9: the stored work log is not charged. */
export function notCharged(trace: Trace, resource: ResourceFacts): Decision | undefined {
  const charge = resource.worklog!.charge;
  if (charge)
    return refuse(
      trace,
      'business',
      'worklog_charged',
      `the work log is charged under invoice ${charge.invoiceNumber}; revoke the charge first`,
    );
  if (trace.reasons) note(trace, 'business', 'not_charged', 'the work log is not charged');
  return undefined;
}

/** FLOW-8: nobody decides on a slice of their own work. */
export function notOwnApproval(trace: Trace, person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const slice = resource.slice!;
  if (slice.ownerId === person.userId)
    return refuse(trace, 'business', 'own_timesheet', 'nobody approves their own timesheet (FLOW-8)');
  if (trace.reasons) note(trace, 'business', 'not_own_timesheet', `the timesheet is ${slice.ownerName}'s`);
  return undefined;
}

/** FLOW-1: the slice is in a state the action applies from (TRANSITIONS). */
export function sliceState(trace: Trace, person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const slice = resource.slice!;
  const transition = TRANSITIONS[trace.action as SliceAction];
  const of = `the timesheet of ${teamWords(person, slice.teamName)} for ${span(slice.start, slice.end)}`;
  if (!(transition.from as readonly string[]).includes(slice.state))
    return refuse(
      trace,
      'business',
      'invalid_transition',
      `${of} is ${STATE_WORDS[slice.state]}; this needs it ${transition.from.map((s) => STATE_WORDS[s]).join(' or ')}`,
    );
  if (trace.reasons) note(trace, 'business', 'slice_state', `${of} is ${STATE_WORDS[slice.state]}`);
  return undefined;
}

/**
 * Who may know a slice exists (its refusals are 404s for everyone else): its owner, app_admin, team_admin over a
 * member of a team, and members of its team holding APPROVE_TIMESHEETS, VIEW_MEMBER_WORKLOGS or MANAGE_MEMBER_WORKLOGS.
 */
export function seesSlice(subject: SubjectFacts, slice: SliceFact, owner: SubjectFacts | undefined): boolean {
  if (slice.ownerId === subject.userId) return true;
  if (appRoleOf(subject, ['app_admin'])) return true;
  if (appRoleOf(subject, ['team_admin']) && (owner?.teams.length ?? 0) > 0) return true;
  const membership = slice.teamId === null ? undefined : subject.teams.find((t) => t.teamId === slice.teamId);
  return (
    membership !== undefined &&
    (['APPROVE_TIMESHEETS', 'VIEW_MEMBER_WORKLOGS', 'MANAGE_MEMBER_WORKLOGS'] as const).some((p) =>
      holdsTeamPermission(membership, p),
    )
  );
}

/** The team of a slice as the authority layer reads it. */
export const sliceTeam = (slice: SliceFact | undefined) =>
  slice && slice.teamId !== null
    ? { teamId: slice.teamId, teamName: slice.teamName ?? '', projectId: null }
    : undefined;
