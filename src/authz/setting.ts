import type { AccessValue, SubjectKind } from '../db/types.js';
import type { SecurityEntry } from './facts.js';

/**
 * A governing item-security setting (ITEM-1, ITEM-2) as the decision core reads it: the entries, kept for
 * explanations, and the same entries packed into one array of small integers for checks — per entry, the
 * principal it names and its access bits. A check reads that one array instead of one object per entry,
 * and compares integers instead of kinds and ids (bench:authz, large world: fewer cache lines per check).
 * The packing is private and made by the constructor, so the two forms cannot disagree: a rewritten
 * setting is a new setting.
 */
export class SecuritySetting {
  readonly #packed: readonly number[];
  /**
   * How an explanation names each entry — its kind and name, e.g. `group 'devs'` — made with the packing, so the
   * names sit together in memory: an explanation reads one of them instead of the entry and its name (bench:authz,
   * large world).
   */
  readonly #named: readonly string[];
  /** How an explanation names the setting itself, `the setting of ACME-1`, made with the rest for the same reason. */
  readonly described: string;

  constructor(
    readonly itemId: number,
    readonly itemKey: string,
    readonly entries: ReadonlyArray<SecurityEntry>,
  ) {
    const packed: number[] = [];
    const named: string[] = [];
    for (const e of entries) {
      packed.push(principal(e.kind, e.subjectId), accessBit('view', e.view) | accessBit('edit', e.edit));
      named.push(`${e.kind} '${e.subjectName}'`);
    }
    this.#packed = packed;
    this.#named = named;
    this.described = `the setting of ${itemKey}`;
  }

  /** The access bits of every entry naming one of the principals at `list[at]` (see `names`), or-ed together. */
  accessOf(list: Float64Array, at: number): number {
    const packed = this.#packed;
    let access = 0;
    for (let i = 0; i < packed.length; i += 2)
      if (packed[i + 1] !== 0 && names(list, at, packed[i])) access |= packed[i + 1];
    return access;
  }

  /** The name (see `#named`) of the first entry naming one of the principals at `list[at]` whose access has `bit`: the entry an explanation names. */
  firstEntryName(list: Float64Array, at: number, bit: number): string | undefined {
    const packed = this.#packed;
    for (let i = 0; i < packed.length; i += 2)
      if ((packed[i + 1] & bit) !== 0 && names(list, at, packed[i])) return this.#named[i >> 1];
    return undefined;
  }

  /** Every entry naming one of the principals at `list[at]`. */
  matching(list: Float64Array, at: number): SecurityEntry[] {
    return this.entries.filter((_, k) => names(list, at, this.#packed[2 * k]));
  }
}

/**
 * Whether `code` is among the principals at `list[at]`: their number, then the principals, as the decision core
 * packs a subject's standing. A plain loop: a subject holds a handful of principals, and this runs for every
 * entry of every check.
 */
function names(list: Float64Array, at: number, code: number): boolean {
  for (let j = at + 1, end = at + 1 + list[at]; j < end; j++) if (list[j] === code) return true;
  return false;
}

const KIND_CODE: Record<SubjectKind, number> = { user: 0, group: 1, role: 2, team: 3 };

/** A user, group, project role or team as one number: distinct for distinct (kind, id), exact for any id a table holds. */
export const principal = (kind: SubjectKind, id: number): number => id * 4 + KIND_CODE[kind];

/** Access bits of an entry: allow and deny, for view and for edit. */
export const ACCESS = { viewAllow: 1, viewDeny: 2, editAllow: 4, editDeny: 8 } as const;

/** The bit of one kind of access and one value (0 for unset). */
export function accessBit(kind: 'view' | 'edit', value: AccessValue): number {
  if (value === 'unset') return 0;
  return kind === 'view'
    ? value === 'allow'
      ? ACCESS.viewAllow
      : ACCESS.viewDeny
    : value === 'allow'
      ? ACCESS.editAllow
      : ACCESS.editDeny;
}
