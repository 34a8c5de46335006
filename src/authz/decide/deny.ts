import type { DenyPermission } from '../../db/types.js';
import type { SubjectFacts } from '../facts.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** Layer 4 — deny permissions on the surface the action shows (DENY-1, DENY-2); they bind system administrators too. */
export function denyLayer(trace: Trace, surface: DenyPermission, subject: SubjectFacts): Decision | undefined {
  const denial = subject.denies.find((d) => d.permission === surface);
  if (denial)
    return refuse(trace, 'deny', 'denied_surface', `DENY ${denial.permission} for group '${denial.groupName}'`);
  if (trace.reasons) note(trace, 'deny', 'not_denied', `no group of the user is denied ${surface}`);
  return undefined;
}
