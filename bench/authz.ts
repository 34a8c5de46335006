import { sql } from 'kysely';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decide } from '../src/authz/decide.js';
import type { Database } from '../src/db/index.js';
import { buildCasl, CASL_ACTION, type CaslShape } from './authz/casl.js';
import type { CedarModel } from './authz/cedar.js';
import { runCedarJob } from './authz/cedar-worker.js';
import { log, withWorldDb } from './authz/db.js';
import { explainLists, measureListPair, summarize, verifyLists, type ListLatency } from './authz/lists.js';
import {
  consumed,
  fmtNs,
  forcedGc,
  median,
  memoryGauge,
  round2,
  roundRatios,
  timeContenders,
  type Contender,
  type Cost,
} from './authz/measure.js';
import { allowedLean, allowedSameHelpers, loadOurFacts, prepareOurs } from './authz/ours.js';
import {
  applyDenies,
  generateWorld,
  indexWorld,
  LARGE,
  pickRestrictedUsers,
  sampleChecks,
  SMALL,
  type RestrictedUser,
  type World,
  type WorldIndex,
  type WorldSpec,
} from './authz/world.js';

/**
 * npm run bench:authz — our permission engine side by side with CASL and Cedar on the same worlds and
 * the same sampled checks (every engine first proven to agree with `decide` on every case it is timed
 * on), then PostgreSQL list latency for restricted users on the large world, without and with deny
 * entries. Progress goes to stderr, a table to stdout, and the last line is the JSON summary.
 * The script bundles this file with esbuild (no keepNames, packages external) and runs the bundle with
 * node, as a build would ship the code; `npx tsx bench/authz.ts` still runs it from source.
 */

const { values: args } = parseArgs({
  options: {
    sample: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '7' },
    /** Print EXPLAIN ANALYZE of the list queries to stderr. */
    plans: { type: 'boolean', default: false },
    /** Also measure the lists with these extra indexes (created in both scratch databases only, then dropped). */
    'try-index': { type: 'string', multiple: true, default: [] },
    'no-index-trial': { type: 'boolean', default: false },
    /** For working on the engine: time our engine and CASL only (no lists, no Cedar); the summary then lacks those figures. */
    'engines-only': { type: 'boolean', default: false },
    /** Internal: this process is a Cedar child (see cedar-worker.ts); main() does not run. */
    'cedar-worker': { type: 'boolean', default: false },
  },
});
const SAMPLE = Number(args.sample);
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);
const started = Date.now();
const loadAtStart = loadavg();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const step = (message: string) => log(`[${elapsed()}] ${message}`);

/** How our engine's code runs: from the esbuild bundle (`npm run bench:authz`), or from source under tsx (keepNames). */
const RUNTIME = import.meta.url.endsWith('.ts') ? 'tsx' : 'bundle';
const ENGINE = {
  ours: `ours: decide (check, no explanation), ${RUNTIME}`,
  oursExplain: `ours: decide with the explanation, ${RUNTIME}`,
  sameHelpers: 'ours decision-only, same helpers',
  lean: 'ours decision-only, lean',
  caslPerEntry: 'CASL, a rule per ACL entry',
  caslGrouped: 'CASL, rules grouped with $in',
  cedarEntities: 'Cedar, ACL in entities',
  cedarPolicies: 'Cedar, ACL as policies',
} as const;
type EngineKey = keyof typeof ENGINE;

interface WorldRun {
  world: World;
  /** decide's answers on the sample, the reference every engine must match. */
  expected: boolean[];
  contenders: Array<Contender & { key: EngineKey }>;
  cost: Map<EngineKey, Cost>;
  checked: Map<EngineKey, number>;
  stats: {
    sample: number;
    allowed: number;
    itemLayer: number;
    governed: number;
    caslRules: Record<CaslShape, number>;
    caslBuildMs: Record<CaslShape, number>;
    cedarPolicies: Record<CedarModel, number>;
  };
}

