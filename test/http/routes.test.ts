// Guards default deny: every route declares the action it performs, the declaration is checked at
// start-up, every non-public route refuses an anonymous caller, and every resource-scoped route answers 2xx only
// after the engine decided its declared action (API-2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { ACTION_NAMES, ACTIONS } from '../../src/authz/catalogue.js';
import { installAccessControl, type DeclaredRoute } from '../../src/http/access.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { client, createTestDb, signIn } from '../helpers/harness.js';
import type { DbHandle } from '../../src/db/index.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-world.js';
import { seedDemo } from '../../src/seed/demo.js';

/** The routes that answer without a signed-in user: sign-in, a set-password link and the API's own documentation. */
const PUBLIC = [
  /^POST \/api\/session$/,
  /^POST \/api\/password-links\/:token$/,
  // A shared report (REP-6): whoever holds the link; the creator's permissions decide at every open.
  /^(GET|HEAD) \/api\/shared\/reports\/:token$/,
  // A calendar feed (issue 16): whoever holds its address; its owner's permissions decide at every open.
  /^(GET|HEAD) \/api\/feeds\/:token$/,
  // The first start: only while no user exists (test/identity/first-start.test.ts).
  /^(GET|HEAD|POST) \/api\/setup$/,
  /^(GET|HEAD) \/api\/docs/,
  /^(GET|HEAD) \/api\/openapi\.json$/,
  /^(GET|HEAD) \/(?!api)/,
];

const sample = (url: string) =>
  url.replace(':key', url.startsWith('/api/items') ? 'ACME-1' : 'ACME').replace(/:(\w+)/g, '1');

