// Guards "the explanation is the decision": the deciding reason is the first "no" in layer order, replaying
// only its layer with the reference model gives the same outcome, and each reason names a rule that holds —
// for the caller and, acting for another user (WL-5), for the person the work is done for.
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LAYERS, type Decision, type Reason } from '../../src/authz/decide.js';
import { APP_ROLES, PROJECT_PERMISSIONS, TEAM_PERMISSIONS, type TeamPermission } from '../../src/db/types.js';
import { casesOf, contextOf, describeCase, engine, reasonWho, type Case } from './cases.js';
import {
  appRolesOf,
  AREAS,
  currentMembership,
  entriesFor,
  governingItem,
  hasPermission,
  holdsTeamLevel,
  isDenied,
  isInGroup,
  openAreas,
  ownerOf,
  LOCKING_STATES,
  periodClosed,
  timesheetLocked,
  touchedDays,
  priceListCovers,
  projectOf,
  REQUIREMENTS,
  stepsOf,
  teamChecksOn,
  teamPermissionsOf,
  teamsOfProject,
  type Step,
  type Who,
  type World,
} from './reference.js';
import { names, SEED, worldArb } from './world.js';

const WORLDS = Number(process.env.AUTHZ_MEMORY_WORLDS ?? 200);
const layerIndex = (layer: string) => LAYERS.indexOf(layer as (typeof LAYERS)[number]);

/** Runs `check` on every case of generated worlds; a returned string is a failure. */
function everyCase(check: (world: World, c: Case, d: Decision) => string | null) {
  let cases = 0;
  fc.assert(
    fc.property(worldArb, (world) => {
      const ctx = contextOf(world);
      for (const c of casesOf(world)) {
        const why = check(world, c, engine(ctx, c));
        if (why) throw new Error(`${describeCase(world, c)}: ${why}`);
        cases++;
      }
    }),
    { seed: SEED, numRuns: WORLDS, includeErrorInReport: true },
  );
  return cases;
}

/** A reason's place in the reference's checks: whose standing and which layer. */
const keyOf = (who: Who, layer: string) => `${who}:${layer}`;
const reasonKey = (r: Reason) => keyOf(reasonWho(r.message), r.layer);
const stepKey = (s: Step) => keyOf(s.who, s.layer);

/** The person a reason speaks about, and its message without the "for <name>: " prefix of the owner's pass. */
function personOf(c: Case, reason: Reason): { person: number; message: string } {
  const owner = ownerOf(c.target);
  if (reasonWho(reason.message) === 'caller' || owner === undefined) return { person: c.user, message: reason.message };
  const prefix = `for ${names.user(owner)}: `;
  return {
    person: owner,
    message: reason.message.startsWith(prefix) ? reason.message.slice(prefix.length) : reason.message,
  };
}

/** The names a reason may use for an item-security entry: `user 'U1'`, `group 'wg0'`, `role 'Developers'`, `team 'T2'`. */
function entryNamed(
  world: World,
  c: Case,
  person: number,
  message: string,
  kind: 'view' | 'edit',
  value: 'allow' | 'deny',
): string | null {
  if (c.target.kind !== 'item') return 'an item-security reason without an item';
  const governing = governingItem(world, c.target.item);
  if (governing === null) return 'an item-security entry cited for an unsecured item';
  const candidates = entriesFor(world, person, c.target.item, world.items[governing].setting!)
    .filter((e) => e[kind] === value)
    .map(
      (e) =>
        `${e.kind} '${e.kind === 'user' ? names.user(e.subject) : e.kind === 'group' ? names.group(e.subject) : e.kind === 'team' ? names.team(e.subject) : names.role(e.subject)}'`,
    );
  return candidates.some((n) => message.includes(n))
    ? null
    : `"${message}" names none of the user's ${kind}-${value} entries ${JSON.stringify(candidates)}`;
}

const teamNamed = (world: World, message: string) =>
  world.teams.map((_, t) => t).find((t) => message.includes(`team '${names.team(t)}'`));
