import type { AppRole, ProjectPermission } from '../db/types.js';
import { DEFAULT_PROJECT_ROLES } from '../modules/projects/schema.js';

/**
 * The demo installation as plain data: who exists, which groups and project roles they are in, and which
 * project permissions reach them directly, through a group, or through a project role. `seedDemo` turns
 * this into rows; the same data decides who may log work where, so seeded work logs never break PRJ-5.
 */

export const DEMO_PASSWORD = 'timeward-demo';

export interface DemoPerson {
  login: string;
  name: string;
  description: string;
  systemAdmin?: boolean;
  appRole?: AppRole;
  groups: string[];
}

const staff = ['staff'];
const devs = ['staff', 'developers'];

export const PEOPLE: DemoPerson[] = [
  {
    login: 'admin',
    name: 'Sam Okafor',
    systemAdmin: true,
    groups: ['administrators', 'staff'],
    description: 'System administrator (systemAdmin, group administrators; app_admin through that group)',
  },
  { login: 'appadmin', name: 'Priya Raman', appRole: 'app_admin', groups: staff, description: 'App role app_admin' },
  {
    login: 'teamadmin',
    name: 'Tomás Silva',
    appRole: 'team_admin',
    groups: staff,
    description: 'App role team_admin; also in project role Developers on ACME',
  },
  {
    login: 'clientadmin',
    name: 'Chloé Martin',
    appRole: 'client_admin',
    groups: staff,
    description: 'App role client_admin',
  },
  {
    login: 'billingadmin',
    name: 'Bruno Keller',
    appRole: 'billing_admin',
    groups: staff,
    description: 'App role billing_admin; logs work on ACME through a direct user grant',
  },
  {
    login: 'timesheetviewer',
    name: 'Tara Nguyen',
    appRole: 'timesheet_viewer',
    groups: staff,
    description: 'App role timesheet_viewer (granted directly as well as through group users)',
  },
  {
    login: 'schedulerviewer',
    name: 'Simon Weber',
    appRole: 'scheduler_viewer',
    groups: staff,
    description: 'App role scheduler_viewer (granted directly as well as through group users)',
  },
  {
    login: 'clientviewer',
    name: 'Clara Jensen',
    appRole: 'client_viewer',
    groups: staff,
    description: 'App role client_viewer; project role Viewers on ACME',
  },
  {
    login: 'billingviewer',
    name: 'Ben Adeyemi',
    appRole: 'billing_viewer',
    groups: staff,
    description: 'App role billing_viewer; project role Viewers on ACME and BETA',
  },
  {
    login: 'vacationapprover',
    name: 'Vera Kowalski',
    appRole: 'vacation_approver',
    groups: staff,
    description: 'App role vacation_approver',
  },
  {
    login: 'timesheetapprover',
    name: 'Theo Laurent',
    appRole: 'timesheet_approver',
    groups: staff,
    description:
      'App role timesheet_approver; approves ACME Web Team and Mobile Squad (team role Timesheet approver); logs work on BETA through a direct user grant',
  },
  {
    login: 'projectadmin',
    name: 'Paula Fischer',
    groups: staff,
    description: 'Project administrator of ACME and BETA (project role Administrators)',
  },
  {
    login: 'alice',
    name: 'Alice Moreau',
    groups: devs,
    description: 'Developer (group developers: ACME via role, BETA via group grant)',
  },
  {
    login: 'bob',
    name: 'Bob Lindqvist',
    groups: devs,
    description: 'Developer (group developers), denied one secured ACME subtree by item security',
  },
  { login: 'carol', name: 'Carol Mensah', groups: devs, description: 'Developer (group developers)' },
  { login: 'dave', name: 'Dave Horvat', groups: devs, description: 'Developer (group developers)' },
  { login: 'erin', name: 'Erin Walsh', groups: devs, description: 'Developer (group developers)' },
  {
    login: 'client',
    name: 'Karen Brooks',
    groups: ['clients'],
    description:
      'Client user of Acme Corporation (group clients): BROWSE_PROJECT on ACME only; time tracking hidden (DENY)',
  },
  { login: 'outsider', name: 'Olga Petrova', groups: [], description: 'Active user with no project access at all' },
];

