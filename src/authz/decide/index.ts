import { ACTIONS, type Action, type ActionSpec } from '../catalogue.js';
import type { ResourceFacts, SubjectFacts } from '../facts.js';
import { appLayer, authorityLayer } from './app.js';
import { businessLayer } from './business.js';
import { denyLayer } from './deny.js';
import { identityLayer } from './identity.js';
import { leaveLayer } from './leave.js';
import { projectLayers } from './project.js';
import { actingFor, grantBoundaryLayer, teamSight, teamVisibleLayer, type TeamSight } from './team.js';
import { seesSlice, sliceTeam } from './timesheet.js';
import { note, refuse, type DecideOptions, type Decision, type Reason, type Trace } from './trace.js';

/**
 * The pure decision core: facts in, decision and reasons out, no I/O. Layers are consulted in the order of SPEC §0
 * (LAYERS); the first "no" decides and is named. Each layer lives in its own file beside this one.
 */
export function decide(
  action: Action,
  subject: SubjectFacts,
  resource: ResourceFacts = {},
  options?: DecideOptions,
): Decision {
  const explain = options?.explain;
  if (explain !== undefined) return run(action, subject, resource, explain);
  const decision = run(action, subject, resource, false);
  return explainedOnRead(decision, () => run(action, subject, resource, true));
}

/** The deciding reason of an allowed decision made without an explanation. */
const ALLOWED: Reason = Object.freeze({
  layer: 'app',
  outcome: 'allow',
  code: 'allowed',
  message: 'allowed',
}) as Reason;
const NO_REASONS: readonly Reason[] = Object.freeze([]);

function run(action: Action, subject: SubjectFacts, resource: ResourceFacts, explain: boolean): Decision {
  const spec: ActionSpec = ACTIONS[action];
  const trace: Trace = { action, reasons: explain ? [] : null, itemHidden: false, onBehalf: undefined };
  const other = spec.selfOnly && resource.ownerId !== undefined && resource.ownerId !== subject.userId;
  if (!other) {
    const refused = layers(trace, spec, subject, resource);
    if (refused) return refused;
  } else {
    // Acting on another user's work (WL-5): the caller must see the resource and act for the owner; then
    // every gate is evaluated for the owner, whose refusals are 403s (the caller knows the resource).
    const refused = layers(trace, callerPart(spec), subject, resource) ?? actingFor(trace, spec, subject, resource);
    if (refused) return refused;
    if (spec.scope !== 'global') {
      trace.onBehalf = `for ${resource.owner!.name ?? `user ${resource.owner!.userId}`}: `;
      trace.itemHidden = false;
      const ownerRefused = layers(trace, spec, resource.owner!, resource);
      if (ownerRefused) return ownerRefused;
    }
  }
  if (!trace.reasons) return { allowed: true, action, reasons: NO_REASONS, deciding: ALLOWED, hidden: false };
  if (trace.reasons.length === 1) note(trace, 'app', 'any_user', 'open to every active user');
  return {
    allowed: true,
    action,
    reasons: trace.reasons,
    deciding: trace.reasons[trace.reasons.length - 1],
    hidden: false,
  };
}

/** A fast decision that explains itself when its reasons are read (see DecideOptions). */
function explainedOnRead(decision: Decision, explained: () => Decision): Decision {
  let full: Decision | undefined;
  const explanation = () => (full ??= explained());
  return {
    allowed: decision.allowed,
    action: decision.action,
    hidden: decision.hidden,
    get reasons() {
      return explanation().reasons;
    },
    get deciding() {
      // A refusal's reason is known without the explanation; once explained, it is the explanation's own.
      return full || decision.allowed ? explanation().deciding : decision.deciding;
    },
  };
}

/** What the caller needs when acting for someone else: to see the resource (the owner's pass checks the rest). */
function callerPart(spec: ActionSpec): ActionSpec {
  if (spec.scope === 'global') return { scope: 'global', area: spec.area };
  if (spec.scope === 'slice') return { scope: 'slice', area: spec.area, sliceVisible: spec.forOthers !== undefined };
  if (spec.scope === 'leave') return { scope: 'leave', area: spec.area };
  return { scope: spec.scope, permissions: ['BROWSE_PROJECT'], itemAccess: spec.itemAccess ? 'view' : undefined };
}

/** Layers 1–7 of SPEC §0 for one subject; the first refusal is returned, nothing when every layer allows. */
function layers(trace: Trace, spec: ActionSpec, subject: SubjectFacts, resource: ResourceFacts): Decision | undefined {
  const refused = identityLayer(trace, subject);
  if (refused) return refused;

  // TEAM-8: how the user sees the team, worked out once; every refusal about a team they cannot see is a 404.
  let sight: TeamSight | null = null;
  if (spec.scope === 'team') {
    if (!resource.team) return refuse(trace, 'project', 'not_found', 'no such team', true);
    if (spec.teamVisible) {
      sight = teamSight(subject, resource.team, resource);
      if (!trace.onBehalf) trace.itemHidden = sight === null;
    }
  }
  // A timesheet slice (FLOW-10): who may not know it exists gets 404s; its team is the authority layer's team.
  let team = resource.team;
  if (spec.scope === 'slice') {
    if (!resource.slice) return refuse(trace, 'project', 'not_found', 'no such timesheet', true);
    const sees = seesSlice(subject, resource.slice, resource.owner);
    if (!trace.onBehalf) trace.itemHidden = !sees;
    if (spec.sliceVisible) {
      if (!sees) return refuse(trace, 'project', 'not_found', 'no such timesheet', true);
      if (trace.reasons) note(trace, 'project', 'sees_timesheet', 'the user may know the timesheet (FLOW-10)');
    }
    team ??= sliceTeam(resource.slice);
  }
  // A leave request (FLOW-4): who may not know it exists gets 404s, whatever the action.
  if (spec.scope === 'leave') {
    const refused = leaveLayer(trace, subject, resource);
    if (refused) return refused;
  }
  // Layers 2 and 3 — project permissions and item security, for whatever belongs to a project.
  if (
    spec.scope !== 'global' &&
    spec.scope !== 'slice' &&
    spec.scope !== 'leave' &&
    !(spec.scope === 'team' && resource.team!.projectId === null)
  ) {
    const refused = projectLayers(trace, spec, subject, resource);
    if (refused) return refused;
  }
  // Layers 4–7, each asked only when the action names it: deny permissions, the app area and system-administrator-only
  // changes, authority, the grant boundary, the team's visibility (TEAM-8), then the business gates.
  return (
    (spec.denySurface && denyLayer(trace, spec.denySurface, subject)) ||
    appLayer(trace, spec, subject) ||
    (spec.authority && authorityLayer(trace, spec.authority, subject, team)) ||
    (spec.grantBoundary && resource.grantLevels?.length
      ? grantBoundaryLayer(trace, subject, resource.team, resource.grantLevels)
      : undefined) ||
    (spec.teamVisible && teamVisibleLayer(trace, sight, resource.team!)) ||
    (spec.gates && businessLayer(trace, spec.gates, subject, resource)) ||
    undefined
  );
}