const levelsNamed = (message: string) => TEAM_PERMISSIONS.filter((p) => new RegExp(`\\b${p}\\b`).test(message));
const levelFirst = (message: string): TeamPermission | undefined =>
  TEAM_PERMISSIONS.find((p) => message.startsWith(`${p} `));

/** EXPL-1, DENY-3, TEAM-2, WL-5, PRICE-3: the rule a reason cites holds in the world, for the person it speaks about. */
function citedRuleHolds(world: World, c: Case, reason: Reason): string | null {
  const { person, message } = personOf(c, reason);
  const u = world.users[person];
  const project = projectOf(world, c.target);
  const permission = PROJECT_PERMISSIONS.find((p) => message.startsWith(`${p} `));
  // TEAM-8: a person denied ISSUE_TIME_TABS reads "the user's team" instead of its name; it is their team in the project.
  const unnamed =
    message.includes("the user's team") &&
    world.users[person].groups.some((g) =>
      world.denyGrants.some((d) => d.group === g && d.permission === 'ISSUE_TIME_TABS'),
    );
  const team =
    teamNamed(world, message) ??
    (unnamed && project !== null
      ? teamsOfProject(world, project).find((t) => currentMembership(world, person, t))
      : undefined);
  const date = c.target.kind === 'item' ? c.target.date : undefined;
  const slice = c.target.kind === 'slice' ? world.slices[c.target.slice] : undefined;
  // The team acted on: a team action's, or a slice's (FLOW-10: its approvers hold APPROVE_TIMESHEETS there).
  const targetTeam = c.target.kind === 'team' ? c.target.team : (slice?.team ?? null);
  switch (reason.code) {
    case 'user_inactive':
      return u.active ? 'an active user refused as deactivated' : null;
    case 'permission_granted':
      return project !== null && permission && hasPermission(world, person, project, permission)
        ? null
        : `"${message}" cites a permission the user lacks`;
    case 'missing_permission': {
      if (project === null) return 'a project permission cited without a project';
      const missing = PROJECT_PERMISSIONS.find((p) => message.includes(p));
      return missing && !hasPermission(world, person, project, missing)
        ? null
        : `"${message}" names a permission the user holds`;
    }
    case 'system_admin_override':
      return u.systemAdmin && REQUIREMENTS[c.action].systemAdminOverride
        ? null
        : 'an override for someone who has none';
    case 'system_admin_bypass':
      return u.systemAdmin ? null : 'an item-security bypass for a non-administrator';
    case 'system_admin':
      return u.systemAdmin ? null : 'a non-administrator cited as system administrator';
    case 'unsecured':
      return c.target.kind === 'item' && governingItem(world, c.target.item) === null
        ? null
        : 'a secured item called unsecured';
    case 'view_denied':
      return entryNamed(world, c, person, message, 'view', 'deny');
    case 'edit_denied':
      return entryNamed(world, c, person, message, 'edit', 'deny');
    case 'view_allowed':
      return entryNamed(world, c, person, message, 'view', 'allow');
    case 'edit_allowed':
      return entryNamed(world, c, person, message, 'edit', 'allow');
    case 'denied_surface': {
      const surface = REQUIREMENTS[c.action].surface!;
      const culprits = Array.from({ length: world.groups }, (_, g) => g)
        .filter(
          (g) => isInGroup(world, person, g) && world.denyGrants.some((d) => d.group === g && d.permission === surface),
        )
        .map((g) => `group '${names.group(g)}'`);
      return culprits.some((n) => message.includes(n))
        ? null
        : `"${message}" names none of the denied groups ${JSON.stringify(culprits)}`;
    }
    case 'not_denied':
      return REQUIREMENTS[c.action].surface && !isDenied(world, person, REQUIREMENTS[c.action].surface!)
        ? null
        : 'a denied surface called not denied';
    case 'area_closed':
    case 'area_open': {
      const area = AREAS.find((a) => message.includes(`the ${a} area`));
      const open = area !== undefined && openAreas(world, person).includes(area);
      return area && open === (reason.code === 'area_open') ? null : `"${message}" misstates the area`;
    }
    // Layers 5–6 (APP-3, TEAM-2, WL-5).
    case 'app_role': {
      const role = APP_ROLES.find((r) => message.startsWith(`app role ${r} `));
      if (!role || !appRolesOf(world, person).includes(role))
        return `"${message}" cites an app role the user does not hold`;
      const owner = ownerOf(c.target);
      if (
        role === 'team_admin' &&
        owner !== undefined &&
        owner !== c.user &&
        (team === undefined || !currentMembership(world, owner, team))
      )
        return `"${message}": the owner is not in that team`;
      return null;
    }
    case 'team_permission': {
      const level = levelFirst(message);
      if (!level || team === undefined || !holdsTeamLevel(world, person, team, level))
        return `"${message}" cites a team permission the user does not hold`;
      const owner = ownerOf(c.target);
      if (owner !== undefined && owner !== c.user && REQUIREMENTS[c.action].forOthers !== undefined)
        return currentMembership(world, owner, team) ? null : `"${message}": the owner is not in that team (WL-5)`;
      return targetTeam === team ? null : `"${message}" cites another team than the one acted on`;
    }
    case 'missing_authority': {
      const roles = APP_ROLES.filter((r) => new RegExp(`\\b${r}\\b`).test(message.slice(message.indexOf('app roles'))));
      if (roles.length === 0 || roles.some((r) => appRolesOf(world, person).includes(r)))
        return `"${message}": the user holds one of the roles, or none is named`;
      const level = levelsNamed(message)[0];
      return level && targetTeam !== null && holdsTeamLevel(world, person, targetTeam, level)
        ? `"${message}": the user holds ${level} in the team`
        : null;
    }
    case 'unbounded_granter':
      return u.systemAdmin || appRolesOf(world, person).some((r) => r === 'app_admin' || r === 'team_admin')
        ? null
        : 'an unbounded granter who is bound';
    case 'grant_boundary': {
      if (REQUIREMENTS[c.action].systemAdminOnly)
        return u.systemAdmin ? 'a system administrator refused at the system-administrator boundary' : null;
      const named = levelsNamed(message.slice(0, message.indexOf(':')));
      return named.length > 0 &&
        named.every((l) => targetTeam === null || !holdsTeamLevel(world, person, targetTeam, l))
        ? null
        : `"${message}" names a level the user holds`;
    }
    case 'grant_within_holdings': {
      const named = levelsNamed(message);
      return named.length > 0 && targetTeam !== null && named.every((l) => holdsTeamLevel(world, person, targetTeam, l))
        ? null
        : `"${message}" names a level the user lacks`;
    }
    case 'not_own_worklog': {
      const owner = ownerOf(c.target);
      return owner !== undefined && owner !== c.user
        ? null
        : "a refusal to act for another user about the user's own work";
    }
    // Layer 7 (PRICE-2, PRICE-3).
    case 'team_check_off':
      if (project === null || teamChecksOn(world, project)) return 'the team check called off while it is on';
      return message.includes('for the installation') === !world.teamChecks
        ? null
        : `"${message}" names the wrong switch`;
    case 'not_in_team':
      return project !== null && teamsOfProject(world, project).every((t) => !currentMembership(world, person, t))
        ? null
        : 'a member of a team of the project called not in a team';
    case 'team_role_cannot_work':
      return team !== undefined &&
        currentMembership(world, person, team) &&
        !teamPermissionsOf(world, person, team).includes('WORK_ON_ISSUES')
        ? null
        : `"${message}" misstates the team roles`;
    case 'no_valid_price_list':
      return team !== undefined &&
        date !== undefined &&
        !world.teams[team].priceLists.some((pl) => priceListCovers(pl, date))
        ? null
        : `"${message}": a price list covers ${date}`;
    case 'team_check_passed': {
      if (
        team === undefined ||
        date === undefined ||
        project === null ||
        !teamsOfProject(world, project).includes(team) ||
        !currentMembership(world, person, team)
      )
        return `"${message}" names a team the user is not in`;
      const list = unnamed
        ? world.teams[team].priceLists.findIndex((pl) => priceListCovers(pl, date))
        : world.teams[team].priceLists.findIndex((_, k) => message.includes(`'${names.priceList(team, k)}'`));
      return list >= 0 &&
        priceListCovers(world.teams[team].priceLists[list], date) &&
        teamPermissionsOf(world, person, team).includes('WORK_ON_ISSUES')
        ? null
        : `"${message}" names a price list not valid on ${date}, or a role without WORK_ON_ISSUES`;
    }
    // Layer 7: the locks on work and the slice gates (FLOW-1, FLOW-3, FLOW-8, FLOW-9, FLOW-11: the lock is named).
    case 'period_closed':
    case 'period_open':
    case 'timesheet_locked':
    case 'timesheet_editable':
      return lockCited(world, c, person, reason.code, message);
    case 'worklog_charged':
    case 'not_charged': {
      const w =
        c.target.kind === 'item' && c.target.worklog !== undefined ? world.worklogs[c.target.worklog] : undefined;
      if (!w) return 'a charge cited without a stored work log';
      if (reason.code === 'not_charged') return w.charge === null ? null : 'a charged work log called not charged';
      return w.charge !== null && message.includes(`invoice ${names.invoice(w.charge)};`)
        ? null
        : `"${message}" names the wrong invoice`;
    }
    case 'own_timesheet':
      return slice?.owner === person ? null : "another user's timesheet called their own";
    case 'not_own_timesheet':
      return slice && slice.owner !== person && message.endsWith(`${names.user(slice.owner)}'s`)
        ? null
        : `"${message}" misnames the owner`;
    case 'invalid_transition':
    case 'slice_state': {
      const from = REQUIREMENTS[c.action].sliceFrom;
      if (!slice || !from) return 'a slice state cited without a slice action';
      return from.includes(slice.state) === (reason.code === 'slice_state') &&
        message.includes(
          `${slice.start} – ${slice.end} is ${slice.state === 'recall_requested' ? 'approved' : slice.state}`,
        )
        ? null
        : `"${message}" misstates the slice's state ${slice.state}`;
    }
    default:
      return null;
  }
}

