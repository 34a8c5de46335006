import type { AccessValue } from '../db/types.js';
import type { SecurityEntry } from './facts.js';
import { LAYOUT, type StandingLayout, type Standings } from './standings.js';

/**
 * A governing item-security setting (ITEM-1, ITEM-2) as the decision core reads it: the entries, kept for
 * explanations, and the same entries packed into one array of small integers for checks — per entry, the
 * principal it names (in the standings' layout) and its access bits. A check reads that one array instead of one
 * object per entry, and compares integers instead of kinds and ids (bench:authz, large world: fewer cache lines per
 * check). The packing is private and made by the constructor, so the two forms cannot disagree: a rewritten
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

  /** `layout`: the one the standings it is matched against are packed in (another only in tests of the layout). */
  constructor(
    readonly itemId: number,
    readonly itemKey: string,
    readonly entries: ReadonlyArray<SecurityEntry>,
    layout: StandingLayout<string, string> = LAYOUT,
  ) {
    const packed: number[] = [];
    const named: string[] = [];
    for (const e of entries) {
      packed.push(layout.principal(e.kind, e.subjectId), accessBit('view', e.view) | accessBit('edit', e.edit));
      named.push(`${e.kind} '${e.subjectName}'`);
    }
    this.#packed = packed;
    this.#named = named;
    this.described = `the setting of ${itemKey}`;
  }

  /** The access bits of every entry naming the subject of the standing at `at`, or-ed together. */
  accessOf(standings: Standings<string, string>, at: number): number {
    return standings.accessOf(at, this.#packed);
  }

  /** The name (see `#named`) of the first entry naming the subject whose access has `bit`: the entry an explanation names. */
  firstEntryName(standings: Standings<string, string>, at: number, bit: number): string | undefined {
    const k = standings.firstEntry(at, this.#packed, bit);
    return k < 0 ? undefined : this.#named[k];
  }

  /** Every entry naming the subject of the standing at `at`. */
  matching(standings: Standings<string, string>, at: number): SecurityEntry[] {
    return this.entries.filter((_, k) => standings.names(at, this.#packed[2 * k]));
  }
}

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
