// Guards "the explanation is the decision": the deciding reason is the first "no" in layer order, replaying
// only its layer with the reference model gives the same outcome, and each reason names a rule that holds.
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LAYERS, type Decision, type Reason } from '../../src/authz/decide.js';
import { PROJECT_PERMISSIONS } from '../../src/db/types.js';
import { casesOf, contextOf, describeCase, engine, type Case } from './cases.js';
import {
  AREAS, entriesFor, governingItem, hasPermission, isDenied, isInGroup, layerVerdicts, openAreas, REF_LAYERS, REQUIREMENTS, type RefLayer, type World,
} from './reference.js';
import { names, SEED, worldArb } from './world.js';

const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 300);
const layerIndex = (layer: string) => LAYERS.indexOf(layer as (typeof LAYERS)[number]);
const isRefLayer = (layer: string): layer is RefLayer => (REF_LAYERS as readonly string[]).includes(layer);

/** Runs `check` on every case of generated worlds; a returned string is a failure. */
function everyCase(check: (world: World, c: Case, d: Decision) => string | null) {
  let cases = 0;
  fc.assert(fc.property(worldArb, (world) => {
    const ctx = contextOf(world);
    for (const c of casesOf(world)) {
      const why = check(world, c, engine(ctx, c));
      if (why) throw new Error(`${describeCase(world, c)}: ${why}`);
      cases++;
    }
  }), { seed: SEED, numRuns: WORLDS, includeErrorInReport: true });
  return cases;
}

/** The names a reason may use for an item-security entry: `user 'U1'`, `group 'wg0'`, `role 'Developers'`. */
function entryNamed(world: World, c: Case, reason: Reason, kind: 'view' | 'edit', value: 'allow' | 'deny'): string | null {
  if (c.target.kind !== 'item') return 'an item-security reason without an item';
  const governing = governingItem(world, c.target.item);
  if (governing === null) return 'an item-security entry cited for an unsecured item';
  const candidates = entriesFor(world, c.user, c.target.item, world.items[governing].setting!).filter((e) => e[kind] === value)
    .map((e) => `${e.kind} '${e.kind === 'user' ? names.user(e.subject) : e.kind === 'group' ? names.group(e.subject) : names.role(e.subject)}'`);
  return candidates.some((n) => reason.message.includes(n)) ? null : `"${reason.message}" names none of the user's ${kind}-${value} entries ${JSON.stringify(candidates)}`;
}

/** EXPL-1, DENY-3: the rule a reason cites holds in the world. */
function citedRuleHolds(world: World, c: Case, reason: Reason): string | null {
  const u = world.users[c.user];
  const project = c.target.kind === 'project' ? c.target.project : c.target.kind === 'item' ? world.items[c.target.item].project : null;
  const permission = PROJECT_PERMISSIONS.find((p) => reason.message.startsWith(`${p} `));
  switch (reason.code) {
    case 'user_inactive': return u.active ? 'an active user refused as deactivated' : null;
    case 'permission_granted':
      return project !== null && permission && hasPermission(world, c.user, project, permission) ? null : `"${reason.message}" cites a permission the user lacks`;
    case 'missing_permission': {
      if (project === null) return 'a project permission cited without a project';
      const missing = PROJECT_PERMISSIONS.find((p) => reason.message.includes(p));
      return missing && !hasPermission(world, c.user, project, missing) ? null : `"${reason.message}" names a permission the user holds`;
    }
    case 'system_admin_override': return u.systemAdmin && REQUIREMENTS[c.action].systemAdminOverride ? null : 'an override for someone who has none';
    case 'system_admin_bypass': return u.systemAdmin ? null : 'an item-security bypass for a non-administrator';
    case 'unsecured': return c.target.kind === 'item' && governingItem(world, c.target.item) === null ? null : 'a secured item called unsecured';
    case 'view_denied': return entryNamed(world, c, reason, 'view', 'deny');
    case 'edit_denied': return entryNamed(world, c, reason, 'edit', 'deny');
    case 'view_allowed': return entryNamed(world, c, reason, 'view', 'allow');
    case 'edit_allowed': return entryNamed(world, c, reason, 'edit', 'allow');
    case 'denied_surface': {
      const surface = REQUIREMENTS[c.action].surface!;
      const culprits = Array.from({ length: world.groups }, (_, g) => g).filter((g) => isInGroup(world, c.user, g)
        && world.denyGrants.some((d) => d.group === g && d.permission === surface)).map((g) => `group '${names.group(g)}'`);
      return culprits.some((n) => reason.message.includes(n)) ? null : `"${reason.message}" names none of the denied groups ${JSON.stringify(culprits)}`;
    }
    case 'not_denied': return REQUIREMENTS[c.action].surface && !isDenied(world, c.user, REQUIREMENTS[c.action].surface!) ? null : 'a denied surface called not denied';
    case 'area_closed': case 'area_open': {
      const area = AREAS.find((a) => reason.message.includes(`the ${a} area`));
      const open = area !== undefined && openAreas(world, c.user).includes(area);
      return area && open === (reason.code === 'area_open') ? null : `"${reason.message}" misstates the area`;
    }
    default: return null;
  }
}