describe('route table', () => {
  let handle: DbHandle;
  let app: App;
  let routes: DeclaredRoute[];
  before(async () => {
    handle = await createTestDb('pglite');
    ({ app, routes } = await buildApp({ db: handle.db, webDir: 'dist/web' }));
    await app.ready();
  });
  after(async () => {
    await app.close();
    await handle.close();
  });

  test('API-2: every route declares a known action or is explicitly public', () => {
    assert.ok(routes.length > 20, `found ${routes.length} routes`);
    for (const r of routes) {
      assert.ok(
        r.access === 'public' || (r.access !== undefined && r.access in ACTIONS),
        `${r.method} ${r.url} declares ${String(r.access)}`,
      );
      if (r.access === 'public')
        assert.ok(
          PUBLIC.some((p) => p.test(`${r.method} ${r.url}`)),
          `${r.method} ${r.url} is public but not on the public list`,
        );
    }
  });

  test('API-2: every action in the catalogue is used by some route (no dead rules)', () => {
    const used = new Set<string | undefined>(routes.map((r) => r.access));
    // Decided inside a route's operation for part of its input: the system administrator flag on user routes,
    // the money fields of work-log and price-list responses (PRICE-7), and team and price-list names on work logs (TEAM-8);
    // whose work logs a report counts (REP-5), decided in SQL by its twin (`reportedWorklogs`); the pivot's root, decided
    // by its service for the mode asked (REP-3), behind the Reports area the route declares; a team's calendar feed,
    // decided by the feeds service for the team asked, behind `feed.mine`.
    const withinOperations = [
      'feed.team',
      'plan.staff',
      'plan.billable',
      'plan.client',
      'admin.systemAdmins',
      'money.view',
      'team.names',
      'report.worklogsOf',
      'report.pivot',
      'report.pivotProject',
      'report.pivotEfforts',
      'report.pivotEffortsProject',
    ];
    for (const action of ACTION_NAMES)
      assert.ok(used.has(action) || withinOperations.includes(action), `${action} is used by a route`);
  });

  test('API-2: every non-public /api route answers 401 to an anonymous caller, before validating input', async () => {
    const guarded = routes.filter((r) => r.access !== 'public' && r.url.startsWith('/api') && r.method !== 'HEAD');
    assert.ok(guarded.length > 20);
    for (const r of guarded) {
      const res = await app.inject({
        method: r.method as 'GET',
        url: sample(r.url),
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: { junk: true } }),
      });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url} → ${res.statusCode}`);
      assert.equal(res.json().code, 'unauthenticated');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
  });

  test('API-2: a route without a declared access stops the server at start-up', async () => {
    const bare = Fastify();
    installAccessControl(bare, async () => null, []);
    bare.get('/api/forgotten', async () => 'open');
    await assert.rejects(async () => {
      await bare.ready();
    }, /routes without a declared access: GET \/api\/forgotten/);
  });

  test('API-1: the OpenAPI document describes the API and its problem responses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/worklogs'].post, 'POST /api/worklogs is documented');
    assert.ok(doc.paths['/api/items/{key}'].get.responses['404'], '404 problems are documented');
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  test('API-2: a route that answers 2xx without deciding its declared action is caught', async () => {
    const bare = Fastify();
    installAccessControl(
      bare,
      async () => ({
        userId: 1,
        login: 'u',
        displayName: 'U',
        email: 'u@x.test',
        systemAdmin: false,
        auth: 'token',
        subject: { userId: 1, active: true, systemAdmin: false, groups: [], appRoles: [], denies: [], teams: [] },
      }),
      [],
    );
    bare.get('/api/projects/:key', { config: { access: 'project.view' } }, async () => ({ leaked: true }));
    bare.get('/api/self', { config: { access: 'self.read' } }, async () => ({ ok: true }));
    await bare.ready();
    assert.equal((await bare.inject({ method: 'GET', url: '/api/projects/ACME' })).statusCode, 200);
    assert.equal(
      (await bare.inject({ method: 'GET', url: '/api/self' })).statusCode,
      200,
      'a global action is decided by the access hook',
    );
    assert.deepEqual(bare.undecidedAnswers, [
      { method: 'GET', url: '/api/projects/:key', access: 'project.view', statusCode: 200 },
    ]);
    await bare.close();
  });

  test('API-1: unknown API routes answer a problem document, not HTML', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, 'route_not_found');
  });
});

/**
 * Routes the walk cannot drive to 2xx with the demo world, each with the reason. Keep it tiny: every other resource-scoped
 * route is called below and must answer 2xx after deciding its declared action.
 */
const NOT_WALKED: Record<string, string> = {};

describe('route table: every resource-scoped route decides its declared action before a 2xx', () => {
  let handle: DbHandle;
  let app: App;
  let routes: DeclaredRoute[];
  before(async () => {
    handle = await createTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-12-06' });
    ({ app, routes } = await buildApp({ db: handle.db, webDir: 'dist/web' }));
    await app.ready();
  });
  after(async () => {
    await app.close();
    await handle.close();
  });

  test("API-2: a successful call of every resource-scoped route (demo world, as the system administrator) made an engine decision for the route's declared action", async () => {
    const session = await signIn(app, 'admin', DEMO_PASSWORD);
    const c = client(app, session);
    // PUT with a body, which the small client does not send.
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const userId = async (login: string) =>
      (await handle.db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
    const [outsider, alice] = [await userId('outsider'), await userId('alice')];
    const viewers = (
      await handle.db.selectFrom('project_roles').select('id').where('name', '=', 'Viewers').executeTakeFirstOrThrow()
    ).id;
    const walked = new Set<string>();
    const ok = async (route: string, res: Awaited<ReturnType<typeof c.get>>) => {
      assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${route} → ${res.statusCode} ${res.body}`);
      walked.add(route);
      return res.body ? res.json() : null;
    };
    const project = await ok('GET /api/projects/:key', await c.get('/api/projects/INT'));
    await ok(
      'PATCH /api/projects/:key',
      await c.patch('/api/projects/INT', { version: project.version, name: project.name }),
    );
    const archive = (version: number, archived: boolean) =>
      app.inject({ method: 'PUT', url: '/api/projects/INT/archived', headers, payload: { version, archived } });
    const archived = await ok('PUT /api/projects/:key/archived', await archive(project.version + 1, true));
    assert.equal((await archive(archived.version, false)).statusCode, 200);
    await ok('GET /api/projects/:key/permissions', await c.get('/api/projects/INT/permissions'));
    const grant = await ok(
      'POST /api/projects/:key/permissions',
      await c.post('/api/projects/INT/permissions', { permission: 'BROWSE_PROJECT', userId: outsider }),
    );
    const grantId = grant.items.find(
      (g: { subject: { kind: string; id: number } }) => g.subject.kind === 'user' && g.subject.id === outsider,
    ).id;
    await ok(
      'POST /api/projects/:key/permissions/preview',
      await c.post('/api/projects/INT/permissions/preview', { revokeId: grantId }),
    );
    await ok(
      'DELETE /api/projects/:key/permissions/:grantId',
      await c.delete(`/api/projects/INT/permissions/${grantId}`),
    );
    await ok('GET /api/projects/:key/subjects', await c.get('/api/projects/INT/subjects?q=a'));
    await ok('GET /api/projects/:key/role-members', await c.get('/api/projects/INT/role-members'));
    const member = await ok(
      'POST /api/projects/:key/role-members',
      await c.post('/api/projects/INT/role-members', { roleId: viewers, userId: outsider }),
    );
    const memberId = member.items.find(
      (m: { subject: { kind: string; id: number } }) => m.subject.kind === 'user' && m.subject.id === outsider,
    ).id;
    await ok(
      'POST /api/projects/:key/role-members/preview',
      await c.post('/api/projects/INT/role-members/preview', { removeId: memberId }),
    );
    await ok(
      'DELETE /api/projects/:key/role-members/:memberId',
      await c.delete(`/api/projects/INT/role-members/${memberId}`),
    );
    await ok('GET /api/projects/:key/items', await c.get('/api/projects/INT/items'));
    await ok('GET /api/projects/:key/access', await c.get('/api/projects/INT/access'));

    const a = await ok('POST /api/projects/:key/items', await c.post('/api/projects/INT/items', { title: 'Walk A' }));
    const b = (await c.post('/api/projects/INT/items', { title: 'Walk B' })).json();
    const item = await ok('GET /api/items/:key', await c.get(`/api/items/${a.key}`));
    const edited = await ok(
      'PATCH /api/items/:key',
      await c.patch(`/api/items/${a.key}`, { version: item.version, title: 'Walk A2' }),
    );
    await ok('GET /api/items/:key/comments', await c.get(`/api/items/${a.key}/comments`));
    await ok('PUT /api/items/:key/watch', await c.put(`/api/items/${a.key}/watch`));
    await ok('GET /api/items/:key/watch', await c.get(`/api/items/${a.key}/watch`));
    await ok('DELETE /api/items/:key/watch', await c.delete(`/api/items/${a.key}/watch`));
    await ok('POST /api/items/:key/comments', await c.post(`/api/items/${a.key}/comments`, { body: 'walked' }));
    await ok(
      'POST /api/items/:key/move',
      await c.post(`/api/items/${a.key}/move`, { parentKey: b.key, version: edited.version }),
    );
    const copy = await ok('POST /api/items/:key/copy', await c.post(`/api/items/${a.key}/copy`, { parentKey: null }));

    const log = await ok(
      'POST /api/worklogs',
      await c.post('/api/worklogs', { itemKey: a.key, startDate: '2026-12-01', durationSeconds: 3600 }),
    );
    const logEdited = await ok(
      'PATCH /api/worklogs/:id',
      await c.patch(`/api/worklogs/${log.id}`, { version: log.version, description: 'walked' }),
    );
    await ok('GET /api/items/:key/worklogs', await c.get(`/api/items/${a.key}/worklogs`));
    await ok('GET /api/items/:key/time-summary', await c.get(`/api/items/${a.key}/time-summary`));
    await ok(
      'GET /api/items/:key/worklog-preview',
      await c.get(`/api/items/${a.key}/worklog-preview?startDate=2026-12-01`),
    );
    await ok('DELETE /api/worklogs/:id', await c.delete(`/api/worklogs/${log.id}?version=${logEdited.version}`));

    const admin = await userId('admin');
    const entries = [{ kind: 'user', subjectId: admin, view: 'allow', edit: 'allow' }];
    await ok('GET /api/items/:key/security', await c.get(`/api/items/${a.key}/security`));
    await ok(
      'POST /api/items/:key/security/preview',
      await c.post(`/api/items/${a.key}/security/preview`, { entries }),
    );
    await ok(
      'PUT /api/items/:key/security',
      await app.inject({ method: 'PUT', url: `/api/items/${a.key}/security`, headers, payload: { entries } }),
    );
    await ok(
      'POST /api/security/batch',
      await c.post('/api/security/batch', { items: [{ itemKey: copy.key, entries }] }),
    );
    await ok('GET /api/items/:key/access', await c.get(`/api/items/${a.key}/access`));
    await ok('DELETE /api/items/:key/security', await c.delete(`/api/items/${a.key}/security`));
    const copied = (await c.get(`/api/items/${copy.key}`)).json();
    await ok('DELETE /api/items/:key', await c.delete(`/api/items/${copy.key}?version=${copied.version}`));
    await ok('GET /api/projects/:key/trash', await c.get('/api/projects/INT/trash'));
    await ok('POST /api/items/:key/restore', await c.post(`/api/items/${copy.key}/restore`, {}));
    await ok('GET /api/items/:key/move-targets', await c.get(`/api/items/${a.key}/move-targets?q=Walk`));
    const restored = (await c.get(`/api/items/${copy.key}`)).json();
    await c.delete(`/api/items/${copy.key}?version=${restored.version}`);
    await ok('DELETE /api/projects/:key/trash/:itemKey', await c.delete(`/api/projects/INT/trash/${copy.key}`));

    const team = await ok('POST /api/teams', await c.post('/api/teams', { name: 'Walk crew', projectKey: 'INT' }));
    const global = (await c.post('/api/teams', { name: 'Walk global crew' })).json();
    await ok('GET /api/teams/:id', await c.get(`/api/teams/${team.id}`));
    await ok(
      'PATCH /api/teams/:id',
      await c.patch(`/api/teams/${team.id}`, { version: team.version, description: 'walked' }),
    );
    await ok('GET /api/teams/:id/history', await c.get(`/api/teams/${team.id}/history`));
    const role = await ok(
      'POST /api/teams/:id/roles',
      await c.post(`/api/teams/${team.id}/roles`, { name: 'Planner', permissions: ['MANAGE_SCHEDULE'] }),
    );
    await ok(
      'PATCH /api/teams/:id/roles/:roleId',
      await c.patch(`/api/teams/${team.id}/roles/${role.id}`, { version: role.version, name: 'Planners' }),
    );
    await ok('GET /api/teams/available-users', await c.get(`/api/teams/available-users?teamId=${global.id}`));
    await ok(
      'GET /api/projects/:key/teams/available-users',
      await c.get(`/api/projects/INT/teams/available-users?teamId=${team.id}`),
    );
    const withMember = await ok(
      'POST /api/teams/:id/members',
      await c.post(`/api/teams/${team.id}/members`, { userIds: [alice] }),
    );
    const memberRole = withMember.roles.find((r: { kind: string }) => r.kind === 'member').id;
    await ok(
      'PUT /api/teams/:id/members/:userId',
      await app.inject({
        method: 'PUT',
        url: `/api/teams/${team.id}/members/${alice}`,
        headers,
        payload: { roleIds: [memberRole] },
      }),
    );
    await ok('DELETE /api/teams/:id/roles/:roleId', await c.delete(`/api/teams/${team.id}/roles/${role.id}`));
    // The variants that decide a stronger action than the route declares (catalogue `covers`): a role whose sole
    // holders fall back to Team Member is deleted under team.grant; candidates for a team not yet made, under team.create.
    const sole = (
      await c.post(`/api/teams/${team.id}/roles`, { name: 'Sole', permissions: ['WORK_ON_ISSUES'] })
    ).json();
    await app.inject({
      method: 'PUT',
      url: `/api/teams/${team.id}/members/${alice}`,
      headers,
      payload: { roleIds: [sole.id] },
    });
    assert.equal((await c.delete(`/api/teams/${team.id}/roles/${sole.id}`)).statusCode, 204);
    assert.equal((await c.get('/api/teams/available-users')).statusCode, 200);
    await ok('DELETE /api/teams/:id/members/:userId', await c.delete(`/api/teams/${team.id}/members/${alice}`));
    await ok('GET /api/projects/:key/teams', await c.get('/api/projects/INT/teams'));
    await ok(
      'PUT /api/projects/:key/teams/:teamId/assignment',
      await app.inject({
        method: 'PUT',
        url: `/api/projects/INT/teams/${global.id}/assignment`,
        headers,
        payload: { assigned: true },
      }),
    );
    const checks = (await c.get('/api/projects/INT/teams')).json().teamChecks;
    await ok(
      'PATCH /api/projects/:key/team-checks',
      await c.patch('/api/projects/INT/team-checks', { teamChecks: checks.project, version: checks.version }),
    );
    await ok('GET /api/teams/:id/price-lists', await c.get(`/api/teams/${team.id}/price-lists`));
    const list = await ok(
      'POST /api/teams/:id/price-lists',
      await c.post(`/api/teams/${team.id}/price-lists`, {
        name: 'Walk rates',
        currency: 'EUR',
        hourlyRate: '10.00',
        validFrom: '2027-01-01',
      }),
    );
    const renamed = await ok(
      'PATCH /api/price-lists/:id',
      await c.patch(`/api/price-lists/${list.id}`, { version: list.version, name: 'Walk rates 2027' }),
    );
    const { successor } = await ok(
      'POST /api/price-lists/:id/successor',
      await c.post(`/api/price-lists/${list.id}/successor`, {
        version: renamed.version,
        hourlyRate: '11.00',
        validFrom: '2027-06-01',
      }),
    );
    await ok(
      'DELETE /api/price-lists/:id',
      await c.delete(`/api/price-lists/${successor.id}?version=${successor.version}`),
    );
    await ok(
      'DELETE /api/teams/:id',
      await c.delete(`/api/teams/${global.id}?version=${(await c.get(`/api/teams/${global.id}`)).json().version}`),
    );

    // Timesheets (FLOW-1, FLOW-8): the administrator submits a week of their own, and asks for its recall once approved.
    const logged = await c.post('/api/worklogs', { itemKey: a.key, startDate: '2025-06-02', durationSeconds: 600 });
    assert.equal(logged.statusCode, 201, logged.body);
    const submitted = await ok(
      'POST /api/timesheets/submit',
      await c.post('/api/timesheets/submit', { start: '2025-06-02', end: '2025-06-08' }),
    );
    const sliceId: number = submitted.slices[0].id;
    await handle.db.updateTable('timesheet_slices').set({ state: 'approved' }).where('id', '=', sliceId).execute();
    await ok('POST /api/timesheets/slices/:id/recall', await c.post(`/api/timesheets/slices/${sliceId}/recall`, {}));

    // Leave (FLOW-4): the administrator requests leave, reads and cancels it; decides a request of Alice's.
    const types = await ok('GET /api/admin/leave-types', await c.get('/api/admin/leave-types'));
    const own = await ok(
      'POST /api/me/leave',
      await c.post('/api/me/leave', { typeId: types.items[0].id, startDate: '2025-06-02', endDate: '2025-06-03' }),
    );
    await ok('GET /api/leave/:id', await c.get(`/api/leave/${own.id}`));
    await ok('POST /api/leave/:id/cancel', await c.post(`/api/leave/${own.id}/cancel`, { version: own.version }));
    const theirs = await handle.db
      .insertInto('leave_requests')
      .values({
        user_id: alice,
        type_id: types.items[0].id,
        start_date: '2025-06-09',
        end_date: '2025-06-09',
        days: '1',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const approved = await ok(
      'POST /api/leave/:id/approve',
      await c.post(`/api/leave/${theirs.id}/approve`, { version: 1 }),
    );
    const revoked = await ok(
      'POST /api/leave/:id/revoke',
      await c.post(`/api/leave/${theirs.id}/revoke`, { version: approved.version, comment: 'moved' }),
    );
    await ok(
      'POST /api/leave/:id/reject',
      await c.post(`/api/leave/${theirs.id}/reject`, { version: revoked.version, comment: 'busy' }),
    );
    const leaveType = await ok(
      'POST /api/admin/leave-types',
      await c.post('/api/admin/leave-types', { name: 'Walked' }),
    );
    await ok(
      'PATCH /api/admin/leave-types/:id',
      await c.patch(`/api/admin/leave-types/${leaveType.id}`, { version: leaveType.version, archived: true }),
    );

    // Calendar feeds (issue 16): the administrator takes a feed of their leave and of the walked team, then revokes one.
    await ok('GET /api/me/feeds', await c.get('/api/me/feeds'));
    const feed = await ok('POST /api/me/feeds', await c.post('/api/me/feeds', { teamId: team.id }));
    assert.equal((await app.inject({ method: 'GET', url: feed.path })).statusCode, 200);
    await ok('POST /api/me/feeds/:id/revoke', await c.post(`/api/me/feeds/${feed.id}/revoke`, {}));

    // Team periods (FLOW-3): the administrator closes a month of the walked team and reopens it.
    await ok('GET /api/teams/:id/periods', await c.get(`/api/teams/${team.id}/periods?year=2025`));
    await ok(
      'POST /api/teams/:id/periods/:start/close',
      await c.post(`/api/teams/${team.id}/periods/2025-07-01/close`),
    );
    await ok(
      'POST /api/teams/:id/periods/:start/reopen',
      await c.post(`/api/teams/${team.id}/periods/2025-07-01/reopen`, { comment: 'walked' }),
    );
    await ok(
      'GET /api/teams/:id/periods/:start/history',
      await c.get(`/api/teams/${team.id}/periods/2025-07-01/history`),
    );

    // Timesheet Approval (FLOW-2, FLOW-8): the demo's app_admin decides four slices of others, set to each step's state.
    const approver = client(app, await signIn(app, 'appadmin', DEMO_PASSWORD));
    const slices = await handle.db
      .selectFrom('timesheet_slices')
      .select('id')
      .where('user_id', '<>', await userId('appadmin'))
      .orderBy('id')
      .limit(4)
      .execute();
    const [s1, s2, s3, s4] = slices.map((s) => s.id);
    const setSlice = (id: number, state: 'submitted' | 'recall_requested') =>
      handle.db.updateTable('timesheet_slices').set({ state }).where('id', '=', id).execute();
    for (const id of [s1, s2]) await setSlice(id, 'submitted');
    for (const id of [s3, s4]) await setSlice(id, 'recall_requested');
    await ok('GET /api/approvals/:id', await approver.get(`/api/approvals/${s1}`));
    await ok('POST /api/approvals/:id/approve', await approver.post(`/api/approvals/${s1}/approve`, {}));
    await ok('POST /api/approvals/:id/reopen', await approver.post(`/api/approvals/${s1}/reopen`, {}));
    await ok(
      'POST /api/approvals/:id/reject',
      await approver.post(`/api/approvals/${s2}/reject`, { comment: 'walked' }),
    );
    await ok('POST /api/approvals/:id/grant-recall', await approver.post(`/api/approvals/${s3}/grant-recall`, {}));
    await ok('POST /api/approvals/:id/refuse-recall', await approver.post(`/api/approvals/${s4}/refuse-recall`, {}));

    const resourceRoutes = routes.filter(
      (r) =>
        r.access !== undefined && r.access !== 'public' && ACTIONS[r.access].scope !== 'global' && r.method !== 'HEAD',
    );
    assert.ok(resourceRoutes.length > 40, `found ${resourceRoutes.length} resource-scoped routes`);
    const missing = resourceRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !walked.has(r) && !(r in NOT_WALKED));
    assert.deepEqual(missing, [], 'every resource-scoped route is walked (or listed in NOT_WALKED with a reason)');
    assert.deepEqual(app.undecidedAnswers, [], 'no route answered 2xx without deciding its declared action');
  });
});
