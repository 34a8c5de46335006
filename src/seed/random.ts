/**
 * A tiny seeded PRNG (mulberry32), so demo and benchmark worlds are the same on every run.
 * Not for secrets: tokens and session ids come from node:crypto.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** k distinct elements, in random order (k is capped at the length). */
  sample<T>(items: readonly T[], k: number): T[];
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
    sample: (items, k) => {
      const copy = [...items];
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = int(i, copy.length - 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
}

/** Weekdays (Mon–Fri) from `weeks` weeks before `today` up to and including `today`, as 'YYYY-MM-DD'. */
export function recentWeekdays(today: string, weeks: number): string[] {
  const end = new Date(`${today}T00:00:00Z`);
  const days: string[] = [];
  for (let offset = weeks * 7 - 1; offset >= 0; offset--) {
    const day = new Date(end.getTime() - offset * 86_400_000);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
