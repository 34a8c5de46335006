import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';

/** Timesheet Approval: the queue of slices, approve, reject, recall decisions, reopen; the inbox (FLOW-2, FLOW-8, FLOW-10). */
export function approvalRoutes(_app: App, _deps: Deps) {}
