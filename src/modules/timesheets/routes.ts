import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';

/** The timesheet grid, submitting and recalling slices (FLOW-1, FLOW-2, FLOW-8). */
export function timesheetRoutes(_app: App, _deps: Deps) {}
