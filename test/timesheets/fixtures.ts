// Fixtures of the timesheet suites (FLOW-1, 2, 7, 8, 10, 11): a project team with the owner of the timesheets and the
// people who may (or may not) see, submit or approve them, and small helpers for work logs, slices and periods.
import type { Database } from '../../src/db/index.js';
import type { TeamPermission } from '../../src/db/types.js';
import { createItem, createProject, createUser, grant, signedIn, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';

export type Client = Awaited<ReturnType<typeof signedIn>>;

/** A week (Monday–Sunday) inside the work-date window. */
export const WEEK = { start: '2025-11-03', end: '2025-11-09' };
/** A week crossing a month boundary (Kimai #6162): 29–30 September and 1–5 October 2025. */
export const CROSSING = { start: '2025-09-29', end: '2025-10-05' };

/**
 * Project P (weekly timesheets) with items I and J and its team T (a price list valid from 2020 on); everyone below
 * browses P and works on it.
 * - owner: a Team Member of T, whose timesheet the tests fill;
 * - manager: MANAGE_MEMBER_WORKLOGS in T; viewer: VIEW_MEMBER_WORKLOGS in T; approver: APPROVE_TIMESHEETS in T and the
 *   timesheet_approver role; teamAdmin (team_admin); colleague: another Team Member of T; outsider: in no team.
 */
export async function sheetWorld(t: TestApp) {
  const project = await createProject(t.db);
  const team = await createTeam(t.db, project.id);
  await createPriceList(t.db, team.id, { hourlyRate: '61.35' });
  const person = async (setup: (id: number) => Promise<void>) => {
    const user = await createUser(t.db);
    await grant(t.db, project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES', 'EDIT_ISSUES'], { userId: user.id });
    await grantAppRole(t.db, user.id, 'timesheet_viewer');
    await setup(user.id);
    return { ...user, c: await signedIn(t.app, user.login) };
  };
  const member = (permissions?: readonly TeamPermission[]) => (id: number) => addMember(t.db, team.id, id, permissions);
  const owner = await person(member());
  return {
    project,
    team,
    item: await createItem(t.db, { projectId: project.id, title: 'Design' }),
    item2: await createItem(t.db, { projectId: project.id, title: 'Build' }),
    owner,
    colleague: await person(member()),
    manager: await person(member(['MANAGE_MEMBER_WORKLOGS'])),
    viewer: await person(member(['VIEW_MEMBER_WORKLOGS'])),
    approver: await person(async (id) => {
      await addMember(t.db, team.id, id, ['APPROVE_TIMESHEETS']);
      await grantAppRole(t.db, id, 'timesheet_approver');
    }),
    teamAdmin: await person((id) => grantAppRole(t.db, id, 'team_admin')),
    outsider: await person(async () => {}),
  };
}
export type SheetWorld = Awaited<ReturnType<typeof sheetWorld>>;

/** `POST /api/worklogs` of `seconds` (an hour) on the item and day, for the caller or (WL-5) for `userId`. */
export const logWork = (
  c: Client,
  itemKey: string,
  startDate: string,
  options: { userId?: number; seconds?: number } = {},
) =>
  c.post('/api/worklogs', {
    itemKey,
    startDate,
    durationSeconds: options.seconds ?? 3600,
    ...(options.userId ? { userId: options.userId } : {}),
  });

/** Logs an hour and returns the work log (failing loudly when refused). */
export async function logged(c: Client, itemKey: string, startDate: string, seconds = 3600) {
  const res = await logWork(c, itemKey, startDate, { seconds });
  if (res.statusCode !== 201) throw new Error(`logging work failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number };
}

export const submit = (c: Client, range: { start: string; end: string }, userId?: number) =>
  c.post('/api/timesheets/submit', { ...range, ...(userId ? { userId } : {}) });

/** Sets a slice's state directly, as an approver's decision would (the approvals suites test those transitions). */
export async function setState(db: Database, id: number, state: 'approved' | 'rejected' | 'recall_requested') {
  await db.updateTable('timesheet_slices').set({ state }).where('id', '=', id).execute();
}

/** Closes a team's month directly (the period suites test closing through the API). */
export async function closeMonth(db: Database, teamId: number, start: string, end: string) {
  await db
    .insertInto('team_periods')
    .values({ team_id: teamId, period_start: start, period_end: end, state: 'closed' })
    .execute();
}

export const gridUrl = (date: string, options: { view?: 'week' | 'month'; userId?: number } = {}) =>
  `/api/timesheets?date=${date}${options.view ? `&view=${options.view}` : ''}${options.userId ? `&userId=${options.userId}` : ''}`;
