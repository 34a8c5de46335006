import type { SubjectFacts } from '../facts.js';
import { note, refuse, type Decision, type Reason, type Trace } from './trace.js';

/** The first reason of nearly every explanation, the same every time. */
const ACTIVE_USER: Reason = Object.freeze({
  layer: 'identity',
  outcome: 'allow',
  code: 'active_user',
  message: 'the user is active and signed in',
}) as Reason;

/** Layer 1 — identity: a deactivated user may do nothing, and may not learn what exists (404). */
export function identityLayer(trace: Trace, subject: SubjectFacts): Decision | undefined {
  if (!subject.active) return refuse(trace, 'identity', 'user_inactive', 'the user is deactivated', true);
  if (trace.reasons) {
    if (trace.onBehalf) note(trace, 'identity', 'active_user', 'the user is active and signed in');
    else trace.reasons.push(ACTIVE_USER);
  }
  return undefined;
}