/** Groups created by the seed; `administrators` and `users` come from the migration. */
export const NEW_GROUPS = ['staff', 'developers', 'clients'];

export const CLIENTS = [
  {
    name: 'Acme Corporation',
    contact: 'Karen Brooks <karen.brooks@acme.example>',
    notes: 'Website relaunch, fixed budget',
  },
  { name: 'Beta Labs GmbH', contact: 'Jonas Vogel <jonas@betalabs.example>', notes: 'Mobile app, time and material' },
];

export interface DemoProject {
  key: string;
  name: string;
  client: string | null;
  /** PRICE-2: the team check is on unless switched off for the project. */
  teamChecks?: 'disabled';
  epics: string[];
  /** Relative weight when a worker with access picks a project for a work log. */
  weight: number;
}

export const PROJECTS: DemoProject[] = [
  {
    key: 'ACME',
    name: 'Acme Website Relaunch',
    client: 'Acme Corporation',
    weight: 3,
    epics: [
      'Homepage redesign',
      'Product catalogue',
      'Checkout and payments',
      'Content migration',
      'Search engine optimisation',
      'Accessibility audit',
      'Performance budget',
      'Customer accounts',
    ],
  },
  {
    key: 'BETA',
    name: 'Beta Mobile App',
    client: 'Beta Labs GmbH',
    weight: 3,
    epics: [
      'Onboarding',
      'Offline mode',
      'Push notifications',
      'In-app purchases',
      'App store release',
      'Crash-free sessions',
    ],
  },
  {
    key: 'INT',
    name: 'Internal',
    client: null,
    weight: 1,
    teamChecks: 'disabled',
    epics: ['Meetings and planning', 'Training and conferences', 'Hiring', 'IT and infrastructure', 'Company events'],
  },
];

const WORK: ProjectPermission[] = ['BROWSE_PROJECT', 'EDIT_ISSUES', 'WORK_ON_ISSUES'];

export type Subject = { user: string } | { group: string } | { role: string };
export interface DemoGrant {
  project: string;
  permissions: ProjectPermission[];
  to: Subject;
}
export interface DemoRoleMember {
  project: string;
  role: string;
  member: { user: string } | { group: string };
}

/** Every demo project uses the default scheme: project roles (Administrators, Developers, Viewers) mean the same on each. */
export const GRANTS: DemoGrant[] = [
  ...PROJECTS.flatMap((p): DemoGrant[] => [
    ...DEFAULT_PROJECT_ROLES.map((r) => ({ project: p.key, permissions: [...r.permissions], to: { role: r.name } })),
    { project: p.key, permissions: ['BROWSE_PROJECT', 'ADMINISTER_PROJECT'], to: { group: 'administrators' } },
  ]),
  { project: 'ACME', permissions: ['BROWSE_PROJECT'], to: { group: 'clients' } },
  { project: 'ACME', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], to: { user: 'billingadmin' } },
  { project: 'BETA', permissions: WORK, to: { group: 'developers' } },
  { project: 'BETA', permissions: ['BROWSE_PROJECT', 'WORK_ON_ISSUES'], to: { user: 'timesheetapprover' } },
];

export const ROLE_MEMBERS: DemoRoleMember[] = [
  { project: 'ACME', role: 'Administrators', member: { user: 'projectadmin' } },
  { project: 'ACME', role: 'Developers', member: { group: 'developers' } },
  { project: 'ACME', role: 'Developers', member: { user: 'teamadmin' } },
  { project: 'ACME', role: 'Viewers', member: { user: 'clientviewer' } },
  { project: 'ACME', role: 'Viewers', member: { user: 'billingviewer' } },
  { project: 'BETA', role: 'Administrators', member: { user: 'projectadmin' } },
  { project: 'BETA', role: 'Viewers', member: { user: 'billingviewer' } },
  { project: 'INT', role: 'Administrators', member: { group: 'administrators' } },
  { project: 'INT', role: 'Developers', member: { group: 'staff' } },
];

