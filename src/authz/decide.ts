import { ACTIONS, ADMINISTRATION_ROLES, type Action } from './catalogue.js';
import type { GrantVia, ProjectFacts, ResourceFacts, SubjectFacts } from './facts.js';
import type { ProjectPermission } from '../db/types.js';

/**
 * The pure decision core: facts in, decision and reasons out, no I/O. Layers are consulted in the
 * order of SPEC §0; the first "no" decides and is named. Later layers (item security, denials,
 * app roles, team roles, business gates) slot in as further steps of `layers`.
 */
export type Layer = 'identity' | 'project' | 'item' | 'deny' | 'app' | 'team' | 'business';

export interface Reason {
  layer: Layer;
  outcome: 'allow' | 'deny';
  /** Stable machine code, e.g. `missing_permission`. */
  code: string;
  message: string;
}

export interface Decision {
  allowed: boolean;
  action: Action;
  reasons: Reason[];
  /** The reason that decided: the first denial, or the last allow. */
  deciding: Reason;
  /** The caller may not even know the resource exists (answer 404, not 403). */
  hidden: boolean;
}

export function describeVia(via: GrantVia): string {
  switch (via.kind) {
    case 'user': return 'granted to the user';
    case 'group': return `granted to group '${via.groupName}'`;
    case 'role': return `granted to project role '${via.roleName}'${via.groupName ? ` held through group '${via.groupName}'` : ''}`;
  }
}

/** Grants that give `permission` on the project, honouring ADMINISTER_PROJECT ⇒ all (PRJ-3). */
export function grantsFor(project: ProjectFacts, permission: ProjectPermission) {
  return project.grants.filter((g) => g.permission === permission || g.permission === 'ADMINISTER_PROJECT');
}

export function decide(action: Action, subject: SubjectFacts, resource: ResourceFacts = {}): Decision {
  const spec = ACTIONS[action] as (typeof ACTIONS)[Action] & Record<string, unknown>;
  const reasons: Reason[] = [];
  const finish = (hidden = false): Decision => {
    const deny = reasons.find((r) => r.outcome === 'deny');
    return { allowed: !deny, action, reasons, deciding: deny ?? reasons[reasons.length - 1], hidden: Boolean(deny) && hidden };
  };
  const deny = (layer: Layer, code: string, message: string, hidden = false) => {
    reasons.push({ layer, outcome: 'deny', code, message });
    return finish(hidden);
  };
  const allow = (layer: Layer, code: string, message: string) => reasons.push({ layer, outcome: 'allow', code, message });

  // Layer 1 — identity.
  if (!subject.active) return deny('identity', 'user_inactive', 'the user is deactivated', true);
  allow('identity', 'active_user', 'the user is active and signed in');

  if (spec.scope === 'global') {
    if (spec.global === 'user') {
      allow('app', 'any_user', 'open to every active user');
      return finish();
    }
    if (subject.systemAdmin) {
      allow('app', 'system_admin', 'system administrators open the Administration area');
      return finish();
    }
    const role = subject.appRoles.find((r) => ADMINISTRATION_ROLES.includes(r.role));
    if (!role) return deny('app', 'area_closed', 'the Administration area needs the app_admin app role');
    allow('app', 'app_role', `app role '${role.role}' (${describeVia(role.via)}) opens the Administration area`);
    return finish();
  }

  // Layer 2 — project permissions (the base layer). Never bypassed by the app layers.
  const project = resource.project;
  if (!project) return deny('project', 'not_found', 'no such project', true);
  const browse = grantsFor(project, 'BROWSE_PROJECT');
  const overridable = Boolean(spec.adminOverride) && subject.systemAdmin;
  if (browse.length === 0 && !overridable) {
    return deny('project', 'missing_permission', `BROWSE_PROJECT is not granted on ${project.projectKey}`, true);
  }
  for (const permission of spec.permissions ?? []) {
    const grants = grantsFor(project, permission);
    if (grants.length === 0) {
      if (overridable) {
        allow('project', 'system_admin_override', `system administrator acting without ${permission} on ${project.projectKey} (audited)`);
        continue;
      }
      return deny('project', 'missing_permission', `${permission} is not granted on ${project.projectKey}`);
    }
    allow('project', 'permission_granted', `${permission} on ${project.projectKey}: ${describeVia(grants[0].via)}`);
  }

  // Layer 6 (placeholder until teams): acting for someone else needs WL-5, which arrives with teams.
  if (spec.selfOnly && resource.ownerId !== undefined && resource.ownerId !== subject.userId) {
    return deny('team', 'not_own_worklog', 'acting on another user\'s work logs needs MANAGE_MEMBER_WORKLOGS (WL-5)');
  }
  return finish();
}
