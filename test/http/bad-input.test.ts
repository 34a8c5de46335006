// Guards API-5 and WL-4 (and the error half of API-1): every write route answers bad input with a 4xx
// problem document — a 400 names the offending field — never a 500, and writes nothing to any table.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import type { DeclaredRoute } from '../../src/http/access.js';
import {
  createGroup,
  createItem,
  createProject,
  createUser,
  DIALECTS,
  grant,
  PASSWORD,
  roleId,
  signIn,
  type Session,
  type TestApp,
} from '../helpers/harness.js';
import { createPriceList, createTeam, grantAppRole } from '../helpers/teams.js';
import { createTestAppWithRoutes } from '../identity/fixtures.js';

const WRITE_METHODS = ['POST', 'PATCH', 'PUT', 'DELETE'];
/** What a person should never read in a 400 (API-5): zod's wording, operators, or a field path instead of a sentence. */
const JARGON =
  /Too (big|small)|Invalid (input|string|option)|expected (number|string|boolean|array|object|int)|received|Unrecognized key|[<>]=|^[\w.]+: /;
/** The tables named by the brief; every table of the schema is checked, these must be among them. */
const KNOWN_TABLES = [
  'users',
  'groups',
  'group_members',
  'sessions',
  'api_tokens',
  'projects',
  'project_permission_grants',
  'project_role_members',
  'work_items',
  'item_comments',
  'worklogs',
  'audit_log',
];

// ---- Values each kind of field must refuse ---------------------------------------------------------

/** A JSON literal the test sends verbatim (JSON.stringify cannot write 1e400). */
class RawJson {
  constructor(readonly text: string) {}
}
const HUGE = 'x'.repeat(100_000);
const NOT_STRING = [42, true, null, {}, [], ['x']];
const NOT_NUMBER = [null, {}, [], 'abc', new RawJson('1e400')];
const NOT_BOOLEAN = ['true', 1, 0, null, {}, []];
const string = (max: number, blank: 'allowed' | 'refused') => [
  ...NOT_STRING,
  'x'.repeat(max + 1),
  HUGE,
  ...(blank === 'refused' ? ['', '   '] : []),
];
/** Bad id lists: not a list, bad members, a repeat, one over `max`; `empty` when an empty list is refused too. */
const idList = (max: number, refused: { empty?: boolean; booleans?: boolean } = {}) => [
  'x',
  42,
  true,
  null,
  {},
  ...(refused.empty ? [[]] : []),
  [0],
  [-1],
  [1.5],
  ['1'],
  [null],
  ...(refused.booleans ? [[true]] : []),
  [1, 1],
  Array.from({ length: max + 1 }, (_, i) => i + 1),
];
const positive = (max: number) => [...NOT_NUMBER, 0, -1, 1.5, max + 1, 1e300];

const BAD = {
  name: string(200, 'refused'),
  description: string(20_000, 'allowed'),
  worklogDescription: string(5_000, 'allowed'),
  comment: string(20_000, 'refused'),
  signInText: [...NOT_STRING, '', HUGE],
  login: [...NOT_STRING, '', 'a', 'has space', 'semi;colon', 'x'.repeat(65), HUGE],
  email: [...NOT_STRING, '', 'not-an-email', 'a@', '@example.test', `${'x'.repeat(400)}@example.test`],
  password: [...NOT_STRING, '', 'short', 'x'.repeat(1_001), HUGE],
  boolean: NOT_BOOLEAN,
  hours: [-0.25, 24.25, 0.1, '2', true, null, {}, []],
  version: [...positive(2_147_483_647), '1', true],
  id: positive(2_147_483_647),
  nullableId: positive(2_147_483_647).filter((v) => v !== null),
  date: [
    '2026-02-30',
    '2026-13-01',
    '2026-1-1',
    '',
    '2026-02-29',
    '2026-00-10',
    '2026-01-32',
    '20260101',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    20260101,
    null,
    true,
    {},
    [],
  ],
  /** WL-6: a work date also lies between 2000-01-01 and a year ahead. */
  workDate: [
    '2026-02-30',
    '2026-13-01',
    '',
    '20260101',
    '2026-01-01T00:00:00Z',
    20260101,
    null,
    true,
    {},
    [],
    '1999-12-31',
    '0001-01-01',
    '9999-12-31',
    '2100-01-01',
  ],
  /** REP-6: the report a shared link shows — its range, groupings and filters, as the summary takes them. */
  report: [
    null,
    'report',
    1,
    true,
    [],
    {},
    { from: '2026-03-01' },
    { from: '2026-03-31', to: '2026-03-01' },
    { from: '2026-03-01', to: '2026-03-31', groupBy: 'colour' },
    { from: '2026-03-01', to: '2026-03-31', groupBy: 'project,item,user,team' },
    { from: '2026-03-01', to: '2026-03-31', projects: '1,x' },
    { from: '2026-03-01', to: '2026-03-31', colour: 'red' },
  ],
  time: ['24:00', '12:60', '1:00', '12', 'noon', '', '12:00:60', 1200, true, {}, []],
  duration: [...positive(86_400), '3600', true],
  nullableItemKey: [42, true, {}, [], '', 'acme-1', 'ACME-0', 'ACME'],
  itemKey: [...NOT_STRING, '', 'acme-1', 'ACME-0', 'ACME', 'A-1', 'ACME-01', 'ACME-1234567890', 'ACME-1 '],
  projectKey: [...NOT_STRING, '', 'acme', 'A', '1ABC', 'ABCDEFGHIJK', 'AB-1', 'AB C'],
  permission: [...NOT_STRING, '', 'browse_project', 'ROOT', 'BROWSE_PROJECT '],
  status: [...NOT_STRING, '', 'closed', 'OPEN'],
  appRole: [...NOT_STRING, '', 'APP_ADMIN', 'root', 'app_admin '],
  denyPermission: [...NOT_STRING, '', 'issue_time_tabs', 'EVERYTHING'],
  grantChange: [
    'x',
    42,
    true,
    null,
    [],
    {},
    { permission: 'ROOT', userId: 1 },
    { permission: 'BROWSE_PROJECT', userId: 0 },
    { permission: 'BROWSE_PROJECT' },
    { permission: 'BROWSE_PROJECT', userId: 1, groupId: 1 },
    { permission: 'BROWSE_PROJECT', userId: 1, extra: 1 },
  ],
  roleMemberChange: [
    'x',
    42,
    true,
    null,
    [],
    {},
    { roleId: 0, userId: 1 },
    { roleId: 1 },
    { roleId: 1, userId: 1, groupId: 1 },
    { roleId: 1, userId: 1, extra: 1 },
  ],
  denyChange: [
    'x',
    42,
    true,
    null,
    [],
    {},
    { permission: 'EVERYTHING', groupId: 1 },
    { permission: 'ISSUE_TIME_TABS', groupId: 0 },
    { permission: 'ISSUE_TIME_TABS', groupId: 1, extra: 1 },
  ],
  roleChange: [
    'x',
    42,
    true,
    null,
    [],
    {},
    { role: 'root', userId: 1 },
    { role: 'billing_viewer', userId: 0 },
    { role: 'billing_viewer', userId: 1, extra: 1 },
  ],
  settings: ['week', 42, true, null, [], { teamChecks: 'sometimes' }, { periodLength: 'day' }, { extra: 1 }],
  securityEntries: [
    ...NOT_STRING.filter((v) => !Array.isArray(v) || v.length > 0),
    [null],
    [{}],
    [{ kind: 'project', subjectId: 1 }],
    [{ kind: 'team', subjectId: 999999, view: 'allow' }],
    [{ kind: 'user', subjectId: 0 }],
    [{ kind: 'user', subjectId: 1, view: 'maybe' }],
    [{ kind: 'user', subjectId: 1, extra: 1 }],
    Array(501).fill({ kind: 'user', subjectId: 1 }),
  ],
  amount: [
    42,
    85.5,
    1e3,
    true,
    null,
    {},
    [],
    ['85.50'],
    '',
    '1e3',
    '85.505',
    '-1.00',
    '+1',
    '1,50',
    ' 85.50',
    '.5',
    '85.',
    'NaN',
    '1234567890123',
    HUGE,
  ],
  currency: [...NOT_STRING, '', 'eur', 'EURO', 'E1R', 'EU', ' EUR'],
  nullableDate: [
    '2026-02-30',
    '2026-13-01',
    '2026-1-1',
    '',
    '20260101',
    '2026-01-01T00:00:00Z',
    20260101,
    true,
    {},
    [],
  ],
  idList: idList(200, { empty: true, booleans: true }),
  optionalIdList: idList(200),
  /** FLOW-9: an invoice number, and the work logs of a charge (1 to 5,000, no repeats). */
  invoiceNumber: string(100, 'refused'),
  chargeWorklogIds: idList(5_000, { empty: true }),
  teamPermissions: [
    'WORK_ON_ISSUES',
    42,
    true,
    null,
    {},
    [],
    [null],
    [42],
    ['ROOT'],
    ['work_on_issues'],
    ['WORK_ON_ISSUES '],
    ['WORK_ON_ISSUES', 'WORK_ON_ISSUES'],
  ],
  teamCheckSetting: [...NOT_STRING, '', 'on', 'INHERIT', 'disabled '],
  /** FLOW-2: the slices of a batch decision (1 to 1,000, no repeats) and the decision. */
  sliceIds: idList(1_000, { empty: true }),
  approvalDecision: [...NOT_STRING, '', 'APPROVE', 'accept', 'approve '],
  securityItems: [
    ...NOT_STRING,
    [{}],
    [{ itemKey: 'acme-1', entries: [] }],
    [{ itemKey: 'ACME-1', entries: 'all' }],
    Array(101).fill({ itemKey: 'ACME-1', entries: [] }),
  ],
} satisfies Record<string, unknown[]>;
type Kind = keyof typeof BAD;

