// Guards the pure decision core (SPEC §0) on hand-written examples: which layer decides, in which order, and why —
// the generated-world properties beside this file cover the same rules exhaustively.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACTION_NAMES, ACTIONS } from '../../src/authz/catalogue.js';
import { decide } from '../../src/authz/decide.js';
import type {
  ItemSecurityFacts,
  ProjectFacts,
  ProjectTeamFacts,
  SubjectFacts,
  TeamMembershipFact,
} from '../../src/authz/facts.js';
import { SecuritySetting } from '../../src/authz/setting.js';
import type { ProjectPermission, TeamPermission } from '../../src/db/types.js';

const unsecured = { itemId: 1, itemKey: 'ACME-1', governing: null };
const subject = (over: Partial<SubjectFacts> = {}): SubjectFacts => ({
  userId: 7,
  active: true,
  systemAdmin: false,
  groups: [],
  appRoles: [],
  denies: [],
  teams: [],
  ...over,
});
const project = (...permissions: ProjectPermission[]): ProjectFacts => ({
  roleMembers: [],
  projectId: 1,
  projectKey: 'ACME',
  grants: permissions.map((permission) => ({ permission, kind: 'user' as const, subjectId: 7, subjectName: 'U' })),
});

describe('decision core', () => {
  test('ID-1: a deactivated user is refused by the identity layer before anything else', () => {
    const d = decide('project.view', subject({ active: false }), {
      item: unsecured,
      project: project('ADMINISTER_PROJECT'),
    });
    assert.equal(d.allowed, false);
    assert.equal(d.deciding.layer, 'identity');
    assert.equal(d.deciding.code, 'user_inactive');
    assert.equal(d.reasons.length, 1);
  });

  test('PRJ-3: ADMINISTER_PROJECT implies the other project permissions', () => {
    for (const action of ['project.view', 'item.create', 'item.edit', 'worklog.create', 'project.edit'] as const) {
      assert.equal(
        decide(action, subject(), { item: unsecured, project: project('ADMINISTER_PROJECT'), ownerId: 7 }).allowed,
        true,
        action,
      );
    }
    assert.equal(
      decide('project.edit', subject(), {
        item: unsecured,
        project: project('BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'),
      }).allowed,
      false,
    );
  });

  test('PRJ-3: the explanation names how the permission reached the user', () => {
    const facts: ProjectFacts = {
      projectId: 1,
      projectKey: 'ACME',
      grants: [{ permission: 'BROWSE_PROJECT', kind: 'role', subjectId: 2, subjectName: 'Developers' }],
      roleMembers: [
        { roleId: 2, roleName: 'Developers', groupId: 3, groupName: 'devs' },
        { roleId: 2, roleName: 'Developers', groupId: 4, groupName: 'others' },
      ],
    };
    const d = decide('project.view', subject({ groups: [{ id: 3, name: 'devs' }] }), {
      item: unsecured,
      project: facts,
    });
    assert.equal(d.allowed, true);
    assert.match(d.deciding.message, /project role 'Developers' held through group 'devs'/);
  });

  test('PRJ-4: without BROWSE_PROJECT the project is hidden (404), whatever else is granted', () => {
    const d = decide('worklog.create', subject(), {
      item: unsecured,
      project: project('WORK_ON_ISSUES', 'EDIT_ISSUES'),
      ownerId: 7,
    });
    assert.equal(d.allowed, false);
    assert.equal(d.hidden, true);
    assert.equal(d.deciding.layer, 'project');
    const missing = decide('project.view', subject(), {});
    assert.equal(missing.hidden, true, 'a missing project looks the same as an unreadable one');
  });

  test('PRJ-5: logging work needs WORK_ON_ISSUES; the refusal is visible (403) and names the permission', () => {
    const d = decide('worklog.create', subject(), {
      item: unsecured,
      project: project('BROWSE_PROJECT', 'EDIT_ISSUES'),
      ownerId: 7,
    });
    assert.equal(d.allowed, false);
    assert.equal(d.hidden, false);
    assert.equal(d.deciding.code, 'missing_permission');
    assert.match(d.deciding.message, /WORK_ON_ISSUES/);
  });

  test('SPEC §0: system administrators do not bypass the base layer, except to administer project permissions', () => {
    const admin = subject({ systemAdmin: true });
    assert.equal(decide('project.view', admin, { item: unsecured, project: project() }).allowed, false);
    assert.equal(
      decide('worklog.create', admin, { item: unsecured, project: project('BROWSE_PROJECT'), ownerId: 7 }).allowed,
      false,
    );
    const grantSelf = decide('project.permissions', admin, { item: unsecured, project: project() });
    assert.equal(grantSelf.allowed, true);
    assert.ok(grantSelf.reasons.some((r) => r.code === 'system_admin_override'));
  });

  test('WL-4: work logs of other users cannot be changed without WL-5 rights', () => {
    const d = decide('worklog.edit', subject(), {
      item: unsecured,
      project: project('BROWSE_PROJECT', 'WORK_ON_ISSUES'),
      ownerId: 8,
    });
    assert.equal(d.allowed, false);
    assert.equal(d.deciding.code, 'not_own_worklog');
    assert.equal(
      decide('worklog.edit', subject(), {
        item: unsecured,
        project: project('BROWSE_PROJECT', 'WORK_ON_ISSUES'),
        ownerId: 7,
      }).allowed,
      true,
    );
  });

  test('APP-2: the Administration area opens for app_admin and system administrators only', () => {
    assert.equal(decide('admin.users', subject()).allowed, false);
    assert.equal(
      decide('admin.users', subject({ appRoles: [{ role: 'timesheet_viewer', via: { kind: 'user' } }] })).allowed,
      false,
    );
    assert.equal(
      decide(
        'admin.users',
        subject({ appRoles: [{ role: 'app_admin', via: { kind: 'group', groupId: 1, groupName: 'administrators' } }] }),
      ).allowed,
      true,
    );
    assert.equal(decide('admin.users', subject({ systemAdmin: true })).allowed, true);
  });

  test('every action in the catalogue has a decision, and layers are reported in SPEC order', () => {
    const order = ['identity', 'project', 'item', 'deny', 'app', 'team', 'business'];
    for (const action of ACTION_NAMES) {
      for (const facts of [
        {},
        { item: unsecured, project: project() },
        { item: unsecured, project: project('ADMINISTER_PROJECT'), ownerId: 7 },
        { item: unsecured, project: project('BROWSE_PROJECT'), ownerId: 8 },
      ]) {
        const d = decide(action, subject(), facts);
        assert.equal(typeof d.allowed, 'boolean');
        assert.ok(d.deciding, `${action} has a deciding reason`);
        const layers = d.reasons.map((r) => order.indexOf(r.layer));
        assert.deepEqual(
          layers,
          [...layers].sort((a, b) => a - b),
          `${action}: layers in order`,
        );
        if (!d.allowed)
          assert.equal(
            d.deciding,
            d.reasons.find((r) => r.outcome === 'deny'),
          );
        if (ACTIONS[action].scope !== 'global' && !facts.project) assert.equal(d.hidden, true);
      }
    }
  });

  test('ITEM-3, PRJ-3: many subjects judged against one project facts object each keep their own standing', () => {
    // 300 subjects in one project: the memoised standings outgrow their first array several times over.
    const groupOf = (u: number) => 1000 + u;
    const facts: ProjectFacts = {
      projectId: 1,
      projectKey: 'ACME',
      roleMembers: [],
      grants: Array.from({ length: 300 }, (_, u) => ({
        permission: 'BROWSE_PROJECT' as const,
        kind: 'group' as const,
        subjectId: groupOf(u),
        subjectName: `g${groupOf(u)}`,
      })),
    };
    const entries = Array.from({ length: 300 }, (_, u) => ({
      kind: 'group' as const,
      subjectId: groupOf(u),
      subjectName: `g${groupOf(u)}`,
      view: u % 5 === 0 ? ('deny' as const) : u % 2 === 0 ? ('allow' as const) : ('unset' as const),
      edit: 'unset' as const,
    }));
    const item: ItemSecurityFacts = {
      itemId: 1,
      itemKey: 'ACME-1',
      governing: new SecuritySetting(1, 'ACME-1', entries),
    };
    const subjects = Array.from({ length: 300 }, (_, u) =>
      subject({ userId: u + 1, groups: [{ id: groupOf(u), name: `g${groupOf(u)}` }] }),
    );
    const expected = (u: number) => u % 2 === 0 && u % 5 !== 0;
    for (const u of [...subjects.keys(), ...[...subjects.keys()].reverse()]) {
      const quick = decide('item.view', subjects[u], { project: facts, item }, { explain: false });
      assert.equal(quick.allowed, expected(u), `user ${u + 1}`);
      const explained = decide('item.view', subjects[u], { project: facts, item }, { explain: true });
      assert.equal(explained.allowed, expected(u));
      assert.match(
        explained.reasons.find((r) => r.code === 'permission_granted')!.message,
        new RegExp(`granted to group 'g${groupOf(u)}'`),
      );
      if (u % 5 === 0)
        assert.equal(explained.deciding.message, `view is denied to group 'g${groupOf(u)}' by the setting of ACME-1`);
    }
  });
});

