// Teams, price lists and app roles written straight to the tables, for every suite whose subject is not the
// teams API (that one builds its teams through the API: test/teams/fixtures.ts), and the PRICE-7 money walker.
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/index.js';
import { TEAM_PERMISSIONS, type AppRole, type TeamPermission } from '../../src/db/types.js';
import { insertDefaultRoles } from '../../src/modules/teams/repo.js';
import { unique } from './harness.js';

/** A member of a team made by createTeam: one role with `permissions` (default: Team Member's WORK_ON_ISSUES). */
export interface TeamMember {
  userId: number;
  permissions?: readonly TeamPermission[];
}

/**
 * A team of the project (a global team when projectId is null) with its two default roles (TEAM-3), assigned to
 * the projects `assignTo` (global teams), with `members`.
 */
export async function createTeam(
  db: Database,
  projectId: number | null,
  options: { name?: string; members?: TeamMember[]; assignTo?: number[] } = {},
) {
  const team = await db
    .insertInto('teams')
    .values({ project_id: projectId, name: options.name ?? unique('Team ') })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  const roles = await insertDefaultRoles(db, team.id);
  for (const project of options.assignTo ?? []) await assignTeam(db, team.id, project);
  for (const m of options.members ?? []) await addMember(db, team.id, m.userId, m.permissions);
  return { ...team, leadRoleId: roles.lead, memberRoleId: roles.member };
}

/** Assigns a global team to a project. */
export async function assignTeam(db: Database, teamId: number, projectId: number) {
  await db.insertInto('team_projects').values({ team_id: teamId, project_id: projectId }).execute();
}

/**
 * A current membership of the user holding one role: a role id, or the role with these permissions — Team Member
 * (the default) for WORK_ON_ISSUES alone, Team Lead for all of them, else a new custom role.
 */
export async function addMember(
  db: Database,
  teamId: number,
  userId: number,
  role: number | readonly TeamPermission[] = ['WORK_ON_ISSUES'],
) {
  const roleId = typeof role === 'number' ? role : await roleWith(db, teamId, role);
  const membership = await db
    .insertInto('team_memberships')
    .values({ team_id: teamId, user_id: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('team_membership_roles').values({ membership_id: membership.id, role_id: roleId }).execute();
}

async function roleWith(db: Database, teamId: number, permissions: readonly TeamPermission[]) {
  const roles = await db.selectFrom('team_roles').select(['id', 'kind']).where('team_id', '=', teamId).execute();
  if (permissions.join() === 'WORK_ON_ISSUES') return roles.find((r) => r.kind === 'member')!.id;
  if (permissions.length === TEAM_PERMISSIONS.length) return roles.find((r) => r.kind === 'lead')!.id;
  const custom = await db
    .insertInto('team_roles')
    .values({ team_id: teamId, name: unique('Role '), kind: 'custom', permissions: [...permissions] })
    .returning('id')
    .executeTakeFirstOrThrow();
  return custom.id;
}

/** Ends the user's current membership of the team (the history keeps it, TEAM-6). */
export async function leaveTeam(db: Database, teamId: number, userId: number) {
  await db
    .updateTable('team_memberships')
    .set({ left_at: new Date() })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .where('left_at', 'is', null)
    .execute();
}

/** A price list of the team; by default EUR 87.35 an hour, valid from 2020-01-01 on. */
export async function createPriceList(
  db: Database,
  teamId: number,
  values: { name?: string; currency?: string; hourlyRate?: string; validFrom?: string; validTo?: string | null } = {},
) {
  return db
    .insertInto('price_lists')
    .values({
      team_id: teamId,
      name: values.name ?? unique('List '),
      currency: values.currency ?? 'EUR',
      hourly_rate: values.hourlyRate ?? '87.35',
      valid_from: values.validFrom ?? '2020-01-01',
      valid_to: values.validTo ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Grants an app role (APP-1) to a user (by id) or to a group. */
export async function grantAppRole(db: Database, to: number | { groupId: number }, role: AppRole) {
  const [userId, groupId] = typeof to === 'number' ? [to, null] : [null, to.groupId];
  await db.insertInto('app_role_grants').values({ role, user_id: userId, group_id: groupId }).execute();
}

// PRICE-7: a walker that fails when a response carries money — a money-named key at any depth, or a string
// (or number) holding one of the rates the test knows. Reusable for any response: lists, records, errors.

const MONEY_WORDS = new Set([
  'rate',
  'rates',
  'price',
  'prices',
  'cost',
  'costs',
  'revenue',
  'revenues',
  'amount',
  'amounts',
]);

/**
 * A key names money when one of its words (camelCase or snake_case) is rate, price, cost, revenue or amount:
 * hourlyRate, rate, unit_price, cost_total, revenueEur. Two exceptions carry no amount: a reference to a price
 * list (priceList, priceListId, price_list_id) and a boolean (rateChanged: true).
 */
function isMoneyKey(key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return false;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\W]+/);
  return words.some((word, i) => MONEY_WORDS.has(word) && !/^lists?$/.test(words[i + 1] ?? ''));
}

/** '85.50' is also written '85.5'; a whole amount '90.00' also '90'. Use distinctive rates (e.g. '87.35') in tests. */
function spellings(rate: string): string[] {
  const out = new Set([rate]);
  if (rate.includes('.')) out.add(rate.replace(/0+$/, '').replace(/\.$/, ''));
  return [...out];
}

/** Every place in `body` that carries money, as `path: why` lines; empty when there is none. */
export function findMoney(body: unknown, rates: readonly string[] = []): string[] {
  const needles = rates.flatMap(spellings);
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[body, '$']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      const hit = needles.find((n) => text.includes(n));
      if (hit) found.push(`${path}: ${JSON.stringify(value).slice(0, 120)} contains the rate ${hit}`);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
        if (isMoneyKey(key, inner)) found.push(`${at}: a money key`);
        stack.push([inner, at]);
      }
    }
  }
  return found.sort();
}

/**
 * Fails when `body` (parsed JSON, or a response's text) carries money at any depth. `rates`: the amounts the
 * test stored, looked for inside every string, so a rate that leaks through a message is caught too.
 */
export function assertNoMoney(body: unknown, rates: readonly string[] = [], context = 'response'): void {
  const parsed = typeof body === 'string' ? parseOrText(body) : body;
  assert.deepEqual(findMoney(parsed, rates), [], `${context} carries money`);
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
