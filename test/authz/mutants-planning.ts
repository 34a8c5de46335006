// Deliberately wrong variants of the planning rules (FLOW-5, APP-4, APP-5), as wrappers around the real decide(): the
// mutation test proves the reference harness catches each; mutants.ts lists them with the others.
import { decide as decideCore, type Decision } from '../../src/authz/decide.js';
import type { SubjectFacts } from '../../src/authz/facts.js';
import type { AppRole } from '../../src/db/types.js';
import { resourceOf, type Checker } from './cases.js';
import type { TimesheetMutant } from './mutants-timesheets.js';

const decide = (...[action, subject, resource]: Parameters<typeof decideCore>): Decision =>
  decideCore(action, subject, resource, { explain: true });

/** The caller with an app role added, for the actions named (every other action decided as it is). */
const withRole =
  (actions: readonly string[], role: AppRole): Checker =>
  (ctx, c) => {
    const subject: SubjectFacts = ctx.facts.subjects[c.user];
    const widened = actions.includes(c.action)
      ? { ...subject, appRoles: [...subject.appRoles, { role, via: { kind: 'user' as const } }] }
      : subject;
    return decide(c.action, widened, resourceOf(ctx, c));
  };

export const PLANNING_MUTANTS: TimesheetMutant[] = [
  {
    name: 'scheduler_viewer plans for another user',
    breaks: 'FLOW-5',
    meaning: 'planning is decided as planning for oneself: anyone in the Schedule area plans for (and sees) anyone',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      if (!c.action.startsWith('plan.') || !resource.owner) return decide(c.action, subject, resource);
      return decide(c.action, subject, { ...resource, ownerId: subject.userId, owner: undefined });
    },
  },
  {
    name: 'billable flag set by a non-billing role',
    breaks: 'FLOW-5, APP-5',
    meaning: 'marking a planned task billable is open to every planner, not only billing_admin',
    checker: withRole(['plan.billable'], 'billing_admin'),
  },
  {
    name: 'client name shown to a non-client role',
    breaks: 'APP-4, FLOW-6',
    meaning: 'client names on planned tasks (client.view) show to every user, not only client readers',
    checker: withRole(['client.view'], 'client_viewer'),
  },
];
