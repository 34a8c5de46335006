import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';

/** The running timer: one per user; stopping it writes a work log. */
export function timerRoutes(_app: App, _deps: Deps) {}
