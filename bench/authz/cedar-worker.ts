import { fork } from 'node:child_process';
import type { CedarModel } from './cedar.js';
import { timeContenders, type Cost } from './measure.js';
import { applyDenies, generateWorld, indexWorld, LARGE, sampleChecks, SMALL } from './world.js';

/**
 * Cedar runs in a child process per (world, model). In one process, switching from one preparsed policy
 * set to another crashed V8 (Node 20.20: "Fatal error … unreachable code" in
 * Deoptimizer::DoComputeBuiltinContinuation, a lazy deopt of the calling function while the wasm call
 * was on the stack; reproducible, gone with --no-opt), and so did forced collections between rounds.
 * A fresh process per model, without forced collections, avoids both without slowing Cedar's JS glue. The child rebuilds the same seeded world and sample, and checks Cedar against
 * `decide`'s answers sent by the parent, so any drift in the rebuilt world fails loudly.
 */

export interface CedarJob {
  world: 'small' | 'large';
  model: CedarModel;
  /** Users the parent gave deny entries through their groups (applyDenies' forUsers). */
  denyUsers: number[];
  sample: number;
  seed: number;
  expected: boolean[];
  rounds: number;
  /** Verify as many cases as fit in this time (all when Cedar is fast enough). */
  verifyMs: number;
}

export interface CedarResult {
  cedarVersion: string;
  policies: number;
  verified: number;
  timed: number;
  perCallMs: number;
  cost: Cost;
  disagreements: string[];
}

/** Runs in the child only: the wasm module is loaded there, never in the parent (see measure.ts, forcedGc). */
async function runJob(job: CedarJob): Promise<CedarResult> {
  const { buildCedar, cedarAllows, cedarCall, cedarVersion } = await import('./cedar.js');
  const world = generateWorld(job.world === 'small' ? SMALL : LARGE);
  const index = indexWorld(world);
  applyDenies(world, 0.1, job.denyUsers.length > 0 ? { userIds: job.denyUsers, min: 5 } : undefined);
  const checks = sampleChecks(index, job.sample, job.seed);
  const projectOf = checks.map((c) => world.items[c.itemId].projectId);
  const side = buildCedar(index, job.model);
  const answers: boolean[] = [];
  const t0 = performance.now();
  let warm = t0;
  while (answers.length < checks.length && performance.now() - t0 < job.verifyMs) {
    if (answers.length === 20) warm = performance.now();
    const k = answers.length;
    answers.push(cedarAllows(cedarCall(side, checks[k], projectOf[k]), true));
  }
  const verified = answers.length;
  const disagreements = answers.flatMap((a, k) =>
    a === job.expected[k]
      ? []
      : [
          `${checks[k].action} user ${checks[k].userId} item ${world.items[checks[k].itemId].key}: Cedar says ${a ? 'allow' : 'deny'}`,
        ],
  );
  const perCallMs = (performance.now() - warm) / Math.max(1, verified - 20);
  const timed = Math.min(verified, Math.max(20, Math.floor(400 / perCallMs)));
  const name = `${job.world}: Cedar ${job.model}`;
  const cost =
    disagreements.length > 0
      ? { cpu: NaN, wall: NaN, rounds: [] }
      : timeContenders(
          [{ name, n: timed, check: (k) => cedarAllows(cedarCall(side, checks[k], projectOf[k])), minMs: 0 }],
          job.rounds,
          (m) => process.stderr.write(`${m}\n`),
        ).get(name)!;
  return { cedarVersion: cedarVersion(), policies: side.policies, verified, timed, perCallMs, cost, disagreements };
}

/**
 * Runs one job in a fresh child process: the same entry script (bench/authz.ts under tsx, or its esbuild
 * bundle, which has no file of this module to fork) with `--cedar-worker` and the same node flags.
 */
export function runCedarJob(job: CedarJob): Promise<CedarResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], ['--cedar-worker'], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: CedarResult | undefined;
    child.on('message', (message) => {
      result = message as CedarResult;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      result
        ? resolve(result)
        : reject(new Error(`Cedar worker (${job.world}, ${job.model}) exited with ${signal ?? code}`)),
    );
    child.send(job);
  });
}

if (process.argv.includes('--cedar-worker')) {
  process.once('message', (job) => {
    runJob(job as CedarJob).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
