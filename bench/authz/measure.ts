import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Timing helpers: checks per second over a fixed sample, and latency percentiles. */

/**
 * A young-generation collection to run before each round, so no contender pays for the garbage of the one before.
 * Only for processes without wasm: with Cedar's wasm loaded, forced collections crashed V8 (see cedar-worker.ts).
 */
export function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  // Minor only: the garbage checks leave is young; full collections compact the heap and were seen to
  // scatter the large world's facts, slowing its contenders round after round.
  return () => gc({ type: 'minor' });
}

let sink = 0;
/** Keeps results observable so the JIT cannot drop the work being timed. */
export const consumed = () => sink;

export interface Contender {
  name: string;
  /** How many sampled checks one pass covers (slow engines are timed on a prefix of the sample). */
  n: number;
  check: (k: number) => boolean;
  /** A round repeats passes until at least this long. */
  minMs: number;
}

/** Per check: process CPU time and wall-clock time, in ns (the median round), and the CPU time of each round in order. */
export interface Cost {
  cpu: number;
  wall: number;
  rounds: number[];
}

/** One round of whole passes over the contender's checks. */
function round(c: Contender, beforeRound?: () => void): Omit<Cost, 'rounds'> {
  beforeRound?.();
  let hits = 0;
  let count = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let wallNs: number;
  do {
    for (let k = 0; k < c.n; k++) if (c.check(k)) hits += 1;
    count += c.n;
    wallNs = Number(process.hrtime.bigint() - start);
  } while (wallNs < c.minMs * 1e6);
  const cpu = process.cpuUsage(cpuStart);
  sink += hits;
  return { cpu: ((cpu.user + cpu.system) * 1000) / count, wall: wallNs / count };
}

/**
 * Times every contender: two warm-up rounds each, then `rounds` rounds taken in turn (so drift in the
 * machine's speed hits all alike); the median round is the result. CPU time is the figure that counts:
 * the machine is shared, and time spent descheduled is not the engine's.
 */
export function timeContenders(
  contenders: Contender[],
  rounds: number,
  progress: (message: string) => void,
  beforeRound?: () => void,
): Map<string, Cost> {
  for (let warm = 0; warm < 2; warm++) for (const c of contenders) round(c, beforeRound);
  const samples = new Map<string, Array<Omit<Cost, 'rounds'>>>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) samples.get(c.name)!.push(round(c, beforeRound));
    progress(
      `  round ${r + 1}/${rounds}: ${contenders.map((c) => `${c.name} ${fmtNs(samples.get(c.name)![r].cpu)}`).join(', ')}`,
    );
  }
  return new Map(
    [...samples].map(([name, costs]) => [
      name,
      { cpu: median(costs.map((x) => x.cpu)), wall: median(costs.map((x) => x.wall)), rounds: costs.map((x) => x.cpu) },
    ]),
  );
}

/**
 * A gauge of the machine, not an engine: dependent random reads over a buffer larger than a core's L2 cache
 * (a random cyclic permutation, so every read waits for the one before). Timed in the same rounds as the
 * engines, its cost per read shows how slow the shared caches and memory were while they ran; one check
 * is `steps` reads.
 */
export function memoryGauge(bytes: number, steps: number): Contender {
  const n = bytes / 4;
  const next = new Int32Array(n);
  const order = Array.from({ length: n }, (_, k) => k);
  let seed = 12345;
  for (let k = n - 1; k > 0; k--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (k + 1);
    [order[k], order[j]] = [order[j], order[k]];
  }
  for (let k = 0; k < n; k++) next[order[k]] = order[(k + 1) % n];
  let at = 0;
  return {
    name: `gauge: ${steps} dependent reads over ${bytes / (1 << 20)} MB`,
    n: 10_000,
    minMs: 100,
    check: () => {
      for (let s = 0; s < steps; s++) at = next[at];
      return (at & 1) === 0;
    },
  };
}

/**
 * One contender's time over another's, round by round. Both were timed in the same round, a second or two apart, so
 * the machine's drift between rounds cancels out; the median of these is the ratio bench:authz's summary reports. (The ratio
 * of the two median rounds can pair a fast round of one with a slow round of the other: in one run, slow rounds
 * began between the small and the large world's turn in round 4, and that ratio read 2.21 where five of seven
 * rounds read 1.27–1.35, median 1.33.)
 */
export function roundRatios(a: Pick<Cost, 'rounds'>, b: Pick<Cost, 'rounds'>): number[] {
  return a.rounds.map((ns, r) => ns / b.rounds[r]);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmtNs = (ns: number) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
export const round2 = (x: number) => Math.round(x * 100) / 100;
