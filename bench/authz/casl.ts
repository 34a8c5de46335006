import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { entryMatches, type Check, type WorldIndex } from './world.js';

/**
 * The same permissions in CASL: one ability per user, built from the project grants and the ACL, cached.
 * Items carry their project and governing item id (the hierarchy precomputed, as ITEM-2 defines it), so
 * a rule on a setting is a condition on `governingId`. Denials are `cannot` rules added after every
 * `can`, so they take precedence (deny beats allow, ITEM-3); a view denial also refuses edit.
 *
 * Two rule shapes: `perEntry` — one rule per matching ACL entry, the literal translation; and `grouped`
 * — one rule per kind with `$in` over the setting ids, which is how one would tune CASL.
 */

export type CaslShape = 'perEntry' | 'grouped';
type ItemSubject = ReturnType<typeof subject<'Item', { projectId: number; governingId: number | null }>>;

export function buildAbility(index: WorldIndex, userId: number, shape: CaslShape): MongoAbility {
  const { world } = index;
  const { can, cannot, build } = new AbilityBuilder(createMongoAbility);
  const user = world.users[userId - 1];
  const perms = index.permissions.get(userId)!;
  const browse = [...perms].filter(([, set]) => set.has('BROWSE_PROJECT')).map(([p]) => p);
  const edit = [...perms].filter(([, set]) => set.has('BROWSE_PROJECT') && set.has('EDIT_ISSUES')).map(([p]) => p);
  if (!user.active || browse.length === 0) return build();
  if (user.systemAdmin) {
    can('view', 'Item', { projectId: { $in: browse } });
    if (edit.length > 0) can('edit', 'Item', { projectId: { $in: edit } });
    return build();
  }
  can('view', 'Item', { projectId: { $in: browse }, governingId: null });
  if (edit.length > 0) can('edit', 'Item', { projectId: { $in: edit }, governingId: null });
  const viewAllow: number[] = [];
  const editAllow: number[] = [];
  const viewDeny: number[] = [];
  const editDeny: number[] = [];
  for (const setting of world.settings.values()) {
    if (!browse.includes(setting.projectId)) continue;
    const matching = setting.entries.filter((e) => entryMatches(index, e, userId, setting.projectId));
    const viewAllowed = matching.some((e) => e.view === 'allow');
    for (const e of matching) {
      if (e.view === 'allow') viewAllow.push(setting.itemId);
      // ITEM-3: edit also needs view, so an edit allow grants only where some entry allows view.
      if (e.edit === 'allow' && viewAllowed && edit.includes(setting.projectId)) editAllow.push(setting.itemId);
      if (e.view === 'deny') viewDeny.push(setting.itemId);
      if (e.edit === 'deny') editDeny.push(setting.itemId);
    }
  }
  if (shape === 'perEntry') {
    for (const id of viewAllow) can('view', 'Item', { governingId: id });
    for (const id of editAllow) can('edit', 'Item', { governingId: id });
    for (const id of viewDeny) cannot(['view', 'edit'], 'Item', { governingId: id });
    for (const id of editDeny) cannot('edit', 'Item', { governingId: id });
  } else {
    const unique = (ids: number[]) => [...new Set(ids)];
    if (viewAllow.length) can('view', 'Item', { governingId: { $in: unique(viewAllow) } });
    if (editAllow.length) can('edit', 'Item', { governingId: { $in: unique(editAllow) } });
    if (viewDeny.length) cannot(['view', 'edit'], 'Item', { governingId: { $in: unique(viewDeny) } });
    if (editDeny.length) cannot('edit', 'Item', { governingId: { $in: unique(editDeny) } });
  }
  return build();
}

export interface CaslSide {
  abilities: Map<number, MongoAbility>;
  items: Map<number, ItemSubject>;
  rules: number;
  buildMs: number;
}

/** Abilities for every user in the sample, and the subject object of every sampled item. */
export function buildCasl(index: WorldIndex, checks: Check[], shape: CaslShape): CaslSide {
  const started = performance.now();
  const abilities = new Map<number, MongoAbility>();
  let rules = 0;
  for (const userId of new Set(checks.map((c) => c.userId))) {
    const ability = buildAbility(index, userId, shape);
    rules += ability.rules.length;
    abilities.set(userId, ability);
  }
  const buildMs = performance.now() - started;
  const items = new Map<number, ItemSubject>();
  for (const itemId of new Set(checks.map((c) => c.itemId))) {
    const item = index.world.items[itemId];
    const gov = index.world.governing[itemId];
    items.set(itemId, subject('Item', { projectId: item.projectId, governingId: gov === 0 ? null : gov }));
  }
  return { abilities, items, rules, buildMs };
}

export const CASL_ACTION = { 'item.view': 'view', 'item.edit': 'edit' } as const;
