/**
 * Before and after of an audit row as a reader takes them in (EXPL-4): for a change, only the fields that changed
 * (old → new); for a creation what was added, for a deletion what was removed. Nested records are followed down to
 * their fields (`settings › team checks`); lists and values read as plain text. Money the server left out for this
 * reader (PRICE-7) is listed as hidden, never guessed at.
 */
export type DiffKind = 'changed' | 'added' | 'removed' | 'hidden';

export interface DiffLine {
  /** The field's path in plain words: `settings › period length`. */
  field: string;
  kind: DiffKind;
  before?: string;
  after?: string;
}

type Fields = Map<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `period_length` → "period length", `displayName` → "display name". */
export function fieldWords(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** A recorded state's fields by path, records followed down; a state that is not a record is one field, "value". */
function fieldsOf(state: unknown, prefix = '', into: Fields = new Map()): Fields {
  if (!isRecord(state)) {
    if (state !== null && state !== undefined) into.set(prefix || 'value', state);
    return into;
  }
  for (const [key, value] of Object.entries(state)) {
    const path = prefix ? `${prefix} › ${fieldWords(key)}` : fieldWords(key);
    if (isRecord(value) && Object.keys(value).length > 0) fieldsOf(value, path, into);
    else into.set(path, value);
  }
  return into;
}

/** A value as text: "none" for nothing, yes/no, lists joined, records as "key: value" pairs. */
export function readable(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map(readable).join(', ');
  if (isRecord(value)) {
    const pairs = Object.entries(value).map(([k, v]) => `${fieldWords(k)}: ${readable(v)}`);
    return pairs.length === 0 ? '(empty)' : `{${pairs.join('; ')}}`;
  }
  return String(value);
}

const hiddenPath = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .map(fieldWords)
    .join(' › ');

export function diffLines(before: unknown, after: unknown, hiddenFields: readonly string[] = []): DiffLine[] {
  const old = fieldsOf(before);
  const now = fieldsOf(after);
  const lines: DiffLine[] = [];
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  for (const field of new Set([...now.keys(), ...old.keys()])) {
    const was = old.get(field);
    const is = now.get(field);
    if (hasBefore && hasAfter && JSON.stringify(was) === JSON.stringify(is)) continue;
    if (!old.has(field) && hasBefore && is === null) continue;
    if (!old.has(field)) lines.push({ field, kind: 'added', after: readable(is) });
    else if (!now.has(field)) lines.push({ field, kind: 'removed', before: readable(was) });
    else lines.push({ field, kind: 'changed', before: readable(was), after: readable(is) });
  }
  for (const field of new Set(hiddenFields.map(hiddenPath))) lines.push({ field, kind: 'hidden' });
  return lines;
}
