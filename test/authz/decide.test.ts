// Guards the pure decision core (layers 1–2 of SPEC §0): which layer decides, in which order, and why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACTION_NAMES, ACTIONS } from '../../src/authz/catalogue.js';
import { decide } from '../../src/authz/decide.js';
import type { ProjectFacts, SubjectFacts } from '../../src/authz/facts.js';
import type { ProjectPermission } from '../../src/db/types.js';

const unsecured = { itemId: 1, itemKey: 'ACME-1', governing: null };
const subject = (over: Partial<SubjectFacts> = {}): SubjectFacts => ({ userId: 7, active: true, systemAdmin: false, groups: [], appRoles: [], denies: [], ...over });
const project = (...permissions: ProjectPermission[]): ProjectFacts => ({ roleMembers: [],
  projectId: 1, projectKey: 'ACME', grants: permissions.map((permission) => ({ permission, kind: 'user' as const, subjectId: 7, subjectName: 'U' })),
});

describe('decision core', () => {
  test('ID-1: a deactivated user is refused by the identity layer before anything else', () => {
    const d = decide('project.view', subject({ active: false }), { item: unsecured, project: project('ADMINISTER_PROJECT') });
    assert.equal(d.allowed, false);
    assert.equal(d.deciding.layer, 'identity');
    assert.equal(d.deciding.code, 'user_inactive');
    assert.equal(d.reasons.length, 1);
  });

  test('PRJ-3: ADMINISTER_PROJECT implies the other project permissions', () => {
    for (const action of ['project.view', 'item.create', 'item.edit', 'worklog.create', 'project.edit'] as const) {
      assert.equal(decide(action, subject(), { item: unsecured, project: project('ADMINISTER_PROJECT'), ownerId: 7 }).allowed, true, action);
    }
    assert.equal(decide('project.edit', subject(), { item: unsecured, project: project('BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES') }).allowed, false);
  });

  test('PRJ-3: the explanation names how the permission reached the user', () => {
    const facts: ProjectFacts = {
      projectId: 1, projectKey: 'ACME',
      grants: [{ permission: 'BROWSE_PROJECT', kind: 'role', subjectId: 2, subjectName: 'Developers' }],
      roleMembers: [{ roleId: 2, roleName: 'Developers', groupId: 3, groupName: 'devs' }, { roleId: 2, roleName: 'Developers', groupId: 4, groupName: 'others' }],
    };
    const d = decide('project.view', subject({ groups: [{ id: 3, name: 'devs' }] }), { item: unsecured, project: facts });
    assert.equal(d.allowed, true);
    assert.match(d.deciding.message, /project role 'Developers' held through group 'devs'/);
  });

  test('PRJ-4: without BROWSE_PROJECT the project is hidden (404), whatever else is granted', () => {
    const d = decide('worklog.create', subject(), { item: unsecured, project: project('WORK_ON_ISSUES', 'EDIT_ISSUES'), ownerId: 7 });
    assert.equal(d.allowed, false);
    assert.equal(d.hidden, true);
    assert.equal(d.deciding.layer, 'project');
    const missing = decide('project.view', subject(), {});
    assert.equal(missing.hidden, true, 'a missing project looks the same as an unreadable one');
  });

  test('PRJ-5: logging work needs WORK_ON_ISSUES; the refusal is visible (403) and names the permission', () => {
    const d = decide('worklog.create', subject(), { item: unsecured, project: project('BROWSE_PROJECT', 'EDIT_ISSUES'), ownerId: 7 });
    assert.equal(d.allowed, false);
    assert.equal(d.hidden, false);
    assert.equal(d.deciding.code, 'missing_permission');
    assert.match(d.deciding.message, /WORK_ON_ISSUES/);
  });

  test('SPEC §0: system administrators do not bypass the base layer, except to administer project permissions', () => {
    const admin = subject({ systemAdmin: true });
    assert.equal(decide('project.view', admin, { item: unsecured, project: project() }).allowed, false);
    assert.equal(decide('worklog.create', admin, { item: unsecured, project: project('BROWSE_PROJECT'), ownerId: 7 }).allowed, false);
    const grantSelf = decide('project.permissions', admin, { item: unsecured, project: project() });
    assert.equal(grantSelf.allowed, true);
    assert.ok(grantSelf.reasons.some((r) => r.code === 'system_admin_override'));
  });

  test('WL-4: work logs of other users cannot be changed without WL-5 rights', () => {
    const d = decide('worklog.edit', subject(), { item: unsecured, project: project('BROWSE_PROJECT', 'WORK_ON_ISSUES'), ownerId: 8 });
    assert.equal(d.allowed, false);
    assert.equal(d.deciding.code, 'not_own_worklog');
    assert.equal(decide('worklog.edit', subject(), { item: unsecured, project: project('BROWSE_PROJECT', 'WORK_ON_ISSUES'), ownerId: 7 }).allowed, true);
  });

  test('APP-2: the Administration area opens for app_admin and system administrators only', () => {
    assert.equal(decide('admin.users', subject()).allowed, false);
    assert.equal(decide('admin.users', subject({ appRoles: [{ role: 'timesheet_viewer', via: { kind: 'user' } }] })).allowed, false);
    assert.equal(decide('admin.users', subject({ appRoles: [{ role: 'app_admin', via: { kind: 'group', groupId: 1, groupName: 'administrators' } }] })).allowed, true);
    assert.equal(decide('admin.users', subject({ systemAdmin: true })).allowed, true);
  });

  test('every action in the catalogue has a decision, and layers are reported in SPEC order', () => {
    const order = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'];
    for (const action of ACTION_NAMES) {
      for (const facts of [{}, { item: unsecured, project: project() }, { item: unsecured, project: project('ADMINISTER_PROJECT'), ownerId: 7 }, { item: unsecured, project: project('BROWSE_PROJECT'), ownerId: 8 }]) {
        const d = decide(action, subject(), facts);
        assert.equal(typeof d.allowed, 'boolean');
        assert.ok(d.deciding, `${action} has a deciding reason`);
        const layers = d.reasons.map((r) => order.indexOf(r.layer));
        assert.deepEqual(layers, [...layers].sort((a, b) => a - b), `${action}: layers in order`);
        if (!d.allowed) assert.equal(d.deciding, d.reasons.find((r) => r.outcome === 'deny'));
        if (ACTIONS[action].scope !== 'global' && !facts.project) assert.equal(d.hidden, true);
      }
    }
  });
});