/** Inputs that once slipped past validation (each `bug` says how); kept as regression cases. */
const FORMER_BUGS: Partial<Record<Kind, { values: unknown[]; bug: string }>> = {
  id: {
    values: ['1', true, [1]],
    bug: 'body ids use z.coerce.number() (src/http/schemas.ts `id`): true, "1" and [1] are taken as id 1',
  },
  date: {
    values: ['0000-01-01'],
    bug: 'z.iso.date() accepts year 0; PostgreSQL then fails with 22008 and the 400 names no field',
  },
  workDate: {
    values: ['0000-01-01'],
    bug: 'z.iso.date() accepts year 0; PostgreSQL then fails with 22008 and the 400 names no field',
  },
  name: {
    values: ['a\u0000b'],
    bug: 'shared `name` (src/http/schemas.ts) lets NUL through; PostgreSQL fails with 22021 and the 400 names no field',
  },
  description: {
    values: ['a\u0000b'],
    bug: 'shared `text` (src/http/schemas.ts) lets NUL through; the 400 names no field',
  },
  worklogDescription: {
    values: ['a\u0000b'],
    bug: 'shared `text` (src/http/schemas.ts) lets NUL through; the 400 names no field',
  },
  comment: {
    values: ['a\u0000b'],
    bug: 'commentCreate.body (src/modules/items/schema.ts) lets NUL through; the 400 names no field',
  },
};

const BAD_PARAMS = {
  id: { invalid: ['abc', '0', '-1', '1.5', '99999999999', '1e400', 'NaN', '%20', '1%00'], missing: '2147483647' },
  projectKey: { invalid: ['acme', 'A', 'ABCDEFGHIJK', '1ABC', '%00', 'AB%2F1', 'X'.repeat(100)], missing: 'ZZZZZZ' },
  itemKey: {
    invalid: ['acme-1', 'ACME-0', 'ACME', 'ACME-99999999999', '%00', '..%2F..', `A-${'1'.repeat(98)}`],
    missing: 'ZZZZZZ-1',
  },
  /** A set-password link's token: any text up to the router's limit; one that matches no link is a 404. */
  linkToken: { invalid: [], missing: 'twl_no-such-link' },
  /** A team period's first day (FLOW-3); a well-formed day inside a month names no period. */
  periodStart: { invalid: ['2026-02-30', '2026-1-1', 'abc', '20260101', '0000-01-01'], missing: '2026-01-15' },
};
/** Refused by Fastify's router itself (longer than maxParamLength 100; bad percent-encoding), bypassing the error handler. */
/** Refused by the router (over-long, bad percent-encoding): answered as problems through `frameworkErrors`. */
const ROUTER_REFUSED_PARAMS = {
  values: ['X'.repeat(2_000), '%zz'],
  bug: 'FST_ERR_MAX_PARAM_LENGTH (414) and FST_ERR_BAD_URL (400) answer plain application/json; buildApp needs a `frameworkErrors` option',
};

// ---- The write routes ---------------------------------------------------------------------------

