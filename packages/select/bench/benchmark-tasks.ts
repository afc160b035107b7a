import { mulberry32 } from '@atlas/random';
import { mobyDickPassages, sotuPassages, wordnetGlosses, type LabelledText } from './labelled-text.ts';

/** One target task: its category, the target examples per seed (≤ 100 each) and held-out examples for the loss. */
export interface BenchmarkTask {
  name: string;
  category: string;
  targetsBySeed: string[][];
  heldOut: string[];
}

export interface BenchmarkData {
  pool: LabelledText[];
  tasks: BenchmarkTask[];
}

export interface BenchmarkShape {
  /** Pool samples of each task's category (at least the 5% selected, so precision 1 is reachable). */
  perTask: number;
  /** Distractors: glosses of other WordNet categories, middle-era SOTU, Moby-Dick. */
  otherGlosses: number;
  otherSotu: number;
  mobyDick: number;
  targets: number;
  heldOut: number;
  seeds: number;
}

export const DEFAULT_SHAPE: BenchmarkShape = { perTask: 400, otherGlosses: 1500, otherSotu: 500, mobyDick: 500, targets: 100, heldOut: 100, seeds: 3 };

const TASKS = [
  ['animals (WordNet noun.animal)', 'wordnet:noun.animal'],
  ['food (WordNet noun.food)', 'wordnet:noun.food'],
  ['plants (WordNet noun.plant)', 'wordnet:noun.plant'],
  ['the body (WordNet noun.body)', 'wordnet:noun.body'],
  ['motion verbs (WordNet verb.motion)', 'wordnet:verb.motion'],
  ['early SOTU (1790–1860)', 'sotu:1790-1860'],
  ['modern SOTU (1981–2021)', 'sotu:1981-2021'],
] as const;

/**
 * One mixed pool and the target tasks over it, all from bundled labelled text: per task, pool
 * samples, disjoint target sets per seed and held-out examples never in the pool or a target
 * set. Deterministic (seeded shuffles).
 */
export async function benchmarkData(shape: BenchmarkShape = DEFAULT_SHAPE): Promise<BenchmarkData> {
  const all = [...(await wordnetGlosses()), ...(await sotuPassages()), ...(await mobyDickPassages())];
  const byCategory = new Map<string, LabelledText[]>();
  for (const item of all) {
    const list = byCategory.get(item.category) ?? [];
    list.push(item);
    byCategory.set(item.category, list);
  }
  const random = mulberry32(2024);
  for (const list of byCategory.values()) shuffle(list, random);
  const pool: LabelledText[] = [];
  const tasks: BenchmarkTask[] = TASKS.map(([name, category]) => {
    const items = byCategory.get(category)!;
    const needed = shape.perTask + shape.targets * shape.seeds + shape.heldOut;
    if (items.length < needed) throw new Error(`${category} has ${items.length} texts; the benchmark needs ${needed}.`);
    pool.push(...items.slice(0, shape.perTask));
    const targetsBySeed = Array.from({ length: shape.seeds }, (_, seed) =>
      items.slice(shape.perTask + seed * shape.targets, shape.perTask + (seed + 1) * shape.targets).map((item) => item.text));
    const heldOut = items.slice(shape.perTask + shape.seeds * shape.targets, needed).map((item) => item.text);
    return { name, category, targetsBySeed, heldOut };
  });
  const taskCategories = new Set<string>(TASKS.map(([, category]) => category));
  const otherGlosses = shuffle(all.filter((item) => item.category.startsWith('wordnet:') && !taskCategories.has(item.category)), random);
  pool.push(...otherGlosses.slice(0, shape.otherGlosses));
  pool.push(...byCategory.get('sotu:1861-1980')!.slice(0, shape.otherSotu));
  pool.push(...byCategory.get('moby-dick')!.slice(0, shape.mobyDick));
  return { pool: shuffle(pool, random), tasks };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
