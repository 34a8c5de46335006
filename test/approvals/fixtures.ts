// Fixtures of the approval suites (FLOW-2, 7, 8, 10): an owner who works in two teams of two projects, the approvers of
// each team, an app_admin, and helpers that log work and submit through the API and read the approvals API.
import assert from 'node:assert/strict';
import type { ApprovalDetail, ApprovalSlice } from '../../src/contracts.js';
import type { TeamPermission } from '../../src/db/types.js';
import {
  createAppAdmin,
  createItem,
  createProject,
  createUser,
  grant,
  signedIn,
  type TestApp,
} from '../helpers/harness.js';
import { addMember, createTeam, grantAppRole } from '../helpers/teams.js';

export type Client = Awaited<ReturnType<typeof signedIn>>;

/** A week (Monday–Sunday) inside the work-date window, and the next. */
export const WEEK = { start: '2026-11-02', end: '2026-11-08' };
export const NEXT_WEEK = { start: '2026-11-09', end: '2026-11-15' };

/**
 * Projects A and B (weekly timesheets), each with a team (teamA, teamB) and an item (itemA, itemB). Everyone browses both
 * projects and works on them.
 * - owner: a Team Member of both teams, whose slices the tests decide;
 * - approverA / approverB: APPROVE_TIMESHEETS in teamA / teamB and the timesheet_approver role (APP-2);
 * - appAdmin: app_admin (through the administrators group); colleague: a Team Member of teamA who is also an approver
 *   there (their own slices are never theirs to decide, FLOW-8);
 * - lead: APPROVE_TIMESHEETS in teamA without the timesheet_approver role (the area stays closed);
 * - stranger: timesheet_approver in no team.
 */
export async function approvalWorld(t: TestApp) {
  const projectA = await createProject(t.db);
  const projectB = await createProject(t.db);
  const teamA = await createTeam(t.db, projectA.id);
  const teamB = await createTeam(t.db, projectB.id);
  const person = async (setup: (id: number) => Promise<void>, create = () => createUser(t.db)) => {
    const user = await create();
    for (const project of [projectA, projectB])
      await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES', 'EDIT_ISSUES'], { userId: user.id });
    await setup(user.id);
    return { ...user, c: await signedIn(t.app, user.login) };
  };
  const approverOf =
    (teamId: number, extra: readonly TeamPermission[] = []) =>
    async (id: number) => {
      await addMember(t.db, teamId, id, ['APPROVE_TIMESHEETS', ...extra]);
      await grantAppRole(t.db, id, 'timesheet_approver');
    };
  const people = {
    owner: await person(async (id) => {
      await addMember(t.db, teamA.id, id);
      await addMember(t.db, teamB.id, id);
    }),
    approverA: await person(approverOf(teamA.id)),
    approverB: await person(approverOf(teamB.id)),
    colleague: await person(approverOf(teamA.id, ['WORK_ON_ISSUES'])),
    lead: await person((id) => addMember(t.db, teamA.id, id, ['APPROVE_TIMESHEETS'])),
    stranger: await person((id) => grantAppRole(t.db, id, 'timesheet_approver')),
    appAdmin: await person(
      async () => {},
      () => createAppAdmin(t.db),
    ),
  };
  return {
    projectA,
    projectB,
    teamA,
    teamB,
    ...people,
    itemA: await createItem(t.db, { projectId: projectA.id, title: 'Alpha work' }),
    itemA2: await createItem(t.db, { projectId: projectA.id, title: 'Alpha review' }),
    itemB: await createItem(t.db, { projectId: projectB.id, title: 'Beta work' }),
  };
}
export type ApprovalWorld = Awaited<ReturnType<typeof approvalWorld>>;

/** Logs work through the API (failing loudly when refused) and returns the work log. */
export async function logged(c: Client, itemKey: string, startDate: string, seconds = 3600) {
  const res = await c.post('/api/worklogs', { itemKey, startDate, durationSeconds: seconds });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; version: number };
}

/** Submits the caller's timesheet over the range; returns the submitted slices' ids by team id (0: no team). */
export async function submitted(c: Client, range: { start: string; end: string } = WEEK) {
  const res = await c.post('/api/timesheets/submit', range);
  assert.equal(res.statusCode, 200, res.body);
  const slices = res.json().slices as Array<{ id: number; team: { id: number } | null; state: string }>;
  return new Map(slices.filter((s) => s.state === 'submitted').map((s) => [s.team?.id ?? 0, s.id]));
}

/** The owner logs an hour on each team's item in the week and submits: the two slices' ids. */
export async function twoSlices(w: ApprovalWorld, range = WEEK) {
  await logged(w.owner.c, w.itemA.key, range.start);
  await logged(w.owner.c, w.itemB.key, range.start);
  const ids = await submitted(w.owner.c, range);
  return { sliceA: ids.get(w.teamA.id)!, sliceB: ids.get(w.teamB.id)! };
}

export async function queueOf(c: Client, query = '') {
  const res = await c.get(`/api/approvals${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: ApprovalSlice[]; nextCursor: string | null; total: number };
}

export async function detailOf(c: Client, id: number) {
  const res = await c.get(`/api/approvals/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ApprovalDetail;
}

/** `POST /api/approvals/:id/<step>` with the body. */
export const decide = (c: Client, id: number, step: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/approvals/${id}/${step}`, body);
