import type { ProjectPermission } from '../../db/types.js';
import type { ActionSpec } from '../catalogue.js';
import type { ProjectFacts, ResourceFacts, SubjectFacts } from '../facts.js';
import { LAYOUT } from '../standings.js';
import { itemAccess, itemLayer, outcome } from './item.js';
import { describeVia, grantsFor, projectIndex, reachingOf, standing, type ProjectIndex } from './standing.js';
import { note, refuse, type Decision, type Reason, type Trace } from './trace.js';

/** Names the grant that gives `permission`; the reason is the same for every check of the standing, so it is built once. */
function noteGranted(
  trace: Trace,
  index: ProjectIndex,
  at: number,
  subject: SubjectFacts,
  project: ProjectFacts,
  permission: ProjectPermission,
): void {
  const slot = index.slot(at, permission);
  let reason = trace.onBehalf ? undefined : index.granted[slot];
  if (!reason) {
    const message = `${trace.onBehalf ?? ''}${permission} on ${project.projectKey}: ${describeVia(grantsFor(reachingOf(index, subject, at), permission)[0].via)}`;
    reason = Object.freeze({ layer: 'project', outcome: 'allow', code: 'permission_granted', message }) as Reason;
    if (!trace.onBehalf) index.granted[slot] = reason;
  }
  trace.reasons!.push(reason);
}

/**
 * Layer 2 — project permissions (the base layer), never bypassed by the app layers; then layer 3, item security, on
 * the standing worked out here. A refusal on an item the subject cannot view must not reveal that it exists (PRJ-4,
 * ITEM-9).
 */
export function projectLayers(
  trace: Trace,
  spec: ActionSpec,
  subject: SubjectFacts,
  resource: ResourceFacts,
): Decision | undefined {
  const explain = trace.reasons !== null;
  const project = resource.project;
  if (!project) return refuse(trace, 'project', 'not_found', 'no such resource', true);
  const overridable = Boolean(spec.adminOverride) && subject.systemAdmin;
  const index = projectIndex(project);
  const at = standing(index, subject);
  const bits = index.bitsAt(at);
  if (!LAYOUT.holds(bits, 'BROWSE_PROJECT') && !(overridable && spec.adminOverride === true))
    return refuse(
      trace,
      'project',
      'missing_permission',
      `BROWSE_PROJECT is not granted on ${project.projectKey}`,
      true,
    );
  // Worked out once: item security (layer 3) reuses it.
  const access = spec.itemAccess && resource.item ? itemAccess(resource.item, subject, index, at) : undefined;
  if (access !== undefined && !trace.onBehalf) trace.itemHidden = outcome(access, 'view') !== 'allow';
  for (const permission of spec.permissions ?? []) {
    if (LAYOUT.holds(bits, permission)) {
      if (explain) noteGranted(trace, index, at, subject, project, permission);
    } else if (overridable) {
      if (explain)
        note(
          trace,
          'project',
          'system_admin_override',
          `system administrator acting without ${permission} on ${project.projectKey} (audited)`,
        );
    } else {
      return refuse(trace, 'project', 'missing_permission', `${permission} is not granted on ${project.projectKey}`);
    }
  }

  // Layer 3 — item security.
  if (spec.itemAccess && (spec.scope !== 'project' || resource.item)) {
    if (!resource.item) return refuse(trace, 'item', 'not_found', 'no such work item', true);
    return itemLayer(trace, spec.itemAccess, resource.item, access!, subject, index, at);
  }
  return undefined;
}
