// Fixtures of the team-period suites (FLOW-3): a project team with the people who write work logs in it and the people
// who may (or may not) close its months, a second team elsewhere, and small helpers for work logs and periods.
import type { Database } from '../../src/db/index.js';
import type { TeamPermission } from '../../src/db/types.js';
import { createItem, createProject, createUser, grant, signedIn, type TestApp } from '../helpers/harness.js';
import { addMember, createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';

export type Client = Awaited<ReturnType<typeof signedIn>>;

/**
 * Project P with item I and its team T (a price list valid from 2020 on); everyone below browses P and works on it.
 * - worker: a Team Member of T; manager: MANAGE_MEMBER_WORKLOGS in T (not MANAGE_TEAM); lead: Team Lead of T (MANAGE_TEAM);
 * - teamAdmin (team_admin), appAdmin (app_admin), sysAdmin (system administrator, a Team Member of T for their own work);
 * - outsider: browses P, in no team and no app role that sees T (TEAM-8: T does not exist for them).
 * Project P2 with item I2 and its team T2, whose member other works there.
 */
export async function periodWorld(t: TestApp) {
  const project = await createProject(t.db);
  const team = await createTeam(t.db, project.id);
  await createPriceList(t.db, team.id, { hourlyRate: '61.35' });
  const person = async (
    setup: (id: number) => Promise<void>,
    options: { systemAdmin?: boolean; projectId?: number } = {},
  ) => {
    const user = await createUser(t.db, options);
    await grant(t.db, options.projectId ?? project.id, ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], { userId: user.id });
    await setup(user.id);
    return { ...user, c: await signedIn(t.app, user.login) };
  };
  const member = (permissions?: readonly TeamPermission[]) => (id: number) => addMember(t.db, team.id, id, permissions);
  const worker = await person(member());
  const item = await createItem(t.db, { projectId: project.id });
  const other = await createProject(t.db);
  const otherTeam = await createTeam(t.db, other.id);
  await createPriceList(t.db, otherTeam.id, { hourlyRate: '61.35' });
  return {
    project,
    team,
    item,
    worker,
    manager: await person(member(['MANAGE_MEMBER_WORKLOGS'])),
    lead: await person((id) => addMember(t.db, team.id, id, team.leadRoleId)),
    teamAdmin: await person((id) => grantAppRole(t.db, id, 'team_admin')),
    appAdmin: await person((id) => grantAppRole(t.db, id, 'app_admin')),
    sysAdmin: await person(member(), { systemAdmin: true }),
    outsider: await person(async () => {}),
    otherTeam,
    otherItem: await createItem(t.db, { projectId: other.id }),
    otherWorker: await person((id) => addMember(t.db, otherTeam.id, id), { projectId: other.id }),
  };
}
export type PeriodWorld = Awaited<ReturnType<typeof periodWorld>>;

/** `POST /api/worklogs` of an hour on the item and day, for the caller or (WL-5) for `userId`. */
export const logWork = (c: Client, itemKey: string, startDate: string, userId?: number) =>
  c.post('/api/worklogs', { itemKey, startDate, durationSeconds: 3600, ...(userId ? { userId } : {}) });

export const periodUrl = (teamId: number, start: string, what: 'close' | 'reopen' | 'history') =>
  `/api/teams/${teamId}/periods/${start}/${what}`;

/** The team's month as stored (undefined: never closed). */
export const periodRow = (db: Database, teamId: number, start: string) =>
  db
    .selectFrom('team_periods')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('period_start', '=', start)
    .executeTakeFirst();