/** Fails loudly when an engine answers any measured case differently from `decide`. */
function assertAgree(
  name: string,
  expected: boolean[],
  n: number,
  answer: (k: number) => boolean,
  describe: (k: number) => string,
) {
  const wrong: number[] = [];
  for (let k = 0; k < n; k++) if (answer(k) !== expected[k]) wrong.push(k);
  if (wrong.length > 0) {
    throw new Error(
      `${name} disagrees with decide on ${wrong.length} of ${n} cases, e.g.\n${wrong
        .slice(0, 5)
        .map((k) => `  ${describe(k)}: decide says ${expected[k] ? 'allow' : 'deny'}`)
        .join('\n')}`,
    );
  }
}

const sampleSeed = (spec: WorldSpec) => spec.seed + 99;
let cedarLanguage = '?';

/** Cedar in a child process per world and model (see cedar-worker.ts), checked against decide's answers. */
async function runCedar(run: WorldRun, denyUsers: number[]) {
  for (const [key, model] of [
    ['cedarEntities', 'acl-in-entities'],
    ['cedarPolicies', 'acl-as-policies'],
  ] as const) {
    const name = run.world.spec.name;
    step(`${name}: Cedar ${model} in a child process: verifying (up to 8 s), then ${ROUNDS} rounds`);
    const result = await runCedarJob({
      world: name,
      model,
      denyUsers,
      sample: SAMPLE,
      seed: sampleSeed(run.world.spec),
      expected: run.expected,
      rounds: ROUNDS,
      verifyMs: 8000,
    });
    if (result.disagreements.length > 0) {
      throw new Error(
        `${ENGINE[key]} disagrees with decide on ${result.disagreements.length} of ${result.verified} cases, e.g.\n  ${result.disagreements.slice(0, 5).join('\n  ')}`,
      );
    }
    step(
      `${name}: Cedar ${model}: ${result.policies} policies, agrees with decide on ${result.verified} cases; ${fmtNs(result.cost.cpu)} per check over ${result.timed}`,
    );
    run.stats.cedarPolicies[model] = result.policies;
    cedarLanguage = result.cedarVersion;
    run.checked.set(key, result.verified);
    run.cost.set(key, result.cost);
  }
}

async function runEngines(db: Database, index: WorldIndex): Promise<WorldRun> {
  const { world } = index;
  const name = world.spec.name;
  const checks = sampleChecks(index, SAMPLE, sampleSeed(world.spec));
  step(`${name}: loading our facts for ${SAMPLE} sampled checks through the loaders`);
  const facts = await loadOurFacts(db, checks);
  const prepared = prepareOurs(facts, checks);
  // decide's answers are kept as booleans, never as Decision objects: holding thousands of explained decisions
  // alive makes V8 pretenure the explanation's allocation sites, and every later explained check then allocates
  // in old space (explained checks measured 3-8x slower that way). A server's decisions die with their request.
  const expected: boolean[] = [];
  let itemLayer = 0;
  for (const p of prepared) {
    const decision = decide(p.action, p.subject, p.resource, { explain: true });
    expected.push(decision.allowed);
    if (decision.reasons.some((r) => r.layer === 'item')) itemLayer += 1;
  }
  const reasonOf = (k: number) =>
    decide(prepared[k].action, prepared[k].subject, prepared[k].resource, { explain: true }).deciding.message;
  const describe = (k: number) =>
    `${checks[k].action} user ${checks[k].userId} item ${world.items[checks[k].itemId].key} (${reasonOf(k)})`;
  const checked = new Map<EngineKey, number>();

  const contenders: Array<Contender & { key: EngineKey }> = [];
  const add = (key: EngineKey, n: number, check: (k: number) => boolean, minMs = 200) => {
    assertAgree(ENGINE[key], expected, n, check, describe);
    checked.set(key, n);
    contenders.push({ key, name: `${name}: ${ENGINE[key]}`, n, check, minMs });
  };
  const quick = { explain: false } as const;
  // Parallel arrays, as CASL's abilities and subjects below: the harness reads no object of its own per check.
  const actions = prepared.map((p) => p.action);
  const subjects = prepared.map((p) => p.subject);
  const resources = prepared.map((p) => p.resource);
  add('ours', SAMPLE, (k) => decide(actions[k], subjects[k], resources[k], quick).allowed);
  add('oursExplain', SAMPLE, (k) => decide(actions[k], subjects[k], resources[k], { explain: true }).allowed);
  add('sameHelpers', SAMPLE, (k) => allowedSameHelpers(prepared[k]));
  add('lean', SAMPLE, (k) => allowedLean(prepared[k]));

  const caslRules = {} as Record<CaslShape, number>;
  const caslBuildMs = {} as Record<CaslShape, number>;
  for (const [key, shape] of [
    ['caslPerEntry', 'perEntry'],
    ['caslGrouped', 'grouped'],
  ] as const) {
    step(`${name}: building CASL abilities (${shape})`);
    const side = buildCasl(index, checks, shape);
    caslRules[shape] = side.rules;
    caslBuildMs[shape] = side.buildMs;
    const abilities = checks.map((c) => side.abilities.get(c.userId)!);
    const subjects = checks.map((c) => side.items.get(c.itemId)!);
    add(key, SAMPLE, (k) => abilities[k].can(CASL_ACTION[checks[k].action], subjects[k]));
  }

  step(`${name}: ours and CASL agree with decide on all ${SAMPLE} cases`);
  const governed = checks.filter((c) => world.governing[c.itemId] !== 0).length;
  return {
    world,
    expected,
    contenders,
    cost: new Map(),
    checked,
    stats: {
      sample: SAMPLE,
      allowed: expected.filter(Boolean).length,
      itemLayer,
      governed,
      caslRules,
      caslBuildMs,
      cedarPolicies: {} as Record<CedarModel, number>,
    },
  };
}

