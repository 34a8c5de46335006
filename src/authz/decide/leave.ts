import { LEAVE_TRANSITIONS, type LeaveAction } from '../catalogue.js';
import type { LeaveFact, ResourceFacts, SubjectFacts } from '../facts.js';
import { appRoleOf } from './holdings.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/**
 * FLOW-4: who may know a leave request exists, and read its type: its owner, app_admin, and a `vacation_approver` it
 * is routed to — a member of one of the routed teams (the owner's teams with an approver), or any when none is routed.
 */
export function seesLeave(subject: SubjectFacts, leave: LeaveFact): boolean {
  if (leave.ownerId === subject.userId) return true;
  if (appRoleOf(subject, ['app_admin'])) return true;
  if (!appRoleOf(subject, ['vacation_approver'])) return false;
  return leave.routedTeamIds.length === 0 || subject.teams.some((t) => leave.routedTeamIds.includes(t.teamId));
}

/** Layer 2 for a leave request: who may not know it gets a 404, whatever the action. */
export function leaveLayer(trace: Trace, subject: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const leave = resource.leave;
  if (!leave) return refuse(trace, 'project', 'not_found', 'no such leave request', true);
  if (!seesLeave(subject, leave)) {
    if (!trace.onBehalf) trace.itemHidden = true;
    return refuse(trace, 'project', 'not_found', 'no such leave request', true);
  }
  if (trace.reasons)
    note(
      trace,
      'project',
      'sees_leave',
      leave.ownerId === subject.userId
        ? 'the leave request is the user’s own'
        : `the leave request of ${leave.ownerName} is routed to the user (FLOW-4)`,
    );
  return undefined;
}

const STATE_WORDS: Record<LeaveFact['state'], string> = {
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

/** FLOW-4: nobody decides their own leave. */
export function notOwnLeave(trace: Trace, person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const leave = resource.leave!;
  if (leave.ownerId === person.userId)
    return refuse(trace, 'business', 'own_leave', 'nobody decides their own leave request (FLOW-4)');
  if (trace.reasons) note(trace, 'business', 'not_own_leave', `the leave request is ${leave.ownerName}'s`);
  return undefined;
}

/** FLOW-4: the request is in a state the action applies from (LEAVE_TRANSITIONS). */
export function leaveState(trace: Trace, _person: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const leave = resource.leave!;
  const transition = LEAVE_TRANSITIONS[trace.action as LeaveAction];
  if (!(transition.from as readonly string[]).includes(leave.state))
    return refuse(
      trace,
      'business',
      'leave_state',
      `the leave request is ${STATE_WORDS[leave.state]}; this needs it ${transition.from.map((s) => STATE_WORDS[s]).join(' or ')}`,
    );
  if (trace.reasons) note(trace, 'business', 'leave_state', `the leave request is ${STATE_WORDS[leave.state]}`);
  return undefined;
}
