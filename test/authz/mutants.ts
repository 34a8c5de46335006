// Deliberately wrong variants of the permission rules, as wrappers around the real decide(): the mutation test
// proves the reference harness catches each one (ITEM-2, ITEM-3, DENY-2, SPEC §0).
import { actionSpec } from '../../src/authz/catalogue.js';
import { decide, matchingEntries, type Decision } from '../../src/authz/decide.js';
import type { ItemSecurityFacts, ProjectFacts, SecurityEntry, SubjectFacts } from '../../src/authz/facts.js';
import type { AccessValue } from '../../src/db/types.js';
import { resourceOf, type Case, type Checker, type Ctx } from './cases.js';
import { ancestorsOrSelf } from './reference.js';
import { ids, names } from './world.js';

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
function withEntries(rewrite: (entries: readonly SecurityEntry[], subject: SubjectFacts, project: ProjectFacts, c: Case) => SecurityEntry[]): Checker {
  return (ctx, c) => {
    const resource = resourceOf(ctx, c);
    const subject = ctx.facts.subjects[c.user];
    const governing = resource.item?.governing;
    if (!governing || !resource.project) return decide(c.action, subject, resource);
    const item: ItemSecurityFacts = { ...resource.item!, governing: { ...governing, entries: rewrite(governing.entries, subject, resource.project, c) } };
    return decide(c.action, subject, { ...resource, item });
  };
}

const setKind = (e: SecurityEntry, kind: 'view' | 'edit', value: AccessValue): SecurityEntry => ({ ...e, [kind]: value });

/** The item facts with another item's own setting governing (null: unsecured). */
function governedBy(ctx: Ctx, c: Case, governing: number | null): ItemSecurityFacts | undefined {
  if (c.target.kind !== 'item') return undefined;
  const own = ctx.facts.items[c.target.item]!;
  if (governing === null) return { ...own, governing: null };
  const facts = ctx.facts.items[governing]!;
  return { ...own, governing: { itemId: ids.item(governing), itemKey: names.item(ctx.world, governing), entries: facts.governing!.entries } };
}

const securedChain = (ctx: Ctx, item: number) => ancestorsOrSelf(ctx.world, item).filter((i) => ctx.world.items[i].setting !== null);

export const MUTANTS: Mutant[] = [
  {
    name: 'allow wins over deny',
    breaks: 'ITEM-3',
    meaning: 'a matching allow cancels every matching deny of the same kind',
    checker: withEntries((entries, subject, project) => {
      const mine = new Set(matchingEntries(entries, subject, project));
      return entries.map((e) => KINDS.reduce((acc, kind) => (mine.has(e) && e[kind] === 'deny' && [...mine].some((m) => m[kind] === 'allow') ? setKind(acc, kind, 'unset') : acc), e));
    }),
  },
  {
    name: 'nearest entry wins',
    breaks: 'ITEM-3',
    meaning: 'the matching entry nearest the user decides alone — their own user entry, else a project-role entry, else a group entry — '
      + 'instead of any deny beating any allow (so a user allow overrides a group deny)',
    checker: withEntries((entries, subject, project) => {
      const mine = matchingEntries(entries, subject, project);
      const nearness = { user: 0, role: 1, group: 2, team: 3 } as const;
      return entries.map((e) => KINDS.reduce((acc, kind) => {
        const nearest = mine.filter((m) => m[kind] !== 'unset').sort((a, b) => nearness[a.kind] - nearness[b.kind])[0];
        return mine.includes(e) && e !== nearest ? setKind(acc, kind, 'unset') : acc;
      }, e));
    }),
  },
  {
    name: 'inheritance break ignored',
    breaks: 'ITEM-2',
    meaning: 'the topmost secured ancestor\'s setting governs, so a child\'s own setting under a secured parent is never used',
    checker: (ctx, c) => {
      const resource = resourceOf(ctx, c);
      if (c.target.kind !== 'item') return decide(c.action, ctx.facts.subjects[c.user], resource);
      const chain = securedChain(ctx, c.target.item);
      return decide(c.action, ctx.facts.subjects[c.user], { ...resource, item: governedBy(ctx, c, chain.length ? chain[chain.length - 1] : null) });
    },
  },
  {
    name: 'admin bypasses the base layer',
    breaks: 'SPEC §0, PRJ-4',
    meaning: 'a system administrator holds ADMINISTER_PROJECT on every project (the spec: they do not bypass the base layer)',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      const resource = resourceOf(ctx, c);
      if (!subject.systemAdmin || !resource.project) return decide(c.action, subject, resource);
      const project: ProjectFacts = { ...resource.project, grants: [...resource.project.grants, { permission: 'ADMINISTER_PROJECT', kind: 'user', subjectId: subject.userId, subjectName: 'admin' }] };
      return decide(c.action, subject, { ...resource, project });
    },
  },
  {
    name: 'edit without view',
    breaks: 'ITEM-3',
    meaning: 'actions that need edit read only the edit column: an edit allow is enough even when view is denied or unset (the spec: edit also needs view)',
    checker: withEntries((entries, _subject, _project, c) => (actionSpec(c.action).itemAccess === 'edit' ? entries.map((e) => setKind(e, 'view', e.edit)) : [...entries])),
  },
  {
    name: 'group deny ignored',
    breaks: 'ITEM-3',
    meaning: 'deny on a group entry is treated as unset (the spec: any matching deny beats any allow)',
    checker: withEntries((entries) => entries.map((e) => (e.kind === 'group' ? KINDS.reduce((acc, kind) => (acc[kind] === 'deny' ? setKind(acc, kind, 'unset') : acc), e) : e))),
  },
  {
    name: 'deny permissions skip system administrators',
    breaks: 'SPEC §0, DENY-2',
    meaning: 'a system administrator\'s deny permissions are dropped (the spec: denials apply to them too)',
    checker: (ctx, c) => {
      const subject = ctx.facts.subjects[c.user];
      return decide(c.action, subject.systemAdmin ? { ...subject, denies: [] } : subject, resourceOf(ctx, c));
    },
  },
  {
    name: 'settings merge down the tree',
    breaks: 'ITEM-2',
    meaning: 'another reading of "nearest entry wins": entries accumulate from every secured ancestor, the nearest entry per subject winning (the spec: the nearest setting replaces the ones above)',
    checker: (ctx, c): Decision => {
      const resource = resourceOf(ctx, c);
      if (c.target.kind !== 'item' || !resource.item?.governing) return decide(c.action, ctx.facts.subjects[c.user], resource);
      const seen = new Set<string>();
      const merged: SecurityEntry[] = [];
      for (const i of securedChain(ctx, c.target.item)) {
        for (const e of ctx.facts.items[i]!.governing!.entries) {
          const key = `${e.kind}:${e.subjectId}`;
          if (!seen.has(key)) { seen.add(key); merged.push(e); }
        }
      }
      return decide(c.action, ctx.facts.subjects[c.user], { ...resource, item: { ...resource.item, governing: { ...resource.item.governing, entries: merged } } });
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
      const decisions = securedChain(ctx, c.target.item).map((i) => decide(c.action, subject, { ...resource, item: governedBy(ctx, c, i) }));
      return decisions.find((d) => !d.allowed) ?? decide(c.action, subject, resource);
    },
  },
];
