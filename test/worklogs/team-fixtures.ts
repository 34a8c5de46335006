// Team and price-list fixtures written straight to the tables, for suites whose subject is not the teams API.
import type { Database } from '../../src/db/index.js';
import { TEAM_PERMISSIONS, type AppRole, type TeamPermission } from '../../src/db/types.js';
import { unique } from '../helpers/harness.js';

export interface TeamMember { userId: number; permissions?: TeamPermission[] }

/** A team (project-specific, or global when projectId is null) with its two default roles; each member holds one role with `permissions` (default: Team Member). */
export async function createTeam(db: Database, options: { projectId: number | null; members?: TeamMember[]; name?: string; assignTo?: number[] }) {
  const team = await db.insertInto('teams').values({ project_id: options.projectId, name: options.name ?? unique('team') }).returning(['id', 'name']).executeTakeFirstOrThrow();
  const lead = await db.insertInto('team_roles').values({ team_id: team.id, name: 'Team Lead', kind: 'lead', permissions: [...TEAM_PERMISSIONS] }).returning('id').executeTakeFirstOrThrow();
  const member = await db.insertInto('team_roles').values({ team_id: team.id, name: 'Team Member', kind: 'member', permissions: ['WORK_ON_ISSUES'] }).returning('id').executeTakeFirstOrThrow();
  for (const projectId of options.assignTo ?? []) await db.insertInto('team_projects').values({ team_id: team.id, project_id: projectId }).execute();
  for (const m of options.members ?? []) await addMember(db, team.id, m, { lead: lead.id, member: member.id });
  return { ...team, leadRoleId: lead.id, memberRoleId: member.id };
}

async function addMember(db: Database, teamId: number, m: TeamMember, roles: { lead: number; member: number }) {
  const membership = await db.insertInto('team_memberships').values({ team_id: teamId, user_id: m.userId }).returning('id').executeTakeFirstOrThrow();
  let roleId = roles.member;
  if (m.permissions && m.permissions.join() !== 'WORK_ON_ISSUES') {
    roleId = m.permissions.length === TEAM_PERMISSIONS.length ? roles.lead
      : (await db.insertInto('team_roles').values({ team_id: teamId, name: unique('role'), kind: 'custom', permissions: m.permissions }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await db.insertInto('team_membership_roles').values({ membership_id: membership.id, role_id: roleId }).execute();
}

export async function joinTeam(db: Database, teamId: number, member: TeamMember) {
  const roles = await db.selectFrom('team_roles').select(['id', 'kind']).where('team_id', '=', teamId).execute();
  await addMember(db, teamId, member, { lead: roles.find((r) => r.kind === 'lead')!.id, member: roles.find((r) => r.kind === 'member')!.id });
}

/** Ends the user's current membership (history keeps it). */
export async function leaveTeam(db: Database, teamId: number, userId: number) {
  await db.updateTable('team_memberships').set({ left_at: new Date() }).where('team_id', '=', teamId).where('user_id', '=', userId).where('left_at', 'is', null).execute();
}

export async function createPriceList(db: Database, teamId: number, options: { rate?: string; validFrom?: string; validTo?: string | null; name?: string; currency?: string } = {}) {
  return db.insertInto('price_lists').values({
    team_id: teamId, name: options.name ?? unique('prices'), currency: options.currency ?? 'EUR', hourly_rate: options.rate ?? '87.50',
    valid_from: options.validFrom ?? '2020-01-01', valid_to: options.validTo ?? null,
  }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function grantAppRole(db: Database, userId: number, role: AppRole) {
  await db.insertInto('app_role_grants').values({ role, user_id: userId }).execute();
}

const MONEY_KEYS = /^(rate|hourlyRate|price|prices|cost|revenue|amount)$/i;

/** PRICE-7: fails on any money key at any depth, and on any string containing one of the given rate values. */
export function moneyTraces(body: unknown, rates: string[], path = '$'): string[] {
  if (body === null || body === undefined) return [];
  if (typeof body === 'string') return rates.some((r) => body.includes(r)) ? [`${path} mentions a rate: ${body}`] : [];
  if (typeof body !== 'object') return [];
  if (Array.isArray(body)) return body.flatMap((v, i) => moneyTraces(v, rates, `${path}[${i}]`));
  return Object.entries(body).flatMap(([k, v]) => [...(MONEY_KEYS.test(k) ? [`${path}.${k}`] : []), ...moneyTraces(v, rates, `${path}.${k}`)]);
}