/** Every person's groups including `users` (ID-2). */
export function groupsOf(person: DemoPerson): string[] {
  return ['users', ...person.groups];
}

/** The project permissions a person holds on a project, from user, group and project-role grants. */
export function permissionsOf(person: DemoPerson, project: string): Set<ProjectPermission> {
  const groups = new Set(groupsOf(person));
  const holds = (m: { user: string } | { group: string }) =>
    'user' in m ? m.user === person.login : groups.has(m.group);
  const roles = new Set(ROLE_MEMBERS.filter((r) => r.project === project && holds(r.member)).map((r) => r.role));
  const result = new Set<ProjectPermission>();
  for (const grant of GRANTS) {
    if (grant.project !== project) continue;
    const to = grant.to;
    const reaches = 'role' in to ? roles.has(to.role) : holds(to);
    if (reaches) grant.permissions.forEach((p) => result.add(p));
  }
  return result;
}

/** A price list's validity in days relative to the seed's `today` (to: null = open-ended). */
export interface DemoPriceList {
  name: string;
  rate: string;
  fromDay: number;
  toDay: number | null;
}
export interface DemoTeam {
  name: string;
  description: string;
  /** The team's own project, or null for a global team assigned to `assignedTo`. */
  project: string | null;
  assignedTo: string[];
  lead: string;
  members: string[];
  priceLists: DemoPriceList[];
}

/**
 * Teams and price lists (TEAM-1, PRICE-1): ACME has two project teams, BETA a global team with a rate
 * change four weeks ago (PRICE-8), and INT runs with the team check off (PRICE-2).
 */
export const TEAMS: DemoTeam[] = [
  {
    name: 'ACME Web Team',
    description: 'Designers and developers of the relaunch',
    project: 'ACME',
    assignedTo: [],
    lead: 'alice',
    members: ['bob', 'carol', 'dave', 'erin', 'teamadmin', 'projectadmin'],
    priceLists: [{ name: 'ACME standard', rate: '95.00', fromDay: -365, toDay: null }],
  },
  {
    name: 'ACME Consulting',
    description: 'Senior consulting, billed separately',
    project: 'ACME',
    assignedTo: [],
    lead: 'billingadmin',
    members: [],
    priceLists: [{ name: 'Consulting', rate: '140.00', fromDay: -365, toDay: null }],
  },
  {
    name: 'Mobile Squad',
    description: 'Global team for app projects',
    project: null,
    assignedTo: ['BETA'],
    lead: 'dave',
    members: ['alice', 'bob', 'carol', 'erin', 'timesheetapprover', 'projectadmin'],
    priceLists: [
      { name: 'Mobile 2025', rate: '80.00', fromDay: -365, toDay: -29 },
      { name: 'Mobile 2026', rate: '85.00', fromDay: -28, toDay: null },
    ],
  },
];

/** The team a person works on a project in (TEAM-4: at most one). */
export function teamOf(person: DemoPerson, project: string): DemoTeam | undefined {
  return TEAMS.find(
    (t) =>
      (t.project === project || t.assignedTo.includes(project)) &&
      (t.lead === person.login || t.members.includes(person.login)),
  );
}

/** Whether the person may log work on the project: WORK_ON_ISSUES, and a team unless the check is off (PRJ-5, PRICE-3). */
export function mayLogWork(person: DemoPerson, project: DemoProject): boolean {
  return (
    permissionsOf(person, project.key).has('WORK_ON_ISSUES') &&
    (project.teamChecks === 'disabled' || teamOf(person, project.key) !== undefined)
  );
}