interface World {
  projectKey: string;
  itemKey: string;
  worklogId: number;
  groupId: number;
  userId: number;
  grantId: number;
  roleMemberId: number;
  tokenId: number;
  developersRoleId: number;
  adminId: number;
  teamId: number;
  priceListId: number;
  teamRoleId: number;
  clientId: number;
  /** A pending leave request of `userId` (FLOW-4), routed to the caller (app_admin). */
  leaveId: number;
  leaveTypeId: number;
  /** A planned task of `userId` (FLOW-5), planned by the caller (app_admin). */
  planId: number;
  /** A cost rate of `userId` (APP-5). */
  costRateId: number;
  /** A schedule version of `userId` and a company day off, both from 2026-05-01 (the `periodStart` params' valid day). */
  scheduled: boolean;
}
interface RouteSpec {
  params?: Record<string, { kind: keyof typeof BAD_PARAMS; valid: (w: World) => string | number }>;
  /** `required`: the parameter a request without any query lacks. */
  query?: { valid: Record<string, string>; bad: Record<string, string[]>; required?: string };
  /** A valid body; each test changes one thing about it. */
  body?: (w: World) => Record<string, unknown>;
  fields?: Record<string, Kind>;
  /** Every field is optional, so `{}` is a valid body. */
  allOptional?: true;
  /** Former bugs of this route's fields: left out of the field test, run as their own regression tests. */
  bugs?: Array<{ field: string; values: unknown[]; bug: string }>;
}

const VERSION_QUERY = {
  valid: { version: '1' },
  bad: { version: ['', 'abc', '0', '-1', '1.5', '2147483648', '1e400', 'true'], extra: ['1'] },
  required: 'version',
};
const id = (valid: (w: World) => number) => ({ kind: 'id' as const, valid });
const projectKey = { kind: 'projectKey' as const, valid: (w: World) => w.projectKey };
const itemKey = { kind: 'itemKey' as const, valid: (w: World) => w.itemKey };
const periodStart = { kind: 'periodStart' as const, valid: () => '2026-05-01' };
/** The body of an item security setting, saved (PUT) or previewed. */
const SECURITY_SET: RouteSpec = {
  params: { key: itemKey },
  body: (w) => ({
    entries: [{ kind: 'user', subjectId: w.adminId, view: 'allow', edit: 'allow' }],
    applyToChildren: false,
    confirmLockout: false,
  }),
  fields: { entries: 'securityEntries', version: 'version', applyToChildren: 'boolean', confirmLockout: 'boolean' },
};