interface ListRun {
  user: 'typical' | 'broad';
  denies: boolean;
  index?: string;
  latency: ListLatency;
}

/**
 * List latency for the restricted users, without and with deny entries: the same world in two databases, one
 * without and one with the deny entries, timed query by query in alternation (measureListPair), so drift in a
 * shared machine's load does not pass for the cost of denials. Each list is first proven right in both.
 * With --try-index, each trial index is created in both databases, measured, and dropped.
 */
async function runLists(
  plain: Database,
  denied: Database,
  users: Record<'typical' | 'broad', RestrictedUser>,
): Promise<ListRun[]> {
  const dbs = [plain, denied] as const;
  const runs: ListRun[] = [];
  for (const which of ['typical', 'broad'] as const) {
    const user = users[which];
    for (const [d, db] of dbs.entries()) {
      const verified = await verifyLists(db, user.userId, user.projects);
      step(
        `lists, ${which} user ${user.userId}, ${d ? 'with' : 'no'} deny entries: SQL agrees with decide (${verified.visible} of ${verified.considered} items of the browsable projects visible)`,
      );
      if (args.plans) log(await explainLists(db, user.userId));
    }
    for (const ddl of ['', ...(args['no-index-trial'] ? [] : args['try-index'])]) {
      if (ddl) {
        for (const db of dbs) {
          await sql.raw(ddl).execute(db);
          await sql`analyze work_items`.execute(db);
        }
        if (args.plans) for (const db of dbs) log(await explainLists(db, user.userId));
      }
      const pair = await measureListPair(dbs, user.userId, RUNS, 10);
      for (const [d, samples] of pair.entries()) {
        const latency = summarize(samples);
        runs.push({ user: which, denies: d === 1, ...(ddl ? { index: ddl } : {}), latency });
        step(
          `  ${which}, ${d ? 'with' : 'no'} denies${ddl ? `, with ${ddl.slice(0, 60)}…` : ''}: ${JSON.stringify(latency)}`,
        );
      }
      const indexName = /index\s+(?:if\s+not\s+exists\s+)?(\w+)/i.exec(ddl)?.[1];
      if (indexName) for (const db of dbs) await sql.raw(`drop index ${indexName}`).execute(db);
    }
  }
  return runs;
}

