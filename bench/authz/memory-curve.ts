import { memoryGauge, timeContenders } from './measure.js';

/**
 * npx tsx bench/authz/memory-curve.ts — what one dependent random read costs on this machine as the data
 * grows: the curve behind bench:authz's memory gauge, and behind the large world's checks costing more than
 * the small world's (BENCHMARKS.md). CPU time per read, median of 5 rounds.
 */
const sizes = [0.5, 1, 2, 4, 6, 8, 16, 64];
const gauges = sizes.map((mb) => memoryGauge(Math.round(mb * (1 << 20)) & ~3, 10));
const times = timeContenders(gauges, 5, () => {});
for (const [k, g] of gauges.entries())
  console.log(`${String(sizes[k]).padStart(4)} MB: ${(times.get(g.name)!.cpu / 10).toFixed(1)} ns per read`);
