import type { decide as Decide } from '../../src/authz/decide.js';
import type { ItemSecurityFacts, SecurityEntry } from '../../src/authz/facts.js';
import type { SecuritySetting } from '../../src/authz/setting.js';
import { log, withWorldDb } from './db.js';
import {
  forcedGc,
  fmtNs,
  median,
  memoryGauge,
  roundRatios,
  timeContenders,
  type Contender,
  type Cost,
} from './measure.js';
import { loadOurFacts, prepareOurs } from './ours.js';
import { applyDenies, generateWorld, indexWorld, LARGE, sampleChecks, SMALL, type WorldSpec } from './world.js';

/**
 * The body of `npm run bench:authz:ab` (bench/authz/ab.ts): two versions of the decision core, timed in one process
 * on the same sampled checks of both benchmark worlds, in the same rounds, with the memory gauge between the worlds.
 * Each version gets its own copy of the item facts and governing settings, built the same way from the loaders'
 * facts, so neither inherits the other's memory layout; subjects and projects are shared (the versions memoise on
 * them in their own maps). Before anything is timed, the versions must give every sampled check the same answer,
 * the same 404-or-403 and the same deciding code and message.
 */

export interface Version {
  name: string;
  decide: typeof Decide;
  Setting: new (itemId: number, itemKey: string, entries: ReadonlyArray<SecurityEntry>) => SecuritySetting;
}

const SAMPLE = 10_000;
const quick = { explain: false } as const;
const explained = { explain: true } as const;

async function contenders(
  spec: WorldSpec,
  versions: readonly Version[],
  messagesMayDiffer: boolean,
): Promise<Contender[]> {
  const world = generateWorld(spec);
  applyDenies(world, 0.1);
  const index = indexWorld(world);
  return withWorldDb(world, log, async (db) => {
    const checks = sampleChecks(index, SAMPLE, spec.seed + 99);
    const prepared = prepareOurs(await loadOurFacts(db, checks), checks);
    const actions = prepared.map((p) => p.action);
    const subjects = prepared.map((p) => p.subject);
    const sides = versions.map((version) => {
      const settings = new Map<SecuritySetting, SecuritySetting>();
      const items = new Map<ItemSecurityFacts, ItemSecurityFacts>();
      const resources = prepared.map(({ resource: { project, item } }) => {
        let copy = items.get(item);
        if (!copy) {
          const from = item.governing;
          let governing = from ? settings.get(from) : null;
          if (from && !governing)
            settings.set(from, (governing = new version.Setting(from.itemId, from.itemKey, from.entries)));
          items.set(item, (copy = { itemId: item.itemId, itemKey: item.itemKey, governing: governing ?? null }));
        }
        return { project, item: copy };
      });
      // As in bench:authz: every check explained once before timing, so the explanations' memos exist. The explanation
      // is asked for explicitly: before issue 12 it was decide's default, since then the fast path is.
      for (let k = 0; k < SAMPLE; k++) version.decide(actions[k], subjects[k], resources[k], explained);
      return { version, resources };
    });
    for (let k = 0; k < SAMPLE; k++) {
      const [a, b] = sides.map((s) => s.version.decide(actions[k], subjects[k], s.resources[k], explained));
      if (
        a.allowed !== b.allowed ||
        a.hidden !== b.hidden ||
        a.deciding.code !== b.deciding.code ||
        (!messagesMayDiffer && a.deciding.message !== b.deciding.message)
      ) {
        throw new Error(
          `${spec.name} world, check ${k}: ${versions[0].name} says ${a.allowed} (${a.deciding.message}), ${versions[1].name} says ${b.allowed} (${b.deciding.message})`,
        );
      }
    }
    log(`${spec.name}: both versions agree on all ${SAMPLE} checks`);
    return sides.flatMap(({ version, resources }): Contender[] => [
      {
        name: `${spec.name} ${version.name}: check`,
        n: SAMPLE,
        minMs: 150,
        check: (k) => version.decide(actions[k], subjects[k], resources[k], quick).allowed,
      },
      {
        name: `${spec.name} ${version.name}: explained`,
        n: SAMPLE,
        minMs: 150,
        check: (k) => version.decide(actions[k], subjects[k], resources[k], explained).allowed,
      },
    ]);
  });
}

const pairedMedian = (a: Cost, b: Cost) => median(roundRatios(a, b));

export async function runAb(
  versions: readonly [Version, Version],
  rounds: number,
  messagesMayDiffer: boolean,
): Promise<void> {
  const small = await contenders(SMALL, versions, messagesMayDiffer);
  const large = await contenders(LARGE, versions, messagesMayDiffer);
  const gauge = memoryGauge(8 << 20, 10);
  const times = timeContenders([...small, gauge, ...large], rounds, log, forcedGc());
  const cost = (c: Contender) => times.get(c.name)!;
  const out = [
    `gauge, ns per dependent read over 8 MB, round by round: ${cost(gauge)
      .rounds.map((ns) => (ns / 10).toFixed(0))
      .join(' ')}`,
  ];
  out.push(
    `${'version: path'.padEnd(40)}${'small'.padStart(10)}${'large'.padStart(10)}  large/small (median of rounds)`,
  );
  for (let i = 0; i < small.length; i++) {
    const [s, l] = [cost(small[i]), cost(large[i])];
    out.push(
      `${small[i].name.slice(6).padEnd(40)}${fmtNs(s.cpu).padStart(10)}${fmtNs(l.cpu).padStart(10)}  ${pairedMedian(l, s).toFixed(2)}`,
    );
  }
  // Contenders come as [check, explained] per version: the explained path over the check path, and new over old.
  for (const [i, version] of versions.entries())
    out.push(
      `${version.name}: explained / check on the large world ${pairedMedian(cost(large[2 * i + 1]), cost(large[2 * i])).toFixed(2)}`,
    );
  const newOverOld = (j: number) => ({
    small: Number(pairedMedian(cost(small[2 + j]), cost(small[j])).toFixed(3)),
    large: Number(pairedMedian(cost(large[2 + j]), cost(large[j])).toFixed(3)),
  });
  const [check, explained] = [newOverOld(0), newOverOld(1)];
  for (const [path, ratio] of Object.entries({ check, explained }))
    out.push(`${versions[1].name} / ${versions[0].name}, ${path}: small ${ratio.small}, large ${ratio.large}`);
  // Last line, JSON: the new version's cost over the old one's on each path (1.05 is 5% slower).
  out.push(JSON.stringify({ base: versions[0].name, rounds: cost(small[0]).rounds.length, check, explained }));
  process.stdout.write(`${out.join('\n')}\n`);
}
