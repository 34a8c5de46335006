import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { build } from 'esbuild';

/**
 * Builds and runs the benchmark's HTTP servers in child processes, and stops them again: the real server
 * (`timeward serve`, built as by `npm run build:server`) and the floor server (bench/floor-server.ts).
 */
export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export const SERVER_BUNDLE = 'dist/server/cli.js';
export const FLOOR_BUNDLE = 'dist/bench/floor-server.js';

/** Bundles both servers the way package.json's `build:server` does (run from the repository root). */
export async function buildServers(): Promise<void> {
  const options = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  } as const;
  await build({ ...options, entryPoints: ['src/cli/index.ts'], outfile: SERVER_BUNDLE });
  await build({ ...options, entryPoints: ['bench/floor-server.ts'], outfile: FLOOR_BUNDLE });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a bundle with plain node (the real server by default) and waits until `readyPath` answers. */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
  { script = SERVER_BUNDLE, args = ['serve'], readyPath = '/api/openapi.json' } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  // BENCH_CPU_PROF_DIR=dir: each server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, script, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIMEWARD_DEMO: '0',
      LOG: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilServing(`${url}${readyPath}`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the server did not answer within 60 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, with waited-for children unless told not to) a process used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number, withChildren = true): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14] are utime, stime, cutime, cstime (stat fields 14–17).
    return fields.slice(11, withChildren ? 15 : 13).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and its live descendants (cluster workers, for WORKERS > 1), found by parent id in /proc. */
export function processTreeCpuSeconds(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const sum = (id: number): number =>
    processCpuSeconds(id, false) + (children.get(id) ?? []).reduce((total, child) => total + sum(child), 0);
  return sum(pid);
}

/** CPU seconds so far of each given process (missing ones count as 0: they ended). */
export function cpuSecondsByPid(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuSeconds(pid, false)]));
}

/** CPU used between two snapshots; processes new in `after` count from zero. */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