const member = (teamId: number, ...permissions: TeamPermission[]): TeamMembershipFact => ({
  teamId,
  teamName: `T${teamId}`,
  projectId: 1,
  permissions,
});
const grantsTo = (userId: number, ...permissions: ProjectPermission[]) =>
  permissions.map((permission) => ({
    permission,
    kind: 'user' as const,
    subjectId: userId,
    subjectName: `U${userId}`,
  }));
const acme = (...grants: ProjectFacts['grants']): ProjectFacts => ({
  projectId: 1,
  projectKey: 'ACME',
  grants,
  roleMembers: [],
});
const teamFacts = (checks: ProjectTeamFacts['checks'], validTo: string | null = null): ProjectTeamFacts => ({
  projectId: 1,
  projectKey: 'ACME',
  checks,
  teams: [
    {
      teamId: 5,
      teamName: 'T5',
      global: false,
      priceLists: [{ id: 1, name: 'Standard', currency: 'EUR', hourlyRate: '50.00', validFrom: '2026-03-01', validTo }],
    },
  ],
});

describe('decision core: team layers', () => {
  test('ITEM-1, ITEM-3, TEAM-6: an item-security entry naming a team matches its current members only', () => {
    const secured: ItemSecurityFacts = {
      itemId: 1,
      itemKey: 'ACME-1',
      governing: new SecuritySetting(1, 'ACME-1', [
        { kind: 'team', subjectId: 5, subjectName: 'T5', view: 'allow', edit: 'unset' },
      ]),
    };
    const project = acme(...grantsTo(7, 'BROWSE_PROJECT'));
    const allowed = decide('item.view', subject({ teams: [member(5)] }), { project, item: secured });
    assert.equal(allowed.allowed, true);
    assert.match(allowed.deciding.message, /team 'T5'/);
    const former = decide('item.view', subject(), { project, item: secured });
    assert.equal(former.allowed, false);
    assert.equal(former.hidden, true, 'ITEM-9: an item the user cannot view is a 404');
  });

  test("WL-5: acting for another user needs MANAGE_MEMBER_WORKLOGS in a team of theirs; then every gate is the owner's, refused as a 403 naming them", () => {
    const project = acme(...grantsTo(7, 'BROWSE_PROJECT'), ...grantsTo(8, 'BROWSE_PROJECT'));
    const owner = subject({ userId: 8, name: 'Olga', teams: [member(5, 'WORK_ON_ISSUES')] });
    const resource = { project, item: unsecured, ownerId: 8, owner };
    const stranger = decide('worklog.create', subject(), resource);
    assert.equal(stranger.deciding.code, 'not_own_worklog');
    assert.equal(stranger.hidden, false);
    const lead = subject({ teams: [member(5, 'MANAGE_MEMBER_WORKLOGS')] });
    const forOwner = decide('worklog.create', lead, resource);
    assert.equal(forOwner.allowed, false, 'the owner lacks WORK_ON_ISSUES on the project');
    assert.equal(forOwner.deciding.code, 'missing_permission');
    assert.match(forOwner.deciding.message, /^for Olga: WORK_ON_ISSUES/);
    assert.equal(forOwner.hidden, false);
    assert.equal(
      decide('worklog.create', lead, {
        ...resource,
        project: acme(...grantsTo(7, 'BROWSE_PROJECT'), ...grantsTo(8, 'BROWSE_PROJECT', 'WORK_ON_ISSUES')),
      }).allowed,
      true,
    );
    assert.equal(
      decide('worklog.create', subject({ appRoles: [{ role: 'team_admin', via: { kind: 'user' } }] }), {
        ...resource,
        owner: { ...owner, teams: [] },
      }).deciding.code,
      'not_own_worklog',
      'team_admin acts only for users in a team',
    );
  });

  test('TEAM-2, WL-3: MANAGE_MEMBER_WORKLOGS and MANAGE_TEAM include VIEW_MEMBER_WORKLOGS; MANAGE_SCHEDULE does not', () => {
    const timesheet = { appRoles: [{ role: 'timesheet_viewer' as const, via: { kind: 'user' as const } }] };
    const owner = subject({ userId: 8, teams: [member(5, 'WORK_ON_ISSUES')] });
    for (const [level, allowed] of [
      ['VIEW_MEMBER_WORKLOGS', true],
      ['MANAGE_MEMBER_WORKLOGS', true],
      ['MANAGE_TEAM', true],
      ['MANAGE_SCHEDULE', false],
    ] as const) {
      assert.equal(
        decide('worklog.listFor', subject({ ...timesheet, teams: [member(5, level)] }), { ownerId: 8, owner }).allowed,
        allowed,
        level,
      );
    }
  });

  test('PRICE-2, PRICE-3: with the check on, the refusal says which is missing — a team, a role granting WORK_ON_ISSUES, a price list valid on the date', () => {
    const project = acme(...grantsTo(7, 'BROWSE_PROJECT', 'WORK_ON_ISSUES'));
    const log = (who: SubjectFacts, teams: ProjectTeamFacts, date = '2026-03-10') =>
      decide('worklog.create', who, { project, item: unsecured, ownerId: 7, owner: who, teams, date });
    assert.equal(log(subject(), teamFacts('on')).deciding.code, 'not_in_team');
    assert.equal(
      log(subject({ teams: [member(5, 'VIEW_MEMBER_WORKLOGS')] }), teamFacts('on')).deciding.code,
      'team_role_cannot_work',
    );
    assert.equal(
      log(subject({ teams: [member(5, 'WORK_ON_ISSUES')] }), teamFacts('on', '2026-03-09')).deciding.code,
      'no_valid_price_list',
    );
    assert.equal(
      log(subject({ teams: [member(5, 'WORK_ON_ISSUES')] }), teamFacts('on', '2026-03-10')).allowed,
      true,
      'PRICE-1: the last valid day counts',
    );
    assert.equal(
      log(subject({ teams: [member(5, 'WORK_ON_ISSUES')] }), teamFacts('on'), '2026-02-28').deciding.code,
      'no_valid_price_list',
      'PRICE-8: judged on the work date',
    );
    for (const off of ['off_globally', 'off_for_project'] as const)
      assert.equal(log(subject(), teamFacts(off)).allowed, true, `PRICE-4: ${off}`);
  });

  test('TEAM-3, APP-3: nobody grants a team permission they do not hold there; app_admin, team_admin and system administrators are unbounded', () => {
    const team = { teamId: 5, teamName: 'T5', projectId: null };
    const teamsArea = { appRoles: [{ role: 'timesheet_viewer' as const, via: { kind: 'user' as const } }] };
    const manager = subject({ ...teamsArea, teams: [member(5, 'MANAGE_TEAM', 'WORK_ON_ISSUES')] });
    assert.equal(
      decide('team.grant', manager, { team, grantLevels: ['WORK_ON_ISSUES', 'VIEW_MEMBER_WORKLOGS'] }).allowed,
      true,
      'MANAGE_TEAM includes VIEW_MEMBER_WORKLOGS',
    );
    const beyond = decide('team.grant', manager, { team, grantLevels: ['APPROVE_TIMESHEETS'] });
    assert.equal(beyond.deciding.code, 'grant_boundary');
    assert.match(beyond.deciding.message, /APPROVE_TIMESHEETS/);
    assert.equal(
      decide('team.grant', subject({ appRoles: [{ role: 'team_admin', via: { kind: 'user' } }] }), {
        team,
        grantLevels: ['APPROVE_TIMESHEETS'],
      }).allowed,
      true,
    );
  });

  test('TEAM-1, PRJ-4: a project team is hidden (404) without BROWSE_PROJECT on its project; a global team has no project layer', () => {
    const teamsArea = { appRoles: [{ role: 'timesheet_viewer' as const, via: { kind: 'user' as const } }] };
    const hidden = decide('team.view', subject(teamsArea), {
      project: acme(),
      team: { teamId: 5, teamName: 'T5', projectId: 1 },
    });
    assert.equal(hidden.allowed, false);
    assert.equal(hidden.hidden, true);
    assert.equal(
      decide('team.view', subject({ ...teamsArea, teams: [member(6)] }), {
        team: { teamId: 6, teamName: 'G', projectId: null },
      }).allowed,
      true,
    );
  });

  test('TEAM-8: a team is seen by its members, team_admin, app_admin and administrators of the projects it serves; others and denied users get 404', () => {
    const teamsArea = { appRoles: [{ role: 'timesheet_viewer' as const, via: { kind: 'user' as const } }] };
    const global = { teamId: 6, teamName: 'G', projectId: null, assignedProjectIds: [1] };
    const own = { teamId: 5, teamName: 'T5', projectId: 1 };
    const view = (who: SubjectFacts, team: typeof global | typeof own, project: ProjectFacts) =>
      decide('team.view', who, team.projectId === null ? { team, servedProjects: [project] } : { team, project });
    for (const team of [global, own]) {
      const outsider = view(subject(teamsArea), team, acme(...grantsTo(7, 'BROWSE_PROJECT')));
      assert.deepEqual(
        [outsider.allowed, outsider.hidden, outsider.deciding.code],
        [false, true, 'team_not_visible'],
        `${team.teamName}: a browsing outsider`,
      );
      assert.equal(
        view(subject({ ...teamsArea, teams: [member(team.teamId)] }), team, acme(...grantsTo(7, 'BROWSE_PROJECT')))
          .allowed,
        true,
        `${team.teamName}: a member`,
      );
      assert.equal(
        view(
          subject({ appRoles: [{ role: 'team_admin', via: { kind: 'user' } }] }),
          team,
          acme(...grantsTo(7, 'BROWSE_PROJECT')),
        ).allowed,
        true,
        `${team.teamName}: team_admin`,
      );
      const admin = view(subject(teamsArea), team, acme(...grantsTo(7, 'ADMINISTER_PROJECT')));
      assert.equal(admin.allowed, true, `${team.teamName}: an administrator of a project it serves`);
      assert.match(admin.reasons.find((r) => r.code === 'team_visible')!.message, /ADMINISTER_PROJECT on ACME/);
      const denied = view(
        subject({
          ...teamsArea,
          teams: [member(team.teamId)],
          denies: [{ permission: 'ISSUE_TIME_TABS', groupId: 3, groupName: 'clients' }],
        }),
        team,
        acme(...grantsTo(7, 'ADMINISTER_PROJECT')),
      );
      assert.deepEqual(
        [denied.allowed, denied.hidden, denied.deciding.code],
        [false, true, 'denied_surface'],
        `${team.teamName}: a denied member sees no team`,
      );
    }
    const unassigned = decide('team.view', subject(teamsArea), {
      team: { ...global, assignedProjectIds: [] },
      servedProjects: [],
    });
    assert.equal(unassigned.hidden, true, 'a global team serving no project is seen by no project administrator');
    const manager = decide('team.manage', subject(teamsArea), {
      team: own,
      project: acme(...grantsTo(7, 'BROWSE_PROJECT')),
    });
    assert.deepEqual(
      [manager.allowed, manager.hidden],
      [false, true],
      'an action on a team the user cannot see is a 404 too',
    );
  });
});
