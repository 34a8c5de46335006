// Deliberately wrong variants of the permission rules, as wrappers around the real decide(): the mutation test
// proves the reference harness catches each one (ITEM-2, ITEM-3, DENY-2, SPEC §0, and the team layers: TEAM-2,
// TEAM-3, TEAM-6, WL-5, PRICE-3). Each feeds decide() facts rewritten the way the wrong rule would see them.
import { actionSpec } from '../../src/authz/catalogue.js';
import { decide as decideCore, matchingEntries, type Decision } from '../../src/authz/decide.js';
import type {
  ItemSecurityFacts,
  ProjectFacts,
  ProjectTeamFacts,
  ResourceFacts,
  SecurityEntry,
  SubjectFacts,
  TeamMembershipFact,
} from '../../src/authz/facts.js';
import { SecuritySetting } from '../../src/authz/setting.js';
import type { AccessValue } from '../../src/db/types.js';
import { reasonWho, resourceOf, type Case, type Checker, type Ctx } from './cases.js';
import { ancestorsOrSelf } from './reference.js';
import { explainer, undated, type Explainer } from './explanations.js';
import { PLANNING_MUTANTS } from './mutants-planning.js';
import { TIMESHEET_MUTANTS } from './mutants-timesheets.js';
import { ids, membershipFact, names, teamWorkFacts } from './world.js';

/** The real core, explained, as the engine checker of cases.ts asks it. */
const decide = (...[action, subject, resource]: Parameters<typeof decideCore>) =>
  decideCore(action, subject, resource, { explain: true });

export interface Mutant {
  name: string;
  /** The SPEC rules the mutant breaks. */
  breaks: string;
  /** What the wrong rule means here, where the name leaves room. */
  meaning: string;
  checker: Checker;
}

const KINDS = ['view', 'edit'] as const;

/** Decides with the governing setting's entries rewritten for this subject. */
function withEntries(
  rewrite: (setting: SecuritySetting, subject: SubjectFacts, project: ProjectFacts, c: Case) => SecurityEntry[],
): Checker {
  return (ctx, c) => {
    const resource = resourceOf(ctx, c);
    const subject = ctx.facts.subjects[c.user];
    const governing = resource.item?.governing;
    if (!governing || !resource.project) return decide(c.action, subject, resource);
    const item: ItemSecurityFacts = {
      ...resource.item!,
      governing: new SecuritySetting(
        governing.itemId,
        governing.itemKey,
        rewrite(governing, subject, resource.project, c),
      ),
    };
    return decide(c.action, subject, { ...resource, item });
  };
}

const setKind = (e: SecurityEntry, kind: 'view' | 'edit', value: AccessValue): SecurityEntry => ({
  ...e,
  [kind]: value,
});

/** The item facts with another item's own setting governing (null: unsecured). */
function governedBy(ctx: Ctx, c: Case, governing: number | null): ItemSecurityFacts | undefined {
  if (c.target.kind !== 'item') return undefined;
  const own = ctx.facts.items[c.target.item]!;
  if (governing === null) return { ...own, governing: null };
  const facts = ctx.facts.items[governing]!;
  return {
    ...own,
    governing: new SecuritySetting(ids.item(governing), names.item(ctx.world, governing), facts.governing!.entries),
  };
}

const securedChain = (ctx: Ctx, item: number) =>
  ancestorsOrSelf(ctx.world, item).filter((i) => ctx.world.items[i].setting !== null);

/** Decides with every subject's facts — the caller's and the owner's (WL-5) — rewritten. */
function withSubjects(rewrite: (subject: SubjectFacts, ctx: Ctx) => SubjectFacts): Checker {
  return (ctx, c) => {
    const resource = resourceOf(ctx, c);
    return decide(
      c.action,
      rewrite(ctx.facts.subjects[c.user], ctx),
      resource.owner ? { ...resource, owner: rewrite(resource.owner, ctx) } : resource,
    );
  };
}

