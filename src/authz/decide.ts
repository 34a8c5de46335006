/** The decision core's entry point; its layers live in ./decide/ (identity, project, item, deny, app, team, business). */
export { decide } from './decide/index.js';
export { LAYERS, type DecideOptions, type Decision, type Layer, type Reason } from './decide/trace.js';
export { describeVia, grantsFor, matchingEntries, reachingGrants, rolesHeld } from './decide/standing.js';
export { teamStanding, type TeamStanding } from './decide/business.js';
