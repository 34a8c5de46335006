import type { App } from '../../http/types.js';
import type { Deps } from '../../lib/deps.js';

/** Charging approved work logs under an invoice reference (FLOW-9). */
export function chargeRoutes(_app: App, _deps: Deps) {}