describe('explain replays the decision (EXPL-1)', () => {
  test('EXPL-1: reasons follow the layer order, every reason before the deciding one allows, and the deciding one is the first "no"', () => {
    const cases = everyCase((world, c, d) => {
      if (d.reasons.length === 0) return 'no reasons';
      for (let i = 1; i < d.reasons.length; i++) {
        if (layerIndex(d.reasons[i].layer) < layerIndex(d.reasons[i - 1].layer)) return `layer ${d.reasons[i].layer} after ${d.reasons[i - 1].layer}`;
      }
      if (d.deciding !== d.reasons[d.reasons.length - 1]) return 'the deciding reason is not the last one consulted';
      if (d.reasons.slice(0, -1).some((r) => r.outcome !== 'allow')) return 'a "no" before the deciding reason';
      if (d.allowed !== (d.deciding.outcome === 'allow')) return 'the deciding reason disagrees with the decision';
      const verdicts = layerVerdicts(world, c.user, c.action, c.target);
      if (!d.allowed) {
        if (!isRefLayer(d.deciding.layer)) return `refused at ${d.deciding.layer}, outside layers 1–5`;
        const first = REF_LAYERS.find((l) => verdicts[l] === 'deny');
        if (first !== d.deciding.layer) return `refused at ${d.deciding.layer}, but the first "no" in layer order is ${first ?? 'none'}`;
      }
      return null;
    });
    console.log(`explain order: ${cases} decisions`);
  });

  test('EXPL-1: replaying only the deciding layer with the reference model gives the same outcome, and every layer cited as allowing allows', () => {
    everyCase((world, c, d) => {
      const verdicts = layerVerdicts(world, c.user, c.action, c.target);
      for (const reason of d.reasons) {
        if (!isRefLayer(reason.layer)) return `reason at ${reason.layer}, outside layers 1–5`;
        const replay = verdicts[reason.layer];
        // A layer may allow one part and refuse the next (view, then edit): only the deciding reason speaks for the whole layer.
        if (reason === d.deciding && (replay === 'deny') !== (reason.outcome === 'deny')) return `layer ${reason.layer} replays to ${replay}, decision says ${reason.outcome}`;
        if (reason.outcome === 'allow' && replay === 'deny' && reason.layer !== d.deciding.layer) return `layer ${reason.layer} cited as allowing, replays to deny`;
      }
      return null;
    });
  });

  test('EXPL-1, DENY-3, PRJ-3: each reason cites a rule that holds — the permission, the ACL entry, the denied group, the area', () => {
    everyCase((world, c, d) => {
      for (const reason of d.reasons) {
        const why = citedRuleHolds(world, c, reason);
        if (why) return `${reason.code}: ${why}`;
      }
      return null;
    });
  });

  test('EXPL-1, ITEM-2: an item-security reason names the item its setting is inherited from, found by walking up the tree', () => {
    everyCase((world, c, d) => {
      if (c.target.kind !== 'item') return null;
      const governing = governingItem(world, c.target.item);
      for (const reason of d.reasons.filter((r) => r.layer === 'item' && r.code !== 'system_admin_bypass' && r.code !== 'unsecured')) {
        const expected = governing === null || governing === c.target.item ? undefined : names.item(world, governing);
        if (reason.inheritedFrom !== expected) return `${reason.code} inherited from ${reason.inheritedFrom ?? 'nothing'}, the tree says ${expected ?? 'own setting'}`;
      }
      return null;
    });
  });

  test('EXPL-1: the explanation consults the layers the action needs and no others', () => {
    everyCase((world, c, d) => {
      if (!d.allowed) return null;
      const verdicts = layerVerdicts(world, c.user, c.action, c.target);
      const consulted = new Set(d.reasons.map((r) => r.layer));
      for (const layer of REF_LAYERS) {
        // An action no layer beyond identity restricts is explained as "open to every active user" (layer app).
        const consultedHere = consulted.has(layer) && !d.reasons.some((r) => r.layer === layer && r.code === 'any_user');
        if ((verdicts[layer] !== 'skip') !== consultedHere) return `layer ${layer}: applies ${verdicts[layer] !== 'skip'}, consulted ${consultedHere}`;
      }
      return null;
    });
  });
});
