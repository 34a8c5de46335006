/** Escapes `%`, `_` and `\` so user text matches literally inside an ILIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern matching `value` anywhere in the text. */
export const containsPattern = (value: string) => `%${escapeLike(value)}%`;
