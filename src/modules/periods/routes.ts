import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';

/** Team periods: close and reopen (FLOW-3). */
export function periodRoutes(_app: App, _deps: Deps) {}