/** Decides with the team-check facts (PRICE-3) rewritten. */
function withProjectTeams(rewrite: (teams: ProjectTeamFacts, ctx: Ctx) => ProjectTeamFacts): Checker {
  return (ctx, c) => {
    const resource = resourceOf(ctx, c);
    return decide(
      c.action,
      ctx.facts.subjects[c.user],
      resource.teams ? { ...resource, teams: rewrite(resource.teams, ctx) } : resource,
    );
  };
}

/** Decides with the caller's facts and the resource rewritten together. */
function withCase(rewrite: (subject: SubjectFacts, resource: ResourceFacts, ctx: Ctx) => ResourceFacts): Checker {
  return (ctx, c) => {
    const subject = ctx.facts.subjects[c.user];
    return decide(c.action, subject, rewrite(subject, resourceOf(ctx, c), ctx));
  };
}

const userIndex = (subject: SubjectFacts) => subject.userId - ids.user(0);
const addPermission = (m: TeamMembershipFact, extra: TeamMembershipFact['permissions'][number]): TeamMembershipFact =>
  m.permissions.includes(extra) ? m : { ...m, permissions: [...m.permissions, extra] };

export const MUTANTS: Mutant[] = [
  {
    name: 'allow wins over deny',
    breaks: 'ITEM-3',
    meaning: 'a matching allow cancels every matching deny of the same kind',
    checker: withEntries((setting, subject, project) => {
      const mine = new Set(matchingEntries(setting, subject, project));
      return setting.entries.map((e) =>
        KINDS.reduce(
          (acc, kind) =>
            mine.has(e) && e[kind] === 'deny' && [...mine].some((m) => m[kind] === 'allow')
              ? setKind(acc, kind, 'unset')
              : acc,
          e,
        ),
      );
    }),
  },
  {
    name: 'nearest entry wins',
    breaks: 'ITEM-3',
    meaning:
      'the matching entry nearest the user decides alone — their own user entry, else a project-role entry, else a group entry — ' +
      'instead of any deny beating any allow (so a user allow overrides a group deny)',
    checker: withEntries((setting, subject, project) => {
      const mine = matchingEntries(setting, subject, project);
      const nearness = { user: 0, role: 1, group: 2, team: 3 } as const;
      return setting.entries.map((e) =>
        KINDS.reduce((acc, kind) => {
          const nearest = mine
            .filter((m) => m[kind] !== 'unset')
            .sort((a, b) => nearness[a.kind] - nearness[b.kind])[0];
          return mine.includes(e) && e !== nearest ? setKind(acc, kind, 'unset') : acc;
        }, e),
      );
    }),
  },
  {
    name: 'inheritance break ignored',
    breaks: 'ITEM-2',
    meaning:
      "the topmost secured ancestor's setting governs, so a child's own setting under a secured parent is never used",
    checker: (ctx, c) => {
      const resource = resourceOf(ctx, c);
      if (c.target.kind !== 'item') return decide(c.action, ctx.facts.subjects[c.user], resource);
      const chain = securedChain(ctx, c.target.item);
      return decide(c.action, ctx.facts.subjects[c.user], {
        ...resource,
        item: governedBy(ctx, c, chain.length ? chain[chain.length - 1] : null),
      });
    },
  },
  {
    name: 'admin bypasses the base layer',
    breaks: 'SPEC §0, PRJ-4',
    meaning:
      'a system administrator holds ADMINISTER_PROJECT on every project (the spec: they do not bypass the base layer)',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      if (!subject.systemAdmin || !resource.project) return decide(c.action, subject, resource);
      const project: ProjectFacts = {
        ...resource.project,
        grants: [
          ...resource.project.grants,
          { permission: 'ADMINISTER_PROJECT', kind: 'user', subjectId: subject.userId, subjectName: 'admin' },
        ],
      };
      return decide(c.action, subject, { ...resource, project });
    },
  },
  {
    name: 'edit without view',
    breaks: 'ITEM-3',
    meaning:
      'actions that need edit read only the edit column: an edit allow is enough even when view is denied or unset (the spec: edit also needs view)',
    checker: withEntries(({ entries }, _subject, _project, c) =>
      actionSpec(c.action).itemAccess === 'edit' ? entries.map((e) => setKind(e, 'view', e.edit)) : [...entries],
    ),
  },
  {
    name: 'group deny ignored',
    breaks: 'ITEM-3',
    meaning: 'deny on a group entry is treated as unset (the spec: any matching deny beats any allow)',
    checker: withEntries(({ entries }) =>
      entries.map((e) =>
        e.kind === 'group'
          ? KINDS.reduce((acc, kind) => (acc[kind] === 'deny' ? setKind(acc, kind, 'unset') : acc), e)
          : e,
      ),
    ),
  },
  {
    name: 'deny permissions skip system administrators',
    breaks: 'SPEC §0, DENY-2',
    meaning: "a system administrator's deny permissions are dropped (the spec: denials apply to them too)",
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      return decide(c.action, subject.systemAdmin ? { ...subject, denies: [] } : subject, resourceOf(ctx, c));
    },
  },
  {
    name: 'settings merge down the tree',
    breaks: 'ITEM-2',
    meaning:
      'another reading of "nearest entry wins": entries accumulate from every secured ancestor, the nearest entry per subject winning (the spec: the nearest setting replaces the ones above)',
    checker: (ctx, c): Decision => {
      const resource = resourceOf(ctx, c);
      if (c.target.kind !== 'item' || !resource.item?.governing)
        return decide(c.action, ctx.facts.subjects[c.user], resource);
      const seen = new Set<string>();
      const merged: SecurityEntry[] = [];
      for (const i of securedChain(ctx, c.target.item)) {
        for (const e of ctx.facts.items[i]!.governing!.entries) {
          const key = `${e.kind}:${e.subjectId}`;
          if (!seen.has(key)) {
            seen.add(key);
            merged.push(e);
          }
        }
      }
      return decide(c.action, ctx.facts.subjects[c.user], {
        ...resource,
        item: {
          ...resource.item,
          governing: new SecuritySetting(resource.item.governing.itemId, resource.item.governing.itemKey, merged),
        },
      });
    },
  },
  {
    name: 'every secured ancestor must allow',
    breaks: 'ITEM-2',
    meaning: 'another reading of "inheritance break ignored": the item and every secured ancestor must each allow',
    checker: (ctx, c) => {
      const resource = resourceOf(ctx, c);
      const subject = ctx.facts.subjects[c.user];
      if (c.target.kind !== 'item') return decide(c.action, subject, resource);
      const decisions = securedChain(ctx, c.target.item).map((i) =>
        decide(c.action, subject, { ...resource, item: governedBy(ctx, c, i) }),
      );
      return decisions.find((d) => !d.allowed) ?? decide(c.action, subject, resource);
    },
  },
  // The team layers (SPEC §0 layers 6–7).
  {
    name: "team check ignores the price list's validity end",
    breaks: 'PRICE-1, PRICE-3, PRICE-8',
    meaning:
      'a price list counts from its first valid day on, open-ended, so work after its end still passes the team check',
    checker: withProjectTeams((teams) => ({
      ...teams,
      teams: teams.teams.map((t) => ({ ...t, priceLists: t.priceLists.map((pl) => ({ ...pl, validTo: null })) })),
    })),
  },
  {
    name: 'ended memberships still count',
    breaks: 'TEAM-6, ITEM-1, PRICE-3',
    meaning:
      'the subject loader forgets `left_at is null`: a membership that ended still matches team entries, gives team permissions and passes the team check',
    checker: withSubjects((subject, ctx) => {
      const ended = ctx.world.memberships
        .filter((m) => !m.current && m.user === userIndex(subject))
        .map((m) => membershipFact(ctx.world, m));
      return ended.length ? { ...subject, teams: [...subject.teams, ...ended] } : subject;
    }),
  },
  {
    name: "acting for others does not evaluate the owner's gates",
    breaks: 'WL-5',
    meaning:
      "once the caller may act for the owner, the owner's refusals (their project permissions, item security, team check) are ignored",
    checker: (ctx, c) => {
      const d = decide(c.action, ctx.facts.subjects[c.user], resourceOf(ctx, c));
      if (d.allowed || reasonWho(d.deciding.message) !== 'owner') return d;
      return {
        ...d,
        allowed: true,
        reasons: d.reasons.slice(0, -1),
        deciding: d.reasons[d.reasons.length - 2] ?? d.deciding,
        hidden: false,
      };
    },
  },
  {
    name: 'grant boundary ignored',
    breaks: 'TEAM-3, APP-3',
    meaning:
      'MANAGE_TEAM in a team is enough to grant any team permission there, including ones the granter does not hold',
    checker: withCase((_subject, resource) => ({ ...resource, grantLevels: [] })),
  },
  {
    name: 'team_admin acts for anyone',
    breaks: 'WL-5, APP-3',
    meaning: 'team_admin may act for users who are in no team at all (the spec: "team_admin over that person\'s team")',
    checker: withCase((subject, resource) => {
      if (!resource.owner || resource.owner.teams.length > 0 || !subject.appRoles.some((r) => r.role === 'team_admin'))
        return resource;
      return {
        ...resource,
        owner: { ...resource.owner, teams: [{ teamId: -1, teamName: '(no team)', projectId: null, permissions: [] }] },
      };
    }),
  },
  {
    name: 'team check accepts any team',
    breaks: 'PRICE-3, TEAM-1, TEAM-4',
    meaning:
      "membership of any team with a valid price list passes the team check, not only of the project's own teams and the global teams assigned to it",
    checker: withProjectTeams((teams, ctx) => ({
      ...teams,
      teams: ctx.world.teams.map((_, t) => teamWorkFacts(ctx.world, t)),
    })),
  },
  {
    name: "team check ignores the member's roles",
    breaks: 'PRICE-3, TEAM-3',
    meaning: 'any member of a team of the project may log time, whether or not a role of theirs grants WORK_ON_ISSUES',
    checker: withSubjects((subject) => ({
      ...subject,
      teams: subject.teams.map((m) => addPermission(m, 'WORK_ON_ISSUES')),
    })),
  },
  {
    name: 'archived projects take new work',
    breaks: 'PRJ-1',
    meaning: 'the projectActive gate is skipped: work logs and items are created in archived projects',
    checker: withCase((_subject, resource) =>
      resource.project?.archived ? { ...resource, project: { ...resource.project, archived: false } } : resource,
    ),
  },
  {
    name: "MANAGE_SCHEDULE includes viewing members' work logs",
    breaks: 'TEAM-2',
    meaning:
      "a wrong implication: team planning (MANAGE_SCHEDULE) lets a member see and grant viewing of other members' work logs",
    checker: withSubjects((subject) => ({
      ...subject,
      teams: subject.teams.map((m) =>
        m.permissions.includes('MANAGE_SCHEDULE') ? addPermission(m, 'VIEW_MEMBER_WORKLOGS') : m,
      ),
    })),
  },
  // The timesheet locks and slice rules (FLOW-1, 3, 8, 9, 10).
  ...TIMESHEET_MUTANTS,
  // Planning (FLOW-5, APP-4, APP-5, issue 16).
  ...PLANNING_MUTANTS,
];

/** A deliberately wrong explanation (EXPL-1): the explanation property test (explain-equals-create.test.ts) must catch it. */
export interface ExplanationMutant {
  name: string;
  breaks: string;
  meaning: string;
  explainer: Explainer;
}

export const EXPLANATION_MUTANTS: ExplanationMutant[] = [
  {
    name: 'explanation skips the team gate',
    breaks: 'EXPL-1, PRICE-3',
    meaning:
      'without a date the explanation leaves the team and price-list check out (as the explain service did before "or today"), ' +
      'so it answers "allowed" where logging work today is refused with not_in_team, team_role_cannot_work or no_valid_price_list',
    explainer: (ctx, probe, today) => (probe.date === undefined ? undated(ctx, probe) : explainer(ctx, probe, today)),
  },
];
