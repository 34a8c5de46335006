import type { Random } from './random.js';

/** Word lists for work-item titles, comments and work-log descriptions that read like a real backlog. */

const VERBS = [
  'Implement',
  'Design',
  'Review',
  'Fix',
  'Refactor',
  'Test',
  'Document',
  'Migrate',
  'Optimise',
  'Set up',
  'Clean up',
  'Investigate',
  'Prototype',
  'Automate',
  'Update',
  'Localise',
  'Harden',
  'Measure',
] as const;

const OBJECTS = [
  'login form',
  'search results page',
  'checkout flow',
  'navigation menu',
  'image gallery',
  'contact form',
  'newsletter signup',
  'product detail page',
  'cookie banner',
  'footer links',
  'sitemap',
  '404 page',
  'REST client',
  'push notifications',
  'offline cache',
  'settings screen',
  'onboarding flow',
  'crash reporting',
  'release pipeline',
  'unit tests',
  'staging environment',
  'database backups',
  'invoice export',
  'password reset',
  'dark mode',
  'analytics events',
  'error messages',
  'email templates',
  'user avatars',
  'date picker',
  'session timeout',
  'file upload',
  'rate limiting',
  'audit trail',
  'feature flags',
  'health checks',
] as const;

const SUBTASKS = [
  'Write acceptance criteria',
  'Code review',
  'QA on staging',
  'Update documentation',
  'Write unit tests',
  'Fix review findings',
  'Accessibility check',
  'Cross-browser check',
  'Performance check',
  'Deploy to production',
  'Pair on edge cases',
  'Clarify requirements with client',
  'Add monitoring',
  'Update translations',
] as const;

const WORKLOG_DESCRIPTIONS = [
  'Implementation',
  'Code review',
  'Bug fixing',
  'Pairing session',
  'Meeting with client',
  'Sprint planning',
  'Daily stand-up and follow-ups',
  'Writing tests',
  'Investigating a flaky test',
  'Deployment',
  'Documentation',
  'Refinement with product owner',
  'Customer support',
  'Design review',
  'Estimation',
  'Retrospective',
  'Troubleshooting on staging',
  'Performance profiling',
  'Reviewing pull requests',
  'Updating dependencies',
  '',
] as const;

const COMMENTS = [
  'Looks good to me, merging.',
  'Can we split this into two smaller items?',
  'Blocked until the API is deployed.',
  'Client confirmed the new wording.',
  'I added screenshots to the wiki page.',
  'Estimate was too low, adding a day.',
  'Moved to the next sprint.',
  'Works on Chrome and Firefox; Safari still pending.',
  'Please review before Friday.',
  'Found the root cause: a timezone issue in the date parser.',
  'Done on staging, waiting for sign-off.',
  'Do we still need this after the redesign?',
  'Pairing with Bob on this tomorrow.',
  'Reopened: fails on mobile.',
] as const;

/** A task-level title such as "Refactor checkout flow". */
export function taskTitle(random: Random): string {
  return `${random.pick(VERBS)} ${random.pick(OBJECTS)}`;
}

export function subtaskTitle(random: Random): string {
  return random.pick(SUBTASKS);
}

/** Title for an item at `depth` (1 = top level) in a generated tree of arbitrary depth. */
export function titleAtDepth(random: Random, depth: number, ordinal: number): string {
  if (depth === 1) return `Epic ${ordinal}: ${random.pick(OBJECTS)} overhaul`;
  if (depth === 2) return `${random.pick(VERBS)} ${random.pick(OBJECTS)}`;
  if (depth === 3) return `${random.pick(VERBS)} ${random.pick(OBJECTS)} (part ${random.int(1, 4)})`;
  return random.pick(SUBTASKS);
}

export function worklogDescription(random: Random): string {
  return random.pick(WORKLOG_DESCRIPTIONS);
}

export function commentBody(random: Random): string {
  return random.pick(COMMENTS);
}

export const WORKLOG_DESCRIPTION_POOL: readonly string[] = WORKLOG_DESCRIPTIONS;

/** A story-level title such as "Checkout flow". */
export function storyTitle(random: Random): string {
  const object = random.pick(OBJECTS);
  return object.charAt(0).toUpperCase() + object.slice(1);
}