/** A package's version, from the nearest node_modules up from this file (bench/ or the bundle's folder). */
function version(pkg: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) return '?';
  }
}

async function main() {
  step(
    `authorization benchmark: ${SAMPLE} sampled checks per world, ${RUNS} runs per list measurement, load average ${loadAtStart.map((x) => x.toFixed(1)).join(' ')}`,
  );
  const build = (spec: WorldSpec) => {
    const world = generateWorld(spec);
    return { world, index: indexWorld(world) };
  };

  const small = build(SMALL);
  applyDenies(small.world, 0.1);
  const smallRun = await withWorldDb(small.world, step, (db) => runEngines(db, small.index));

  const large = build(LARGE);
  const users = pickRestrictedUsers(large.index);
  for (const [which, u] of Object.entries(users)) {
    step(
      `${which} restricted user ${u.userId}: browses ${u.projects.length} projects (${u.browsableItems} items), ${u.visibleItems} visible before deny entries`,
    );
  }
  // The large world is written twice: as generated, then with deny entries (10% of entries, at least 5 through a
  // group of each restricted user). The lists compare the two; the engines judge the second.
  let lists: ListRun[] = [];
  const largeRun = await withWorldDb(large.world, step, async (plain) => {
    applyDenies(large.world, 0.1, { userIds: [users.typical.userId, users.broad.userId], min: 5 });
    step(
      'deny entries added (10% of entries, at least 5 through a group of each restricted user); writing the world again',
    );
    return withWorldDb(large.world, step, async (db) => {
      if (!args['engines-only']) lists = await runLists(plain, db, users);
      return runEngines(db, large.index);
    });
  });

  // Both worlds' contenders in the same rounds, so the machine's drift hits small and large alike; the gauge
  // between them measures how slow the machine's caches and memory were in each round.
  const gauge = memoryGauge(8 << 20, 10);
  step(
    `timing ${smallRun.contenders.length + largeRun.contenders.length} contenders and the memory gauge, ${ROUNDS} rounds, CPU time per check`,
  );
  const times = timeContenders([...smallRun.contenders, gauge, ...largeRun.contenders], ROUNDS, log, forcedGc());
  for (const run of [smallRun, largeRun]) for (const c of run.contenders) run.cost.set(c.key, times.get(c.name)!);
  const gaugeRounds = times.get(gauge.name)!.rounds.map((ns) => ns / 10);
  if (!args['engines-only']) {
    await runCedar(smallRun, []);
    await runCedar(largeRun, [users.typical.userId, users.broad.userId]);
  }
  report(smallRun, largeRun, lists, users, gaugeRounds);
}