const ROUTES: Record<string, RouteSpec> = {
  'POST /api/session': {
    body: () => ({ login: 'nobody-at-all', password: 'not the password' }),
    fields: { login: 'signInText', password: 'signInText' },
  },
  'DELETE /api/session': {},
  'POST /api/me/tokens': { body: () => ({ name: 'script' }), fields: { name: 'name' } },
  'DELETE /api/me/tokens/:id': { params: { id: id((w) => w.tokenId) } },
  'PUT /api/me/password': {
    // The caller's own password: the control then changes it (their session stays).
    body: () => ({ currentPassword: PASSWORD, newPassword: 'long enough password' }),
    fields: { currentPassword: 'signInText', newPassword: 'password' },
  },
  'DELETE /api/me/sessions': {},
  // Refused with 409 setup_done once a user exists; bad input is a 400 before that.
  'POST /api/setup': {
    body: () => ({
      login: 'first.admin',
      displayName: 'First',
      email: 'first@example.test',
      password: 'long enough password',
    }),
    fields: { login: 'login', displayName: 'name', email: 'email', password: 'password' },
  },
  'POST /api/users': {
    body: () => ({
      login: 'fresh.login',
      displayName: 'Fresh',
      email: 'fresh@example.test',
      password: 'long enough password',
      passwordLink: false,
      systemAdmin: false,
    }),
    fields: {
      login: 'login',
      displayName: 'name',
      email: 'email',
      password: 'password',
      passwordLink: 'boolean',
      systemAdmin: 'boolean',
    },
  },
  'POST /api/users/:id/password-link': { params: { id: id((w) => w.userId) } },
  'POST /api/password-links/:token': {
    params: { token: { kind: 'linkToken', valid: () => 'twl_no-such-link' } },
    body: () => ({ password: 'long enough password' }),
    fields: { password: 'password' },
  },
  'PATCH /api/users/:id': {
    params: { id: id((w) => w.userId) },
    body: () => ({
      version: 1,
      displayName: 'Changed',
      email: 'changed@example.test',
      password: 'long enough password',
      active: true,
      systemAdmin: false,
    }),
    fields: {
      version: 'version',
      displayName: 'name',
      email: 'email',
      password: 'password',
      active: 'boolean',
      systemAdmin: 'boolean',
    },
  },
  'POST /api/groups': { body: () => ({ name: 'fresh group' }), fields: { name: 'name' } },
  'PATCH /api/groups/:id': {
    params: { id: id((w) => w.groupId) },
    body: () => ({ version: 1, name: 'renamed group' }),
    fields: { version: 'version', name: 'name' },
  },
  'DELETE /api/groups/:id': {
    params: { id: id((w) => w.groupId) },
    query: {
      valid: { version: '1' },
      bad: { ...VERSION_QUERY.bad, confirm: ['', 'yes', '1', 'TRUE'] },
      required: 'version',
    },
  },
  'PUT /api/groups/:id/members/:userId': { params: { id: id((w) => w.groupId), userId: id((w) => w.userId) } },
  'DELETE /api/groups/:id/members/:userId': { params: { id: id((w) => w.groupId), userId: id((w) => w.userId) } },
  'POST /api/projects': {
    body: () => ({ key: 'FRESH1', name: 'Fresh', clientId: null }),
    fields: { key: 'projectKey', name: 'name', clientId: 'nullableId' },
  },
  'PUT /api/projects/:key/archived': {
    params: { key: projectKey },
    body: () => ({ version: 1, archived: true }),
    fields: { version: 'version', archived: 'boolean' },
  },
  'POST /api/clients': { body: () => ({ name: 'Fresh client' }), fields: { name: 'name' } },
  'PUT /api/users/:id/schedules': {
    params: { id: id((w) => w.userId) },
    body: () => ({
      validFrom: '2026-06-01',
      daySeconds: [28800, 28800, 28800, 28800, 14400, 0, 0],
      holidayRegion: 'DE-BY',
    }),
    fields: { validFrom: 'date' },
  },
  'DELETE /api/users/:id/schedules/:validFrom': { params: { id: id((w) => w.userId), validFrom: periodStart } },
  'POST /api/admin/days-off': {
    body: () => ({ day: '2026-12-24', name: 'Christmas Eve' }),
    fields: { day: 'date', name: 'name' },
  },
  'DELETE /api/admin/days-off/:day': { params: { day: periodStart } },
  'POST /api/me/leave': {
    body: (w) => ({ typeId: w.leaveTypeId, startDate: '2026-06-01', endDate: '2026-06-02' }),
    fields: { typeId: 'id', startDate: 'date', endDate: 'date', startHalf: 'boolean', endHalf: 'boolean' },
  },
  'POST /api/leave/:id/cancel': {
    params: { id: id((w) => w.leaveId) },
    body: () => ({ version: 1 }),
    fields: { version: 'version' },
  },
  'POST /api/leave/:id/approve': {
    params: { id: id((w) => w.leaveId) },
    body: () => ({ version: 1 }),
    fields: { version: 'version' },
  },
  'POST /api/leave/:id/reject': {
    params: { id: id((w) => w.leaveId) },
    body: () => ({ version: 1, comment: 'No cover that day' }),
    fields: { version: 'version' },
  },
  'POST /api/leave/:id/revoke': {
    params: { id: id((w) => w.leaveId) },
    body: () => ({ version: 1, comment: 'Release moved' }),
    fields: { version: 'version' },
  },
  'POST /api/me/feeds/:id/revoke': { params: { id: id(() => 1) } },
  'POST /api/me/feeds': { body: (w) => ({ teamId: w.teamId }), fields: { teamId: 'id' }, allOptional: true },
  'POST /api/schedule/tasks': {
    body: (w) => ({ userId: w.userId, title: 'Plan', startDate: '2026-06-01', endDate: '2026-06-02', hoursPerDay: 2 }),
    fields: {
      userId: 'nullableId',
      itemId: 'nullableId',
      clientId: 'nullableId',
      startDate: 'date',
      endDate: 'date',
      hoursPerDay: 'hours',
      tentative: 'boolean',
      billable: 'boolean',
    },
  },
  'PATCH /api/schedule/tasks/:id': {
    params: { id: id((w) => w.planId) },
    body: () => ({ version: 1, title: 'Moved plan', startDate: '2026-06-02', endDate: '2026-06-03' }),
    fields: { version: 'version', startDate: 'date', endDate: 'date', hoursPerDay: 'hours', tentative: 'boolean' },
  },
  'DELETE /api/schedule/tasks/:id': { params: { id: id((w) => w.planId) }, query: VERSION_QUERY },
  'POST /api/cost/rates': {
    body: (w) => ({ userId: w.userId, validFrom: '2026-07-01', costRate: '55.50', currency: 'EUR' }),
    fields: { userId: 'id', validFrom: 'date', costRate: 'amount', currency: 'currency' },
  },
  'DELETE /api/cost/rates/:id': { params: { id: id((w) => w.costRateId) } },
  'POST /api/admin/leave-types': { body: () => ({ name: 'Fresh leave', allowanceDays: 5 }), fields: { name: 'name' } },
  'PATCH /api/admin/leave-types/:id': {
    params: { id: id((w) => w.leaveTypeId) },
    body: () => ({ version: 1, name: 'Renamed leave', archived: false }),
    fields: { version: 'version', name: 'name', archived: 'boolean' },
  },
  'PATCH /api/clients/:id': {
    params: { id: id((w) => w.clientId) },
    body: () => ({ version: 1, name: 'Renamed client', archived: true }),
    fields: { version: 'version', name: 'name', archived: 'boolean' },
  },
  'PATCH /api/projects/:key': {
    params: { key: projectKey },
    body: () => ({
      version: 1,
      name: 'Renamed',
      clientId: null,
      settings: { teamChecks: 'disabled', periodLength: 'month' },
    }),
    fields: { version: 'version', name: 'name', clientId: 'nullableId', settings: 'settings' },
  },
  'POST /api/projects/:key/permissions': {
    params: { key: projectKey },
    body: (w) => ({ permission: 'BROWSE_PROJECT', userId: w.userId }),
    fields: { permission: 'permission', userId: 'id' },
  },
  'POST /api/projects/:key/permissions/preview': {
    params: { key: projectKey },
    body: (w) => ({ grant: { permission: 'EDIT_ISSUES', userId: w.userId } }),
    fields: { grant: 'grantChange' },
  },
  'POST /api/projects/:key/role-members/preview': {
    params: { key: projectKey },
    body: (w) => ({ add: { roleId: w.developersRoleId, groupId: w.groupId } }),
    fields: { add: 'roleMemberChange' },
  },
  'DELETE /api/projects/:key/permissions/:grantId': { params: { key: projectKey, grantId: id((w) => w.grantId) } },
  'POST /api/projects/:key/role-members': {
    params: { key: projectKey },
    body: (w) => ({ roleId: w.developersRoleId, userId: w.userId }),
    fields: { roleId: 'id', userId: 'id' },
  },
  'DELETE /api/projects/:key/role-members/:memberId': {
    params: { key: projectKey, memberId: id((w) => w.roleMemberId) },
  },
  'POST /api/projects/:key/items': {
    params: { key: projectKey },
    body: (w) => ({ title: 'New item', description: 'words', parentKey: w.itemKey }),
    fields: { title: 'name', description: 'description', parentKey: 'itemKey' },
  },
  'PATCH /api/items/:key': {
    params: { key: itemKey },
    body: () => ({ version: 1, title: 'Changed', description: 'words', status: 'done' }),
    fields: { version: 'version', title: 'name', description: 'description', status: 'status' },
  },
  'POST /api/items/:key/comments': {
    params: { key: itemKey },
    body: () => ({ body: 'a comment' }),
    fields: { body: 'comment' },
  },
  'POST /api/worklogs': {
    body: (w) => ({
      itemKey: w.itemKey,
      startDate: '2026-03-02',
      startTime: '09:00',
      durationSeconds: 3600,
      description: 'work',
    }),
    fields: {
      itemKey: 'itemKey',
      startDate: 'workDate',
      startTime: 'time',
      durationSeconds: 'duration',
      description: 'worklogDescription',
    },
  },
  'PATCH /api/worklogs/:id': {
    params: { id: id((w) => w.worklogId) },
    body: () => ({ version: 1, startDate: '2026-03-03', startTime: null, durationSeconds: 60, description: 'changed' }),
    fields: {
      version: 'version',
      startDate: 'workDate',
      startTime: 'time',
      durationSeconds: 'duration',
      description: 'worklogDescription',
    },
  },
  'DELETE /api/worklogs/:id': { params: { id: id((w) => w.worklogId) }, query: VERSION_QUERY },
  'DELETE /api/items/:key': { params: { key: itemKey }, query: VERSION_QUERY },
  'PUT /api/items/:key/watch': { params: { key: itemKey } },
  'DELETE /api/items/:key/watch': { params: { key: itemKey } },
  'POST /api/items/:key/move': {
    params: { key: itemKey },
    body: () => ({ parentKey: null, version: 1 }),
    fields: { parentKey: 'nullableItemKey', version: 'version' },
  },
  'POST /api/items/:key/copy': {
    params: { key: itemKey },
    body: () => ({ parentKey: null }),
    fields: { parentKey: 'nullableItemKey' },
  },
  'POST /api/items/:key/restore': { params: { key: itemKey } },
  'DELETE /api/projects/:key/trash/:itemKey': { params: { key: projectKey, itemKey } },
  'PUT /api/items/:key/security': SECURITY_SET,
  'POST /api/items/:key/security/preview': SECURITY_SET,
  'DELETE /api/items/:key/security': {
    params: { key: itemKey },
    query: { valid: { children: 'false' }, bad: { children: ['', 'yes', '1', 'TRUE'], extra: ['1'] } },
  },
  'POST /api/security/batch': {
    body: (w) => ({
      items: [{ itemKey: w.itemKey, entries: [{ kind: 'user', subjectId: w.adminId, view: 'allow', edit: 'allow' }] }],
    }),
    fields: { items: 'securityItems' },
  },
  'POST /api/deny-permissions': {
    body: (w) => ({ permission: 'ISSUE_TIME_TABS', groupId: w.groupId }),
    fields: { permission: 'denyPermission', groupId: 'id' },
  },
  'DELETE /api/deny-permissions/:id': { params: { id: id(() => 1) } },
  'POST /api/app-roles': {
    body: (w) => ({ role: 'billing_viewer', userId: w.userId }),
    fields: { role: 'appRole', userId: 'id' },
  },
  'DELETE /api/app-roles/:id': { params: { id: id(() => 1) } },
  'POST /api/deny-permissions/preview': {
    body: (w) => ({ add: { permission: 'ISSUE_TIME_TABS', groupId: w.groupId }, removeId: 1 }),
    fields: { add: 'denyChange', removeId: 'id' },
    allOptional: true,
  },
  'POST /api/teams/:id/price-lists': {
    params: { id: id((w) => w.teamId) },
    body: () => ({
      name: 'Standard',
      currency: 'EUR',
      hourlyRate: '85.50',
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    }),
    fields: { name: 'name', currency: 'currency', hourlyRate: 'amount', validFrom: 'date', validTo: 'nullableDate' },
  },
  'PATCH /api/price-lists/:id': {
    params: { id: id((w) => w.priceListId) },
    body: () => ({
      version: 1,
      name: 'Renamed',
      currency: 'EUR',
      hourlyRate: '90.00',
      validFrom: '2026-01-01',
      validTo: null,
    }),
    fields: {
      version: 'version',
      name: 'name',
      currency: 'currency',
      hourlyRate: 'amount',
      validFrom: 'date',
      validTo: 'nullableDate',
    },
  },
  'DELETE /api/price-lists/:id': { params: { id: id((w) => w.priceListId) }, query: VERSION_QUERY },
  'POST /api/price-lists/:id/successor': {
    params: { id: id((w) => w.priceListId) },
    body: () => ({ version: 1, hourlyRate: '95.00', validFrom: '2026-07-01', name: 'Next', currency: 'EUR' }),
    fields: { version: 'version', hourlyRate: 'amount', validFrom: 'date', name: 'name', currency: 'currency' },
  },
  'POST /api/teams': {
    body: (w) => ({
      name: 'Created team',
      description: 'words',
      projectKey: w.projectKey,
      leadUserId: w.userId,
      memberIds: [],
    }),
    fields: {
      name: 'name',
      description: 'description',
      projectKey: 'projectKey',
      leadUserId: 'id',
      memberIds: 'optionalIdList',
    },
  },
  'PATCH /api/teams/:id': {
    params: { id: id((w) => w.teamId) },
    body: () => ({ version: 1, name: 'Renamed team', description: 'words' }),
    fields: { version: 'version', name: 'name', description: 'description' },
  },
  'DELETE /api/teams/:id': { params: { id: id((w) => w.teamId) }, query: VERSION_QUERY },
  'POST /api/teams/:id/roles': {
    params: { id: id((w) => w.teamId) },
    body: () => ({ name: 'Viewer', permissions: ['VIEW_MEMBER_WORKLOGS'] }),
    fields: { name: 'name', permissions: 'teamPermissions' },
  },
  'PATCH /api/teams/:id/roles/:roleId': {
    params: { id: id((w) => w.teamId), roleId: id((w) => w.teamRoleId) },
    body: () => ({ version: 1, name: 'Watcher', permissions: ['VIEW_MEMBER_WORKLOGS'] }),
    fields: { version: 'version', name: 'name', permissions: 'teamPermissions' },
  },
  'DELETE /api/teams/:id/roles/:roleId': { params: { id: id((w) => w.teamId), roleId: id((w) => w.teamRoleId) } },
  'POST /api/teams/:id/members': {
    params: { id: id((w) => w.teamId) },
    body: (w) => ({ userIds: [w.userId], roleIds: [w.teamRoleId] }),
    fields: { userIds: 'idList', roleIds: 'idList' },
  },
  'PUT /api/teams/:id/members/:userId': {
    params: { id: id((w) => w.teamId), userId: id((w) => w.userId) },
    body: (w) => ({ roleIds: [w.teamRoleId] }),
    fields: { roleIds: 'idList' },
  },
  'DELETE /api/teams/:id/members/:userId': { params: { id: id((w) => w.teamId), userId: id((w) => w.userId) } },
  'PUT /api/projects/:key/teams/:teamId/assignment': {
    params: { key: projectKey, teamId: id((w) => w.teamId) },
    body: () => ({ assigned: true }),
    fields: { assigned: 'boolean' },
  },
  'PATCH /api/projects/:key/team-checks': {
    params: { key: projectKey },
    body: () => ({ teamChecks: 'disabled', version: 1 }),
    fields: { teamChecks: 'teamCheckSetting', version: 'version' },
  },
  'PATCH /api/admin/settings': {
    body: () => ({ teamChecks: true, version: 1 }),
    fields: { teamChecks: 'boolean', version: 'version' },
  },
  'POST /api/teams/:id/periods/:start/close': {
    params: { id: id((w) => w.teamId), start: periodStart },
    body: () => ({ comment: 'Month end', version: 1 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/teams/:id/periods/:start/reopen': {
    params: { id: id((w) => w.teamId), start: periodStart },
    body: () => ({ comment: 'Late entries', version: 2 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/charges': {
    body: (w) => ({
      invoiceNumber: 'INV-1',
      invoiceDate: '2026-03-31',
      amount: '100.00',
      currency: 'EUR',
      worklogIds: [w.worklogId],
    }),
    fields: {
      invoiceNumber: 'invoiceNumber',
      invoiceDate: 'date',
      amount: 'amount',
      currency: 'currency',
      worklogIds: 'chargeWorklogIds',
    },
  },
  'POST /api/charges/:id/revoke': {
    params: { id: id(() => 1) },
    body: () => ({ version: 1 }),
    fields: { version: 'version' },
  },
  'POST /api/reports/links': {
    body: () => ({
      name: 'For the client',
      report: { from: '2026-03-01', to: '2026-03-31', groupBy: 'project,user' },
      expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      includeMoney: false,
    }),
    fields: { name: 'name', report: 'report', expiresOn: 'date', includeMoney: 'boolean' },
  },
  'POST /api/reports/links/:id/revoke': { params: { id: id(() => 1) } },
  'POST /api/timesheets/submit': {
    body: () => ({ start: '2026-11-02', end: '2026-11-08' }),
    fields: { start: 'date', end: 'date', userId: 'id' },
  },
  'POST /api/timesheets/slices/:id/recall': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'wrong item on Tuesday' }),
    fields: { comment: 'description' },
    allOptional: true,
  },
  'POST /api/approvals/:id/approve': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'approved', version: 1 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/approvals/:id/reject': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'Split the meeting hours', version: 1 }),
    fields: { comment: 'comment', version: 'version' },
  },
  'POST /api/approvals/:id/grant-recall': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'granted', version: 1 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/approvals/:id/refuse-recall': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'refused', version: 1 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/approvals/:id/reopen': {
    params: { id: id(() => 1) },
    body: () => ({ comment: 'reopened', version: 1 }),
    fields: { comment: 'description', version: 'version' },
    allOptional: true,
  },
  'POST /api/approvals/batch': {
    body: () => ({ ids: [1], decision: 'reject', comment: 'Split the meeting hours' }),
    fields: { ids: 'sliceIds', decision: 'approvalDecision', comment: 'description' },
  },
  'POST /api/timer': {
    body: (w) => ({ itemKey: w.itemKey, description: 'pairing' }),
    fields: { itemKey: 'itemKey', description: 'worklogDescription' },
  },
  'POST /api/timer/stop': {},
  'DELETE /api/timer': {},
  'POST /api/app-roles/preview': {
    body: (w) => ({ grant: { role: 'billing_viewer', userId: w.userId }, revokeId: 1 }),
    fields: { grant: 'roleChange', revokeId: 'id' },
    allOptional: true,
  },
};

