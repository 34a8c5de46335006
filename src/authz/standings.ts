import { PROJECT_PERMISSIONS, type ProjectPermission } from '../db/types.js';
import { SUBJECT_KINDS, type SubjectKind } from './catalogue.js';

/**
 * How a subject's standing in a project is packed into numbers, derived from the two lists it packs: each project
 * permission is a bit (its place in the list), and a principal — a user, group, project role or team — is
 * `id × kinds + the kind's place`, so distinct (kind, id) pairs never share a number. A permission or kind added to
 * a list changes the strides here and nowhere else; the constructor and `principal` refuse what would mix them up.
 */
export class StandingLayout<P extends string = ProjectPermission, K extends string = SubjectKind> {
  /** Each permission's bit. */
  readonly bits: Readonly<Record<P, number>>;
  /** Each permission's place in the list: where its memo sits among a standing's (`Standings.slot`). */
  readonly places: Readonly<Record<P, number>>;
  /** Every permission's bit. */
  readonly all: number;
  readonly #codes: ReadonlyMap<K, number>;

  /** `impliesAll`: the permission that gives every other (ADMINISTER_PROJECT, PRJ-3). */
  constructor(
    readonly permissions: readonly P[],
    readonly kinds: readonly K[],
    readonly impliesAll?: P,
  ) {
    distinct('permission', permissions);
    distinct('subject kind', kinds);
    // Bits are combined with 32-bit integer operators: bit 31 is the sign.
    if (permissions.length > 31) throw new Error(`${permissions.length} permissions do not fit a standing's 31 bits`);
    if (impliesAll !== undefined && !permissions.includes(impliesAll))
      throw new Error(`${impliesAll} is not one of the permissions`);
    this.places = Object.fromEntries(permissions.map((p, place) => [p, place])) as Record<P, number>;
    this.bits = Object.fromEntries(permissions.map((p, place) => [p, 1 << place])) as Record<P, number>;
    this.all = (1 << permissions.length) - 1;
    this.#codes = new Map(kinds.map((kind, code) => [kind, code]));
  }

  /** The bits of the permissions given, with what `impliesAll` implies. */
  permissionBits(granted: Iterable<P>): number {
    let bits = 0;
    for (const p of granted) bits |= this.bits[p];
    return this.impliesAll !== undefined && (bits & this.bits[this.impliesAll]) !== 0 ? this.all : bits;
  }

  /** Whether permission bits hold `permission`. */
  holds(bits: number, permission: P): boolean {
    return (bits & this.bits[permission]) !== 0;
  }

  /** A principal as one number: exact in a Float64Array for any id a table holds, distinct for distinct (kind, id). */
  principal(kind: K, id: number): number {
    const code = this.#codes.get(kind);
    if (code === undefined) throw new Error(`unknown subject kind ${kind}`);
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`${kind} id ${id} is not a non-negative integer`);
    const packed = id * this.kinds.length + code;
    if (!Number.isSafeInteger(packed)) throw new Error(`${kind} id ${id} is too large to pack`);
    return packed;
  }
}

function distinct(what: string, list: readonly string[]): void {
  if (list.length === 0) throw new Error(`no ${what}s`);
  const seen = new Set<string>();
  for (const x of list) {
    if (seen.has(x)) throw new Error(`${what} ${x} is listed twice`);
    seen.add(x);
  }
}

/** The layout of the catalogue's permissions and subject kinds, which the decision core and item security pack with. */
export const LAYOUT = new StandingLayout(PROJECT_PERMISSIONS, SUBJECT_KINDS, 'ADMINISTER_PROJECT');

/** Where the parts of a standing sit, from its start: its permission bits, its ordinal, how many principals follow. */
const BITS = 0;
const ORDINAL = 1;
const COUNT = 2;

/**
 * The standings of subjects in one project, packed one after another in one array: the permission bits, the
 * standing's ordinal (its place among them), how many principals name the subject, then those principals. A check
 * reads these few adjacent numbers instead of an object and its array: on large worlds each object read is a likely
 * cache miss (bench:authz). A standing is known by where it starts (`at`), which `add` returns; the array itself
 * never leaves this class, as growing moves it.
 */
export class Standings<P extends string = ProjectPermission, K extends string = SubjectKind> {
  #list = new Float64Array(64);
  #used = 0;
  #count = 0;

  constructor(readonly layout: StandingLayout<P, K>) {}

  /** How many standings are packed: the next one's ordinal. */
  get count(): number {
    return this.#count;
  }

  /** Packs a standing and returns where it starts. Throws on bits the layout does not give or a principal it could not make. */
  add(bits: number, principals: readonly number[]): number {
    const { all, impliesAll } = this.layout;
    if (!Number.isInteger(bits) || bits < 0 || (bits & ~all) !== 0)
      throw new Error(`permission bits ${bits} are not the layout's`);
    if (impliesAll !== undefined && this.layout.holds(bits, impliesAll) && bits !== all)
      throw new Error(`${impliesAll} is held without every permission it implies`);
    for (const p of principals) if (!Number.isSafeInteger(p) || p < 0) throw new Error(`${p} is not a principal`);
    const at = this.#used;
    const end = at + COUNT + 1 + principals.length;
    if (end > this.#list.length) {
      const larger = new Float64Array(Math.max(2 * this.#list.length, end));
      larger.set(this.#list.subarray(0, at));
      this.#list = larger;
    }
    this.#list[at + BITS] = bits;
    this.#list[at + ORDINAL] = this.#count++;
    this.#list[at + COUNT] = principals.length;
    this.#list.set(principals, at + COUNT + 1);
    this.#used = end;
    return at;
  }

  /** The permission bits of the standing at `at`. */
  bitsAt(at: number): number {
    return this.#list[at + BITS];
  }

  /** The standing's ordinal: 0 for the first packed, then 1, 2, … */
  ordinalAt(at: number): number {
    return this.#list[at + ORDINAL];
  }

  /** Where the memo of (standing, permission) sits among `count × permissions` slots: distinct for every pair. */
  slot(at: number, permission: P): number {
    return this.ordinalAt(at) * this.layout.permissions.length + this.layout.places[permission];
  }

  /** Whether `principal` names the subject of the standing at `at`. A plain loop: a subject holds a handful of principals. */
  names(at: number, principal: number): boolean {
    const list = this.#list;
    for (let j = at + COUNT + 1, end = j + list[at + COUNT]; j < end; j++) if (list[j] === principal) return true;
    return false;
  }

  /**
   * Item security against the standing (ITEM-3): `entries` are pairs of a principal and its access bits; the bits of
   * every entry naming the subject, or-ed together. This runs for every entry of every check.
   */
  accessOf(at: number, entries: readonly number[]): number {
    const list = this.#list;
    const start = at + COUNT + 1;
    const end = start + list[at + COUNT];
    let access = 0;
    for (let i = 0; i < entries.length; i += 2) {
      const bits = entries[i + 1];
      if (bits === 0 || (access | bits) === access) continue;
      for (let j = start; j < end; j++)
        if (list[j] === entries[i]) {
          access |= bits;
          break;
        }
    }
    return access;
  }

  /** The index of the first entry pair naming the subject whose access has `bit`, or -1. */
  firstEntry(at: number, entries: readonly number[], bit: number): number {
    for (let i = 0; i < entries.length; i += 2)
      if ((entries[i + 1] & bit) !== 0 && this.names(at, entries[i])) return i >> 1;
    return -1;
  }
}