/** FLOW-3, FLOW-1, FLOW-11: a lock reason names a closed period (a locked slice) of a day the work touches, with its team and dates — or, allowing, none holds. */
function lockCited(world: World, c: Case, person: number, code: string, message: string): string | null {
  if (c.target.kind !== 'item') return 'a lock cited without a work item';
  const days = touchedDays(world, person, c.target);
  if (code === 'period_open')
    return days.every((d) => !periodClosed(world, d.team, d.date)) ? null : 'a closed period called open';
  if (code === 'timesheet_editable')
    return days.every((d) => !timesheetLocked(world, person, d.team, d.date)) ? null : 'a locked timesheet called open';
  const span = (start: string, end: string) => `${start} – ${end}`;
  // TEAM-8: a person denied ISSUE_TIME_TABS reads "the user's team".
  const words = (team: number | null) =>
    team === null
      ? 'no team'
      : isDenied(world, person, 'ISSUE_TIME_TABS')
        ? "the user's team"
        : `team '${names.team(team)}'`;
  const cited =
    code === 'period_closed'
      ? world.periods.some(
          (p) =>
            p.closed &&
            message === `the period ${span(p.start, p.end)} of ${words(p.team)} is closed` &&
            days.some((d) => d.team === p.team && p.start <= d.date && d.date <= p.end),
        )
      : world.slices.some(
          (s) =>
            s.owner === person &&
            LOCKING_STATES.includes(s.state) &&
            message.startsWith(`the timesheet of ${words(s.team)} for ${span(s.start, s.end)} is `) &&
            days.some((d) => d.team === s.team && s.start <= d.date && d.date <= s.end),
        );
  return cited ? null : `"${message}" names no lock on a day the work touches`;
}