// ---- Running cases ------------------------------------------------------------------------------

interface Case {
  what: string;
  request: InjectOptions;
  statuses: number[];
  field?: string;
}

function jsonOf(body: Record<string, unknown>): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_, v) => (v instanceof RawJson ? `@raw-json-${raws.push(v.text) - 1}@` : v));
  return text.replace(/"@raw-json-(\d+)@"/g, (_, i) => raws[Number(i)]);
}
const show = (v: unknown) => (v instanceof RawJson ? v.text : (JSON.stringify(v) ?? String(v))).slice(0, 40);
const rulesOf = (route: string) => (route.includes('/worklogs') ? 'API-5, WL-4' : 'API-5');

for (const dialect of DIALECTS) {
  describe(`bad input on every write route (${dialect})`, () => {
    let t: TestApp & { routes: DeclaredRoute[] };
    let session: Session;
    let w: World;
    let tables: string[];
    let last: Record<string, string>;
    let lastWrites: number;
    const rowWrites = async () =>
      Number((await sql<{ n: number }>`select n from tw_row_writes`.execute(t.db)).rows[0].n);

    /** Row count and a digest of the contents of every table, in one statement. */
    async function snapshot(): Promise<Record<string, string>> {
      const parts = tables.map(
        (name) => sql`select ${name}::text as name, count(*)::int as n,
        coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as digest from ${sql.table(name)} x`,
      );
      const { rows } = await sql<{
        name: string;
        n: number;
        digest: string;
      }>`${sql.join(parts, sql` union all `)}`.execute(t.db);
      return Object.fromEntries(rows.map((r) => [r.name, `${r.n} rows ${r.digest}`]));
    }

    before(async () => {
      t = await createTestAppWithRoutes(dialect);
      const admin = await createUser(t.db, { systemAdmin: true });
      // The Cost area (APP-2): charging's global actions are decided before the body is read.
      await grantAppRole(t.db, admin.id, 'billing_admin');
      // And the Timesheet Approval area: the approval queue's batch is decided before its body is read too.
      await grantAppRole(t.db, admin.id, 'timesheet_approver');
      session = await signIn(t.app, admin.login);
      const project = await createProject(t.db);
      await grant(t.db, project.id, 'ADMINISTER_PROJECT', { userId: admin.id });
      const item = await createItem(t.db, { projectId: project.id });
      const user = await createUser(t.db);
      await grant(t.db, project.id, 'BROWSE_PROJECT', { userId: user.id });
      const developers = await roleId(t.db, 'Developers');
      const member = await t.db
        .insertInto('project_role_members')
        .values({ project_id: project.id, role_id: developers, user_id: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const worklog = await t.db
        .insertInto('worklogs')
        .values({
          item_id: item.id,
          project_id: project.id,
          author_id: admin.id,
          created_by: admin.id,
          start_date: '2026-03-02',
          duration_seconds: 3600,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Teams are written straight to their tables here: this suite is about the price-list routes' input.
      const team = await createTeam(t.db, project.id, { name: 'Bad input team' });
      const priceList = await createPriceList(t.db, team.id, {
        name: 'Standard',
        hourlyRate: '85.50',
        validFrom: '2026-01-01',
      });
      const token = (
        await t.app.inject({
          method: 'POST',
          url: '/api/me/tokens',
          payload: { name: 'kept' },
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        })
      ).json();
      w = {
        projectKey: project.key,
        itemKey: item.key,
        worklogId: worklog.id,
        groupId: (await createGroup(t.db, [user.id])).id,
        userId: user.id,
        grantId: (
          await t.db
            .selectFrom('project_permission_grants')
            .select('id')
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow()
        ).id,
        roleMemberId: member.id,
        tokenId: token.id,
        developersRoleId: developers,
        adminId: admin.id,
        teamId: team.id,
        priceListId: priceList.id,
        teamRoleId: team.memberRoleId,
        scheduled: await sql`insert into work_schedules (user_id, valid_from, day_seconds)
          values (${user.id}, '2026-05-01', '{28800,28800,28800,28800,28800,0,0}')`
          .execute(t.db)
          .then(() => sql`insert into company_days_off (day, name) values ('2026-05-01', 'Labour Day')`.execute(t.db))
          .then(() => true),
        clientId: (
          await t.db
            .insertInto('clients')
            .values({ name: 'Bad input client' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
        leaveTypeId: (await t.db.selectFrom('leave_types').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
        costRateId: (
          await t.db
            .insertInto('cost_rates')
            .values({ user_id: user.id, valid_from: '2026-01-01', cost_rate: '40.00', currency: 'EUR' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
        planId: (
          await t.db
            .insertInto('planned_tasks')
            .values({
              user_id: user.id,
              title: 'Bad input plan',
              start_date: '2026-06-01',
              end_date: '2026-06-05',
              seconds_per_day: 7200,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
        leaveId: (
          await t.db
            .insertInto('leave_requests')
            .values({
              user_id: user.id,
              type_id: (await t.db.selectFrom('leave_types').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
              start_date: '2026-05-04',
              end_date: '2026-05-04',
              days: '1',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      };
      assert.ok(w.worklogId && w.tokenId, 'the world was built');
      const { rows } = await sql<{ name: string }>`select table_name::text as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely%' order by 1`.execute(
        t.db,
      );
      tables = rows.map((r) => r.name);
      last = await snapshot();
      // A row counter bumped by every insert, update and delete on the checked tables: a case that touched no row
      // needs no snapshot (the digests decide whenever it did, so a rewrite of the same values still passes).
      await sql`create table tw_row_writes (n int8 not null)`.execute(t.db);
      await sql`insert into tw_row_writes values (0)`.execute(t.db);
      await sql`create function tw_count_row_write() returns trigger language plpgsql as $$
        begin update tw_row_writes set n = n + 1; return null; end $$`.execute(t.db);
      for (const name of tables)
        await sql`create trigger tw_count_row_write after insert or update or delete on ${sql.table(name)}
          for each row execute function tw_count_row_write()`.execute(t.db);
      lastWrites = await rowWrites();
    });
    after(() => t.close());

    function urlOf(route: string, spec: RouteSpec, override: Record<string, string> = {}, query = spec.query?.valid) {
      const path = route
        .split(' ')[1]
        .replace(/:(\w+)/g, (_, name: string) => override[name] ?? String(spec.params![name].valid(w)));
      return query ? `${path}?${new URLSearchParams(query)}` : path;
    }
    const request = (
      route: string,
      url: string,
      payload?: string,
      contentType = 'application/json',
    ): InjectOptions => ({
      method: route.split(' ')[0] as 'POST',
      url,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        ...(payload === undefined ? {} : { 'content-type': contentType }),
      },
      ...(payload === undefined ? {} : { payload }),
    });

    /** Sends each case; returns what went wrong, so one failing test lists every bad answer at once. */
    async function run(cases: Case[]): Promise<string[]> {
      const failures: string[] = [];
      for (const c of cases) {
        const res = await t.app.inject(c.request);
        const writes = await rowWrites();
        let changed: string[] = [];
        if (writes !== lastWrites) {
          const now = await snapshot();
          changed = tables.filter((name) => now[name] !== last[name]);
          last = now;
          lastWrites = writes;
        }
        const body = res.headers['content-type']?.toString().startsWith('application/problem+json')
          ? res.json()
          : undefined;
        const problems = [
          !c.statuses.includes(res.statusCode) && `answered ${res.statusCode}, expected ${c.statuses.join('/')}`,
          !body && `answered ${res.headers['content-type']}, not application/problem+json`,
          body &&
            !(typeof body.code === 'string' && /^[a-z_]+$/.test(body.code) && body.status === res.statusCode) &&
            'problem without a stable code',
          body && res.statusCode === 400 && !body.field && 'the 400 names no field',
          body && res.statusCode === 400 && JARGON.test(body.detail) && `detail is not plain words: "${body.detail}"`,
          body &&
            res.statusCode === 400 &&
            c.field &&
            body.field &&
            body.field !== c.field &&
            !body.field.startsWith(`${c.field}.`) &&
            `names field '${body.field}', not '${c.field}'`,
          changed.length > 0 && `wrote to ${changed.join(', ')}`,
        ].filter(Boolean);
        if (problems.length) failures.push(`${c.what}: ${problems.join('; ')} — ${res.body.slice(0, 160)}`);
      }
      return failures;
    }

    test('API-5: the table below covers every write route of the app, so a new route cannot be forgotten', () => {
      const writes = t.routes
        .filter((r) => WRITE_METHODS.includes(r.method))
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      assert.ok(writes.length >= 20, `found ${writes.length} write routes`);
      assert.deepEqual(writes, Object.keys(ROUTES).sort());
      for (const table of KNOWN_TABLES) assert.ok(tables.includes(table), `table ${table} is checked`);
    });

    test('API-5: every write to a checked table is counted, so a case that wrote sends the snapshot to compare', async () => {
      const before = await rowWrites();
      await sql`insert into company_days_off (day, name) values ('2031-01-02', 'counted')`.execute(t.db);
      await sql`delete from company_days_off where day = '2031-01-02'`.execute(t.db);
      assert.equal(await rowWrites(), before + 2);
      lastWrites = await rowWrites();
    });

    for (const [route, spec] of Object.entries(ROUTES)) {
      const rules = rulesOf(route);

      if (spec.body) {
        test(`${rules}: ${route} refuses malformed JSON and bodies of the wrong shape, writes nothing`, async () => {
          const url = urlOf(route, spec);
          const valid = spec.body!(w);
          const firstText = Object.keys(spec.fields!).find((f) => typeof valid[f] === 'string') ?? 'padding';
          const shapes: Array<[string, string, string, number[], string?]> = [
            ['malformed JSON', '{"a":', 'application/json', [400], 'body'],
            ['an empty JSON body', '', 'application/json', [400], 'body'],
            ['an array', '[]', 'application/json', [400], 'body'],
            ['a string', '"text"', 'application/json', [400], 'body'],
            ['a number', '42', 'application/json', [400], 'body'],
            ['null', 'null', 'application/json', [400], 'body'],
            ['true', 'true', 'application/json', [400], 'body'],
            ['deeply nested arrays', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, 'application/json', [400], 'body'],
            [
              'a __proto__ key',
              `{"__proto__":{"systemAdmin":true},${jsonOf(valid).slice(1)}`,
              'application/json',
              [400],
            ],
            ['plain text', 'name=x', 'text/plain', [400, 415]],
            ['XML', '<x/>', 'application/xml', [415]],
            ['a form', 'name=x', 'application/x-www-form-urlencoded', [415]],
            [
              '1 MB in a string field',
              jsonOf({ ...valid, [firstText]: 'x'.repeat(1_048_576) }),
              'application/json',
              [413],
            ],
            ['an unknown extra field', jsonOf({ ...valid, extra: 1 }), 'application/json', [400], 'extra'],
            [
              'an unknown field holding an object',
              jsonOf({ ...valid, isAdmin: { deep: true } }),
              'application/json',
              [400],
              'isAdmin',
            ],
          ];
          if (!spec.allOptional) shapes.push(['no fields at all', '{}', 'application/json', [400]]);
          const cases = shapes.map(([what, payload, type, statuses, field]) => ({
            what,
            request: request(route, url, payload, type),
            statuses,
            field,
          }));
          assert.deepEqual(await run(cases), []);
        });

        test(`${rules}: ${route} refuses a bad value in each field and names the field`, async () => {
          const url = urlOf(route, spec);
          const knownBad = (field: string, value: unknown) =>
            spec.bugs?.some((b) => b.field === field && b.values.includes(value));
          const cases = Object.entries(spec.fields!).flatMap(([field, kind]) =>
            BAD[kind]
              .filter((v) => !knownBad(field, v))
              .map((value) => ({
                what: `${field} = ${show(value)}`,
                request: request(route, url, jsonOf({ ...spec.body!(w), [field]: value })),
                statuses: [400],
                field,
              })),
          );
          assert.deepEqual(await run(cases), []);
        });
      } else {
        test(`${rules}: ${route} takes no body; a malformed or foreign one is refused and nothing is written`, async () => {
          const url = urlOf(route, spec);
          assert.deepEqual(
            await run([
              { what: 'malformed JSON', request: request(route, url, '{"a":'), statuses: [400], field: 'body' },
              { what: 'XML', request: request(route, url, '<x/>', 'application/xml'), statuses: [415] },
              { what: '2 MB of JSON', request: request(route, url, `"${'x'.repeat(2_097_152)}"`), statuses: [413] },
            ]),
            [],
          );
        });
      }

      if (spec.params) {
        test(`${rules}: ${route} refuses bad path parameters (400 naming them, or 404 for well-formed ones that name nothing)`, async () => {
          const cases = Object.entries(spec.params!).flatMap(([name, param]) =>
            [
              ...BAD_PARAMS[param.kind].invalid.map((value) => ({ value, statuses: [400], field: `params.${name}` })),
              { value: BAD_PARAMS[param.kind].missing, statuses: [404, 400], field: undefined },
            ].map(({ value, statuses, field }) => ({
              what: `${name} = ${value.slice(0, 20)}`,
              statuses,
              field,
              request: request(
                route,
                urlOf(route, spec, { [name]: value }),
                spec.body ? jsonOf(spec.body(w)) : undefined,
              ),
            })),
          );
          assert.deepEqual(await run(cases), []);
        });
      }

      if (spec.query) {
        test(`${rules}: ${route} refuses bad query parameters and names them`, async () => {
          const cases = Object.entries(spec.query!.bad).flatMap(([name, values]) =>
            values.map((value) => ({
              what: `?${name}=${value}`,
              statuses: [400],
              field: `query.${name}`,
              request: request(route, urlOf(route, spec, {}, { ...spec.query!.valid, [name]: value })),
            })),
          );
          const required = spec.query!.required;
          if (required)
            cases.push({
              what: 'no query at all',
              statuses: [400],
              field: `query.${required}`,
              request: request(route, urlOf(route, spec, {}, {})),
            });
          assert.deepEqual(await run(cases), []);
        });
      }
    }

    // Known bugs last, so what they wrongly write cannot disturb the tests above.
    for (const [route, spec] of Object.entries(ROUTES)) {
      const known = [
        ...Object.entries(spec.fields ?? {}).flatMap(([field, kind]) =>
          FORMER_BUGS[kind] ? [{ field, ...FORMER_BUGS[kind] }] : [],
        ),
        ...(spec.bugs ?? []),
      ];
      for (const { field, values, bug } of known) {
        test(`${rulesOf(route)}: ${route} refuses ${values.map(show).join(', ')} in ${field} (${bug.split(':')[0]})`, async () => {
          const url = urlOf(route, spec);
          const cases = values.map((value) => ({
            what: `${field} = ${show(value)}`,
            request: request(route, url, jsonOf({ ...spec.body!(w), [field]: value })),
            statuses: [400],
            field,
          }));
          assert.deepEqual(await run(cases), []);
        });
      }
      for (const name of Object.keys(spec.params ?? {})) {
        test(`${rulesOf(route)}: ${route} answers an over-long or badly encoded ${name} with a problem document`, async () => {
          const cases = ROUTER_REFUSED_PARAMS.values.map((value) => ({
            what: `${name} = ${value.slice(0, 20)}`,
            statuses: [400, 414],
            request: request(
              route,
              urlOf(route, spec, { [name]: value }),
              spec.body ? jsonOf(spec.body(w)) : undefined,
            ),
          }));
          assert.deepEqual(await run(cases), []);
        });
      }
    }

    // Runs after every refusal: it may write, and it shows that each case above differed from an accepted body only where it meant to.
    test('API-5: (control) the valid body each case starts from is not refused as bad input', async () => {
      const refused: string[] = [];
      for (const [route, spec] of Object.entries(ROUTES).filter(([, s]) => s.body)) {
        const res = await t.app.inject(request(route, urlOf(route, spec), jsonOf(spec.body!(w))));
        if (res.statusCode === 400 || res.statusCode >= 500)
          refused.push(`${route}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
      assert.deepEqual(refused, []);
    });

    test('API-1: the OpenAPI document lists every /api route of the route table', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.match(doc.openapi, /^3\./);
      const api = t.routes.filter(
        (r) =>
          r.url.startsWith('/api/') &&
          !r.url.startsWith('/api/docs') &&
          r.url !== '/api/openapi.json' &&
          r.method !== 'HEAD',
      );
      assert.ok(api.length >= 25, `found ${api.length} API routes`);
      const missing = api
        .filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()])
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(missing, []);
    });

    test('API-1: every kind of error is application/problem+json with a stable code', async () => {
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      const answers: Array<[InjectOptions, number, string]> = [
        [{ method: 'GET', url: '/api/me' }, 401, 'unauthenticated'],
        [
          { method: 'POST', url: '/api/me/tokens', headers: { cookie: session.cookie }, payload: { name: 'x' } },
          403,
          'csrf_failed',
        ],
        [{ method: 'GET', url: '/api/items/ZZZZZZ-1', headers }, 404, 'not_found'],
        [{ method: 'GET', url: '/api/no-such-route', headers }, 404, 'route_not_found'],
        [
          { method: 'PATCH', url: `/api/groups/${w.groupId}`, headers, payload: { version: 999, name: 'late' } },
          409,
          'version_conflict',
        ],
        [{ method: 'POST', url: '/api/groups', headers, payload: { name: 'x', extra: 1 } }, 400, 'invalid_input'],
        [
          {
            method: 'POST',
            url: '/api/groups',
            headers: { ...headers, 'content-type': 'application/json' },
            payload: '{',
          },
          400,
          'invalid_json',
        ],
        [
          {
            method: 'POST',
            url: '/api/groups',
            headers: { ...headers, 'content-type': 'application/xml' },
            payload: '<x/>',
          },
          415,
          'unsupported_media_type',
        ],
      ];
      for (const [options, status, code] of answers) {
        const res = await t.app.inject(options);
        assert.equal(res.statusCode, status, `${options.method} ${options.url}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const body = res.json();
        assert.deepEqual(
          { type: body.type, status: body.status, code: body.code },
          { type: `https://timeward.dev/problems/${code}`, status, code },
        );
        assert.ok(body.title && body.detail, 'title and detail explain it to people');
        assert.ok(!/at \w+ \(|node_modules|select |insert /i.test(res.body), 'no stack or SQL leaks');
      }
    });
  });
}