/** Prints the tables and the JSON summary; `gaugeRounds` is the memory gauge per round, in ns per read over 8 MB. */
function report(
  small: WorldRun,
  large: WorldRun,
  lists: ListRun[],
  users: Record<'typical' | 'broad', RestrictedUser>,
  gaugeRounds: number[],
) {
  const perSec = (ns: number) => Math.round(1e9 / ns);
  const cpu = (run: WorldRun, key: EngineKey) => run.cost.get(key)?.cpu ?? NaN;
  const out: string[] = [];
  const row = (cells: Array<string | number>, widths: number[]) =>
    cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join('  ');
  out.push(
    `Timeward authorization benchmark, ${new Date().toISOString()}: Node ${process.version}, @casl/ability ${version('@casl/ability')}, @cedar-policy/cedar-wasm ${version('@cedar-policy/cedar-wasm')} (Cedar ${cedarLanguage}), PostgreSQL on ${new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432').host}`,
  );
  out.push(
    `load average at start ${loadAtStart.map((x) => x.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  out.push('');
  const ww = [6, 8, 9, 12, 6, 7, 7, 8, 9, 11];
  out.push(
    row(
      ['world', 'items', 'settings', 'ACL entries', 'users', 'groups', 'checks', 'allowed', 'governed', 'item layer'],
      ww,
    ),
  );
  for (const r of [small, large]) {
    const w = r.world;
    const entries = [...w.settings.values()].reduce((s, x) => s + x.entries.length, 0);
    const pct = (x: number) => `${Math.round((100 * x) / r.stats.sample)}%`;
    out.push(
      row(
        [
          w.spec.name,
          w.items.length - 1,
          w.settings.size,
          entries,
          w.users.length,
          w.groups.size,
          r.stats.sample,
          pct(r.stats.allowed),
          pct(r.stats.governed),
          pct(r.stats.itemLayer),
        ],
        ww,
      ),
    );
  }
  out.push(
    '(groups include the built-in two; governed: the item has a governing setting; item layer: decide reached item security.',
  );
  out.push(
    ' 10% of ACL entries deny in both worlds during the engine checks. Checks: 75% by a user who browses the project, 60% view / 40% edit.)',
  );
  out.push('');
  const ew = [37, 12, 10, 12, 10, 9, 12, 11];
  out.push(
    row(
      ['engine (CPU time per check)', 'small', 'small /s', 'large', 'large /s', 'slowdown', 'large wall', 'verified'],
      ew,
    ),
  );
  for (const key of Object.keys(ENGINE) as EngineKey[]) {
    if (!large.cost.has(key)) continue;
    const s = cpu(small, key);
    const l = cpu(large, key);
    out.push(
      row(
        [
          ENGINE[key],
          fmtNs(s),
          perSec(s),
          fmtNs(l),
          perSec(l),
          `${(l / s).toFixed(2)}x`,
          fmtNs(large.cost.get(key)!.wall),
          `${small.checked.get(key)}/${large.checked.get(key)}`,
        ],
        ew,
      ),
    );
  }
  const ratios = roundRatios(large.cost.get('ours')!, small.cost.get('ours')!);
  out.push(
    `Our check path, large / small, round by round: ${ratios.map((x) => x.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)});`,
  );
  out.push(
    `memory gauge, ns per dependent read over 8 MB in the same rounds: ${gaugeRounds.map((x) => x.toFixed(0)).join(' ')} (median ${median(gaugeRounds).toFixed(0)}).`,
  );
  out.push(
    `(verified: cases checked against decide, small/large. CASL rules over the sampled users' abilities, large: ${large.stats.caslRules.perEntry} per entry,`,
  );
  out.push(
    ` ${large.stats.caslRules.grouped} grouped; built in ${Math.round(large.stats.caslBuildMs.perEntry)} / ${Math.round(large.stats.caslBuildMs.grouped)} ms. Cedar policies, small/large: ACL in entities`,
  );
  out.push(
    ` ${small.stats.cedarPolicies['acl-in-entities']}/${large.stats.cedarPolicies['acl-in-entities']}, ACL as policies ${small.stats.cedarPolicies['acl-as-policies']}/${large.stats.cedarPolicies['acl-as-policies']}.)`,
  );
  out.push('');
  const lw = [74, 9, 9, 7];
  out.push(
    row([`PostgreSQL lists on the large world (${RUNS} runs each, wall clock)`, 'p50 ms', 'p95 ms', 'rows'], lw),
  );
  for (const l of lists) {
    const u = users[l.user];
    const who = `${l.user} user ${u.userId} (${u.projects.length} projects), ${l.denies ? 'with' : 'no'} denies${l.index ? ', +bench index' : ''}`;
    out.push(
      row(
        [
          `first page, ${who}`,
          l.latency.firstPage.p50.toFixed(2),
          l.latency.firstPage.p95.toFixed(2),
          l.latency.firstPage.rows,
        ],
        lw,
      ),
    );
    out.push(
      row(
        [
          `full ids,   ${who}`,
          l.latency.fullList.p50.toFixed(2),
          l.latency.fullList.p95.toFixed(2),
          l.latency.fullList.rows,
        ],
        lw,
      ),
    );
  }
  for (const ddl of new Set(lists.map((l) => l.index).filter(Boolean)))
    out.push(`(+bench index, created in the scratch databases only: ${ddl})`);

  const ours = cpu(large, 'ours');
  const casl = Math.min(cpu(large, 'caslPerEntry'), cpu(large, 'caslGrouped'));
  // Ratios of two contenders timed in the same rounds are the median of their round-by-round ratios (see roundRatios).
  const oursCost = large.cost.get('ours')!;
  const caslRounds = large.cost
    .get('caslPerEntry')!
    .rounds.map((ns, r) => Math.min(ns, large.cost.get('caslGrouped')!.rounds[r]));
  const paired = {
    vsCasl: median(roundRatios({ rounds: caslRounds }, oursCost)),
    largeSlowdown: median(ratios),
    explainCost: median(roundRatios(large.cost.get('oursExplain')!, oursCost)),
  };
  const cedar = Math.min(cpu(large, 'cedarEntities'), cpu(large, 'cedarPolicies'));
  const none = { p50: NaN, p95: NaN, rows: 0 };
  const pick = (denies: boolean) =>
    lists.find((l) => l.user === 'typical' && l.denies === denies && !l.index)?.latency ?? {
      firstPage: none,
      fullList: none,
    };
  const without = pick(false);
  const withDeny = pick(true);
  const summary = {
    oursPerSec: perSec(ours),
    caslPerSec: perSec(casl),
    cedarPerSec: perSec(cedar),
    vsCasl: round2(paired.vsCasl),
    vsCedar: round2(cedar / ours),
    largeSlowdown: round2(paired.largeSlowdown),
    explainCost: round2(paired.explainCost),
    sqlFirstPageP95Ms: round2(Math.max(without.firstPage.p95, withDeny.firstPage.p95)),
    sqlFullListP95Ms: round2(Math.max(without.fullList.p95, withDeny.fullList.p95)),
    denyOverhead: round2(
      Math.max(withDeny.firstPage.p95 / without.firstPage.p95, withDeny.fullList.p95 / without.fullList.p95),
    ),
  };
  const targets: Array<[keyof typeof summary, '>=' | '<=', number]> = [
    ['vsCasl', '>=', 2],
    ['vsCedar', '>=', 300],
    ['largeSlowdown', '<=', 1.5],
    ['explainCost', '<=', 2],
    ['sqlFirstPageP95Ms', '<=', 20],
    ['sqlFullListP95Ms', '<=', 40],
    ['denyOverhead', '<=', 1.5],
  ];
  out.push('');
  out.push(
    `Summary: engine figures are CPU time on the large world, ours from the ${RUNTIME === 'bundle' ? 'esbuild bundle (no keepNames)' : 'source under tsx (keepNames)'}; CASL and Cedar are their faster variant;`,
  );
  out.push(
    `explainCost = decide with the explanation / decide's check path (the one authorize() and abilities use); for reference the check path is ${(ours / cpu(large, 'lean')).toFixed(2)}× a hand-written lean path.`,
  );
  out.push(
    'vsCasl, largeSlowdown and explainCost are medians of ratios taken round by round (both sides timed in the same round); the ratios of',
  );
  out.push(
    `the two sides' median rounds, for comparison: vsCasl ${(casl / ours).toFixed(2)}, largeSlowdown ${(ours / cpu(small, 'ours')).toFixed(2)}, explainCost ${(cpu(large, 'oursExplain') / ours).toFixed(2)}.`,
  );
  out.push(
    'SQL figures are the typical restricted user, the worse of without/with deny entries; denyOverhead is the larger p95 ratio of the two queries.',
  );
  const tw = [20, 12, 10, 6];
  out.push(row(['target', 'measured', 'goal', 'met'], tw));
  for (const [key, op, goal] of targets) {
    const value = summary[key];
    out.push(row([key, value, `${op} ${goal}`, (op === '>=' ? value >= goal : value <= goal) ? 'yes' : 'NO'], tw));
  }
  out.push(`(${elapsed()} in all; checksum ${consumed()})`);
  process.stdout.write(`${out.join('\n')}\n${JSON.stringify(summary)}\n`);
}

if (!args['cedar-worker']) {
  main().catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
