import { listPoolSamples, type AtlasDb } from '@atlas/db';
import { runSelection, type SelectionResources } from '../src/index.ts';
import { BENCH_METHODS, type BenchMethod } from './bench-methods.ts';
import type { BenchmarkTask } from './benchmark-tasks.ts';

export interface PrecisionRow {
  task: string;
  method: string;
  seed: number;
  precision: number;
  /** The selected sample ids (best first). */
  selected: number[];
  seconds: number;
}

/** Category of every pool sample, by sample id (from the metadata the import kept). */
export async function poolCategories(db: AtlasDb, poolId: string): Promise<Map<number, string>> {
  const categories = new Map<number, string>();
  let after: number | null = null;
  for (;;) {
    const page = await listPoolSamples(db, { poolId, afterPosition: after, limit: 10_000 });
    if (page.length === 0) return categories;
    for (const sample of page) categories.set(sample.id, String(sample.metadata?.category));
    after = page.at(-1)!.position;
  }
}

/** Every method on every task and seed: the share of the selected 5% that is of the task's category. */
export async function precisionAtK(
  db: AtlasDb,
  args: { poolId: string; tasks: BenchmarkTask[]; seeds: number; ratio: number; resources: (method: BenchMethod) => SelectionResources; log: (line: string) => void },
): Promise<PrecisionRow[]> {
  const categories = await poolCategories(db, args.poolId);
  const rows: PrecisionRow[] = [];
  for (const task of args.tasks) {
    for (let seed = 0; seed < args.seeds; seed++) {
      for (const method of BENCH_METHODS) {
        const result = await runSelection(db, {
          poolId: args.poolId, targets: { texts: task.targetsBySeed[seed]! }, ratio: args.ratio, seed, resources: args.resources(method), ...method.options,
        });
        const selected = result.items.map((item) => item.sampleId);
        const precision = selected.filter((id) => categories.get(id) === task.category).length / selected.length;
        rows.push({ task: task.name, method: method.label, seed, precision, selected, seconds: result.stats.seconds ?? 0 });
        args.log(`  ${task.name} · seed ${seed} · ${method.label}: P@${selected.length} ${precision.toFixed(3)} (${(result.stats.seconds ?? 0).toFixed(1)} s)`);
      }
    }
  }
  return rows;
}
