// Deliberately wrong variants of the timesheet locks and slice rules (FLOW-1, FLOW-3, FLOW-8, FLOW-9, FLOW-10), as
// wrappers around the real decide(): the mutation test proves the reference harness catches each. Each feeds decide()
// the facts the wrong rule would see; mutants.ts lists them with the others.
import { decide as decideCore, type Decision } from '../../src/authz/decide.js';
import type { ResourceFacts, SliceFact, SubjectFacts } from '../../src/authz/facts.js';
import type { TeamPermission } from '../../src/db/types.js';
import { resourceOf, type Checker, type Ctx } from './cases.js';

/** A mutant of the reference harness (mutants.ts names the shape). */
export interface TimesheetMutant {
  name: string;
  breaks: string;
  meaning: string;
  checker: Checker;
}

/** The real core, explained, as the engine checker of cases.ts asks it. */
const decide = (...[action, subject, resource]: Parameters<typeof decideCore>): Decision =>
  decideCore(action, subject, resource, { explain: true });

/** Decides with the caller's facts and the resource rewritten together. */
const withCase =
  (rewrite: (subject: SubjectFacts, resource: ResourceFacts, ctx: Ctx) => ResourceFacts): Checker =>
  (ctx, c) => {
    const subject = ctx.facts.subjects[c.user];
    return decide(c.action, subject, rewrite(subject, resourceOf(ctx, c), ctx));
  };

/** The subject with `permission` added in the slice's team (a membership made up when they have none there). */
function holdingIn(subject: SubjectFacts, slice: SliceFact, permission: TeamPermission): SubjectFacts {
  const there = { teamId: slice.teamId!, teamName: slice.teamName ?? '', projectId: null, permissions: [] };
  const mine = subject.teams.find((m) => m.teamId === slice.teamId) ?? there;
  const teams = [
    ...subject.teams.filter((m) => m !== mine),
    { ...mine, permissions: [...mine.permissions, permission] },
  ];
  return { ...subject, teams };
}

const isAdmin = (subject: SubjectFacts) => subject.systemAdmin || subject.appRoles.some((r) => r.role === 'app_admin');

export const TIMESHEET_MUTANTS: TimesheetMutant[] = [
  {
    name: 'self-approval allowed',
    breaks: 'FLOW-8',
    meaning:
      'the notOwnApproval gate is skipped: an approver (or app_admin) approves, rejects or decides the recall of their own slice',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      const d = decide(c.action, subject, resource);
      if (d.allowed || d.deciding.code !== 'own_timesheet') return d;
      // The same decision with the slice taken for someone else's: every other layer and gate still applies.
      return decide(c.action, subject, { ...resource, slice: { ...resource.slice!, ownerId: -1 } });
    },
  },
  {
    name: 'closed period ignored for admins',
    breaks: 'FLOW-3',
    meaning:
      'app_admin and system administrators change work in a closed team period (the spec: no work log of the team dated in it is created, changed or deleted by anyone)',
    checker: withCase((subject, resource) =>
      resource.locks && isAdmin(subject) ? { ...resource, locks: { ...resource.locks, periods: [] } } : resource,
    ),
  },
  {
    name: 'charged work log editable',
    breaks: 'FLOW-9',
    meaning: 'the notCharged gate is left off worklog.edit: a charged work log is changed before its charge is revoked',
    checker: (ctx, c) => {
      const resource = resourceOf(ctx, c);
      const uncharged =
        c.action === 'worklog.edit' && resource.worklog?.charge
          ? { ...resource, worklog: { ...resource.worklog, charge: null } }
          : resource;
      return decide(c.action, ctx.facts.subjects[c.user], uncharged);
    },
  },
  {
    name: "approver sees another team's slice",
    breaks: 'FLOW-10, FLOW-2',
    meaning:
      "APPROVE_TIMESHEETS in any team counts for every slice: an approver sees, approves and rejects slices of teams where they don't hold it",
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      const slice = resource.slice;
      const approves = subject.teams.some((m) => m.permissions.includes('APPROVE_TIMESHEETS'));
      if (!slice || slice.teamId === null || !approves) return decide(c.action, subject, resource);
      // The wrong rule: a membership of the slice's team holding APPROVE_TIMESHEETS, wherever the approver holds it.
      return decide(c.action, holdingIn(subject, slice, 'APPROVE_TIMESHEETS'), resource);
    },
  },
  {
    name: 'acting for the owner opens their slice of another team',
    breaks: 'FLOW-10, WL-5',
    meaning:
      "MANAGE_MEMBER_WORKLOGS in one team of the owner's submits the owner's slice of a team where the caller holds nothing over members' work (a slice that is a 404 to them)",
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      const slice = resource.slice;
      if (!slice || slice.teamId === null || slice.ownerId === subject.userId || c.action !== 'timesheet.submit')
        return decide(c.action, subject, resource);
      // The wrong rule: the caller counts as seeing the slice (a viewer of its team's members' work), whatever they hold.
      return decide(c.action, holdingIn(subject, slice, 'VIEW_MEMBER_WORKLOGS'), resource);
    },
  },
  {
    name: 'submitted slice editable',
    breaks: 'FLOW-1',
    meaning: 'only approved slices lock their work logs: work in a submitted (not yet decided) slice is still changed',
    checker: withCase((_subject, resource) =>
      resource.locks
        ? {
            ...resource,
            locks: { ...resource.locks, slices: resource.locks.slices.filter((s) => s.state !== 'submitted') },
          }
        : resource,
    ),
  },
  {
    name: "the stored work log's own day is not checked",
    breaks: 'FLOW-3, FLOW-1, FLOW-9',
    meaning:
      'an edit or delete checks only the new work date: a work log is moved out of (or deleted from) a closed period or a locked slice',
    checker: withCase((_subject, resource) =>
      resource.worklog ? { ...resource, worklog: { ...resource.worklog, date: '1970-01-01' } } : resource,
    ),
  },
  // Leave (FLOW-4, issue 16).
  {
    name: 'leave type shown to a colleague',
    breaks: 'FLOW-4',
    meaning:
      'routing is ignored: every vacation_approver (and so every colleague in the role) knows every request and its type',
    checker: withCase((_subject, resource) =>
      resource.leave ? { ...resource, leave: { ...resource.leave, routedTeamIds: [] } } : resource,
    ),
  },
  {
    name: 'own leave approved',
    breaks: 'FLOW-4',
    meaning: 'the notOwnLeave gate is skipped: a vacation_approver approves, rejects or revokes their own request',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      const d = decide(c.action, subject, resource);
      if (d.allowed || d.deciding.code !== 'own_leave') return d;
      return decide(c.action, subject, { ...resource, leave: { ...resource.leave!, ownerId: -1 } });
    },
  },
];
