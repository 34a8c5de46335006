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

/** Per check: process CPU time and wall-clock time, in ns. */
export interface Cost { cpu: number; wall: number }

/** One round of whole passes over the contender's checks. */
function round(c: Contender, beforeRound?: () => void): Cost {
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
export function timeContenders(contenders: Contender[], rounds: number, progress: (message: string) => void, beforeRound?: () => void): Map<string, Cost> {
  for (let warm = 0; warm < 2; warm++) for (const c of contenders) round(c, beforeRound);
  const samples = new Map<string, Cost[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) samples.get(c.name)!.push(round(c, beforeRound));
    progress(`  round ${r + 1}/${rounds}: ${contenders.map((c) => `${c.name} ${fmtNs(samples.get(c.name)![r].cpu)}`).join(', ')}`);
  }
  return new Map([...samples].map(([name, costs]) => [name, { cpu: median(costs.map((x) => x.cpu)), wall: median(costs.map((x) => x.wall)) }]));
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

export const fmtNs = (ns: number) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
export const round2 = (x: number) => Math.round(x * 100) / 100;
