import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { EntityJson, EntityUidJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import type { ProjectPermission } from '../../src/db/types.js';
import type { Check, Entry, Setting, WorldIndex } from './world.js';

/**
 * The same permissions in Cedar. Hierarchy: a user is in their groups, in the project-role holdings
 * they hold (`RoleHolding::"<project>:<role>"`, also through a group), and in the project permissions
 * granted to them (`Perm::"<project>:<PERMISSION>"`, also through a group or role holding;
 * ADMINISTER_PROJECT is in the other three). An item is in its governing setting (ITEM-2, the same
 * precomputed hierarchy the other engines get). Two ways of putting the ACL in:
 *
 * - `acl-in-entities` (few static policies): each setting entity lists its allow/deny subjects per
 *   action; `forbid` expresses every denial.
 * - `acl-as-policies`: one `permit` per allow entry and one `forbid` per deny entry, scoped
 *   `resource in Setting::"<id>"` — the literal translation, which grows the policy set with the ACL.
 *
 * Both are validated against the schema once; at request time `statefulIsAuthorized` uses the
 * preparsed policy set and no schema (request-time entity validation would only add cost). Cedar
 * takes entities per call, so each call gets the principal's slice for the item's project and the
 * item's slice, both built once and cached.
 */

export type CedarModel = 'acl-in-entities' | 'acl-as-policies';

export const SCHEMA = `
entity Perm in [Perm];
entity RoleHolding in [Perm];
entity Group in [Perm, RoleHolding];
entity User in [Group, RoleHolding, Perm] { active: Bool, systemAdmin: Bool };
entity Setting {
  viewAllowUsers: Set<User>, viewAllowGroups: Set<Group>, viewAllowRoles: Set<RoleHolding>,
  viewDenyUsers: Set<User>, viewDenyGroups: Set<Group>, viewDenyRoles: Set<RoleHolding>,
  editAllowUsers: Set<User>, editAllowGroups: Set<Group>, editAllowRoles: Set<RoleHolding>,
  editDenyUsers: Set<User>, editDenyGroups: Set<Group>, editDenyRoles: Set<RoleHolding>,
};
entity Item in [Setting] { browse: Perm, editIssues: Perm, gov?: Setting };
action view, edit appliesTo { principal: User, resource: Item };
`;

/** Layers 1–2 and the fall-backs, shared by both models. */
const BASE = `
// Identity, then the base layer (PRJ-3, PRJ-4): nothing without BROWSE_PROJECT; edit also needs EDIT_ISSUES.
forbid (principal, action, resource) unless { principal.active };
forbid (principal, action, resource) unless { principal in resource.browse };
forbid (principal, action == Action::"edit", resource) unless { principal in resource.editIssues };
// Unsecured items fall back to project permissions (ITEM-2); system administrators bypass item security (ITEM-5).
permit (principal, action, resource) unless { resource has gov };
permit (principal, action, resource) when { principal.systemAdmin };
`;

const matchesAny = (field: string) =>
  `(principal in resource.gov.${field}Users || principal in resource.gov.${field}Groups || principal in resource.gov.${field}Roles)`;

const ACL_IN_ENTITIES = `${BASE}
// ITEM-3: only matching allow entries grant; edit also needs view; deny beats allow; a view denial also refuses edit.
permit (principal, action == Action::"view", resource) when { resource has gov && ${matchesAny('viewAllow')} };
permit (principal, action == Action::"edit", resource) when { resource has gov && ${matchesAny('viewAllow')} && ${matchesAny('editAllow')} };
forbid (principal, action, resource) when { resource has gov && ${matchesAny('viewDeny')} } unless { principal.systemAdmin };
forbid (principal, action == Action::"edit", resource) when { resource has gov && ${matchesAny('editDeny')} } unless { principal.systemAdmin };
`;

const uid = (type: string, id: string | number): EntityUidJson => ({ type, id: String(id) });
const ref = (type: string, id: string | number) => ({ __entity: { type, id: String(id) } });
const subjectUid = (e: Entry, setting: Setting) =>
  e.kind === 'user'
    ? uid('User', e.subjectId)
    : e.kind === 'group'
      ? uid('Group', e.subjectId)
      : uid('RoleHolding', `${setting.projectId}:${e.subjectId}`);
const subjectText = (e: Entry, setting: Setting) => {
  const u = subjectUid(e, setting) as { type: string; id: string };
  return `${u.type}::"${u.id}"`;
};

function aclAsPolicies(index: WorldIndex): string {
  const lines = [BASE];
  for (const setting of index.world.settings.values()) {
    const scope = `resource in Setting::"${setting.itemId}"`;
    const viewers = setting.entries
      .filter((e) => e.view === 'allow')
      .map((e) => `principal in ${subjectText(e, setting)}`);
    for (const e of setting.entries) {
      const who = `principal in ${subjectText(e, setting)}`;
      if (e.view === 'allow') lines.push(`permit (${who}, action == Action::"view", ${scope});`);
      if (e.edit === 'allow' && viewers.length > 0)
        lines.push(`permit (${who}, action == Action::"edit", ${scope}) when { ${viewers.join(' || ')} };`);
      if (e.view === 'deny') lines.push(`forbid (${who}, action, ${scope}) unless { principal.systemAdmin };`);
      if (e.edit === 'deny')
        lines.push(`forbid (${who}, action == Action::"edit", ${scope}) unless { principal.systemAdmin };`);
    }
  }
  return lines.join('\n');
}

export interface CedarSide {
  model: CedarModel;
  policies: number;
  policySetId: string;
  principalSlice(userId: number, projectId: number): EntityJson[];
  itemSlice(itemId: number): EntityJson[];
}

let policySetCounter = 0;

export function buildCedar(index: WorldIndex, model: CedarModel): CedarSide {
  const { world } = index;
  const text = model === 'acl-in-entities' ? ACL_IN_ENTITIES : aclAsPolicies(index);
  const validation = cedar.validate({
    schema: SCHEMA,
    policies: { staticPolicies: text },
    validationSettings: { mode: 'strict' },
  });
  if (validation.type !== 'success' || validation.validationErrors.length > 0) {
    throw new Error(
      `Cedar ${model} policies do not validate: ${JSON.stringify(validation.type === 'success' ? validation.validationErrors.slice(0, 3) : validation.errors.slice(0, 3))}`,
    );
  }
  const policySetId = `${world.spec.name}-${model}-${policySetCounter++}`;
  const parsed = cedar.preparsePolicySet(policySetId, { staticPolicies: text });
  if (parsed.type !== 'success')
    throw new Error(`Cedar ${model} policies do not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const policies = (text.match(/^(permit|forbid) \(/gm) ?? []).length;

  const grantsByProject = new Map<number, typeof world.grants>();
  for (const g of world.grants) {
    if (!grantsByProject.has(g.projectId)) grantsByProject.set(g.projectId, []);
    grantsByProject.get(g.projectId)!.push(g);
  }
  const perm = (projectId: number, permission: ProjectPermission) => uid('Perm', `${projectId}:${permission}`);
  const principalSlices = new Map<string, EntityJson[]>();
  /** The user, their groups and role holdings, with parents restricted to `projectId`, and that project's ADMINISTER_PROJECT node. */
  function principalSlice(userId: number, projectId: number): EntityJson[] {
    const key = `${userId}:${projectId}`;
    const cached = principalSlices.get(key);
    if (cached) return cached;
    const user = world.users[userId - 1];
    const groups = world.memberOf.get(userId)!;
    const grants = grantsByProject.get(projectId) ?? [];
    const members = world.roleMembers.filter((m) => m.projectId === projectId);
    const holdingsOf = (pred: (m: (typeof members)[number]) => boolean) =>
      members.filter(pred).map((m) => uid('RoleHolding', `${projectId}:${m.roleId}`));
    const grantsTo = (kind: 'user' | 'group' | 'role', id: number) =>
      grants.filter((g) => g.kind === kind && g.subjectId === id).map((g) => perm(projectId, g.permission));
    const held = new Set(
      members
        .filter((m) => m.userId === userId || (m.groupId !== undefined && groups.includes(m.groupId)))
        .map((m) => m.roleId),
    );
    const slice: EntityJson[] = [
      {
        uid: uid('User', userId),
        attrs: { active: user.active, systemAdmin: user.systemAdmin },
        parents: [
          ...groups.map((g) => uid('Group', g)),
          ...holdingsOf((m) => m.userId === userId),
          ...grantsTo('user', userId),
        ],
      },
      ...groups.map((g) => ({
        uid: uid('Group', g),
        attrs: {},
        parents: [...holdingsOf((m) => m.groupId === g), ...grantsTo('group', g)],
      })),
      ...[...held].map((r) => ({
        uid: uid('RoleHolding', `${projectId}:${r}`),
        attrs: {},
        parents: grantsTo('role', r),
      })),
      {
        uid: perm(projectId, 'ADMINISTER_PROJECT'),
        attrs: {},
        parents: [perm(projectId, 'BROWSE_PROJECT'), perm(projectId, 'EDIT_ISSUES'), perm(projectId, 'WORK_ON_ISSUES')],
      },
    ];
    principalSlices.set(key, slice);
    return slice;
  }

  const itemSlices = new Map<number, EntityJson[]>();
  function itemSlice(itemId: number): EntityJson[] {
    const cached = itemSlices.get(itemId);
    if (cached) return cached;
    const item = world.items[itemId];
    const gov = world.governing[itemId];
    const attrs = {
      browse: ref('Perm', `${item.projectId}:BROWSE_PROJECT`),
      editIssues: ref('Perm', `${item.projectId}:EDIT_ISSUES`),
      ...(gov ? { gov: ref('Setting', gov) } : {}),
    };
    const slice: EntityJson[] = [{ uid: uid('Item', itemId), attrs, parents: gov ? [uid('Setting', gov)] : [] }];
    if (gov) {
      const setting = world.settings.get(gov)!;
      const settingAttrs: Record<string, ReturnType<typeof ref>[]> = {};
      if (model === 'acl-in-entities') {
        for (const field of ['viewAllow', 'viewDeny', 'editAllow', 'editDeny'])
          for (const kind of ['Users', 'Groups', 'Roles']) settingAttrs[field + kind] = [];
        for (const e of setting.entries) {
          const u = subjectUid(e, setting) as { type: string; id: string };
          const kind = e.kind === 'user' ? 'Users' : e.kind === 'group' ? 'Groups' : 'Roles';
          if (e.view !== 'unset')
            settingAttrs[`view${e.view === 'allow' ? 'Allow' : 'Deny'}${kind}`].push(ref(u.type, u.id));
          if (e.edit !== 'unset')
            settingAttrs[`edit${e.edit === 'allow' ? 'Allow' : 'Deny'}${kind}`].push(ref(u.type, u.id));
        }
      }
      slice.push({ uid: uid('Setting', gov), attrs: settingAttrs, parents: [] });
    }
    itemSlices.set(itemId, slice);
    return slice;
  }
  return { model, policies, policySetId, principalSlice, itemSlice };
}

const ACTION = { 'item.view': uid('Action', 'view'), 'item.edit': uid('Action', 'edit') };

export function cedarCall(side: CedarSide, check: Check, projectId: number): StatefulAuthorizationCall {
  return {
    principal: uid('User', check.userId),
    action: ACTION[check.action],
    resource: uid('Item', check.itemId),
    context: {},
    preparsedPolicySetId: side.policySetId,
    entities: side.principalSlice(check.userId, projectId).concat(side.itemSlice(check.itemId)),
  };
}

/** Asks Cedar; throws on a failed call and, when `strict`, on any policy evaluation error (a modelling bug). */
export function cedarAllows(call: StatefulAuthorizationCall, strict = false): boolean {
  const answer = cedar.statefulIsAuthorized(call);
  if (answer.type !== 'success') throw new Error(`Cedar failed: ${JSON.stringify(answer.errors.slice(0, 2))}`);
  if (strict && answer.response.diagnostics.errors.length > 0)
    throw new Error(`Cedar policy errors: ${JSON.stringify(answer.response.diagnostics.errors.slice(0, 2))}`);
  return answer.response.decision === 'allow';
}

export const cedarVersion = () => cedar.getCedarVersion();
