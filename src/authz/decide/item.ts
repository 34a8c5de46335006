import type { ItemSecurityFacts, SubjectFacts } from '../facts.js';
import { ACCESS, accessBit, type SecuritySetting } from '../setting.js';
import type { ProjectIndex } from './standing.js';
import { note, refuse, type Decision, type Trace } from './trace.js';

/** Access of system administrators and on unsecured items: view and edit allowed. */
const UNRESTRICTED = ACCESS.viewAllow | ACCESS.editAllow;

/** The access bits of the governing setting's entries that name the subject (or UNRESTRICTED), worked out once per check. */
export function itemAccess(item: ItemSecurityFacts, subject: SubjectFacts, index: ProjectIndex, at: number): number {
  return subject.systemAdmin || !item.governing ? UNRESTRICTED : item.governing.accessOf(index, at);
}

type ItemAccess = 'allow' | 'deny' | 'none';

/** ITEM-3 for one kind of access: `deny` when a matching entry denies, else `allow` when one allows, else `none`. */
export function outcome(access: number, kind: 'view' | 'edit'): ItemAccess {
  if ((access & accessBit(kind, 'deny')) !== 0) return 'deny';
  return (access & accessBit(kind, 'allow')) !== 0 ? 'allow' : 'none';
}

/** How an explanation names the first entry that names the subject and gives `value` for `kind`, e.g. `group 'devs'`. */
function firstEntryName(
  setting: SecuritySetting,
  kind: 'view' | 'edit',
  value: 'allow' | 'deny',
  index: ProjectIndex,
  at: number,
): string {
  const name = setting.firstEntryName(index, at, accessBit(kind, value));
  if (name === undefined) throw new Error(`no entry gives ${kind} ${value}`);
  return name;
}

/** Layer 3 — ITEM-2, ITEM-3, ITEM-5: the governing setting decides; deny beats allow; no allow means no access; edit needs view. */
export function itemLayer(
  trace: Trace,
  needed: 'view' | 'edit',
  item: ItemSecurityFacts,
  access: number,
  subject: SubjectFacts,
  index: ProjectIndex,
  at: number,
): Decision | undefined {
  const explain = trace.reasons !== null;
  if (subject.systemAdmin) {
    if (explain)
      note(trace, 'item', 'system_admin_bypass', 'system administrators are not restricted by item security');
    return undefined;
  }
  const setting = item.governing;
  if (!setting) {
    if (explain) note(trace, 'item', 'unsecured', `${item.itemKey} has no item security; project permissions apply`);
    return undefined;
  }
  for (const kind of needed === 'edit' ? (['view', 'edit'] as const) : (['view'] as const)) {
    const result = outcome(access, kind);
    if (result === 'allow' && !explain) continue;
    // Explaining, or refusing: name the entry and where the setting comes from.
    const inherited = setting.itemId !== item.itemId ? setting.itemKey : undefined;
    const where = inherited ? `${setting.described}, inherited by ${item.itemKey}` : setting.described;
    const hide = kind === 'view';
    if (result === 'none')
      return refuse(
        trace,
        'item',
        `no_${kind}_allow`,
        `no entry of ${where} allows ${kind} to the user`,
        hide,
        inherited,
      );
    // The first matching entry with the outcome names who is denied or allowed.
    const named = firstEntryName(setting, kind, result, index, at);
    if (result === 'deny')
      return refuse(trace, 'item', `${kind}_denied`, `${kind} is denied to ${named} by ${where}`, hide, inherited);
    note(trace, 'item', `${kind}_allowed`, `${kind} is allowed to ${named} by ${where}`, inherited);
  }
  return undefined;
}