describe('explain replays the decision (EXPL-1)', () => {
  test('EXPL-1, WL-5: reasons follow the layer order — the caller\'s, then the owner\'s — every reason before the deciding one allows, and the deciding one is the first "no"', () => {
    const cases = everyCase((world, c, d) => {
      if (d.reasons.length === 0) return 'no reasons';
      const whos = d.reasons.map((r) => reasonWho(r.message));
      if (whos.some((w, i) => i > 0 && w === 'caller' && whos[i - 1] === 'owner'))
        return 'a reason about the caller after one about the owner';
      for (let i = 1; i < d.reasons.length; i++) {
        if (whos[i] === whos[i - 1] && layerIndex(d.reasons[i].layer) < layerIndex(d.reasons[i - 1].layer))
          return `layer ${d.reasons[i].layer} after ${d.reasons[i - 1].layer}`;
      }
      if (d.deciding !== d.reasons[d.reasons.length - 1]) return 'the deciding reason is not the last one consulted';
      if (d.reasons.slice(0, -1).some((r) => r.outcome !== 'allow')) return 'a "no" before the deciding reason';
      if (d.allowed !== (d.deciding.outcome === 'allow')) return 'the deciding reason disagrees with the decision';
      if (!d.allowed) {
        const first = stepsOf(world, c.user, c.action, c.target).find((s) => !s.ok);
        if (!first || stepKey(first) !== reasonKey(d.deciding))
          return `refused at ${reasonKey(d.deciding)}, but the first "no" in order is ${first ? stepKey(first) : 'none'}`;
      }
      return null;
    });
    console.log(`explain order: ${cases} decisions`);
  });

  test('EXPL-1, WL-5: replaying only the deciding layer with the reference model gives the same outcome, and every layer cited as allowing allows', () => {
    everyCase((world, c, d) => {
      const steps = stepsOf(world, c.user, c.action, c.target);
      for (const reason of d.reasons) {
        if (reason.code === 'any_user') continue;
        const key = reasonKey(reason);
        const mine = steps.filter((s) => stepKey(s) === key);
        if (mine.length === 0) return `reason ${reason.code} at ${key}, a layer the reference does not consult`;
        const replayDenies = mine.some((s) => !s.ok);
        // A layer may allow one part and refuse the next (view, then edit): only the deciding reason speaks for the whole layer.
        if (reason === d.deciding && replayDenies !== (reason.outcome === 'deny'))
          return `layer ${key} replays to ${replayDenies ? 'deny' : 'allow'}, decision says ${reason.outcome}`;
        if (reason.outcome === 'allow' && replayDenies && key !== reasonKey(d.deciding))
          return `layer ${key} cited as allowing, replays to deny`;
      }
      return null;
    });
  });

  test('EXPL-1, DENY-3, PRJ-3, TEAM-2, WL-5, PRICE-3, FLOW-11: each reason cites a rule that holds — the permission, the ACL entry, the denied group, the area, the team role, the price list, the closed period, the locked timesheet, the invoice', () => {
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
      for (const reason of d.reasons.filter(
        (r) => r.layer === 'item' && r.code !== 'system_admin_bypass' && r.code !== 'unsecured',
      )) {
        const expected = governing === null || governing === c.target.item ? undefined : names.item(world, governing);
        if (reason.inheritedFrom !== expected)
          return `${reason.code} inherited from ${reason.inheritedFrom ?? 'nothing'}, the tree says ${expected ?? 'own setting'}`;
      }
      return null;
    });
  });

  test('EXPL-1, WL-5, PRICE-3: the explanation consults the layers the action needs — for the caller and for the owner — and no others', () => {
    everyCase((world, c, d) => {
      if (!d.allowed) return null;
      // An action no layer beyond identity restricts is explained as "open to every active user" (layer app).
      const consulted = new Set(d.reasons.filter((r) => r.code !== 'any_user').map(reasonKey));
      const needed = new Set(stepsOf(world, c.user, c.action, c.target).map(stepKey));
      const missing = [...needed].filter((k) => !consulted.has(k));
      const extra = [...consulted].filter((k) => !needed.has(k));
      return missing.length || extra.length
        ? `not consulted: ${missing.join(', ') || 'none'}; consulted without need: ${extra.join(', ') || 'none'}`
        : null;
    });
  });
});
